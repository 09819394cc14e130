"""The demo's inspection, supervision and discipline, recorded through the discipline
services like user data.

2021, the year the reference report says inspection, supervision and discipline were
stressed ("chú trọng"): the Standing Committee's supervision program and the Inspection
commission's program over the Bloc's 161 TCCSĐ; three letters (a founded denunciation that
opened an inspection, an unfounded complaint, one filed away); five members disciplined,
one of them expelled after that inspection and one whose cảnh cáo became a khiển trách on
appeal; a chi bộ reprimanded. 2024: three members disciplined, capped in that year's round.
2026: a reprimand that holds back a badge due on 3/2/2027.

Decisions come before the rounds: the rounds read them (`evaluation_facts`), and the demo's
draws cap those members and organizations the same way (`disciplined_in`).
"""

import datetime as dt
import random
from dataclasses import dataclass

from dangvu.discipline.models import Appeal, Check, Complaint, Decision, Program
from dangvu.discipline.rules import Body, Form
from dangvu.discipline.services import (
    appeal_file,
    appeal_resolve,
    check_conclude,
    check_record,
    complaint_receive,
    complaint_resolve,
    decision_record,
    program_create,
)
from dangvu.members.models import Member
from dangvu.members.selectors import badge_candidates
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.models import (
    CELL_KINDS,
    GRASSROOTS_KINDS,
    Membership,
    OrgKind,
    OrgUnit,
    OrgVersion,
)

D = dt.date
A, K = Check.Activity, Check.Kind
# The 2021 programs: (holder, activity, kind, how many TCCSĐ), spread over March–November.
PROGRAM_2021 = [
    (Program.Holder.COMMITTEE, A.SUPERVISION, K.THEMATIC, 12),
    (Program.Holder.COMMISSION, A.INSPECTION, K.REGULAR, 8),
    (Program.Holder.COMMISSION, A.INSPECTION, K.LOWER_INSPECTION, 6),
    (Program.Holder.COMMISSION, A.INSPECTION, K.FINANCE, 6),
    (Program.Holder.COMMISSION, A.SUPERVISION, K.REGULAR, 10),
]
TITLES: dict[str, str] = {
    Program.Holder.COMMITTEE: "Chương trình kiểm tra, giám sát năm {year} của Ban Thường vụ",
    Program.Holder.COMMISSION: "Chương trình kiểm tra, giám sát năm {year} của Ủy ban Kiểm tra",
}


@dataclass(frozen=True)
class Disciplined:
    """Who was disciplined in a year (decisions in force), as the rounds' draws need it."""

    members: frozenset[int]
    orgs: frozenset[int]


def disciplined_in(year: int) -> Disciplined:
    decisions = Decision.objects.filter(decided_on__year=year).exclude(effective_form="")
    return Disciplined(
        members=frozenset(decisions.exclude(subject_member=None)
                          .values_list("subject_member_id", flat=True)),
        orgs=frozenset(decisions.exclude(subject_org=None)
                       .values_list("subject_org_id", flat=True)),
    )  # fmt: skip


