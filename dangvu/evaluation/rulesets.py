"""Rule sets of the annual evaluation and rating (đánh giá, xếp loại chất lượng) of party
organizations and members (docs/rules.md, "Evaluation").

The chain, keyed by the evaluation year (a year is checked with its own rules, however late
its data is entered): Quy định 132-QĐ/TW with HD 21-HD/BTCTW (2019–2022) → Quy định
124-QĐ/TW with HD 25-HD/BTCTW (2023–2024) → Quy định 366-QĐ/TW with HD 43-HD/BTCTW (from
2025: a 100-point score). Each period restates only what its regulation changed; what a
period carries over without a text that says so is named in its `uncertain`.
"""

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import ClassVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.common.rulesets import RuleSet, SettingSource, Topic, rules_for, setting
from dangvu.evaluation.rules import (
    DONE,
    EXCELLENT,
    FAILED,
    GOOD,
    MEMBER,
    ORG,
    Ceiling,
    Check,
    Quota,
    Subject,
    Violation,
    rank,
    worse,
)

_QUOTA_GAP = SettingSource(
    "no text found on an HTXSNV quota after HD 21-HD/BTCTW; HD 21's 20% of HTTNV is kept, "
    "as Nghị định 335/2025 keeps it for civil servants",
    "GAP",
)


def _percent(share: Fraction) -> str:
    return f"{float(share) * 100:g}%"


