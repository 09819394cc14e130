"""Rule sets of the member lifecycle: admission, probation, recognition, transfers of party
activity and removal from the roll (docs/rules.md, "Member lifecycle").

The chain follows the regulations that implement the Party Charter: the texts before
Quy định 29-QĐ/TW → Quy định 29-QĐ/TW (25/7/2016) → 24-QĐ/TW (30/7/2021) → 232-QĐ/TW
(20/1/2025) → 294-QĐ/TW (in force from 1/7/2025), with the guidance HD 12-HD/BTCTW
(18/1/2022) and HD 06-HD/TW (9/6/2025). Their numbers agree, so each period only restates
its dates and citation; a regulation that changes a number or a rule overrides that field
or method in its own class, the way the evaluation rule sets (Rules132 → Rules124 →
Rules366), discipline (Quy định 69) and dues (342 → 01-QĐ/TW) will.

Pure: plain values in and out; working days come from the calendar passed in.
"""

import datetime as dt
import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar, Protocol

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from dangvu.common.months import add_months, age_in_months, months_text
from dangvu.common.rulesets import RuleSet, Topic, setting


class Calendar(Protocol):
    def add_working_days(self, start: dt.date, n: int) -> dt.date: ...


@dataclass(frozen=True)
class CandidateFacts:
    """What the cell checks before resolving to admit (forms 1-KNĐ to 5-KNĐ)."""

    birth_date: dt.date
    awareness_class_date: dt.date | None
    application_date: dt.date | None
    biography_date: dt.date | None
    biography_verified_date: dt.date | None
    youth_union_resolution_date: dt.date | None
    official_introducers: int  # how many introducers are official members on that day
    introducers_months_together: int | None
    mass_org_comments_date: dt.date | None
    age_exception_authority: str
    # Thẩm tra lý lịch: the requests (to whom, when) and the day the last reply came; the
    # conclusion is `biography_verified_date`.
    biography_check_sent_to: str = ""
    biography_check_sent_date: dt.date | None = None
    biography_check_replied_date: dt.date | None = None


@dataclass(frozen=True)
class AdmissionRoute:
    """Where a case goes after the cell's resolution, from the tree on that day (Quy định
    29/24/232/294 mục 3–4; HD 12-HD/BTCTW forms 7-KNĐ to 9-KNĐ)."""

    in_sub_committee: bool = False  # a chi bộ trực thuộc đảng bộ bộ phận
    in_grassroots_committee: bool = False  # a chi bộ trực thuộc đảng bộ cơ sở
    grassroots_authorised: bool = False  # whose đảng ủy is authorised to admit that day


