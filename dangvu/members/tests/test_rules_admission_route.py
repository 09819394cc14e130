"""Who takes up an admission after the cell's resolution (Quy định 29/24/232/294 mục 3–4,
mục 4.3.2 on who decides; HD 12-HD/BTCTW forms 6-KNĐ to 9-KNĐ): pure rules."""

import datetime as dt

import pytest

from dangvu.common.rulesets import rules_for
from dangvu.members.rulesets.lifecycle import LIFECYCLE, AdmissionRoute

D = dt.date
RULES = rules_for(LIFECYCLE, D(2025, 6, 2))  # Quy định 232-QĐ/TW; HD 12-HD/BTCTW
CELL, REVIEW, GRASSROOTS, DECISION = (
    "cell_resolution_date", "sub_committee_review_date", "grassroots_resolution_date",
    "decision_date",
)  # fmt: skip


@pytest.mark.parametrize(
    ("route", "steps", "grassroots_decides"),
    [
        # A chi bộ cơ sở: straight to the upper committee.
        (AdmissionRoute(), (CELL, DECISION), False),
        # A chi bộ trực thuộc đảng bộ cơ sở: the đảng ủy resolves (8-KNĐ), the upper decides.
        (AdmissionRoute(in_grassroots_committee=True), (CELL, GRASSROOTS, DECISION), False),
        # Its đảng ủy authorised to admit: it decides itself, no 8-KNĐ.
        (AdmissionRoute(in_grassroots_committee=True, grassroots_authorised=True),
         (CELL, DECISION), True),
        # Inside a đảng bộ bộ phận: its review (7-KNĐ) first; it never decides.
        (AdmissionRoute(in_sub_committee=True, in_grassroots_committee=True),
         (CELL, REVIEW, GRASSROOTS, DECISION), False),
        (AdmissionRoute(in_sub_committee=True, in_grassroots_committee=True,
                        grassroots_authorised=True), (CELL, REVIEW, DECISION), True),
    ],
)  # fmt: skip
def test_the_steps_after_the_cell_and_who_decides_follow_the_route(
    route: AdmissionRoute, steps: tuple[str, ...], grassroots_decides: bool
) -> None:
    assert RULES.steps_after_cell(route) == steps
    assert RULES.grassroots_decides(route) is grassroots_decides


IN_SUB = AdmissionRoute(in_sub_committee=True, in_grassroots_committee=True)
AUTHORISED = AdmissionRoute(in_grassroots_committee=True, grassroots_authorised=True)
CITED = "(Quy định 232-QĐ/TW; HD 12-HD/BTCTW)"


@pytest.mark.parametrize(
    ("route", "dates", "step", "on", "expected"),
    [
        (IN_SUB, {CELL: D(2025, 6, 2)}, GRASSROOTS, D(2025, 6, 20), [
            "Chi bộ trực thuộc đảng bộ bộ phận: cần báo cáo thẩm định của đảng ủy bộ phận "
            "(7-KNĐ) trước nghị quyết đảng ủy cơ sở đề nghị kết nạp (8-KNĐ) " + CITED + ".",
        ]),
        (IN_SUB, {CELL: D(2025, 6, 2)}, REVIEW, D(2025, 6, 1), [
            "Ngày báo cáo thẩm định của đảng ủy bộ phận (7-KNĐ) (01/06/2025) không được "
            "trước ngày nghị quyết chi bộ đề nghị kết nạp (6-KNĐ) (02/06/2025) " + CITED + ".",
        ]),
        (IN_SUB, {CELL: D(2025, 6, 2), REVIEW: D(2025, 6, 10)}, GRASSROOTS, D(2025, 6, 9), [
            "Ngày nghị quyết đảng ủy cơ sở đề nghị kết nạp (8-KNĐ) (09/06/2025) không được "
            "trước ngày báo cáo thẩm định của đảng ủy bộ phận (7-KNĐ) (10/06/2025) "
            + CITED + ".",
        ]),
        (IN_SUB, {CELL: D(2025, 6, 2), REVIEW: D(2025, 6, 10)}, GRASSROOTS, D(2025, 6, 10), []),
        (AUTHORISED, {CELL: D(2025, 6, 2)}, GRASSROOTS, D(2025, 6, 10), [
            "Đảng ủy cơ sở được ủy quyền kết nạp đảng viên tự quyết định kết nạp; không có "
            "bước nghị quyết đề nghị cấp trên " + CITED + ".",
        ]),
        (AUTHORISED, {CELL: D(2025, 6, 2)}, DECISION, D(2025, 6, 10), []),
        (AdmissionRoute(), {CELL: D(2025, 6, 2)}, REVIEW, D(2025, 6, 10), [
            "Chi bộ không trực thuộc đảng bộ bộ phận; không có bước thẩm định của đảng ủy bộ "
            "phận " + CITED + ".",
        ]),
    ],
)  # fmt: skip
def test_a_step_after_the_cell_waits_for_those_before_it_with_the_regulation_cited(
    route: AdmissionRoute,
    dates: dict[str, dt.date],
    step: str,
    on: dt.date,
    expected: list[str],
) -> None:
    assert RULES.after_cell_messages(route, dates, step, on) == expected
