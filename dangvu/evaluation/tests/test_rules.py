"""The evaluation rules of each period, as tables that cite the rule, and as properties."""

from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvu.common.rulesets import NoRuleSet
from dangvu.evaluation.rules import (
    DONE,
    EXCELLENT,
    FAILED,
    GOOD,
    LEVELS,
    MEMBER,
    ORG,
    Facts,
    Subject,
    rank,
)
from dangvu.evaluation.rulesets import Rules124, Rules132, Rules366, rules_for_year

ALL_DONE: dict[str, Any] = {"tasks_total": 10, "tasks_done": 10, "tasks_exceeded": 3}
GOOD_LOWER: dict[str, Any] = {"lower_levels": {GOOD: 10}}


def units(disciplined: int) -> dict[str, Any]:
    """Ten subordinate organizations, DISCIPLINED of them disciplined in the year."""
    return {"lower_units": 10, "lower_units_disciplined": disciplined}


def member(
    level: str | None,
    key: int = 1,
    score: str | None = None,
    override: str = "",
    group: str = "CSA",
    **facts: Any,
) -> Subject:
    return Subject(
        key,
        MEMBER,
        f"Đảng viên {key}",
        group,
        f"Đảng viên – {group}",
        level,
        Decimal(score) if score else None,
        Facts(**facts),
        override,
    )


def org(
    level: str | None, key: int = 1, score: str | None = None, override: str = "", **facts: Any
) -> Subject:
    return Subject(
        key,
        ORG,
        f"Tổ chức {key}",
        "DBK",
        "Tổ chức đảng – DBK",
        level,
        Decimal(score) if score else None,
        Facts(**facts),
        override,
    )


@pytest.mark.parametrize(
    ("year", "rule_set"),
    [
        (2019, Rules132),
        (2021, Rules132),
        (2022, Rules132),
        (2023, Rules124),
        (2024, Rules124),
        (2025, Rules366),
        (2026, Rules366),
    ],
)
def test_each_year_is_checked_with_its_own_rules(year: int, rule_set: type) -> None:
    assert type(rules_for_year(year)) is rule_set


def test_a_year_before_the_rules_known_is_refused_with_a_reason() -> None:
    with pytest.raises(NoRuleSet, match="31/12/2018"):
        rules_for_year(2018)


# (rule set, subject, highest level it may get, a word of the reason) — each row cites its rule.
CAPS = [
    # HD 21-HD/BTCTW: a member disciplined in the year is KHTNV, even if they fixed it.
    (Rules132, member(None, disciplined=True, self_corrected=True), FAILED, "kỷ luật"),
    # Quy định 124-QĐ/TW Điều 12: ... unless they found and fixed it themselves.
    (Rules124, member(None, disciplined=True), FAILED, "kỷ luật"),
    (Rules124, member(None, disciplined=True, self_corrected=True), EXCELLENT, None),
    # HD 21: a collective whose leadership was disciplined is KHTNV.
    (Rules132, org(None, leadership_disciplined=True, **GOOD_LOWER), FAILED, "lãnh đạo"),
    # Quy định 124: more than 20% of the sub-units disciplined → KHTNV; 20% exactly is not.
    (Rules124, org(None, **units(3), **GOOD_LOWER), FAILED, "trực thuộc"),
    (Rules124, org(None, **units(2), **GOOD_LOWER), EXCELLENT, None),
    (Rules132, org(None, **units(3), **GOOD_LOWER), EXCELLENT, None),
    # Quy định 124: under 50% of targets met → KHTNV; half is not.
    (Rules124, org(None, targets_total=10, targets_met=4, **GOOD_LOWER), FAILED, "chỉ tiêu"),
    (Rules124, org(None, targets_total=10, targets_met=5, **GOOD_LOWER), EXCELLENT, None),
    # HD 21: HTXSNV needs every subordinate HTNV or better and 80% HTTNV or better.
    (Rules132, org(None, lower_levels={GOOD: 8, DONE: 2}), EXCELLENT, None),
    (Rules132, org(None, lower_levels={GOOD: 7, DONE: 3}), GOOD, "80%"),
    (Rules132, org(None, lower_levels={GOOD: 9, FAILED: 1}), GOOD, "80%"),
    (Rules132, org(None), GOOD, "Chưa có kết quả"),
    # Quy định 366 / HD 43: HTXSNV needs 100% of tasks done and 30% exceeded.
    (Rules366, member(None, **ALL_DONE), EXCELLENT, None),
    (Rules366, member(None, tasks_total=10, tasks_done=9, tasks_exceeded=3), GOOD, "100%"),
    (Rules366, member(None, tasks_total=10, tasks_done=10, tasks_exceeded=2), GOOD, "30%"),
    (Rules366, member(None), GOOD, "Chưa có kết quả thực hiện"),
    # ... and, for a collective, no sub-unit disciplined.
    (Rules366, org(None, **units(1), **ALL_DONE), GOOD, "trực thuộc"),
]