_MESSAGES: dict[str, Promise] = {
    # Admission (checked on the day the cell resolves).
    "UNDER_AGE": _(
        "Người xin vào Đảng chưa đủ %(min_age)s tuổi (tính theo tháng) vào ngày chi bộ xét."
    ),
    "OVER_AGE": _("Người xin vào Đảng đã quá %(max_age)s tuổi; cần văn bản của cấp có thẩm quyền."),
    "NO_AWARENESS_CLASS": _(
        "Chưa có giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng (%(regulation)s)."
    ),
    "AWARENESS_CLASS_EXPIRED": _(
        "Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng đã quá %(certificate_years)s năm "
        "(%(regulation)s)."
    ),
    "NO_APPLICATION": _("Chưa có đơn xin vào Đảng (%(regulation)s)."),
    "BIOGRAPHY_NOT_VERIFIED": _(
        "Lý lịch chưa được cấp ủy cơ sở thẩm tra, kết luận (%(regulation)s)."
    ),
    "BIOGRAPHY_CHECK_RECIPIENT": _(
        "Đã gửi đề nghị thẩm tra lý lịch nhưng chưa ghi gửi đến đâu (%(regulation)s)."
    ),
    "BIOGRAPHY_REPLY_WITHOUT_REQUEST": _(
        "Đã ghi ngày nhận trả lời thẩm tra lý lịch nhưng chưa ghi ngày gửi đề nghị "
        "(%(regulation)s)."
    ),
    "BIOGRAPHY_REPLIES_PENDING": _(
        "Chưa nhận đủ trả lời thẩm tra lý lịch, chưa kết luận được (%(regulation)s)."
    ),
    "INTRODUCERS": _(
        "Cần %(introducers)s đảng viên chính thức giới thiệu, hoặc nghị quyết giới thiệu "
        "của Đoàn (Công đoàn) và %(with_union)s đảng viên chính thức (%(regulation)s)."
    ),
    "INTRODUCERS_TOO_RECENT": _(
        "Người giới thiệu phải cùng công tác ít nhất %(introducer_months)s tháng (%(regulation)s)."
    ),
    "NO_COMMENTS": _("Chưa có ý kiến nhận xét của đoàn thể và chi ủy nơi cư trú (%(regulation)s)."),
    "GRASSROOTS_FIRST": _(
        "Chi bộ trực thuộc đảng bộ cơ sở: cần nghị quyết của đảng ủy cơ sở đề nghị kết nạp "
        "(8-KNĐ) trước %(later)s (%(regulation)s)."
    ),
    "REVIEW_FIRST": _(
        "Chi bộ trực thuộc đảng bộ bộ phận: cần báo cáo thẩm định của đảng ủy bộ phận "
        "(7-KNĐ) trước %(later)s (%(regulation)s)."
    ),
    "STEP_MISSING": _("Cần %(earlier)s trước %(later)s (%(regulation)s)."),
    "NO_REVIEW": _(
        "Chi bộ không trực thuộc đảng bộ bộ phận; không có bước thẩm định của đảng ủy bộ "
        "phận (%(regulation)s)."
    ),
    "NO_GRASSROOTS": _("Chi bộ cơ sở trình thẳng cấp ủy cấp trên; không có bước này."),
    "GRASSROOTS_DECIDES": _(
        "Đảng ủy cơ sở được ủy quyền kết nạp đảng viên tự quyết định kết nạp; không có bước "
        "nghị quyết đề nghị cấp trên (%(regulation)s)."
    ),
    # Recognition as official: the same route after the cell's resolution (13-KNĐ).
    "RECOGNITION_REVIEW_FIRST": _(
        "Chi bộ trực thuộc đảng bộ bộ phận: cần báo cáo thẩm định của đảng ủy bộ phận "
        "(14-KNĐ) trước %(later)s (%(regulation)s)."
    ),
    "RECOGNITION_GRASSROOTS_FIRST": _(
        "Chi bộ trực thuộc đảng bộ cơ sở: cần nghị quyết của đảng ủy cơ sở đề nghị công nhận "
        "chính thức (15-KNĐ) trước %(later)s (%(regulation)s)."
    ),
    "RECOGNITION_GRASSROOTS_DECIDES": _(
        "Đảng ủy cơ sở được ủy quyền kết nạp đảng viên tự quyết định công nhận đảng viên "
        "chính thức; không có bước nghị quyết đề nghị cấp trên (%(regulation)s)."
    ),
    "DOSSIER_EXPIRED": _(
        "Hồ sơ đã quá %(dossier_months)s tháng kể từ đơn xin vào Đảng; phải làm lại hồ sơ "
        "(%(regulation)s)."
    ),
    "STEP_ORDER": _(
        "Ngày %(later)s (%(later_date)s) không được trước ngày %(earlier)s (%(earlier_date)s) "
        "(%(regulation)s)."
    ),
    # The registry's dates.
    "ADMITTED_UNDER_AGE": _("Ngày vào Đảng phải từ khi đủ %(min_age)s tuổi (tính theo tháng)."),
    "NOT_END_OF_PROBATION": _(
        "Ngày chính thức phải đúng %(probation_months)s tháng sau ngày vào Đảng (%(expected)s)."
    ),
    # Steps of the lifecycle.
    "EXTENSION_TOO_LONG": _("Chỉ gia hạn một lần, tối đa %(extension_days)s ngày làm việc."),
    "PROBATION_NOT_OVER": _("Chưa hết %(probation_months)s tháng dự bị (đến %(date)s)."),
    "NOT_PROBATIONARY": _(
        "Chỉ đảng viên dự bị mới bị xóa tên trong danh sách đảng viên dự bị (Điều lệ Đảng, "
        "Điều 5); đồng chí này đã là đảng viên chính thức."
    ),
    "TEMPORARY_PERIOD": _(
        "Sinh hoạt tạm thời: đi công tác từ %(work_min)s đến dưới %(work_under)s, "
        "đi học từ %(study_min)s đến %(study_max)s."
    ),
}

