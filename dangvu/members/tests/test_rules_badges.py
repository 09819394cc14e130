import dataclasses
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvu.common.months import add_months
from dangvu.common.rulesets import NoRuleSet, rules_for
from dangvu.members.rulesets.badges import BADGES, BadgeCandidate, BadgeDue, Discipline

D = dt.date
RULES = rules_for(BADGES, D(2026, 5, 19))

DATES = st.dates(min_value=D(1930, 1, 1), max_value=D(2150, 12, 31))


def candidate(
    admitted: D,
    awarded: frozenset[int] = frozenset(),
    disciplines: tuple[Discipline, ...] = (),
    ill: bool = False,
    deceased_on: D | None = None,
) -> BadgeCandidate:
    return BadgeCandidate(1, admitted, awarded, disciplines, ill, deceased_on)


def test_milestones_and_occasions() -> None:
    assert RULES.milestones == (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)
    assert RULES.occasions == ((3, 2), (19, 5), (2, 9), (7, 11))


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (D(2026, 1, 1), D(2026, 2, 3)),
        (D(2026, 2, 3), D(2026, 2, 3)),
        (D(2026, 2, 4), D(2026, 5, 19)),
        (D(2026, 5, 20), D(2026, 9, 2)),
        (D(2026, 9, 3), D(2026, 11, 7)),
        (D(2026, 11, 7), D(2026, 11, 7)),
        (D(2026, 11, 8), D(2027, 2, 3)),
        (D(2026, 12, 31), D(2027, 2, 3)),
    ],
)
def test_next_occasion(on: D, expected: D) -> None:
    assert RULES.next_occasion(on) == expected


def test_after_the_last_occasion_of_the_calendar_the_message_names_it() -> None:
    with pytest.raises(ValueError, match="07/11/9999"):
        rules_for(BADGES, D(9999, 12, 1)).next_occasion(D(9999, 12, 1))


@pytest.mark.parametrize(
    ("admitted", "awarded", "occasion", "milestone", "reached_on"),
    [
        # Completes 30 years on the occasion itself.
        (D(1996, 5, 19), frozenset(), D(2026, 5, 19), 30, D(2026, 5, 19)),
        # One day later: not due on 19/5, due at the next occasion 2/9.
        (D(1996, 5, 20), frozenset(), D(2026, 5, 19), None, None),
        (D(1996, 5, 20), frozenset(), D(2026, 9, 2), 30, D(2026, 5, 20)),
        # Still due at later occasions until awarded.
        (D(1996, 5, 20), frozenset(), D(2027, 2, 3), 30, D(2026, 5, 20)),
        (D(1996, 5, 20), frozenset({30}), D(2027, 2, 3), None, None),
        # The highest reached milestone above the awarded ones.
        (D(1976, 1, 1), frozenset({30}), D(2026, 2, 3), 50, D(2026, 1, 1)),
        (D(1976, 1, 1), frozenset(), D(2026, 2, 3), 50, D(2026, 1, 1)),
        (D(1976, 1, 1), frozenset({50}), D(2026, 2, 3), None, None),
        # A gap below the highest awarded badge is never proposed again.
        (D(1976, 1, 1), frozenset({40}), D(2026, 2, 3), 50, D(2026, 1, 1)),
        (D(1981, 1, 1), frozenset({45}), D(2026, 2, 3), None, None),
        # 29/02 admission completes on 28/02 in a common year.
        (D(1996, 2, 29), frozenset(), D(2026, 2, 3), None, None),
        (D(1996, 2, 29), frozenset(), D(2026, 5, 19), 30, D(2026, 2, 28)),
        # 90 years.
        (D(1936, 2, 3), frozenset({85}), D(2026, 2, 3), 90, D(2026, 2, 3)),
    ],
)
def test_badge_due_on_time(
    admitted: D, awarded: frozenset[int], occasion: D, milestone: int | None, reached_on: D | None
) -> None:
    due = RULES.badge_due(candidate(admitted, awarded), occasion)
    if milestone is None:
        assert due is None
    else:
        assert due == BadgeDue(1, milestone, reached_on or occasion, False, False, None)


