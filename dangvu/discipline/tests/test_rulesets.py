import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvu.common.months import add_months
from dangvu.common.rulesets import NoRuleSet, rules_for
from dangvu.discipline.rules import Body, Form, NoLimitGround, Standing
from dangvu.discipline.rulesets import DISCIPLINE

D = dt.date
F, S, B = Form, Standing, Body
RULES = rules_for(DISCIPLINE, D(2026, 6, 1))
DATES = st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 31))


@pytest.mark.parametrize(
    ("day", "regulation"),
    [
        (D(2021, 6, 1), "Quy định 102-QĐ/TW"),
        (D(2022, 7, 5), "Quy định 102-QĐ/TW"),
        (D(2022, 7, 6), "Quy định 69-QĐ/TW; Điều lệ"),
        (D(2025, 2, 13), "Quy định 69-QĐ/TW; Điều lệ"),
        (D(2025, 2, 14), "Quy định 69-QĐ/TW, sửa đổi bởi Quy định 264-QĐ/TW"),
    ],
)
def test_the_rules_of_the_decision_day(day: D, regulation: str) -> None:
    assert rules_for(DISCIPLINE, day).regulation.startswith(regulation)


def test_no_rules_before_102() -> None:
    with pytest.raises(NoRuleSet):
        rules_for(DISCIPLINE, D(2017, 11, 14))


@pytest.mark.parametrize(
    ("standing", "forms"),
    [
        # Quy định 69-QĐ/TW Điều 7; Điều lệ Điều 35.
        (S.OFFICIAL, {F.REPRIMAND, F.WARNING, F.DISMISSAL, F.EXPULSION}),
        (S.PROBATIONARY, {F.REPRIMAND, F.WARNING}),
        (S.ORGANIZATION, {F.REPRIMAND, F.WARNING, F.DISSOLUTION}),
    ],
)
def test_forms_by_standing(standing: str, forms: set[str]) -> None:
    assert set(RULES.allowed_forms(standing)) == forms


@pytest.mark.parametrize(
    ("body", "standing", "form", "allowed"),
    [
        # Điều lệ Điều 36: a cell gives its members khiển trách and cảnh cáo only.
        (B.CELL, S.OFFICIAL, F.REPRIMAND, True),
        (B.CELL, S.PROBATIONARY, F.WARNING, True),
        (B.CELL, S.OFFICIAL, F.DISMISSAL, False),
        (B.CELL, S.OFFICIAL, F.EXPULSION, False),
        (B.CELL, S.ORGANIZATION, F.REPRIMAND, False),
        (B.GRASSROOTS_COMMITTEE, S.OFFICIAL, F.DISMISSAL, True),
        (B.GRASSROOTS_COMMITTEE, S.OFFICIAL, F.EXPULSION, False),
        (B.GRASSROOTS_COMMITTEE, S.ORGANIZATION, F.WARNING, True),
        (B.GRASSROOTS_COMMITTEE, S.ORGANIZATION, F.DISSOLUTION, False),
        (B.UPPER_COMMISSION, S.OFFICIAL, F.EXPULSION, True),
        (B.UPPER_COMMISSION, S.ORGANIZATION, F.REPRIMAND, False),
        (B.UPPER_COMMITTEE, S.OFFICIAL, F.EXPULSION, True),
        (B.UPPER_COMMITTEE, S.ORGANIZATION, F.DISSOLUTION, True),
    ],
)
def test_competence(body: str, standing: str, form: str, allowed: bool) -> None:
    assert RULES.may_decide(body, standing, form) is allowed


@pytest.mark.parametrize(
    ("body", "standing", "form", "allowed"),
    [
        # Điều lệ Điều 36: "Đảng ủy cơ sở được ủy quyền quyết định kết nạp đảng viên thì
        # được quyết định khai trừ đảng viên"; a probationary member is never expelled.
        (B.GRASSROOTS_COMMITTEE, S.OFFICIAL, F.EXPULSION, True),
        (B.GRASSROOTS_COMMITTEE, S.PROBATIONARY, F.EXPULSION, False),
        (B.GRASSROOTS_COMMITTEE, S.ORGANIZATION, F.DISSOLUTION, False),
        (B.CELL, S.OFFICIAL, F.EXPULSION, False),
    ],
)
def test_competence_of_a_dang_uy_authorised_to_admit(
    body: str, standing: str, form: str, allowed: bool
) -> None:
    assert RULES.may_decide(body, standing, form, authorised=True) is allowed


