"""The rule-set registry: every topic's periods are contiguous and never overlap, exactly
one applies to any day from the first, and docs/rules.md lists them all."""

import dataclasses
import datetime as dt
import importlib
import importlib.util
import inspect
import itertools
import re
from pathlib import Path
from typing import Any, ClassVar

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from config.env import env_json
from dangvu.common.rulesets import (
    CONFIDENCES,
    NoRuleSet,
    RuleSet,
    SettingSource,
    Topic,
    check_periods,
    rules_for,
    settings_of,
    topics,
)

D = dt.date
RULES_DOC = Path(settings.BASE_DIR) / "docs" / "rules.md"


def _all_topics() -> list[Topic[Any]]:
    """Every app's topics: importing each app's `rulesets` module registers them."""
    for config in apps.get_app_configs():
        if config.name.startswith("dangvu.") and importlib.util.find_spec(
            f"{config.name}.rulesets"
        ):
            importlib.import_module(f"{config.name}.rulesets")
    return topics()


TOPICS = _all_topics()


def test_the_apps_register_the_topics_that_exist_today() -> None:
    assert {topic.name for topic in TOPICS} == {
        "lifecycle",
        "badges",
        "organization_sizes",
        "evaluation",
        "discipline",
        "dues",
        "plans",
        "retirement",
    }


@pytest.mark.parametrize("topic", TOPICS, ids=lambda topic: topic.name)
def test_a_topics_periods_are_contiguous_and_never_overlap(topic: Topic[Any]) -> None:
    periods = topic.periods

    for before, after in itertools.pairwise(periods):
        assert before.valid_to == after.valid_from
        assert before.valid_from < after.valid_from
    assert periods[-1].valid_to is None


@pytest.mark.parametrize("topic", TOPICS, ids=lambda topic: topic.name)
def test_a_new_period_takes_over_on_its_first_day(topic: Topic[Any]) -> None:
    for before, after in itertools.pairwise(topic.periods):
        last_day = after.valid_from - dt.timedelta(days=1)

        assert type(rules_for(topic, last_day)) is type(before)
        assert type(rules_for(topic, after.valid_from)) is type(after)
        assert [p.in_force_on(after.valid_from) for p in topic.periods].count(True) == 1


def _period(start: D, end: D | None) -> RuleSet:
    @dataclasses.dataclass(frozen=True, eq=False)
    class Period(RuleSet):
        valid_from: ClassVar[D] = start
        valid_to: ClassVar[D | None] = end
        regulation: ClassVar[str] = "test"

    return Period()


