"""The member lifecycle's rule sets and state machine. Every number of the rule set is pinned
on both sides: the due date it gives, or the last day that passes and the first that fails."""

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvu.common.months import add_months, age_in_months
from dangvu.common.rulesets import NoRuleSet, rules_for
from dangvu.common.workdays import default_calendar
from dangvu.members import lifecycle
from dangvu.members.lifecycle import IllegalTransition
from dangvu.members.models import LifecycleState as S
from dangvu.members.rulesets.lifecycle import LIFECYCLE, CandidateFacts, LifecycleRules

D = dt.date
CAL = default_calendar()
RULES = rules_for(LIFECYCLE, D(2025, 10, 1))
CELL_DAY = D(2025, 10, 1)


def _facts(**changes: object) -> CandidateFacts:
    values: dict[str, object] = {
        "birth_date": D(1998, 3, 7), "awareness_class_date": D(2024, 5, 1),
        "application_date": D(2025, 6, 1), "biography_date": D(2025, 6, 15),
        "biography_verified_date": D(2025, 9, 1),
        "youth_union_resolution_date": None, "official_introducers": 2,
        "introducers_months_together": 18, "mass_org_comments_date": D(2025, 9, 20),
        "age_exception_authority": "",
    }  # fmt: skip
    values.update(changes)
    return CandidateFacts(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "problems"),
    [
        ({}, []),
        ({"awareness_class_date": None}, ["NO_AWARENESS_CLASS"]),
        ({"application_date": None}, ["NO_APPLICATION"]),
        ({"biography_verified_date": None}, ["BIOGRAPHY_NOT_VERIFIED"]),
        ({"mass_org_comments_date": None}, ["NO_COMMENTS"]),
        ({"birth_date": D(1965, 1, 1), "age_exception_authority": "CV 12-CV/TU"}, []),
    ],
)
def test_what_the_cell_checks_before_resolving(
    changes: dict[str, object], problems: list[str]
) -> None:
    assert RULES.admission_problems(_facts(**changes), CELL_DAY) == problems


@pytest.mark.parametrize(
    ("changes", "problems"),
    [
        # Verified in person: the conclusion alone.
        ({}, []),
        # Requests name where they went, and the conclusion waits for their replies.
        ({"biography_check_sent_to": "Đảng ủy xã Quảng Phú", "biography_check_sent_date":
          D(2025, 7, 1), "biography_check_replied_date": D(2025, 8, 20)}, []),
        ({"biography_check_sent_date": D(2025, 7, 1), "biography_check_replied_date":
          D(2025, 8, 20)}, ["BIOGRAPHY_CHECK_RECIPIENT"]),
        ({"biography_check_sent_to": "Đảng ủy xã Quảng Phú", "biography_check_sent_date":
          D(2025, 7, 1)}, ["BIOGRAPHY_REPLIES_PENDING"]),
        ({"biography_check_replied_date": D(2025, 8, 20)}, ["BIOGRAPHY_REPLY_WITHOUT_REQUEST"]),
        ({"biography_check_sent_to": "Đảng ủy xã Quảng Phú", "biography_check_sent_date":
          D(2025, 7, 1), "biography_verified_date": None},
         ["BIOGRAPHY_NOT_VERIFIED", "BIOGRAPHY_REPLIES_PENDING"]),
    ],
)  # fmt: skip
def test_the_verification_of_the_biography_is_complete_before_the_cell_resolves(
    changes: dict[str, object], problems: list[str]
) -> None:
    assert RULES.admission_problems(_facts(**changes), CELL_DAY) == problems


def test_the_replies_to_a_verification_are_due_30_working_days_after_it_is_sent() -> None:
    """A setting (LOW): no deadline for replies was read in HD 01-HD/TW mục 3.4."""
    assert RULES.biography_reply_due(START, CAL) == D(2025, 10, 20)
    assert RULES.biography_reply_days == 30