@pytest.mark.parametrize(("rule_set", "subject", "highest", "reason"), CAPS)
def test_caps(rule_set: type[Rules132], subject: Subject, highest: str, reason: str | None) -> None:
    ceiling = rule_set().ceiling(subject)
    assert ceiling.level == highest
    if reason is None:
        assert ceiling.reasons == ()
    else:
        assert any(reason in text for text in ceiling.reasons)
        assert all(rule_set.regulation in text for text in ceiling.reasons)


def test_a_level_above_the_cap_is_a_violation_an_override_covers() -> None:
    rules = Rules124()
    refused = rules.check([member(GOOD, disciplined=True)])
    assert [v.rule for v in refused.blocking] == ["cap"]
    assert "Quy định 124-QĐ/TW" in refused.blocking[0].message
    kept = rules.check([member(GOOD, disciplined=True, override="Quyết định của BTV")])
    assert kept.violations and not kept.blocking


@pytest.mark.parametrize(
    ("good", "excellent", "allowed"),
    [(10, 2, 2), (10, 3, 2), (4, 1, 0), (5, 1, 1), (85, 17, 17), (84, 17, 16), (0, 1, 0)],
)
def test_quota_is_a_fifth_of_those_rated_httnv_rounded_down(
    good: int, excellent: int, allowed: int
) -> None:
    subjects = [member(GOOD, key) for key in range(good)]
    subjects += [member(EXCELLENT, 1000 + key, lower_levels={}) for key in range(excellent)]
    check = Rules132().check(subjects)
    quota = check.quotas["CSA"]
    assert (quota.allowed, quota.used, quota.remaining) == (allowed, excellent, allowed - excellent)
    quota_violations = [v for v in check.blocking if v.rule == "quota"]
    assert bool(quota_violations) == (excellent > allowed)
    if quota_violations:
        assert "Đảng viên – CSA" in quota_violations[0].message
        assert "20%" in quota_violations[0].message


def test_quota_counts_each_group_alone_and_overrides_go_outside_it() -> None:
    subjects = [member(GOOD, k) for k in range(5)] + [member(EXCELLENT, 10)]
    subjects += [member(GOOD, 20 + k, group="CSB") for k in range(4)]
    subjects += [member(EXCELLENT, 30, group="CSB")]
    check = Rules132().check(subjects)
    assert check.quotas["CSA"].remaining == 0
    assert check.quotas["CSB"].remaining == -1
    with_override = [*subjects[:-1], member(EXCELLENT, 30, group="CSB", override="Gương sáng")]
    check = Rules132().check(with_override)
    assert check.quotas["CSB"] == check.quotas["CSB"].__class__(allowed=0, used=0, overridden=1)
    assert not check.blocking


def test_organizations_may_be_left_out_of_the_quota_by_setting() -> None:
    subjects = [org(EXCELLENT, 1, lower_levels={GOOD: 5}), org(GOOD, 2, lower_levels={GOOD: 5})]
    assert Rules132().check(subjects).blocking
    assert not Rules132(org_quota=False).check(subjects).blocking