@dataclass(frozen=True, eq=False)
class Rules132(RuleSet):
    """Quy định 132-QĐ/TW with HD 21-HD/BTCTW (18/10/2019), for the years 2019 to 2022."""

    valid_from = dt.date(2019, 1, 1)
    valid_to: ClassVar[dt.date | None] = dt.date(2023, 1, 1)
    regulation = "Quy định 132-QĐ/TW; HD 21-HD/BTCTW"
    scored: ClassVar[bool] = False

    # HTXSNV at most this share of those rated HTTNV, within each quota group.
    excellent_share: Fraction = setting(
        Fraction(1, 5),
        source="HD 21-HD/BTCTW: đảng viên HTXSNV không quá 20% số đảng viên HTTNV, trong "
        "mỗi TCCSĐ (thuvienphapluat.vn)",
        confidence="HIGH",
    )
    # Whether the quota also counts organizations, within the committee that rates them.
    org_quota: bool = setting(
        True,
        source="HD 21-HD/BTCTW: the sentence on organizations is cut off in the copy read "
        "(“Cấp có thẩm quyền … quyết định s…”)",
        confidence="MED",
    )
    # An organization rated HTXSNV: all its subordinates (organizations, or a cell's
    # members) HTNV or better, and at least this share HTTNV or better.
    excellent_lower_share: Fraction | None = Fraction(4, 5)
    # A member disciplined in the year is KHTNV; from Quy định 124, not if they found and
    # fixed the fault themselves.
    self_correction_excuses: bool = False
    # From Quy định 124: a collective with more than this share of its subordinate
    # organizations disciplined, or that met under this share of its targets, is KHTNV.
    units_disciplined_share: Fraction | None = None
    targets_met_share: Fraction | None = None
    # Working days each step of a round has, from the day before's deadline.
    step_days: tuple[int, int, int] = setting(
        (10, 5, 5),
        source="no central deadline found (the review is held at each unit's year-end; "
        "civil servants are rated before 15/12 under Nghị định 90/2020): self-assessment, "
        "proposal, decision",
        confidence="GAP",
    )

    # Messages ----------------------------------------------------------------------------

    def _cite(self, message: str) -> str:
        return _("%(message)s (%(regulation)s)") % {
            "message": message,
            "regulation": self.regulation,
        }

    def member_disciplined(self) -> str:
        if self.self_correction_excuses:
            return self._cite(
                _(
                    "Đảng viên bị kỷ luật trong năm, không tự phát hiện, khắc phục: "
                    "không hoàn thành nhiệm vụ"
                )
            )
        return self._cite(_("Đảng viên bị kỷ luật trong năm: không hoàn thành nhiệm vụ"))

    def leadership_disciplined(self) -> str:
        return self._cite(
            _(
                "Tập thể lãnh đạo hoặc cán bộ lãnh đạo của tổ chức bị kỷ luật "
                "trong năm: không hoàn thành nhiệm vụ"
            )
        )

    # Caps --------------------------------------------------------------------------------

    def caps(self, subject: Subject) -> Iterator[tuple[str, str]]:
        """The levels SUBJECT's facts cap it at, each with its reason."""
        facts = subject.facts
        excused = self.self_correction_excuses and facts.self_corrected
        if subject.kind == MEMBER and facts.disciplined and not excused:
            yield FAILED, self.member_disciplined()
        if subject.kind != ORG:
            return
        if facts.leadership_disciplined:
            yield FAILED, self.leadership_disciplined()
        units = self.units_disciplined_share
        if units is not None and facts.lower_units_disciplined > units * facts.lower_units:
            yield FAILED, self.units_disciplined(facts.lower_units_disciplined, facts.lower_units)
        share, total, met = self.targets_met_share, facts.targets_total, facts.targets_met
        if share is not None and total and met is not None and met < share * total:
            yield FAILED, self.targets_missed(met, total)
        yield from self.excellent_org_caps(subject)

    def units_disciplined(self, count: int, total: int) -> str:
        assert self.units_disciplined_share is not None
        message = _(
            "%(count)s trên %(total)s tổ chức trực thuộc bị kỷ luật trong năm, quá %(share)s: "
            "không hoàn thành nhiệm vụ"
        )
        share = _percent(self.units_disciplined_share)
        return self._cite(message % {"count": count, "total": total, "share": share})

    def targets_missed(self, met: int, total: int) -> str:
        assert self.targets_met_share is not None
        message = _(
            "Đạt %(met)s trên %(total)s chỉ tiêu, dưới %(share)s: không hoàn thành nhiệm vụ"
        )
        share = _percent(self.targets_met_share)
        return self._cite(message % {"met": met, "total": total, "share": share})

    def excellent_org_caps(self, subject: Subject) -> Iterator[tuple[str, str]]:
        share = self.excellent_lower_share
        if share is None:
            return
        levels = subject.facts.lower_levels
        total = sum(levels.values())
        if not total:
            yield (
                GOOD,
                self._cite(
                    _(
                        "Chưa có kết quả xếp loại của cấp dưới: chưa thể xếp "
                        "loại hoàn thành xuất sắc nhiệm vụ"
                    )
                ),
            )
            return
        good = levels.get(EXCELLENT, 0) + levels.get(GOOD, 0)
        if levels.get(FAILED, 0) or good < share * total:
            yield (
                GOOD,
                self._cite(
                    _(
                        "Hoàn thành xuất sắc nhiệm vụ cần 100%% cấp dưới hoàn thành nhiệm vụ trở "
                        "lên và ít nhất %(share)s hoàn thành tốt trở lên; đang có %(good)s trên "
                        "%(total)s hoàn thành tốt trở lên, %(failed)s không hoàn thành"
                    )
                    % {
                        "share": _percent(share),
                        "good": good,
                        "total": total,
                        "failed": levels.get(FAILED, 0),
                    }
                ),
            )

    def ceiling(self, subject: Subject) -> Ceiling:
        """The highest level SUBJECT may get, with the reasons it is not higher."""
        level, reasons = EXCELLENT, []
        for cap, reason in self.caps(subject):
            level = worse(level, cap)
            reasons.append(reason)
        return Ceiling(level, tuple(reasons))

    # Levels ------------------------------------------------------------------------------

    def level_problems(self, subject: Subject, ceiling: Ceiling) -> Iterator[tuple[str, str]]:
        """(rule, message) for each reason SUBJECT's level is refused."""
        assert subject.level is not None
        if rank(subject.level) < rank(ceiling.level):
            for reason in ceiling.reasons:
                yield "cap", reason

    # Quota -------------------------------------------------------------------------------

    def quota_counts(self, subject: Subject) -> bool:
        return subject.kind == MEMBER or self.org_quota

    def quota_allowed(self, good: int) -> int:
        """How many may be rated HTXSNV in a group where GOOD are rated HTTNV."""
        return int(self.excellent_share * good)

    def quota_exceeded(self, label: str, quota: Quota, good: int) -> str:
        return self._cite(
            _(
                "%(unit)s: %(used)s xếp loại hoàn thành xuất sắc nhiệm vụ, vượt tỷ lệ tối đa "
                "%(share)s số hoàn thành tốt nhiệm vụ (%(good)s), tức %(allowed)s"
            )
            % {
                "unit": label,
                "used": quota.used,
                "share": _percent(self.excellent_share),
                "good": good,
                "allowed": quota.allowed,
            }
        )

    # The check ---------------------------------------------------------------------------

    def check(self, subjects: Sequence[Subject]) -> Check:
        """Every violation among SUBJECTS, the ceiling of each, the quota of each group. An
        override keeps a level against a rule; it never stands in for a missing score."""
        violations: list[Violation] = []
        ceilings = {}
        for subject in subjects:
            ceilings[subject.key] = ceiling = self.ceiling(subject)
            if subject.level is None:
                continue
            overridden = bool(subject.override.strip())
            violations.extend(
                Violation(rule, message, subject.key, subject.group, overridden and rule != "score")
                for rule, message in self.level_problems(subject, ceiling)
            )
        quotas: dict[Hashable, Quota] = {}
        members: defaultdict[Hashable, list[Subject]] = defaultdict(list)
        for subject in subjects:
            if self.quota_counts(subject):
                members[subject.group].append(subject)
        for group, in_group in members.items():
            levels = Counter(s.level for s in in_group)
            kept = sum(1 for s in in_group if s.level == EXCELLENT and s.override.strip())
            good = levels[GOOD]
            quota = Quota(self.quota_allowed(good), levels[EXCELLENT] - kept, kept)
            quotas[group] = quota
            if quota.remaining < 0:
                label = in_group[0].group_label
                violations.append(
                    Violation("quota", self.quota_exceeded(label, quota, good), None, group)
                )
        return Check(tuple(violations), ceilings, quotas)