@pytest.mark.parametrize(
    ("changes", "problems"),
    [
        # đủ 18 tuổi, counted in months: 18 years on the cell's day passes, a day short fails.
        ({"birth_date": D(2007, 10, 1)}, []),
        ({"birth_date": D(2007, 10, 2)}, ["UNDER_AGE"]),
        # đủ 60 tuổi: 720 completed months pass, 721 need the competent authority.
        ({"birth_date": D(1965, 9, 2)}, []),
        ({"birth_date": D(1965, 9, 1)}, ["OVER_AGE"]),
        # The awareness certificate lasts 5 years to the day.
        ({"awareness_class_date": D(2020, 10, 1)}, []),
        ({"awareness_class_date": D(2020, 9, 30)}, ["AWARENESS_CLASS_EXPIRED"]),
        # Two official introducers, or the Youth Union's resolution and one.
        ({"official_introducers": 1}, ["INTRODUCERS"]),
        ({"official_introducers": 1, "youth_union_resolution_date": D(2025, 9, 1)}, []),
        ({"official_introducers": 0, "youth_union_resolution_date": D(2025, 9, 1)},
         ["INTRODUCERS"]),
        # Introducers worked with the candidate at least 12 months.
        ({"introducers_months_together": 12}, []),
        ({"introducers_months_together": 11}, ["INTRODUCERS_TOO_RECENT"]),
        ({"introducers_months_together": None}, ["INTRODUCERS_TOO_RECENT"]),
        # A file older than 12 months from its application is made again (setting, LOW).
        ({"application_date": D(2024, 10, 1), "biography_date": D(2024, 11, 1)}, []),
        ({"application_date": D(2024, 9, 30), "biography_date": D(2024, 11, 1)},
         ["DOSSIER_EXPIRED"]),
    ],
)  # fmt: skip
def test_admission_numbers_on_both_sides(changes: dict[str, object], problems: list[str]) -> None:
    assert RULES.admission_problems(_facts(**changes), CELL_DAY) == problems


@pytest.mark.parametrize(
    ("changes", "out_of_order"),
    [
        ({}, []),
        # Each step on or after the one before it; the same day is in order.
        ({"biography_date": D(2025, 6, 1)}, []),
        ({"application_date": D(2024, 4, 30)},
         [("giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng", "đơn xin vào Đảng")]),
        ({"biography_date": D(2025, 5, 31)}, [("đơn xin vào Đảng", "lý lịch")]),
        ({"biography_verified_date": D(2025, 6, 14)}, [("lý lịch", "kết luận thẩm tra lý lịch")]),
        # The verification: requests after the biography, replies after the requests, the
        # conclusion after the replies (HD 01-HD/TW 2021 mục 3.4).
        ({"biography_check_sent_date": D(2025, 6, 15),
          "biography_check_replied_date": D(2025, 9, 1)}, []),
        ({"biography_check_sent_date": D(2025, 6, 14)},
         [("lý lịch", "gửi đề nghị thẩm tra lý lịch")]),
        ({"biography_check_sent_date": D(2025, 7, 1),
          "biography_check_replied_date": D(2025, 6, 30)},
         [("gửi đề nghị thẩm tra lý lịch", "nhận đủ trả lời thẩm tra lý lịch")]),
        ({"biography_check_sent_date": D(2025, 7, 1),
          "biography_check_replied_date": D(2025, 9, 2)},
         [("nhận đủ trả lời thẩm tra lý lịch", "kết luận thẩm tra lý lịch")]),
        # The Youth Union's resolution and the comments come after the application.
        ({"youth_union_resolution_date": D(2025, 6, 1)}, []),  # the same day is in order
        ({"youth_union_resolution_date": D(2025, 5, 31)},
         [("đơn xin vào Đảng", "nghị quyết giới thiệu của Đoàn (Công đoàn)")]),
        ({"mass_org_comments_date": D(2025, 5, 31)},
         [("đơn xin vào Đảng", "ý kiến nhận xét của đoàn thể, nơi cư trú")]),
        # Nothing after the cell's resolution (the cell's day itself is in order).
        ({"mass_org_comments_date": CELL_DAY}, []),
        ({"mass_org_comments_date": D(2025, 10, 2)},
         [("ý kiến nhận xét của đoàn thể, nơi cư trú", "nghị quyết chi bộ")]),
    ],
)  # fmt: skip
def test_the_steps_of_an_admission_come_in_order(
    changes: dict[str, object], out_of_order: list[tuple[str, str]]
) -> None:
    messages = RULES.step_order_messages(_facts(**changes), CELL_DAY)

    assert len(messages) == len(out_of_order)
    for message, (earlier, later) in zip(messages, out_of_order, strict=True):
        assert message.startswith(f"Ngày {later} (")
        assert f"không được trước ngày {earlier} (" in message
        assert message.endswith("(Quy định 294-QĐ/TW; HD 06-HD/TW).")  # the period's texts