# The steps of an admission file, in the order the cell takes them (HD 12-HD/BTCTW, forms
# CN-NTVĐ, 1-KNĐ, 2-KNĐ; the verification of the biography: requests, replies, conclusion,
# HD 01-HD/TW 2021 mục 3.4), and the papers that come after the application.
_STEPS: dict[str, Promise] = {
    "awareness_class_date": _("giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng"),
    "application_date": _("đơn xin vào Đảng"),
    "biography_date": _("lý lịch"),
    "biography_check_sent_date": _("gửi đề nghị thẩm tra lý lịch"),
    "biography_check_replied_date": _("nhận đủ trả lời thẩm tra lý lịch"),
    "biography_verified_date": _("kết luận thẩm tra lý lịch"),
}
_AFTER_APPLICATION: dict[str, Promise] = {
    "youth_union_resolution_date": _("nghị quyết giới thiệu của Đoàn (Công đoàn)"),
    "mass_org_comments_date": _("ý kiến nhận xét của đoàn thể, nơi cư trú"),
}
_CELL_RESOLUTION = _("nghị quyết chi bộ")


@dataclass(frozen=True)
class RouteSteps:
    """A procedure that goes up the route after the cell's resolution: the fields recording
    its four steps' dates (the cell's resolution, the đảng ủy bộ phận's review, the đảng ủy
    cơ sở's resolution, the decision), their names with HD 12-HD/BTCTW's form numbers, and
    the codes of the messages for a missing review or resolution, and for a resolution an
    authorised đảng ủy does not make."""

    cell: str
    review: str
    grassroots: str
    decision: str
    labels: Mapping[str, Promise] = field(repr=False)
    review_first: str
    grassroots_first: str
    grassroots_decides: str


# Admission: the cell's resolution (6-KNĐ), the đảng ủy bộ phận's review (7-KNĐ), the
# đảng ủy cơ sở's resolution (8-KNĐ), the decision (9-KNĐ); fields of `AdmissionCase`.
ADMISSION_STEPS = RouteSteps(
    "cell_resolution_date", "sub_committee_review_date", "grassroots_resolution_date",
    "decision_date",
    labels={
        "cell_resolution_date": _("nghị quyết chi bộ đề nghị kết nạp (6-KNĐ)"),
        "sub_committee_review_date": _("báo cáo thẩm định của đảng ủy bộ phận (7-KNĐ)"),
        "grassroots_resolution_date": _("nghị quyết đảng ủy cơ sở đề nghị kết nạp (8-KNĐ)"),
        "decision_date": _("quyết định kết nạp (9-KNĐ)"),
    },
    review_first="REVIEW_FIRST", grassroots_first="GRASSROOTS_FIRST",
    grassroots_decides="GRASSROOTS_DECIDES",
)  # fmt: skip
# Recognition as official (Điều lệ Đảng Điều 5; mục 4): the cell's resolution (13-KNĐ), the
# đảng ủy bộ phận's review (14-KNĐ: the form between 13 and 15, as 7-KNĐ is for admission;
# its title was not read), the đảng ủy cơ sở's resolution (15-KNĐ), the decision; fields
# of `Member`.
RECOGNITION_STEPS = RouteSteps(
    "recognition_proposed_on", "recognition_reviewed_on", "recognition_grassroots_on",
    "official_decision_date",
    labels={
        "recognition_proposed_on": _("nghị quyết chi bộ đề nghị công nhận chính thức (13-KNĐ)"),
        "recognition_reviewed_on": _("báo cáo thẩm định của đảng ủy bộ phận (14-KNĐ)"),
        "recognition_grassroots_on": _(
            "nghị quyết đảng ủy cơ sở đề nghị công nhận chính thức (15-KNĐ)"
        ),
        "official_decision_date": _("quyết định công nhận đảng viên chính thức"),
    },
    review_first="RECOGNITION_REVIEW_FIRST", grassroots_first="RECOGNITION_GRASSROOTS_FIRST",
    grassroots_decides="RECOGNITION_GRASSROOTS_DECIDES",
)  # fmt: skip

# Căn cứ xóa tên (Điều lệ Đảng Điều 8; Quy định 29/24/232/294 mục 8.1), by the codes of
# `members.models.RemovalReason`.
_REMOVAL_GROUNDS: dict[str, Promise] = {
    "NO_ACTIVITY_OR_DUES": _(
        "Bỏ sinh hoạt hoặc không đóng đảng phí %(dues_months)s tháng trong năm không có lý do "
        "chính đáng"
    ),
    "CARD_RETURNED": _("Tự ý trả thẻ đảng viên hoặc tự hủy thẻ"),
    "NO_PROGRESS": _("Không tiến bộ sau %(no_progress_months)s tháng chi bộ giúp đỡ"),
    "STANDARDS_TWO_YEARS": _("Vi phạm tư cách đảng viên %(standards_years)s năm liền"),
    "POLITICAL_STANDARD": _("Không bảo đảm tiêu chuẩn chính trị"),
}