class DisciplineBuilder:
    def __init__(self, *, seed: int, bloc: str, today: dt.date) -> None:
        self.rng = random.Random(f"{seed}-discipline")
        self.bloc = OrgUnit.objects.get(code=bloc)
        self.today = today
        self.numbers = 0

    def build(self) -> None:
        self._year_2021()
        self._year_2024()
        self._badge_held_back()

    # 2021 ----------------------------------------------------------------------------

    def _year_2021(self) -> None:
        programs = {
            holder: program_create(actor=OPERATOR, committee=self.bloc, holder=holder,
                                   year=2021, title=TITLES[holder].format(year=2021))
            for holder in Program.Holder.values
        }  # fmt: skip
        units = self._grassroots(D(2021, 3, 1))
        for holder, activity, kind, count in PROGRAM_2021:
            for unit in self.rng.sample(units, count):
                start = D(2021, self.rng.randint(3, 10), self.rng.randint(1, 20))
                check = check_record(actor=OPERATOR, program=programs[holder], activity=activity,
                                     kind=kind, starts_on=start,
                                     ends_on=start + dt.timedelta(days=14),
                                     subject_org=unit, team="Đoàn của Ủy ban Kiểm tra",
                                     today=self.today)  # fmt: skip
                self._conclude(check, start + dt.timedelta(days=30), "Thực hiện tốt các nội dung.")
        commission = programs[Program.Holder.COMMISSION]
        # On the roll from the letter to the expulsion, in the same cell since.
        still = set(self._officials(D(2021, 9, 15)))
        accused = Member.objects.get(
            pk=self.rng.choice([pk for pk in self._officials(D(2021, 4, 5)) if pk in still])
        )
        # A founded denunciation opens an inspection of the member accused, which ends in
        # an expulsion.
        letter = complaint_receive(actor=OPERATOR, committee=self.bloc,
                                   kind=Complaint.Kind.DENUNCIATION, received_on=D(2021, 4, 5),
                                   summary="Tố cáo đảng viên vi phạm quy định về những điều "
                                   "đảng viên không được làm", sender="Một đảng viên trong chi bộ",
                                   subject_member=accused, today=self.today)  # fmt: skip
        check = check_record(actor=OPERATOR, program=commission, activity=A.INSPECTION,
                             kind=K.SIGNS, starts_on=D(2021, 5, 10), ends_on=D(2021, 6, 30),
                             subject_member=accused, team="Đoàn kiểm tra số 3",
                             today=self.today)  # fmt: skip
        complaint_resolve(
            actor=OPERATOR, complaint=letter, outcome=Complaint.Outcome.FOUNDED,
            closed_on=D(2021, 5, 7), opened_check=check, today=self.today,
        )  # fmt: skip
        self._conclude(check, D(2021, 7, 20), "Vi phạm đến mức phải xem xét, xử lý kỷ luật.")
        self._decide(accused, Form.EXPULSION, Body.UPPER_COMMISSION, self.bloc, D(2021, 9, 15),
                     from_check=check)  # fmt: skip
        for sender, outcome, received in (
            ("Ông Nguyễn Văn Khiếu", Complaint.Outcome.UNFOUNDED, D(2021, 6, 8)),
            ("Đơn không ký tên", Complaint.Outcome.DROPPED, D(2021, 8, 16)),
        ):
            letter = complaint_receive(actor=OPERATOR, committee=self.bloc,
                                       kind=Complaint.Kind.COMPLAINT, received_on=received,
                                       summary="Khiếu nại về việc đánh giá cán bộ",
                                       sender=sender, subject_org=self.rng.choice(units),
                                       today=self.today)  # fmt: skip
            closed = received + dt.timedelta(days=40)
            complaint_resolve(actor=OPERATOR, complaint=letter, outcome=outcome,
                              closed_on=closed, today=self.today)  # fmt: skip
        # Cảnh cáo by the cell, appealed, lightened to khiển trách.
        warned_on = D(2021, 10, 12)
        warned = self._decide(self._official(warned_on), Form.WARNING, Body.CELL, None,
                              warned_on)  # fmt: skip
        appeal = appeal_file(
            actor=OPERATOR, decision=warned, filed_on=D(2021, 10, 25),
            reason="Đề nghị xem xét lại mức kỷ luật", today=self.today,
        )  # fmt: skip
        appeal_resolve(actor=OPERATOR, appeal=appeal, outcome=Appeal.Outcome.CHANGED,
                       new_form=Form.REPRIMAND, resolved_on=D(2021, 12, 6),
                       resolution="21-QĐ/UBKT", today=self.today)  # fmt: skip
        forms = [(Form.REPRIMAND, Body.CELL), (Form.REPRIMAND, Body.CELL),
                 (Form.DISMISSAL, Body.UPPER_COMMISSION)]  # fmt: skip
        for form, body in forms:
            on = D(2021, self.rng.randint(3, 11), self.rng.randint(1, 28))
            member = self._official(on)
            self._decide(member, form, body, self.bloc if body != Body.CELL else None, on)
        cell = self._cell_under_committee(D(2021, 8, 2))
        if cell is not None:
            self._decide_org(cell, D(2021, 8, 2))

    # 2024 and after ------------------------------------------------------------------

    def _year_2024(self) -> None:
        for form in (Form.REPRIMAND, Form.REPRIMAND, Form.WARNING):
            on = D(2024, self.rng.randint(3, 11), self.rng.randint(1, 28))
            self._decide(self._official(on), form, Body.CELL, None, on)

    def _badge_held_back(self) -> None:
        """A member due a badge on 3/2/2027, reprimanded in October 2026: the badge list
        shows them waiting until April."""
        occasion, on = D(2027, 2, 3), D(2026, 10, 15)
        if self.today < on:
            return
        due = [
            member
            for member, badge in badge_candidates(user=OPERATOR, occasion=occasion)
            if badge.blocked_until is None and not badge.posthumous and member.exit_date is None
        ]
        for member in due:
            if self._cell_of(member, on) is not None:
                self._decide(member, Form.REPRIMAND, Body.CELL, None, on)
                return

    # Helpers -------------------------------------------------------------------------

    def _conclude(self, check: Check, on: dt.date, conclusion: str) -> None:
        if on > self.today:
            return
        check_conclude(actor=OPERATOR, check=check, findings="Đoàn đã làm việc, xem xét hồ sơ.",
                       conclusion=conclusion, concluded_on=on,
                       recommendations=[("Khắc phục các hạn chế đã chỉ ra",
                                         on + dt.timedelta(days=60))],
                       version=check.version, today=self.today)  # fmt: skip

    def _number(self, symbol: str) -> str:
        self.numbers += 1
        return f"{self.numbers:02d}-QĐ/{symbol}"

    def _decide(
        self,
        member: Member,
        form: str,
        body: str,
        body_org: OrgUnit | None,
        on: dt.date,
        from_check: Check | None = None,
    ) -> Decision:
        cell = self._cell_of(member, on)
        assert cell is not None, member
        return decision_record(
            actor=OPERATOR, body=body, body_org=body_org or cell, form=form,
            number=self._number("UBKT" if body == Body.UPPER_COMMISSION else "CB"),
            decided_on=on, violated_on=on - dt.timedelta(days=self.rng.randint(60, 400)),
            reason="Vi phạm quy định về những điều đảng viên không được làm"
            if form in (Form.EXPULSION, Form.DISMISSAL)
            else "Vi phạm chế độ sinh hoạt đảng, thực hiện nhiệm vụ đảng viên",
            subject_member=member, from_check=from_check, today=self.today,
        )  # fmt: skip

    def _decide_org(self, cell: OrgVersion, on: dt.date) -> None:
        assert cell.parent_id is not None
        decision_record(actor=OPERATOR, body=Body.GRASSROOTS_COMMITTEE,
                        body_org=OrgUnit.objects.get(pk=cell.parent_id), form=Form.REPRIMAND,
                        number=self._number("ĐU"), decided_on=on,
                        violated_on=on - dt.timedelta(days=120),
                        reason="Không duy trì chế độ sinh hoạt chi bộ định kỳ",
                        subject_org=cell.org, today=self.today)  # fmt: skip

    def _grassroots(self, on: dt.date) -> list[OrgUnit]:
        path = OrgVersion.objects.as_of(on).get(org=self.bloc).path
        versions = OrgVersion.objects.as_of(on).in_subtree(path).filter(kind__in=GRASSROOTS_KINDS)
        return [v.org for v in versions.select_related("org").order_by("org__code")]

    def _official(self, on: dt.date) -> Member:
        """One of `_officials(ON)`, drawn."""
        return Member.objects.get(pk=self.rng.choice(self._officials(on)))

    def _officials(self, on: dt.date) -> list[int]:
        """The ids of the official members in the Bloc's cells on ON, in the cell they have
        been in since before ON and still are: a khai trừ then ends that stay, and no later
        move of the history stands in its way (ids only: 8,000 records to draw one)."""
        path = OrgVersion.objects.as_of(on).get(org=self.bloc).path
        cells = OrgVersion.objects.as_of(on).in_subtree(path).filter(kind__in=CELL_KINDS)
        rows = Membership.objects.as_of(on).filter(org_id__in=cells.values("org_id"),
                                                   valid_from__lt=on, valid_to=None)  # fmt: skip
        members = Member.objects.filter(pk__in=rows.values("member_id"),
                                        official_date__lte=on, exit_date=None)  # fmt: skip
        return list(members.order_by("pk").values_list("pk", flat=True))

    def _cell_of(self, member: Member, on: dt.date) -> OrgUnit | None:
        row = Membership.objects.as_of(on).filter(member=member).select_related("org").first()
        return row.org if row else None

    def _cell_under_committee(self, on: dt.date) -> OrgVersion | None:
        """A chi bộ trực thuộc of a đảng bộ cơ sở of the Bloc, on ON."""
        path = OrgVersion.objects.as_of(on).get(org=self.bloc).path
        committees = (
            OrgVersion.objects.as_of(on).in_subtree(path).filter(kind=OrgKind.GRASSROOTS_COMMITTEE)
        )
        return (
            OrgVersion.objects.as_of(on)
            .filter(parent_id__in=committees.values("org_id"), kind=OrgKind.CELL)
            .select_related("org")
            .order_by("org__code")
            .first()
        )


def demo_discipline(*, seed: int, bloc: str, today: dt.date) -> None:
    DisciplineBuilder(seed=seed, bloc=bloc, today=today).build()