@pytest.mark.parametrize(
    ("admitted", "awarded", "occasion", "milestone", "early"),
    [
        # 30-65 years: up to 12 months early.
        (D(1997, 5, 19), frozenset(), D(2026, 5, 19), 30, True),
        (D(1997, 5, 20), frozenset(), D(2026, 5, 19), None, False),
        (D(1962, 5, 19), frozenset({60}), D(2026, 5, 19), 65, True),
        (D(1962, 5, 20), frozenset({60}), D(2026, 5, 19), None, False),
        # 70-90 years: up to 24 months early.
        (D(1958, 5, 19), frozenset({65}), D(2026, 5, 19), 70, True),
        (D(1958, 5, 20), frozenset({65}), D(2026, 5, 19), None, False),
        (D(1938, 9, 2), frozenset({85}), D(2026, 9, 2), 90, True),
        # Already reached: not early.
        (D(1956, 5, 19), frozenset({65}), D(2026, 5, 19), 70, False),
        # Reached 60 and within 12 months of 65: the higher badge, early.
        (D(1961, 11, 7), frozenset({55}), D(2026, 5, 19), 65, True),
    ],
)
def test_early_award_for_serious_illness(
    admitted: D, awarded: frozenset[int], occasion: D, milestone: int | None, early: bool
) -> None:
    due = RULES.badge_due(candidate(admitted, awarded, ill=True), occasion)
    if milestone is None:
        assert due is None
    else:
        assert due is not None
        assert (due.milestone, due.early) == (milestone, early)


def test_without_illness_no_early_award() -> None:
    assert RULES.badge_due(candidate(D(1958, 5, 19), frozenset({65})), D(2026, 5, 19)) is None


@pytest.mark.parametrize(
    ("admitted", "deceased_on", "occasion", "milestone", "early"),
    [
        # Died 12 months short of 30 years: truy tặng sớm.
        (D(1996, 9, 1), D(2025, 9, 1), D(2026, 2, 3), 30, True),
        # Died more than 12 months short: none, however late the occasion.
        (D(1996, 9, 2), D(2025, 9, 1), D(2030, 2, 3), None, False),
        # Party age stops at death: 70 years posthumously at most 12 months early.
        (D(1956, 9, 1), D(2024, 9, 1), D(2026, 2, 3), 65, False),
        # Died after completing the years but before receiving the badge.
        (D(1996, 1, 1), D(2026, 1, 15), D(2026, 2, 3), 30, False),
        # Death after the occasion: treated as alive at the occasion.
        (D(1996, 9, 1), D(2026, 3, 1), D(2026, 2, 3), None, False),
    ],
)
def test_posthumous_award(
    admitted: D, deceased_on: D, occasion: D, milestone: int | None, early: bool
) -> None:
    awarded = frozenset({60}) if milestone == 65 else frozenset()
    due = RULES.badge_due(candidate(admitted, awarded, deceased_on=deceased_on), occasion)
    if milestone is None:
        assert due is None
    else:
        assert due is not None
        assert (due.milestone, due.early, due.posthumous) == (milestone, early, True)


def test_posthumous_window_stays_twelve_months_when_seriously_ill() -> None:
    member = candidate(D(1958, 5, 19), frozenset({65}), ill=True, deceased_on=D(2026, 1, 1))
    assert RULES.badge_due(member, D(2026, 2, 3)) is None


@pytest.mark.parametrize(
    ("form", "decided_on", "occasion", "blocked_until"),
    [
        ("REPRIMAND", D(2025, 12, 1), D(2026, 5, 19), D(2026, 6, 1)),
        ("REPRIMAND", D(2025, 11, 19), D(2026, 5, 19), None),
        ("WARNING", D(2025, 9, 1), D(2026, 5, 19), D(2026, 6, 1)),
        ("WARNING", D(2025, 8, 19), D(2026, 5, 19), None),
        ("DISMISSAL", D(2025, 6, 1), D(2026, 5, 19), D(2026, 6, 1)),
        ("DISMISSAL", D(2025, 5, 19), D(2026, 5, 19), None),
        # A decision after the occasion does not block it.
        ("DISMISSAL", D(2026, 5, 20), D(2026, 5, 19), None),
        # Decided on the occasion day itself: blocked.
        ("REPRIMAND", D(2026, 5, 19), D(2026, 5, 19), D(2026, 11, 19)),
        # Month-end clamp: 31/8 + 6 months is 28/2.
        ("REPRIMAND", D(2025, 8, 31), D(2026, 2, 3), D(2026, 2, 28)),
    ],
)
def test_discipline_waiting_period(
    form: str, decided_on: D, occasion: D, blocked_until: D | None
) -> None:
    member = candidate(D(1990, 1, 1), disciplines=(Discipline(form, decided_on),))
    due = RULES.badge_due(member, occasion)
    assert due is not None
    assert due.milestone == 30
    assert due.blocked_until == blocked_until