@dataclass(frozen=True, eq=False)
class LifecycleRules(RuleSet):
    """The member lifecycle as the regulations implementing the Charter state it.
    Deadlines are in working days (ngày làm việc) unless named in months."""

    # Admission (Quy định 24/232/294 mục 1 and 3; HD 12-HD/BTCTW).
    min_age_years: int = 18  # đủ 18 tuổi, counted in months, on the day the cell considers
    max_age_years: int = 60  # older needs the written consent of the competent committee
    awareness_certificate_years: int = setting(
        5,
        source="HD 12-HD/BTCTW (18/1/2022), giấy chứng nhận CN-NTVĐ; read in secondary sources",
        confidence="MED",
    )
    introducers: int = setting(
        2, source="Quy định 24/232 mục 3; secondary sources (vanxuan.net, tnu.edu.vn)",
        confidence="MED",
    )  # fmt: skip
    introducers_with_youth_union: int = setting(
        1, source="Quy định 24/232 mục 3; secondary sources (vanxuan.net, tnu.edu.vn)",
        confidence="MED",
    )  # fmt: skip
    introducer_months: int = 12  # worked or studied with the candidate at least this long
    dossier_months: int = setting(
        12, source="HD 12-HD/BTCTW as the review of issue 10 cites it; the text was not read",
        confidence="LOW",
    )  # fmt: skip
    # The committees asked to verify a biography reply within this many working days.
    biography_reply_days: int = setting(
        30, source="HD 01-HD/TW (2021) mục 3.4 (the verification of the biography); no "
        "deadline for replies was read in it: the 30 working days of mục 4's steps, assumed",
        confidence="LOW",
    )  # fmt: skip
    # Deadlines (mục 4).
    admission_decision_days: int = 60  # the committee decides after the cell's resolution
    decision_extension_days: int = 30  # once, in special cases
    ceremony_days: int = 30  # after receiving the decision
    probation_months: int = 12  # from the ceremony (Điều lệ Điều 5)
    recognition_cell_days: int = 30  # the cell considers after probation ends
    recognition_decision_days: int = 30  # the committee decides after the cell's resolution
    # Transfers of party activity (mục 6).
    transfer_letter_days: int = 60  # official transfer: paperwork after the decision
    transfer_present_days: int = 30  # the member presents the letter
    temporary_work_min_months: int = 3
    temporary_work_under_months: int = 12  # "từ 3 tháng đến dưới 1 năm"
    temporary_study_min_months: int = 3
    temporary_study_max_months: int = 24  # "từ 3 tháng đến 2 năm"
    # Removal from the roll (xóa tên, mục 8.1).
    removal_dues_months: int = 3
    removal_no_progress_months: int = 12
    removal_standards_years: int = 2

    # Admission ---------------------------------------------------------------------------

    def under_age(self, birth_date: dt.date, on: dt.date) -> bool:
        """Younger on ON than the youngest admission age, counted in months."""
        return age_in_months(birth_date, on) < 12 * self.min_age_years

    def admission_problems(self, facts: CandidateFacts, on: dt.date) -> list[str]:
        """Codes of what stops the cell from resolving on ON: the age window counted in
        months, an awareness certificate still valid, the application, the verified
        biography, enough official introducers (fewer with the Youth Union's resolution)
        who worked with the candidate long enough, and the mass organizations' comments."""
        problems = []
        if self.under_age(facts.birth_date, on):
            problems.append("UNDER_AGE")
        elif (
            age_in_months(facts.birth_date, on) > 12 * self.max_age_years
            and not facts.age_exception_authority.strip()
        ):
            problems.append("OVER_AGE")
        if facts.awareness_class_date is None:
            problems.append("NO_AWARENESS_CLASS")
        elif add_months(facts.awareness_class_date, 12 * self.awareness_certificate_years) < on:
            problems.append("AWARENESS_CLASS_EXPIRED")
        if facts.application_date is None:
            problems.append("NO_APPLICATION")
        if facts.biography_verified_date is None:
            problems.append("BIOGRAPHY_NOT_VERIFIED")
        problems += self.biography_check_problems(facts)
        needed = (
            self.introducers_with_youth_union
            if facts.youth_union_resolution_date
            else self.introducers
        )
        months_together = facts.introducers_months_together
        if facts.official_introducers < needed:
            problems.append("INTRODUCERS")
        elif months_together is None or months_together < self.introducer_months:
            problems.append("INTRODUCERS_TOO_RECENT")
        if facts.mass_org_comments_date is None:
            problems.append("NO_COMMENTS")
        application = facts.application_date
        if application and add_months(application, self.dossier_months) < on:
            problems.append("DOSSIER_EXPIRED")
        return problems

    def biography_check_problems(self, facts: CandidateFacts) -> list[str]:
        """Codes of what the verification of the biography lacks: requests name where they
        went; a reply answers a request; a conclusion waits for the replies to its requests.
        A verification made in person (no request recorded) needs its conclusion only."""
        sent, replied = facts.biography_check_sent_date, facts.biography_check_replied_date
        problems = []
        if sent is not None and not facts.biography_check_sent_to.strip():
            problems.append("BIOGRAPHY_CHECK_RECIPIENT")
        if replied is not None and sent is None:
            problems.append("BIOGRAPHY_REPLY_WITHOUT_REQUEST")
        if sent is not None and replied is None:
            problems.append("BIOGRAPHY_REPLIES_PENDING")
        return problems

    def step_order_messages(self, facts: CandidateFacts, on: dt.date) -> list[str]:
        """What is dated out of order, as sentences: the certificate, the application, the
        biography, the requests to verify it, their replies and the conclusion each on or
        after the one before; the Youth Union's
        resolution and the comments on or after the application; and every step on or
        before the cell's resolution, ON."""
        dated = [(name, day) for name in _STEPS if (day := getattr(facts, name))]
        labels = {**_STEPS, **_AFTER_APPLICATION}
        pairs = [(a, b) for a, b in itertools.pairwise(dated) if b[1] < a[1]]
        after = [(name, day) for name in _AFTER_APPLICATION if (day := getattr(facts, name))]
        if facts.application_date:
            start = ("application_date", facts.application_date)
            pairs += [(start, step) for step in after if step[1] < start[1]]
        resolution = ("", on)
        pairs += [(step, resolution) for step in dated + after if step[1] > on]
        return [
            self.message(
                "STEP_ORDER",
                earlier=labels.get(first, _CELL_RESOLUTION), earlier_date=f"{first_day:%d/%m/%Y}",
                later=labels.get(then, _CELL_RESOLUTION), later_date=f"{then_day:%d/%m/%Y}",
            )
            for (first, first_day), (then, then_day) in pairs
        ]  # fmt: skip

    def steps_after_cell(
        self, route: AdmissionRoute, procedure: RouteSteps = ADMISSION_STEPS
    ) -> tuple[str, ...]:
        """PROCEDURE's steps from the cell's resolution to the decision, in order: the đảng
        ủy bộ phận's review for a cell inside a đảng bộ bộ phận (it reviews, it does not
        decide), the đảng ủy cơ sở's resolution for a cell inside a đảng bộ cơ sở not
        authorised to admit, then the decision. Admission and recognition as official take
        the same route (Quy định 24/232/294 mục 3–4)."""
        steps = [procedure.cell]
        if route.in_sub_committee:
            steps.append(procedure.review)
        if route.in_grassroots_committee and not route.grassroots_authorised:
            steps.append(procedure.grassroots)
        return (*steps, procedure.decision)

    def grassroots_decides(self, route: AdmissionRoute) -> bool:
        """Whether the đảng ủy cơ sở decides the admission (or the recognition) itself (the
        whole đảng ủy, when the upper committee has authorised it), rather than the upper
        committee's standing committee (Quy định 29/24/232/294 mục 4.3.2)."""
        return route.in_grassroots_committee and route.grassroots_authorised

    def after_cell_messages(
        self,
        route: AdmissionRoute,
        dates: Mapping[str, dt.date | None],
        step: str,
        on: dt.date,
        procedure: RouteSteps = ADMISSION_STEPS,
    ) -> list[str]:
        """What stops STEP (a field of `steps_after_cell`) dated ON, as sentences: the step
        is not on ROUTE, or a step before it is missing from DATES or dated after ON."""
        steps = self.steps_after_cell(route, procedure)
        if step not in steps:
            if step == procedure.review:
                return [self.message("NO_REVIEW")]
            if route.in_grassroots_committee:
                return [self.message(procedure.grassroots_decides)]
            return [self.message("NO_GRASSROOTS")]
        labels, later = procedure.labels, procedure.labels[step]
        missing = {procedure.review: procedure.review_first,
                   procedure.grassroots: procedure.grassroots_first}  # fmt: skip
        messages = []
        for earlier in steps[: steps.index(step)]:
            day = dates.get(earlier)
            if day is None:
                code = missing.get(earlier, "STEP_MISSING")
                messages.append(self.message(code, earlier=labels[earlier], later=later))
            elif day > on:
                messages.append(self.message(
                    "STEP_ORDER", earlier=labels[earlier], earlier_date=f"{day:%d/%m/%Y}",
                    later=later, later_date=f"{on:%d/%m/%Y}",
                ))  # fmt: skip
        return messages

    def extension_allowed(self, extension_days: int) -> bool:
        """The committee may extend its decision once, by at most `decision_extension_days`."""
        return 0 <= extension_days <= self.decision_extension_days

    # Deadlines ---------------------------------------------------------------------------

    def admission_decision_due(
        self, cell_resolution: dt.date, extension_days: int, calendar: Calendar
    ) -> dt.date:
        """The committee decides within `admission_decision_days` working days of the cell's
        resolution, plus its extension (mục 4)."""
        if not self.extension_allowed(extension_days):
            raise ValueError(f"extension must be 0–{self.decision_extension_days} working days")
        return calendar.add_working_days(
            cell_resolution, self.admission_decision_days + extension_days
        )

    def ceremony_due(self, decision: dt.date, calendar: Calendar) -> dt.date:
        """The ceremony is held within `ceremony_days` working days of the decision."""
        return calendar.add_working_days(decision, self.ceremony_days)

    def probation_end(self, ceremony: dt.date) -> dt.date:
        """Probation lasts `probation_months` from the ceremony; the member is official on
        this exact day, however late the cell or the committee decides (mục 4)."""
        return add_months(ceremony, self.probation_months)

    def recognition_cell_due(self, probation_end: dt.date, calendar: Calendar) -> dt.date:
        """The cell considers recognition within `recognition_cell_days` working days after
        probation ends."""
        return calendar.add_working_days(probation_end, self.recognition_cell_days)

    def recognition_decision_due(self, cell_resolution: dt.date, calendar: Calendar) -> dt.date:
        """The committee decides on recognition within `recognition_decision_days` working
        days of the cell's resolution."""
        return calendar.add_working_days(cell_resolution, self.recognition_decision_days)

    def biography_reply_due(self, sent: dt.date, calendar: Calendar) -> dt.date:
        """The replies to the requests to verify a biography, sent on SENT, are due
        `biography_reply_days` working days later."""
        return calendar.add_working_days(sent, self.biography_reply_days)

    def transfer_letter_due(self, decision: dt.date, calendar: Calendar) -> dt.date:
        """Official transfer: the letter is issued within `transfer_letter_days` working
        days of the decision (mục 6)."""
        return calendar.add_working_days(decision, self.transfer_letter_days)

    def transfer_present_due(self, letter: dt.date, calendar: Calendar) -> dt.date:
        """The member presents the letter within `transfer_present_days` working days."""
        return calendar.add_working_days(letter, self.transfer_present_days)

    def temporary_period_problem(
        self, *, study: bool, start: dt.date, expected_return: dt.date
    ) -> str | None:
        """TOO_SHORT or TOO_LONG when a temporary transfer does not last from 3 months to
        under a year for work, or from 3 months to 2 years (inclusive) for study (mục 6);
        None when it fits."""
        shortest = self.temporary_study_min_months if study else self.temporary_work_min_months
        if expected_return < add_months(start, shortest):
            return "TOO_SHORT"
        if study:
            too_long = expected_return > add_months(start, self.temporary_study_max_months)
        else:
            too_long = expected_return >= add_months(start, self.temporary_work_under_months)
        return "TOO_LONG" if too_long else None

    # Words -------------------------------------------------------------------------------

    def message(self, code: str, **values: object) -> str:
        """The Vietnamese sentence for CODE, with this period's numbers (and VALUES)."""
        return str(_MESSAGES[code]) % {**self._numbers(), **values}

    def removal_ground(self, code: str) -> str:
        """The wording of a ground for removal (căn cứ xóa tên), with this period's numbers."""
        return str(_REMOVAL_GROUNDS[code]) % self._numbers()

    def _numbers(self) -> dict[str, object]:
        return {
            "min_age": self.min_age_years,
            "max_age": self.max_age_years,
            "certificate_years": self.awareness_certificate_years,
            "introducers": self.introducers,
            "with_union": self.introducers_with_youth_union,
            "introducer_months": self.introducer_months,
            "dossier_months": self.dossier_months,
            "regulation": self.regulation,
            "extension_days": self.decision_extension_days,
            "probation_months": self.probation_months,
            "work_min": months_text(self.temporary_work_min_months),
            "work_under": months_text(self.temporary_work_under_months),
            "study_min": months_text(self.temporary_study_min_months),
            "study_max": months_text(self.temporary_study_max_months),
            "dues_months": self.removal_dues_months,
            "no_progress_months": self.removal_no_progress_months,
            "standards_years": self.removal_standards_years,
        }