# A Monday with no holiday for 13 weeks: N working days later is plain to count by hand.
START = D(2025, 9, 8)
Deadline = Callable[[LifecycleRules, dt.date], dt.date]


@pytest.mark.parametrize(
    ("deadline", "due"),
    [
        (lambda r, d: r.admission_decision_due(d, 0, CAL), D(2025, 12, 1)),  # 60 days
        (lambda r, d: r.admission_decision_due(d, 30, CAL), D(2026, 1, 13)),  # 60 + 30
        (lambda r, d: r.ceremony_due(d, CAL), D(2025, 10, 20)),  # 30
        (lambda r, d: r.recognition_cell_due(d, CAL), D(2025, 10, 20)),  # 30
        (lambda r, d: r.recognition_decision_due(d, CAL), D(2025, 10, 20)),  # 30
        (lambda r, d: r.transfer_letter_due(d, CAL), D(2025, 12, 1)),  # 60
        (lambda r, d: r.transfer_present_due(d, CAL), D(2025, 10, 20)),  # 30
    ],
    ids=["decision", "decision-extended", "ceremony", "recognition-cell",
         "recognition-decision", "transfer-letter", "presentation"],
)  # fmt: skip
def test_each_deadline_is_exactly_its_working_days_after_its_start(
    deadline: Deadline, due: D
) -> None:
    # 30 working days after 08/09/2025 is Monday 20/10; 29 would be Friday 17/10 and 31
    # Tuesday 21/10. 60 is Monday 01/12 (28/11 and 02/12 for 59 and 61).
    assert deadline(RULES, START) == due


def test_an_extension_beyond_the_limit_is_refused() -> None:
    assert RULES.extension_allowed(30)
    assert not RULES.extension_allowed(31)
    assert not RULES.extension_allowed(-1)
    with pytest.raises(ValueError, match="0–30"):
        RULES.admission_decision_due(START, 31, CAL)


@pytest.mark.parametrize(
    ("resolution", "extension", "due"),
    [
        (D(2025, 1, 20), 0, D(2025, 4, 22)),  # across Tết and the Hùng Kings day
        (D(2025, 1, 20), 30, D(2025, 6, 5)),
    ],
)
def test_admission_decision_due_across_holidays(resolution: D, extension: int, due: D) -> None:
    rules = rules_for(LIFECYCLE, resolution)

    assert rules.admission_decision_due(resolution, extension, CAL) == due


def test_probation_ends_exactly_twelve_months_after_the_ceremony() -> None:
    assert RULES.probation_end(D(2024, 10, 1)) == D(2025, 10, 1)
    assert RULES.probation_end(D(2024, 2, 29)) == D(2025, 2, 28)


@pytest.mark.parametrize(
    ("study", "back", "problem"),
    [
        # Work: from 3 months to under 1 year.
        (False, D(2025, 4, 9), "TOO_SHORT"),
        (False, D(2025, 4, 10), None),
        (False, D(2026, 1, 9), None),
        (False, D(2026, 1, 10), "TOO_LONG"),
        # Study: from 3 months to 2 years, both included.
        (True, D(2025, 4, 9), "TOO_SHORT"),
        (True, D(2025, 4, 10), None),
        (True, D(2027, 1, 10), None),
        (True, D(2027, 1, 11), "TOO_LONG"),
    ],
)
def test_temporary_transfer_periods(study: bool, back: D, problem: str | None) -> None:
    found = RULES.temporary_period_problem(study=study, start=D(2025, 1, 10), expected_return=back)

    assert found == problem