def test_latest_covering_waiting_period_wins() -> None:
    member = candidate(
        D(1990, 1, 1),
        disciplines=(
            Discipline("DISMISSAL", D(2025, 12, 1)),
            Discipline("REPRIMAND", D(2026, 1, 1)),
            Discipline("WARNING", D(2024, 1, 1)),
        ),
    )
    due = RULES.badge_due(member, D(2026, 2, 3))
    assert due is not None
    assert due.blocked_until == D(2026, 12, 1)


def test_an_unknown_discipline_form_is_refused() -> None:
    with pytest.raises(ValueError, match="discipline form"):
        Discipline("EXPULSION", D(2026, 1, 1))


def test_a_badge_of_an_older_list_counts_as_awarded() -> None:
    # A 35-year badge of earlier decades: the next proposed is above it.
    due = RULES.badge_due(candidate(D(1986, 1, 1), frozenset({35})), D(2026, 2, 3))

    assert due is not None
    assert due.milestone == 40


def test_badges_due_keeps_order_and_skips_members_not_due() -> None:
    occasion = D(2026, 5, 19)
    members = [
        BadgeCandidate(3, D(1976, 1, 1), frozenset({45})),
        BadgeCandidate(1, D(2000, 1, 1), frozenset()),
        BadgeCandidate(2, D(1996, 5, 19), frozenset()),
    ]
    assert RULES.badges_due(members, occasion) == [
        BadgeDue(3, 50, D(2026, 1, 1), False, False, None),
        BadgeDue(2, 30, D(2026, 5, 19), False, False, None),
    ]
    assert RULES.badges_due([], occasion) == []


def test_the_youngest_party_age_that_can_be_due_is_the_first_milestone_less_a_year() -> None:
    occasion = D(2026, 5, 19)
    latest = RULES.latest_party_age_start(occasion)
    later = latest + dt.timedelta(days=1)

    assert RULES.youngest_party_age_months() == 12 * 30 - 12
    assert latest == D(1997, 5, 19)
    assert RULES.badge_due(candidate(latest, ill=True), occasion) is not None
    assert RULES.badge_due(candidate(latest, deceased_on=occasion), occasion) is not None
    assert RULES.badge_due(candidate(later, ill=True), occasion) is None
    assert RULES.badge_due(candidate(later, deceased_on=occasion), occasion) is None


def test_the_youngest_party_age_follows_the_longest_early_window() -> None:
    longer_ill = dataclasses.replace(RULES, ill_early_months=((30, 20), (70, 24)))
    longer_posthumous = dataclasses.replace(RULES, posthumous_early_months=18)

    assert longer_ill.youngest_party_age_months() == 12 * 30 - 20
    assert longer_posthumous.youngest_party_age_months() == 12 * 30 - 18


def test_an_early_window_starts_at_a_milestone() -> None:
    with pytest.raises(ValueError, match="69 years, which is no milestone"):
        dataclasses.replace(RULES, ill_early_months=((30, 12), (69, 24)))


@pytest.mark.parametrize(
    ("day", "occasion"),
    [(D(2026, 2, 3), True), (D(2026, 2, 4), False), (D(2026, 5, 19), True), (D(2026, 9, 2), True),
     (D(2026, 11, 7), True), (D(2026, 11, 6), False), (D(2026, 3, 2), False)],
)  # fmt: skip
def test_badges_are_awarded_on_the_occasions_only(day: D, occasion: bool) -> None:
    assert RULES.is_occasion(day) is occasion


@pytest.mark.parametrize(
    ("died", "listed"),
    [(D(2025, 5, 18), False), (D(2025, 5, 19), True), (D(2026, 5, 19), True)],
)
def test_deaths_are_listed_for_twelve_months(died: D, listed: bool) -> None:
    assert (RULES.deaths_listed_from(D(2026, 5, 19)) <= died) is listed


def test_messages_state_the_rule_sets_own_numbers() -> None:
    assert RULES.not_an_occasion() == "Huy hiệu Đảng trao vào các dịp 3/2, 19/5, 2/9, 7/11."
    assert RULES.milestone_label(45) == "45 năm tuổi đảng"
    assert "30, 40, 45, 50" in RULES.not_a_milestone()
    fewer = dataclasses.replace(RULES, occasions=((3, 2), (2, 9)))
    assert fewer.not_an_occasion() == "Huy hiệu Đảng trao vào các dịp 3/2, 2/9."