@dataclass(frozen=True, eq=False)
class LifecycleBefore29(LifecycleRules):
    """From the Party's founding to Quy định 29-QĐ/TW: the earlier implementing texts
    (Quy định 45-QĐ/TW of 2011 and before) are not encoded; their numbers are assumed to
    be 29's (LOW), except probation, 12 months under every Charter since 2011 (HIGH).
    Needed for the official dates of members admitted before 2016."""

    valid_from: ClassVar[dt.date] = dt.date(1930, 2, 3)
    valid_to: ClassVar[dt.date | None] = dt.date(2016, 7, 25)
    regulation: ClassVar[str] = "Điều lệ Đảng; các quy định thi hành trước Quy định 29-QĐ/TW"


@dataclass(frozen=True, eq=False)
class Lifecycle29(LifecycleRules):
    """Quy định 29-QĐ/TW (25/7/2016) thi hành Điều lệ Đảng, with HD 01-HD/TW (20/9/2016)
    and HD 09-HD/BTCTW (5/6/2017, the admission forms)."""

    valid_from: ClassVar[dt.date] = dt.date(2016, 7, 25)
    valid_to: ClassVar[dt.date | None] = dt.date(2021, 7, 30)
    regulation: ClassVar[str] = "Quy định 29-QĐ/TW; HD 09-HD/BTCTW"