@pytest.mark.parametrize(
    ("code", "values", "sentence"),
    [
        ("UNDER_AGE", {}, "Người xin vào Đảng chưa đủ 18 tuổi (tính theo tháng) vào ngày "
                          "chi bộ xét."),
        ("OVER_AGE", {}, "Người xin vào Đảng đã quá 60 tuổi; cần văn bản của cấp có thẩm quyền."),
        ("AWARENESS_CLASS_EXPIRED", {},
         "Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng đã quá 5 năm "
         "(Quy định 294-QĐ/TW; HD 06-HD/TW)."),
        ("INTRODUCERS", {}, "Cần 2 đảng viên chính thức giới thiệu, hoặc nghị quyết giới thiệu "
                            "của Đoàn (Công đoàn) và 1 đảng viên chính thức "
                            "(Quy định 294-QĐ/TW; HD 06-HD/TW)."),
        ("INTRODUCERS_TOO_RECENT", {}, "Người giới thiệu phải cùng công tác ít nhất 12 tháng "
                                       "(Quy định 294-QĐ/TW; HD 06-HD/TW)."),
        ("BIOGRAPHY_REPLIES_PENDING", {}, "Chưa nhận đủ trả lời thẩm tra lý lịch, chưa kết luận "
                                          "được (Quy định 294-QĐ/TW; HD 06-HD/TW)."),
        ("BIOGRAPHY_NOT_VERIFIED", {}, "Lý lịch chưa được cấp ủy cơ sở thẩm tra, kết luận "
                                       "(Quy định 294-QĐ/TW; HD 06-HD/TW)."),
        ("EXTENSION_TOO_LONG", {}, "Chỉ gia hạn một lần, tối đa 30 ngày làm việc."),
        ("PROBATION_NOT_OVER", {"date": "19/05/2026"}, "Chưa hết 12 tháng dự bị (đến 19/05/2026)."),
        ("TEMPORARY_PERIOD", {}, "Sinh hoạt tạm thời: đi công tác từ 3 tháng đến dưới 1 năm, "
                                 "đi học từ 3 tháng đến 2 năm."),
    ],
)  # fmt: skip
def test_messages_state_the_numbers_of_the_rule_set(
    code: str, values: dict[str, object], sentence: str
) -> None:
    assert RULES.message(code, **values) == sentence


def test_a_changed_number_changes_its_message_and_its_rule() -> None:
    longer = dataclasses.replace(RULES, probation_months=18, temporary_work_under_months=18)

    assert longer.message("PROBATION_NOT_OVER", date="x") == "Chưa hết 18 tháng dự bị (đến x)."
    assert "đến dưới 18 tháng" in longer.message("TEMPORARY_PERIOD")
    assert longer.probation_end(D(2025, 1, 10)) == D(2026, 7, 10)


def test_removal_grounds_state_their_numbers() -> None:
    assert RULES.removal_ground("NO_ACTIVITY_OR_DUES") == (
        "Bỏ sinh hoạt hoặc không đóng đảng phí 3 tháng trong năm không có lý do chính đáng"
    )
    assert RULES.removal_ground("NO_PROGRESS") == "Không tiến bộ sau 12 tháng chi bộ giúp đỡ"
    assert RULES.removal_ground("STANDARDS_TWO_YEARS") == "Vi phạm tư cách đảng viên 2 năm liền"


@pytest.mark.parametrize(
    ("day", "regulation"),
    [
        (D(1930, 2, 3), "Điều lệ Đảng; các quy định thi hành trước Quy định 29-QĐ/TW"),
        (D(2016, 7, 24), "Điều lệ Đảng; các quy định thi hành trước Quy định 29-QĐ/TW"),
        (D(2016, 7, 25), "Quy định 29-QĐ/TW; HD 09-HD/BTCTW"),
        (D(2021, 7, 29), "Quy định 29-QĐ/TW; HD 09-HD/BTCTW"),
        (D(2021, 7, 30), "Quy định 24-QĐ/TW; HD 12-HD/BTCTW"),
        (D(2025, 1, 19), "Quy định 24-QĐ/TW; HD 12-HD/BTCTW"),
        (D(2025, 1, 20), "Quy định 232-QĐ/TW; HD 12-HD/BTCTW"),
        (D(2025, 6, 30), "Quy định 232-QĐ/TW; HD 12-HD/BTCTW"),
        (D(2025, 7, 1), "Quy định 294-QĐ/TW; HD 06-HD/TW"),
    ],
)
def test_each_day_has_the_rules_of_its_regulation(day: D, regulation: str) -> None:
    assert rules_for(LIFECYCLE, day).regulation == regulation


