"""Rule sets of party discipline (docs/rules.md, "Discipline"): the forms each subject may
receive, which body may decide which form, the statute of limitations, the time to appeal
and the deadlines of complaints and denunciations.

The chain, keyed by the day a decision is taken: Quy định 102-QĐ/TW (15/11/2017, members)
with Quy định 07-QĐi/TW (2018, organizations) → Quy định 69-QĐ/TW (6/7/2022), which
replaced both → its amendment by Quy định 264-QĐ/TW (14/2/2025). The forms and periods
are the Charter's and did not change across the chain; what a period carries over without
a text that says so is named in its `uncertain`.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.common.months import add_months
from dangvu.common.rulesets import RuleSet, SettingSource, Topic, setting
from dangvu.discipline.rules import Body, Form, NoLimitGround, Standing

F, S = Form, Standing
MEMBER_FORMS = (F.REPRIMAND, F.WARNING, F.DISMISSAL, F.EXPULSION)


def _pairs(standings: tuple[Standing, ...], forms: tuple[Form, ...]) -> frozenset[tuple[str, str]]:
    return frozenset((standing, form) for standing in standings for form in forms)


@dataclass(frozen=True, eq=False)
class DisciplineRules(RuleSet):
    """Quy định 69-QĐ/TW (6/7/2022): Điều 7 (forms), Điều 4 (statute of limitations), with
    the Charter's Điều 36 on who decides and Điều 37 on appeals."""

    valid_from: ClassVar[dt.date] = dt.date(2022, 7, 6)
    valid_to: ClassVar[dt.date | None] = dt.date(2025, 2, 14)
    regulation: ClassVar[str] = "Quy định 69-QĐ/TW; Điều lệ Đảng Điều 35–37"

    # Điều 7: probationary members only khiển trách and cảnh cáo.
    forms_by_standing: Mapping[str, tuple[str, ...]] = setting(
        factory=lambda: {
            S.OFFICIAL: MEMBER_FORMS,
            S.PROBATIONARY: (F.REPRIMAND, F.WARNING),
            S.ORGANIZATION: (F.REPRIMAND, F.WARNING, F.DISSOLUTION),
        },
        source="Quy định 69-QĐ/TW Điều 7; Điều lệ Đảng Điều 35",
        confidence="HIGH",
    )
    # Điều 4: months from the violation after which the form can no longer be given;
    # a form not listed has no limit (khai trừ, giải tán).
    statute_months: Mapping[str, int] = setting(
        factory=lambda: {F.REPRIMAND: 60, F.WARNING: 120, F.DISMISSAL: 120},
        source="Quy định 69-QĐ/TW Điều 4; HD 05-HD/UBKTTW (22/11/2022)",
        confidence="HIGH",
    )
    # Which body may decide which form for whom. A cell gives its members khiển trách and
    # cảnh cáo; a đảng ủy cơ sở the same in its đảng bộ and cách chức of lower cấp ủy
    # members (khai trừ only when authorised to admit: `authorised_competence`); the
    # committee above and its Inspection commission every form for members; the committee
    # directly above an organization khiển trách and cảnh cáo of it.
    competence: Mapping[str, frozenset[tuple[str, str]]] = setting(
        factory=lambda: {
            Body.CELL: _pairs((S.OFFICIAL, S.PROBATIONARY), (F.REPRIMAND, F.WARNING)),
            Body.GRASSROOTS_COMMITTEE: _pairs(
                (S.OFFICIAL, S.PROBATIONARY), (F.REPRIMAND, F.WARNING)
            )
            | _pairs((S.OFFICIAL,), (F.DISMISSAL,))
            | _pairs((S.ORGANIZATION,), (F.REPRIMAND, F.WARNING)),
            Body.UPPER_COMMISSION: _pairs((S.OFFICIAL, S.PROBATIONARY), MEMBER_FORMS),
            Body.UPPER_COMMITTEE: _pairs((S.OFFICIAL, S.PROBATIONARY), MEMBER_FORMS)
            | _pairs((S.ORGANIZATION,), (F.REPRIMAND, F.WARNING, F.DISSOLUTION)),
        },
        source=(
            "Điều lệ Đảng (2011) Điều 36; Quy định 69-QĐ/TW Chương III; the đảng ủy cơ sở's "
            "and the commission's powers over organizations were not read in 69's text"
        ),
        confidence="MED",
    )
    # What a body may decide besides, on a day its đảng ủy is authorised to admit members:
    # "Đảng ủy cơ sở được ủy quyền quyết định kết nạp đảng viên thì được quyết định khai
    # trừ đảng viên, nhưng không phải là cấp ủy viên cùng cấp và đảng viên là cán bộ thuộc
    # diện cấp trên quản lý". Neither exception is in the registry: the decision records
    # them as the one who enters it declares (`excepted`).
    authorised_competence: Mapping[str, frozenset[tuple[str, str]]] = setting(
        factory=lambda: {Body.GRASSROOTS_COMMITTEE: _pairs((S.OFFICIAL,), (F.EXPULSION,))},
        source="Điều lệ Đảng (2011) Điều 36 khoản 2, as commonly quoted, with its two "
        "exceptions (cấp ủy viên cùng cấp, cán bộ thuộc diện cấp trên quản lý)",
        confidence="MED",
    )  # fmt: skip
    # Giải tán is decided by the committee one level above the organization's own
    # superior (cấp ủy cấp trên cách một cấp), on that superior's proposal.
    dissolution_levels_above: int = setting(
        2, source="Điều lệ Đảng (2011) Điều 36 điểm b", confidence="MED"
    )
    # Điều lệ Điều 37: an appeal within one month of receiving the decision.
    appeal_months: int = setting(1, source="Điều lệ Đảng (2011) Điều 37", confidence="HIGH")
    appeal_resolution_working_days: int = setting(
        90,
        source=(
            "Quy định 24-QĐ/TW mục 26 (giải quyết khiếu nại kỷ luật đảng): 90 working days at "
            "the levels up to the province, as commonly cited; the text was not read"
        ),
        confidence="LOW",
    )
    # Khiếu nại and tố cáo addressed to the committee or its commission.
    complaint_working_days: int = setting(
        60,
        source="Quy định 22-QĐ/TW (2021) Điều 28: within 60 working days at this level, as cited",
        confidence="LOW",
    )
    denunciation_working_days: int = setting(
        60,
        source="Quy định 22-QĐ/TW (2021) Điều 21: within 60 working days at this level, as cited",
        confidence="LOW",
    )

    # Checks ------------------------------------------------------------------------------

    def allowed_forms(self, standing: str) -> tuple[str, ...]:
        return tuple(self.forms_by_standing.get(standing, ()))

    def may_decide(
        self,
        body: str,
        standing: str,
        form: str,
        *,
        authorised: bool = False,
        excepted: bool = False,
    ) -> bool:
        """Whether BODY may give FORM to a subject of STANDING; AUTHORISED: its đảng ủy is
        authorised to admit members on the decision's day; EXCEPTED: the subject is one the
        authorisation leaves out (a member of that đảng ủy, a cadre the upper level
        manages)."""
        pairs = self.competence.get(body, frozenset())
        if authorised and not excepted:
            pairs = pairs | self.authorised_competence.get(body, frozenset())
        return (standing, form) in pairs

    def statute_ends(self, form: str, counted_from: dt.date) -> dt.date | None:
        """The first day FORM can no longer be given for a violation counted from
        COUNTED_FROM; None when the form has no limit."""
        months = self.statute_months.get(form)
        return None if months is None else add_months(counted_from, months)

    def within_statute(
        self, form: str, counted_from: dt.date, decided_on: dt.date, ground: str = ""
    ) -> bool:
        if ground:  # NoLimitGround: no statute runs
            return True
        ends = self.statute_ends(form, counted_from)
        return ends is None or decided_on < ends

    def problems(
        self,
        *,
        standing: str,
        form: str,
        body: str,
        counted_from: dt.date,
        decided_on: dt.date,
        ground: str = "",
        authorised: bool = False,
        excepted: bool = False,
    ) -> dict[str, str]:
        """What is wrong with a decision of FORM by BODY (AUTHORISED to admit, or not) about
        a subject of STANDING (EXCEPTED from that authorisation, or not) for a violation
        counted from COUNTED_FROM, decided on DECIDED_ON; by field."""
        found: dict[str, str] = {}
        if counted_from > decided_on:
            found["violated_on"] = _("Ngày vi phạm sau ngày quyết định kỷ luật.")
        if form not in self.allowed_forms(standing):
            found["form"] = self.form_not_for(standing)
        elif not self.may_decide(body, standing, form, authorised=authorised, excepted=excepted):
            found["body"] = (
                self.excepted_from_authorisation(form)
                if authorised and self.may_decide(body, standing, form, authorised=True)
                else self.body_may_not(body, form)
            )
        if "violated_on" not in found and not self.within_statute(
            form, counted_from, decided_on, ground
        ):
            found["violated_on"] = self.statute_expired(form, counted_from)
        return found

    def appeal_deadline(self, received_on: dt.date) -> dt.date:
        """The last day to appeal a decision received on RECEIVED_ON."""
        return add_months(received_on, self.appeal_months)

    # Words -------------------------------------------------------------------------------

    def form_not_for(self, standing: str) -> str:
        names = ", ".join(str(Form(form).label).lower() for form in self.allowed_forms(standing))
        return _("%(who)s chỉ có thể bị kỷ luật: %(forms)s.") % {
            "who": Standing(standing).label,
            "forms": names,
        }

    def body_may_not(self, body: str, form: str) -> str:
        return _(
            "%(body)s không có thẩm quyền quyết định hình thức %(form)s với đối tượng này."
        ) % {
            "body": Body(body).label,
            "form": str(Form(form).label).lower(),
        }

    def excepted_from_authorisation(self, form: str) -> str:
        return _(
            "Đảng ủy cơ sở được ủy quyền kết nạp đảng viên không quyết định %(form)s đảng viên "
            "là cấp ủy viên cùng cấp hoặc cán bộ thuộc diện cấp trên quản lý (Điều lệ Đảng, "
            "Điều 36): việc này do cấp ủy cấp trên quyết định."
        ) % {"form": str(Form(form).label).lower()}

    def statute_expired(self, form: str, counted_from: dt.date) -> str:
        ends = self.statute_ends(form, counted_from)
        assert ends is not None
        return _(
            "Đã hết thời hiệu kỷ luật %(form)s (%(years)s năm, tính từ %(from)s: hết ngày "
            "%(last)s). Chỉ không tính thời hiệu khi vi phạm thuộc trường hợp Điều 4 quy định."
        ) % {
            "form": str(Form(form).label).lower(),
            "years": self.statute_months[form] // 12,
            "from": f"{counted_from:%d/%m/%Y}",
            "last": f"{ends - dt.timedelta(days=1):%d/%m/%Y}",
        }

    def no_limit_grounds(self) -> list[tuple[str, str]]:
        return [(c.value, str(c.label)) for c in NoLimitGround if c.value]