def test_an_authorised_dang_uy_does_not_expel_its_own_members_or_the_upper_levels_cadres() -> None:
    # Điều lệ Điều 36: "... nhưng không phải là cấp ủy viên cùng cấp và đảng viên là cán bộ
    # thuộc diện cấp trên quản lý"; what it may do without the authorisation it still may.
    body, official = B.GRASSROOTS_COMMITTEE, S.OFFICIAL
    assert RULES.may_decide(body, official, F.EXPULSION, authorised=True, excepted=True) is False
    assert RULES.may_decide(body, official, F.WARNING, authorised=True, excepted=True) is True
    assert RULES.may_decide(B.UPPER_COMMITTEE, official, F.EXPULSION, excepted=True) is True

    problems = RULES.problems(standing=official, form=F.EXPULSION, body=body,
                              counted_from=D(2026, 1, 5), decided_on=D(2026, 3, 2),
                              authorised=True, excepted=True)  # fmt: skip
    assert "cấp ủy viên cùng cấp" in problems["body"]
    assert "Điều 36" in problems["body"]


@pytest.mark.parametrize(
    ("form", "violated_on", "decided_on", "within"),
    [
        # Quy định 69-QĐ/TW Điều 4: 5 years for khiển trách, 10 for cảnh cáo and cách chức.
        (F.REPRIMAND, D(2020, 3, 1), D(2025, 2, 28), True),
        (F.REPRIMAND, D(2020, 3, 1), D(2025, 3, 1), False),
        (F.WARNING, D(2016, 3, 1), D(2026, 2, 28), True),
        (F.WARNING, D(2016, 3, 1), D(2026, 3, 1), False),
        (F.DISMISSAL, D(2016, 3, 1), D(2026, 3, 2), False),
        (F.EXPULSION, D(1995, 1, 1), D(2026, 1, 1), True),
    ],
)
def test_statute_of_limitations(form: str, violated_on: D, decided_on: D, within: bool) -> None:
    assert RULES.within_statute(form, violated_on, decided_on) is within
    problems = RULES.problems(standing=S.OFFICIAL, form=form, body=B.UPPER_COMMITTEE,
                              counted_from=violated_on, decided_on=decided_on)  # fmt: skip
    assert ("violated_on" in problems) is not within
    if not within:
        assert "thời hiệu" in problems["violated_on"]


def test_listed_violations_have_no_statute() -> None:
    for ground in NoLimitGround.values:
        if ground:
            assert RULES.within_statute(F.REPRIMAND, D(1990, 1, 1), D(2026, 1, 1), ground)


@given(form=st.sampled_from([F.REPRIMAND, F.WARNING, F.DISMISSAL]), violated_on=DATES,
       days=st.integers(min_value=0, max_value=6000))  # fmt: skip
def test_a_form_is_allowed_exactly_within_its_years(form: str, violated_on: D, days: int) -> None:
    decided_on = violated_on + dt.timedelta(days=days)
    ends = add_months(violated_on, RULES.statute_months[form])
    assert RULES.within_statute(form, violated_on, decided_on) is (decided_on < ends)
    # A ground of Điều 4 lifts every limit.
    assert RULES.within_statute(form, violated_on, decided_on, NoLimitGround.SECURITY)


@given(
    body=st.sampled_from(list(Body)),
    standing=st.sampled_from(list(Standing)),
    form=st.sampled_from(list(Form)),
    violated_on=DATES,
    days=st.integers(min_value=0, max_value=5000),
)
def test_an_accepted_decision_keeps_every_rule(
    body: str, standing: str, form: str, violated_on: D, days: int
) -> None:
    decided_on = violated_on + dt.timedelta(days=days)
    problems = RULES.problems(standing=standing, form=form, body=body,
                              counted_from=violated_on, decided_on=decided_on)  # fmt: skip
    if not problems:
        assert form in RULES.allowed_forms(standing)
        assert RULES.may_decide(body, standing, form)
        assert RULES.within_statute(form, violated_on, decided_on)
    # A probationary member is never dismissed or expelled, by any body.
    if standing == S.PROBATIONARY and form in (F.DISMISSAL, F.EXPULSION):
        assert "form" in problems
    # A cell never decides more than cảnh cáo.
    if body == B.CELL and form not in (F.REPRIMAND, F.WARNING):
        assert problems


def test_a_violation_after_the_decision_is_refused() -> None:
    problems = RULES.problems(standing=S.OFFICIAL, form=F.REPRIMAND, body=B.CELL,
                              counted_from=D(2026, 2, 1), decided_on=D(2026, 1, 1))  # fmt: skip
    assert problems == {"violated_on": "Ngày vi phạm sau ngày quyết định kỷ luật."}


def test_messages_name_what_is_allowed() -> None:
    problems = RULES.problems(standing=S.PROBATIONARY, form=F.EXPULSION, body=B.CELL,
                              counted_from=D(2026, 1, 1), decided_on=D(2026, 2, 1))  # fmt: skip
    assert problems["form"] == "Đảng viên dự bị chỉ có thể bị kỷ luật: khiển trách, cảnh cáo."
    problems = RULES.problems(standing=S.OFFICIAL, form=F.EXPULSION, body=B.CELL,
                              counted_from=D(2026, 1, 1), decided_on=D(2026, 2, 1))  # fmt: skip
    assert "Chi bộ không có thẩm quyền" in problems["body"]


def test_appeal_within_a_month() -> None:
    assert RULES.appeal_deadline(D(2026, 1, 31)) == D(2026, 2, 28)