def test_no_lifecycle_rules_before_the_partys_founding() -> None:
    with pytest.raises(NoRuleSet, match="03/02/1930"):
        rules_for(LIFECYCLE, D(1930, 2, 2))


@pytest.mark.parametrize(
    ("state", "action", "message"),
    [
        (
            S.IN_TRANSIT,
            "exempt",
            "Đảng viên đang chuyển sinh hoạt, không thể miễn công tác và sinh hoạt.",
        ),
        (
            S.IN_TRANSIT,
            "transfer_start",
            "Đảng viên đang chuyển sinh hoạt, không thể chuyển sinh hoạt đảng.",
        ),
        (
            S.EXITED,
            "recognize",
            "Đảng viên đã ra khỏi danh sách, không thể công nhận đảng viên chính thức.",
        ),
        (S.AWAY, "move", "Đảng viên đang sinh hoạt tạm thời nơi khác, không thể chuyển chi bộ."),
    ],
)
def test_illegal_transitions_are_refused_in_vietnamese(
    state: str, action: str, message: str
) -> None:
    with pytest.raises(IllegalTransition) as refused:
        lifecycle.next_state(state, action)

    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("state", "action", "after"),
    [
        (S.ACTIVE, "edit", S.ACTIVE),  # an action that leads nowhere keeps the state
        (S.AWAY, "transfer_letter", S.AWAY),  # a temporary transfer's letter
        (S.IN_TRANSIT, "transfer_letter", S.IN_TRANSIT),
        (S.IN_TRANSIT, "remove", S.EXITED),  # the letter never presented
        (S.ACTIVE, "transfer_start", S.IN_TRANSIT),
        (S.AWAY, "temporary_return", S.ACTIVE),
    ],
)
def test_each_action_leads_where_the_table_says(state: str, action: str, after: str) -> None:
    assert lifecycle.next_state(state, action) == after


@pytest.mark.parametrize(
    ("state", "action", "after"),
    [
        ("OPEN", "propose", "PROPOSED"),
        ("PROPOSED", "review", "PROPOSED"),
        ("PROPOSED", "grassroots", "PROPOSED"),
        ("PROPOSED", "decide", "DECIDED"),
        ("DECIDED", "ceremony", "ADMITTED"),
        ("DECIDED", "close", "CLOSED"),
        ("OPEN", "decide", None),
        ("OPEN", "grassroots", None),
        ("OPEN", "review", None),
        ("ADMITTED", "close", None),
    ],
)
def test_an_admission_case_takes_its_steps_in_order(
    state: str, action: str, after: str | None
) -> None:
    if after is None:
        with pytest.raises(ValueError, match=f"{action} from {state}"):
            lifecycle.admission_next_state(state, action)
    else:
        assert lifecycle.admission_next_state(state, action) == after


def test_every_transition_starts_from_known_states_and_leads_to_one() -> None:
    for allowed, target in lifecycle.TRANSITIONS.values():
        assert allowed <= set(S.values)
        assert target is None or target in S.values


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 12, 31)))
def test_probation_is_always_exactly_its_months_after_the_ceremony(ceremony: D) -> None:
    rules = rules_for(LIFECYCLE, ceremony)
    end = rules.probation_end(ceremony)

    assert age_in_months(ceremony, end) == rules.probation_months
    assert end == add_months(ceremony, rules.probation_months)
    assert age_in_months(ceremony, end - dt.timedelta(days=1)) == rules.probation_months - 1


@given(st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 31)))
def test_every_deadline_lands_on_a_working_day_after_its_start(start: D) -> None:
    rules = rules_for(LIFECYCLE, start)
    for due in (rules.ceremony_due(start, CAL), rules.transfer_letter_due(start, CAL),
                rules.transfer_present_due(start, CAL)):  # fmt: skip
        assert due > start
        assert CAL.is_working_day(due)