@dataclass(frozen=True, eq=False)
class Rules124(Rules132):
    """Quy định 124-QĐ/TW (4/10/2023) with HD 25-HD/BTCTW (10/11/2023), for 2023 and 2024:
    four levels, no points, and the caps of Điều 12 (HIGH)."""

    valid_from = dt.date(2023, 1, 1)
    valid_to: ClassVar[dt.date | None] = dt.date(2025, 1, 1)
    regulation = "Quy định 124-QĐ/TW; HD 25-HD/BTCTW"
    uncertain = {
        "excellent_share": _QUOTA_GAP,
        "org_quota": _QUOTA_GAP,
        "excellent_lower_share": SettingSource(
            "HD 21-HD/BTCTW's condition on the subordinates, kept: HD 25 was not read on it",
            "LOW",
        ),
    }

    self_correction_excuses: bool = True
    units_disciplined_share: Fraction | None = Fraction(1, 5)
    targets_met_share: Fraction | None = Fraction(1, 2)


_366_CARRIED = SettingSource(
    "Quy định 124-QĐ/TW's caps, kept: the list of cases rated KHTNV under Quy định "
    "366-QĐ/TW was not found",
    "LOW",
)


@dataclass(frozen=True, eq=False)
class Rules366(Rules124):
    """Quy định 366-QĐ/TW (30/8/2025) with HD 43-HD/BTCTW (31/10/2025), from 2025: a score
    out of 100 sets the level (bands HIGH), HTXSNV needs its conditions as well."""

    valid_from = dt.date(2025, 1, 1)
    valid_to: ClassVar[dt.date | None] = None
    regulation = "Quy định 366-QĐ/TW; HD 43-HD/BTCTW"
    scored: ClassVar[bool] = True
    uncertain = {
        "excellent_share": _QUOTA_GAP,
        "org_quota": _QUOTA_GAP,
        "self_correction_excuses": _366_CARRIED,
        "units_disciplined_share": _366_CARRIED,
        "targets_met_share": _366_CARRIED,
        "failed_below": SettingSource(
            "KHTNV below 50 points: inferred from the bands and from Nghị định 335/2025, "
            "which uses 90/70/50 for civil servants",
            "LOW",
        ),
    }

    max_score: int = 100
    # The lowest score of each level: HTXSNV from 90, HTTNV 70 to under 90, HTNV 50 to under
    # 70 (Quy định 366-QĐ/TW; HD 43-HD/BTCTW).
    excellent_from: int = 90
    good_from: int = 70
    failed_below: int = 50
    # HTXSNV: every task done, and at least this share exceeded.
    tasks_exceeded_share: Fraction = Fraction(3, 10)
    # The lower levels' rule of HD 21 gives way to the conditions of HD 43.
    excellent_lower_share: Fraction | None = None

    def band(self, score: Decimal) -> str:
        """The level SCORE falls in; the bands cover 0 to MAX_SCORE without overlap."""
        if score >= self.excellent_from:
            return EXCELLENT
        if score >= self.good_from:
            return GOOD
        return DONE if score >= self.failed_below else FAILED

    def excellent_org_caps(self, subject: Subject) -> Iterator[tuple[str, str]]:
        yield from super().excellent_org_caps(subject)
        facts = subject.facts
        if facts.lower_units_disciplined:
            yield (
                GOOD,
                self._cite(
                    _(
                        "Có tổ chức trực thuộc bị kỷ luật trong năm: chưa thể xếp "
                        "loại hoàn thành xuất sắc nhiệm vụ"
                    )
                ),
            )

    def caps(self, subject: Subject) -> Iterator[tuple[str, str]]:
        yield from super().caps(subject)
        facts = subject.facts
        total, done, exceeded = facts.tasks_total, facts.tasks_done, facts.tasks_exceeded
        if total is None or done is None or exceeded is None:
            yield (
                GOOD,
                self._cite(
                    _(
                        "Chưa có kết quả thực hiện nhiệm vụ: chưa thể xếp loại "
                        "hoàn thành xuất sắc nhiệm vụ"
                    )
                ),
            )
        elif done < total or exceeded < self.tasks_exceeded_share * total:
            yield (
                GOOD,
                self._cite(
                    _(
                        "Hoàn thành xuất sắc nhiệm vụ cần hoàn thành 100%% nhiệm vụ và vượt ít "
                        "nhất %(share)s; đã hoàn thành %(done)s, vượt %(exceeded)s trên "
                        "%(total)s nhiệm vụ"
                    )
                    % {
                        "share": _percent(self.tasks_exceeded_share),
                        "done": done,
                        "exceeded": exceeded,
                        "total": total,
                    }
                ),
            )

    def score_problem(self, score: Decimal | None) -> str | None:
        if score is None:
            return self._cite(_("Năm đánh giá này chấm điểm: cần nhập điểm"))
        if not 0 <= score <= self.max_score:
            return self._cite(_("Điểm phải từ 0 đến %(max)s") % {"max": self.max_score})
        return None

    def level_problems(self, subject: Subject, ceiling: Ceiling) -> Iterator[tuple[str, str]]:
        assert subject.level is not None
        problem = self.score_problem(subject.score)
        if problem is not None or subject.score is None:
            yield "score", problem or ""
            return
        band = self.band(subject.score)
        if rank(subject.level) < rank(band):
            yield (
                "band",
                self._cite(
                    _("%(score)s điểm chỉ đạt mức %(band)s")
                    % {"score": subject.score, "band": band}
                ),
            )
        yield from super().level_problems(subject, ceiling)
        expected = worse(band, ceiling.level)
        if rank(subject.level) > rank(expected):
            yield (
                "band",
                self._cite(
                    _("%(score)s điểm ứng với mức %(expected)s, không phải %(level)s")
                    % {"score": subject.score, "expected": expected, "level": subject.level}
                ),
            )


EVALUATION: Topic[Rules132] = Topic(
    "evaluation",
    gettext_lazy("đánh giá, xếp loại chất lượng"),
    [Rules132(), Rules124(), Rules366()],
)


def rules_for_year(year: int) -> Rules132:
    """The rules that rate YEAR: those in force at its end, when the evaluation is held."""
    return rules_for(EVALUATION, dt.date(year, 12, 31))
