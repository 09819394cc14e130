"""Recognition as official takes the admission's route after the cell's resolution (Quy định
24/232/294 mục 4; HD 12-HD/BTCTW forms 13-KNĐ to 15-KNĐ): pure rules."""

import datetime as dt

import pytest

from dangvu.common.rulesets import rules_for
from dangvu.members.rulesets.lifecycle import LIFECYCLE, RECOGNITION_STEPS, AdmissionRoute

D = dt.date
RULES = rules_for(LIFECYCLE, D(2025, 6, 2))  # Quy định 232-QĐ/TW; HD 12-HD/BTCTW
CELL, REVIEW, GRASSROOTS, DECISION = (
    "recognition_proposed_on", "recognition_reviewed_on", "recognition_grassroots_on",
    "official_decision_date",
)  # fmt: skip
IN_GRASSROOTS = AdmissionRoute(in_grassroots_committee=True)
AUTHORISED = AdmissionRoute(in_grassroots_committee=True, grassroots_authorised=True)
IN_SUB = AdmissionRoute(in_sub_committee=True, in_grassroots_committee=True)
CITED = "(Quy định 232-QĐ/TW; HD 12-HD/BTCTW)."


@pytest.mark.parametrize(
    ("route", "steps"),
    [
        (AdmissionRoute(), (CELL, DECISION)),  # a chi bộ cơ sở: straight up
        (IN_GRASSROOTS, (CELL, GRASSROOTS, DECISION)),  # 15-KNĐ, the upper committee decides
        (AUTHORISED, (CELL, DECISION)),  # the đảng ủy cơ sở decides itself
        (IN_SUB, (CELL, REVIEW, GRASSROOTS, DECISION)),  # 14-KNĐ first
        (AdmissionRoute(in_sub_committee=True, in_grassroots_committee=True,
                        grassroots_authorised=True), (CELL, REVIEW, DECISION)),
    ],
)  # fmt: skip
def test_recognition_takes_the_admissions_route(
    route: AdmissionRoute, steps: tuple[str, ...]
) -> None:
    assert RULES.steps_after_cell(route, RECOGNITION_STEPS) == steps


@pytest.mark.parametrize(
    ("route", "dates", "step", "on", "expected"),
    [
        (IN_SUB, {CELL: D(2025, 6, 2)}, GRASSROOTS, D(2025, 6, 20), [
            "Chi bộ trực thuộc đảng bộ bộ phận: cần báo cáo thẩm định của đảng ủy bộ phận "
            "(14-KNĐ) trước nghị quyết đảng ủy cơ sở đề nghị công nhận chính thức (15-KNĐ) "
            + CITED,
        ]),
        (IN_GRASSROOTS, {CELL: D(2025, 6, 2)}, DECISION, D(2025, 6, 20), [
            "Chi bộ trực thuộc đảng bộ cơ sở: cần nghị quyết của đảng ủy cơ sở đề nghị công "
            "nhận chính thức (15-KNĐ) trước quyết định công nhận đảng viên chính thức " + CITED,
        ]),
        (IN_GRASSROOTS, {CELL: D(2025, 6, 2)}, GRASSROOTS, D(2025, 6, 1), [
            "Ngày nghị quyết đảng ủy cơ sở đề nghị công nhận chính thức (15-KNĐ) (01/06/2025) "
            "không được trước ngày nghị quyết chi bộ đề nghị công nhận chính thức (13-KNĐ) "
            "(02/06/2025) " + CITED,
        ]),
        (IN_GRASSROOTS, {CELL: D(2025, 6, 2), GRASSROOTS: D(2025, 6, 2)}, DECISION,
         D(2025, 6, 2), []),
        (AUTHORISED, {CELL: D(2025, 6, 2)}, GRASSROOTS, D(2025, 6, 10), [
            "Đảng ủy cơ sở được ủy quyền kết nạp đảng viên tự quyết định công nhận đảng viên "
            "chính thức; không có bước nghị quyết đề nghị cấp trên " + CITED,
        ]),
    ],
)  # fmt: skip
def test_a_recognition_step_waits_for_those_before_it_with_the_forms_named(
    route: AdmissionRoute,
    dates: dict[str, dt.date],
    step: str,
    on: dt.date,
    expected: list[str],
) -> None:
    assert RULES.after_cell_messages(route, dates, step, on, RECOGNITION_STEPS) == expected