@pytest.mark.parametrize(
    ("score", "band"),
    [
        ("100", EXCELLENT),
        ("90", EXCELLENT),
        ("89.9", GOOD),
        ("70", GOOD),
        ("69.9", DONE),
        ("50", DONE),
        ("49.9", FAILED),
        ("0", FAILED),
    ],
)
def test_366_score_bands(score: str, band: str) -> None:
    assert Rules366().band(Decimal(score)) == band


@given(st.decimals(min_value=0, max_value=100, places=1))
def test_366_bands_cover_every_score_once(score: Decimal) -> None:
    rules = Rules366()
    bounds = {EXCELLENT: (90, 101), GOOD: (70, 90), DONE: (50, 70), FAILED: (0, 50)}
    holding = [level for level, (low, high) in bounds.items() if low <= score < high]
    assert holding == [rules.band(score)]


@pytest.mark.parametrize(
    ("level", "score", "facts", "rules"),
    [
        (EXCELLENT, "85", ALL_DONE, ["band"]),  # above its band
        (GOOD, "95", ALL_DONE, ["band"]),  # below the band, nothing caps it: the score rules
        (GOOD, "95", {}, []),  # no task results: HTTNV is the most it may get
        (EXCELLENT, "95", ALL_DONE, []),
        (EXCELLENT, None, ALL_DONE, ["score"]),  # 366 scores
    ],
)
def test_366_level_follows_the_score(
    level: str, score: str | None, facts: dict[str, Any], rules: list[str]
) -> None:
    check = Rules366(excellent_share=Fraction(1)).check(
        [member(level, score=score, **facts), member(GOOD, 2, score="80")]
    )
    assert [v.rule for v in check.of(1)] == rules


def test_an_override_never_stands_in_for_a_missing_score() -> None:
    check = Rules366().check([member(GOOD, override="Quyết định của Ban Thường vụ")])
    assert [v.rule for v in check.blocking] == ["score"]


levels = st.sampled_from(LEVELS)
facts = st.builds(
    Facts,
    disciplined=st.booleans(),
    self_corrected=st.booleans(),
    leadership_disciplined=st.booleans(),
    targets_total=st.integers(1, 20),
    targets_met=st.integers(0, 20),
    tasks_total=st.integers(1, 20),
    tasks_done=st.integers(0, 20),
    tasks_exceeded=st.integers(0, 20),
    lower_levels=st.dictionaries(levels, st.integers(0, 20)),
    lower_units=st.integers(0, 20),
    lower_units_disciplined=st.integers(0, 20),
)
subjects = st.lists(
    st.builds(
        Subject,
        key=st.integers(),
        kind=st.sampled_from((ORG, MEMBER)),
        label=st.just("X"),
        group=st.sampled_from(("A", "B")),
        group_label=st.just("X"),
        level=levels,
        score=st.decimals(0, 100, places=1),
        facts=facts,
        override=st.just(""),
    ),
    max_size=30,
    unique_by=lambda s: s.key,
)


@given(subjects, st.sampled_from((Rules132(), Rules124(), Rules366())))
def test_no_proposal_over_its_cap_or_quota_passes_without_an_override(
    proposal: list[Subject], rules: Rules132
) -> None:
    check = rules.check(proposal)
    for subject in proposal:
        ceiling = rules.ceiling(subject)
        assert subject.level is not None
        if rank(subject.level) < rank(ceiling.level):
            assert any(v.key == subject.key for v in check.blocking)
    for group in {s.group for s in proposal}:
        in_group = [s for s in proposal if s.group == group and rules.quota_counts(s)]
        good = sum(1 for s in in_group if s.level == GOOD)
        excellent = sum(1 for s in in_group if s.level == EXCELLENT)
        if excellent * 5 > good:
            assert any(v.rule == "quota" and v.group == group for v in check.blocking)
        else:
            assert not any(v.rule == "quota" and v.group == group for v in check.violations)