@pytest.mark.parametrize(
    ("periods", "message"),
    [
        ([], "at least one"),
        ([_period(D(2020, 1, 1), D(2021, 1, 1)), _period(D(2021, 1, 2), None)], "ends on"),
        ([_period(D(2020, 1, 1), D(2021, 1, 2)), _period(D(2021, 1, 1), None)], "ends on"),
        ([_period(D(2020, 1, 1), D(2021, 1, 1))], "must stay in force"),
        ([_period(D(2020, 1, 1), D(2020, 1, 1)), _period(D(2020, 1, 1), None)], "ends before"),
    ],
    ids=["empty", "gap", "overlap", "ended", "empty-period"],
)
def test_a_chain_with_a_gap_or_an_overlap_is_refused(periods: list[RuleSet], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        check_periods("test", periods)


@pytest.mark.parametrize("topic", TOPICS, ids=lambda topic: topic.name)
def test_before_the_first_period_there_is_a_named_error_in_vietnamese(topic: Topic[Any]) -> None:
    day_before = topic.starts - dt.timedelta(days=1)

    assert rules_for(topic, topic.starts) is not None
    with pytest.raises(NoRuleSet) as missing:
        rules_for(topic, day_before)

    assert not isinstance(missing.value, LookupError)
    assert f"cho ngày {day_before:%d/%m/%Y}" in str(missing.value)
    assert f"từ ngày {topic.starts:%d/%m/%Y}" in str(missing.value)


@given(st.sampled_from(TOPICS), st.dates(min_value=D(1930, 2, 3), max_value=D(2200, 12, 31)))
def test_exactly_one_rule_set_applies_on_any_day(topic: Topic[Any], day: D) -> None:
    in_force = [period for period in topic.periods if period.in_force_on(day)]

    # Before a topic's first period none applies (the test above: a named error).
    assert len(in_force) == (day >= topic.starts)
    if not in_force:
        return
    assert type(rules_for(topic, day)) is type(in_force[0])


@pytest.mark.parametrize("topic", TOPICS, ids=lambda topic: topic.name)
def test_every_setting_states_its_source_and_confidence(topic: Topic[Any]) -> None:
    for period in topic.periods:
        for name, source in settings_of(period).items():
            assert source.source.strip(), (type(period).__name__, name)
            assert source.confidence in CONFIDENCES


def test_a_deployment_overrides_a_setting_of_one_period() -> None:
    from dangvu.members.rulesets.badges import BADGES

    overrides = {"BadgesHD06": {"posthumous_lookback_months": 24, "milestones": [30, 40, 70]}}
    with override_settings(RULE_SETTINGS=overrides):
        assert rules_for(BADGES, D(2026, 1, 1)).posthumous_lookback_months == 24
        assert rules_for(BADGES, D(2026, 1, 1)).milestones == (30, 40, 70)
        assert rules_for(BADGES, D(2024, 1, 1)).posthumous_lookback_months == 12
    assert rules_for(BADGES, D(2026, 1, 1)).posthumous_lookback_months == 12


def test_an_uncertain_number_that_names_no_field_is_refused() -> None:
    @dataclasses.dataclass(frozen=True, eq=False)
    class Period(RuleSet):
        valid_from: ClassVar[D] = D(2020, 1, 1)
        valid_to: ClassVar[D | None] = None
        regulation: ClassVar[str] = "test"
        uncertain: ClassVar[dict[str, SettingSource]] = {"nothing": SettingSource("x", "LOW")}

    with pytest.raises(ValueError, match="names no field"):
        settings_of(Period())


def test_overriding_a_number_that_is_not_a_setting_fails_loudly() -> None:
    from dangvu.members.rulesets.lifecycle import LIFECYCLE

    with (
        override_settings(RULE_SETTINGS={"Lifecycle294": {"probation_months": 6}}),
        pytest.raises(ImproperlyConfigured, match="probation_months"),
    ):
        rules_for(LIFECYCLE, D(2026, 1, 1))


def _declared_in(period: RuleSet, field: str) -> str:
    """The class that makes FIELD a setting: the period that names it uncertain or
    redeclares it, or its topic's base class."""
    return next(
        cls.__name__
        for cls in type(period).__mro__
        if field in vars(cls).get("uncertain", {}) or field in inspect.get_annotations(cls)
    )


def test_docs_list_every_period_and_every_setting() -> None:
    text = RULES_DOC.read_text(encoding="utf-8")

    for topic in TOPICS:
        for period in topic.periods:
            name = type(period).__name__
            assert f"`{name}`" in text, name
            assert period.regulation in text, name
            assert f"{period.valid_from:%d/%m/%Y}" in text, name
            for setting, source in settings_of(period).items():
                where = f"`{_declared_in(period, setting)}.{setting}`"
                # Its bullet (up to the next bullet or blank line) ends with its confidence.
                bullet = rf"{re.escape(where)}(?:(?!\n-|\n\n).)*\b{source.confidence}\."
                assert re.search(bullet, text, re.DOTALL), where


def test_rule_settings_come_from_a_json_object_in_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RULE_SETTINGS", '{"BadgesHD06": {"posthumous_lookback_months": 24}}')
    assert env_json("RULE_SETTINGS", {}) == {"BadgesHD06": {"posthumous_lookback_months": 24}}

    monkeypatch.setenv("RULE_SETTINGS", "[1, 2]")
    with pytest.raises(ImproperlyConfigured, match="JSON object"):
        env_json("RULE_SETTINGS", {})
