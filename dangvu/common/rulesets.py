"""Rule sets: the rules of one regulation period, picked by topic and date.

A topic (the member lifecycle, party badges, organization sizes; later evaluation,
discipline and dues) is a chain of rule sets, one per regulation period. Each rule set is an
object that owns its numbers (dataclass fields), its behaviour (methods) and its Vietnamese
messages, and cites the regulation it implements. Periods are half-open
``[valid_from, valid_to)``, contiguous and never overlapping; the last one stays open until
a newer regulation replaces it. ``rules_for(topic, day)`` picks the one in force on DAY and
raises `NoRuleSet` outside every period. docs/rules.md lists every period of every topic.

A new regulation is a new subclass of the period it replaces: it restates its dates and
citation and overrides only the fields or methods that changed, then joins the topic's
chain. Each app keeps its topics in ``<app>/rulesets.py`` (or a ``rulesets`` package that
imports them), so importing that module registers them.

A number whose source is uncertain is a setting: declared with `setting` (its default, where
the default comes from and how sure that is: docs/rules.md marks HIGH, MED, LOW, GAP), or,
for a number a period inherits without being sure of it, named in the period's `uncertain`
with its own source and confidence, so the number is not written twice. A deployment may
override a setting in ``settings.RULE_SETTINGS``, keyed by rule set class name:
``{"BadgesHD06": {"posthumous_lookback_months": 24}}``.
"""

import dataclasses
import datetime as dt
import itertools
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar, Generic, Literal, TypeAlias, TypeVar

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise
from django.utils.translation import gettext as _

Confidence: TypeAlias = Literal["HIGH", "MED", "LOW", "GAP"]
CONFIDENCES: tuple[Confidence, ...] = ("HIGH", "MED", "LOW", "GAP")


@dataclasses.dataclass(frozen=True)
class SettingSource:
    """Where an uncertain number's default comes from, and how sure that is."""

    source: str
    confidence: Confidence


@dataclasses.dataclass(frozen=True, eq=False)
class RuleSet:
    """The rules of one topic for one regulation period [VALID_FROM, VALID_TO)."""

    valid_from: ClassVar[dt.date]
    valid_to: ClassVar[dt.date | None]
    regulation: ClassVar[str]  # the documents it implements, as cited in docs/rules.md
    # Inherited numbers this period is not sure of, with its own source and confidence.
    uncertain: ClassVar[Mapping[str, SettingSource]] = {}

    @classmethod
    def in_force_on(cls, day: dt.date) -> bool:
        return cls.valid_from <= day and (cls.valid_to is None or day < cls.valid_to)


def setting(
    default: Any = dataclasses.MISSING,
    *,
    factory: Callable[[], Any] | None = None,
    source: str,
    confidence: Confidence,
) -> Any:
    """A rule set field whose value a deployment may override (``settings.RULE_SETTINGS``),
    with the source and confidence of its default."""
    if confidence not in CONFIDENCES:
        raise ValueError(f"confidence must be one of {CONFIDENCES}, got {confidence!r}")
    metadata = {"setting": SettingSource(source, confidence)}
    if factory is not None:
        return dataclasses.field(default_factory=factory, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


def settings_of(rule_set: RuleSet) -> dict[str, SettingSource]:
    """RULE_SET's settings, with their sources: its fields declared with `setting`, and
    those its period names as `uncertain`."""
    fields = dataclasses.fields(rule_set)
    unknown = sorted(set(rule_set.uncertain) - {field.name for field in fields})
    if unknown:
        raise ValueError(f"{type(rule_set).__name__}.uncertain names no field: {unknown}")
    declared = {f.name: f.metadata["setting"] for f in fields if "setting" in f.metadata}
    return {**declared, **rule_set.uncertain}


R = TypeVar("R", bound=RuleSet)


class NoRuleSet(Exception):
    """No rule set of the topic is in force on the day asked about."""

    def __init__(self, topic: "Topic[Any]", day: dt.date) -> None:
        self.topic, self.day = topic, day
        super().__init__(
            _(
                "Phần mềm chưa có quy định về %(topic)s áp dụng cho ngày %(date)s "
                "(các quy định đã có áp dụng từ ngày %(start)s)."
            )
            % {"topic": topic.label, "date": f"{day:%d/%m/%Y}", "start": f"{topic.starts:%d/%m/%Y}"}
        )


_TOPICS: dict[str, "Topic[Any]"] = {}
_RULE_SET_NAMES: set[str] = set()


class Topic(Generic[R]):
    """A topic's chain of rule sets, oldest first; the constructor refuses gaps, overlaps
    and an end date on the newest one, and registers the topic."""

    def __init__(self, name: str, label: str | Promise, periods: Sequence[R]) -> None:
        if name in _TOPICS:
            raise ValueError(f"topic {name!r} is defined twice")
        check_periods(name, periods)
        for period in periods:
            settings_of(period)  # refuses an `uncertain` entry that names no field
            if type(period).__name__ in _RULE_SET_NAMES:
                raise ValueError(f"rule set name {type(period).__name__!r} is used twice")
        _RULE_SET_NAMES.update(type(period).__name__ for period in periods)
        self.name, self.label, self.periods = name, label, tuple(periods)
        _TOPICS[name] = self

    def __repr__(self) -> str:
        return f"Topic({self.name!r})"

    @property
    def starts(self) -> dt.date:
        """The first day any rule set of the topic applies."""
        return self.periods[0].valid_from

    def on(self, day: dt.date) -> R:
        """The rule set in force on DAY, with the deployment's settings applied."""
        for period in self.periods:
            if period.in_force_on(day):
                return _configured(period)
        raise NoRuleSet(self, day)


def rules_for(topic: Topic[R], day: dt.date) -> R:
    """The rule set of TOPIC in force on DAY: a newer regulation applies from its
    effective date. Raises `NoRuleSet` before the topic's first period."""
    return topic.on(day)


def topics() -> list[Topic[Any]]:
    """Every topic registered so far (each app's ``rulesets`` module registers its own)."""
    return list(_TOPICS.values())


def check_periods(name: str, periods: Sequence[RuleSet]) -> None:
    """Refuse a chain of periods that is empty, has a gap or an overlap, runs backwards, or
    whose newest period has an end date."""
    if not periods:
        raise ValueError(f"{name}: a topic needs at least one rule set")
    for period in periods:
        end = period.valid_to
        if end is not None and end <= period.valid_from:
            raise ValueError(f"{name}: {type(period).__name__} ends before it starts")
    for before, after in itertools.pairwise(periods):
        if before.valid_to != after.valid_from:
            raise ValueError(
                f"{name}: {type(before).__name__} ends on {before.valid_to} but "
                f"{type(after).__name__} starts on {after.valid_from}"
            )
    if periods[-1].valid_to is not None:
        raise ValueError(f"{name}: the newest rule set must stay in force (valid_to None)")


def _configured(period: R) -> R:
    overrides: Mapping[str, Mapping[str, Any]] = getattr(settings, "RULE_SETTINGS", {})
    values = overrides.get(type(period).__name__)
    if not values:
        return period
    allowed = settings_of(period)
    unknown = sorted(set(values) - set(allowed))
    if unknown:
        raise ImproperlyConfigured(
            f"RULE_SETTINGS[{type(period).__name__!r}]: {unknown} are not settings of that "
            f"rule set; its settings are {sorted(allowed)}"
        )
    return dataclasses.replace(period, **{key: _frozen(value) for key, value in values.items()})


def _frozen(value: Any) -> Any:
    """JSON lists as the tuples rule sets hold."""
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    return value