@pytest.mark.parametrize(
    ("day", "regulation", "has_45"),
    [
        (D(2016, 7, 24), "Các quy định trước Quy định 29-QĐ/TW", False),
        (D(2016, 7, 25), "Quy định 29-QĐ/TW; HD 01-HD/TW (2016)", True),
        (D(2021, 7, 29), "Quy định 29-QĐ/TW; HD 01-HD/TW (2016)", True),
        (D(2021, 7, 30), "Quy định 24-QĐ/TW; HD 01-HD/TW (2021) mục 18", True),
        (D(2025, 6, 8), "Quy định 24-QĐ/TW; HD 01-HD/TW (2021) mục 18", True),
        (D(2025, 6, 9), "HD 06-HD/TW; Quy định 294-QĐ/TW", True),
    ],
)
def test_each_day_has_the_badge_rules_of_its_regulation(
    day: D, regulation: str, has_45: bool
) -> None:
    rules = rules_for(BADGES, day)

    assert rules.regulation == regulation
    assert (45 in rules.milestones) is has_45


def test_no_badge_rules_before_the_partys_founding() -> None:
    assert rules_for(BADGES, D(1930, 2, 3)).regulation == "Các quy định trước Quy định 29-QĐ/TW"
    with pytest.raises(NoRuleSet, match="03/02/1930"):
        rules_for(BADGES, D(1930, 2, 2))


# Properties


@given(DATES)
def test_next_occasion_is_the_first_occasion_on_or_after(on: D) -> None:
    nxt = RULES.next_occasion(on)

    assert nxt >= on
    assert RULES.is_occasion(nxt)
    assert not any(RULES.is_occasion(on + dt.timedelta(days=i)) for i in range((nxt - on).days))


MEMBERS = st.builds(
    BadgeCandidate,
    member_id=st.integers(1, 10_000),
    party_age_start=st.dates(min_value=D(1930, 1, 1), max_value=D(2030, 12, 31)),
    awarded=st.frozensets(st.sampled_from(RULES.milestones), max_size=3),
    disciplines=st.lists(
        st.builds(
            Discipline,
            form=st.sampled_from(sorted(RULES.discipline_wait_months)),
            decided_on=st.dates(min_value=D(2000, 1, 1), max_value=D(2050, 12, 31)),
        ),
        max_size=3,
    ).map(tuple),
    seriously_ill=st.booleans(),
    deceased_on=st.none() | st.dates(min_value=D(1960, 1, 1), max_value=D(2050, 12, 31)),
)


@given(MEMBERS, DATES)
def test_nobody_whose_party_age_starts_after_the_latest_start_is_due(
    member: BadgeCandidate, on: D
) -> None:
    occasion = RULES.next_occasion(on)

    if member.party_age_start > RULES.latest_party_age_start(occasion):
        assert RULES.badge_due(member, occasion) is None


@given(MEMBERS, DATES)
def test_due_badge_has_elapsed_unless_early(member: BadgeCandidate, on: D) -> None:
    occasion = RULES.next_occasion(on)
    due = RULES.badge_due(member, occasion)
    if due is None:
        return
    assert due.milestone in RULES.milestones
    assert due.milestone > max(member.awarded, default=0)
    assert due.reached_on == RULES.milestone_reached_on(member.party_age_start, due.milestone)
    if not due.early:
        assert due.reached_on <= occasion
    else:
        assert member.seriously_ill or member.deceased_on is not None
        assert due.reached_on <= add_months(occasion, 24)
    if due.blocked_until is not None:
        assert due.blocked_until > occasion
        assert any(d.decided_on <= occasion for d in member.disciplines)


def test_an_award_not_due_says_which_badge_is() -> None:
    occasion = D(2026, 5, 19)
    due = BadgeDue(member_id=1, milestone=30, reached_on=D(2026, 1, 5), early=False,
                   posthumous=False, blocked_until=None)  # fmt: skip

    assert RULES.not_due(40, occasion, due) == (
        "Dịp 19/05/2026, đồng chí này được xét Huy hiệu 30 năm tuổi đảng, không phải 40 năm."
    )
    assert RULES.not_due(30, occasion, None).startswith(
        "Đến dịp 19/05/2026, đồng chí này chưa đến mốc Huy hiệu 30 năm"
    )