_NOT_READ_102 = SettingSource(
    "Quy định 102-QĐ/TW Điều 3–4 and Quy định 07-QĐi/TW: the same forms and periods as 69 "
    "are assumed (69 kept the Charter's forms; 102's periods were 5 and 10 years as cited)",
    "MED",
)


@dataclass(frozen=True, eq=False)
class Discipline102(DisciplineRules):
    """Quy định 102-QĐ/TW (15/11/2017) for members and 07-QĐi/TW (28/8/2018) for
    organizations, until Quy định 69-QĐ/TW replaced both."""

    valid_from: ClassVar[dt.date] = dt.date(2017, 11, 15)
    valid_to: ClassVar[dt.date | None] = dt.date(2022, 7, 6)
    regulation: ClassVar[str] = "Quy định 102-QĐ/TW; Quy định 07-QĐi/TW; Điều lệ Đảng Điều 35–37"
    uncertain: ClassVar[Mapping[str, SettingSource]] = {
        "statute_months": _NOT_READ_102,
        "forms_by_standing": _NOT_READ_102,
    }


@dataclass(frozen=True, eq=False)
class Discipline264(DisciplineRules):
    """Quy định 69-QĐ/TW as amended by Quy định 264-QĐ/TW (14/2/2025). The amendment's
    text was not read: the forms, periods and powers are assumed unchanged."""

    valid_from: ClassVar[dt.date] = dt.date(2025, 2, 14)
    valid_to: ClassVar[dt.date | None] = None
    regulation: ClassVar[str] = "Quy định 69-QĐ/TW, sửa đổi bởi Quy định 264-QĐ/TW"
    uncertain: ClassVar[Mapping[str, SettingSource]] = {
        "statute_months": SettingSource("264-QĐ/TW not read; 69's Điều 4 assumed", "MED"),
    }


DISCIPLINE: Topic[DisciplineRules] = Topic(
    "discipline",
    gettext_lazy("Kỷ luật đảng"),
    [Discipline102(), DisciplineRules(), Discipline264()],
)