@dataclass(frozen=True, eq=False)
class Lifecycle24(LifecycleRules):
    """Quy định 24-QĐ/TW (30/7/2021), with HD 01-HD/TW (28/9/2021) and HD 12-HD/BTCTW
    (18/1/2022). New: an introducer may also be a member of the candidate's residence."""

    valid_from: ClassVar[dt.date] = dt.date(2021, 7, 30)
    valid_to: ClassVar[dt.date | None] = dt.date(2025, 1, 20)
    regulation: ClassVar[str] = "Quy định 24-QĐ/TW; HD 12-HD/BTCTW"


@dataclass(frozen=True, eq=False)
class Lifecycle232(LifecycleRules):
    """Quy định 232-QĐ/TW (20/1/2025), which repeats 24's numbers (mục 4), with
    HD 12-HD/BTCTW."""

    valid_from: ClassVar[dt.date] = dt.date(2025, 1, 20)
    valid_to: ClassVar[dt.date | None] = dt.date(2025, 7, 1)
    regulation: ClassVar[str] = "Quy định 232-QĐ/TW; HD 12-HD/BTCTW"


@dataclass(frozen=True, eq=False)
class Lifecycle294(LifecycleRules):
    """Quy định 294-QĐ/TW (26/5/2025, in force 1/7/2025) and HD 06-HD/TW (9/6/2025). New:
    the upper committee of the grassroots organization issues transfers out of its đảng
    bộ; the numbers are unchanged."""

    valid_from: ClassVar[dt.date] = dt.date(2025, 7, 1)
    valid_to: ClassVar[dt.date | None] = None
    regulation: ClassVar[str] = "Quy định 294-QĐ/TW; HD 06-HD/TW"


LIFECYCLE: Topic[LifecycleRules] = Topic(
    "lifecycle",
    _("kết nạp, công nhận chính thức và sinh hoạt đảng của đảng viên"),
    [LifecycleBefore29(), Lifecycle29(), Lifecycle24(), Lifecycle232(), Lifecycle294()],
)
