"""The demo's plans, conferences and cell meetings, recorded through the plans services.

The reference Bloc reported its 5 key targets of 2021 all met, new admissions above target,
and set 07 key tasks for 2022 at its year-end conference of 14/01/2022. Here the Bloc's
2021 plan names 5 measured targets whose goals the demo's own records reach (each value is
measured from them, never typed); the conference of 14/01/2022, with its guests, agenda and
conclusions, creates the 7 tasks of the 2022 plan, closed in the course of 2022. The
secretary's đảng bộ cơ sở keeps its own 2021 plan under the Bloc's, and its cells hold a
year of monthly meetings with their attendance. The cells of every other TCCSĐ meet every
month of 2021 too, and those of a few beside the secretary's in the current year up to the
last month ended: written in bulk, one audited batch per TCCSĐ and year, as the services
would record them (the service-by-service path costs a second per cell-month, and the demo
must stay quick).
"""

import datetime as dt
import random
from collections import Counter
from decimal import Decimal

from django.db import transaction

from dangvu.common.audit import audit_record
from dangvu.common.bulk import insert_rows
from dangvu.common.events import Event
from dangvu.demo.names import random_name
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.models import (
    CELL_KINDS,
    GRASSROOTS_KINDS,
    Membership,
    OrgUnit,
    OrgVersion,
)
from dangvu.organizations.names import committee_name
from dangvu.plans.models import Attendance, Meeting, Plan, Target, Task
from dangvu.plans.rules import TaskStatus
from dangvu.plans.services import (
    meeting_attendance,
    meeting_conclude,
    meeting_guests_mark,
    meeting_invite,
    meeting_members,
    meeting_record,
    plan_create,
    target_add,
    task_close,
    task_progress,
)

D = dt.date
M = Target.Kind.MEASURED
# The Bloc's key targets of 2021: (name, measure, goal).
TARGETS_2021 = [
    ("Kết nạp ít nhất {goal} đảng viên mới", "admissions", 250),
    ("Ít nhất {goal}% TCCSĐ được xếp loại hoàn thành tốt nhiệm vụ trở lên", "tccsd_good", 75),
    ("Ít nhất {goal}% đảng viên được xếp loại hoàn thành tốt nhiệm vụ trở lên", "members_good", 80),
    ("Kiểm tra ít nhất {goal} cuộc theo chương trình", "inspections", 20),
    ("Giám sát ít nhất {goal} cuộc theo chương trình", "supervisions", 20),
]
# The 07 key tasks of 2022 that the conference's conclusions set, led by the Standing
# Committee, and how each ended: (title, result).
R = TaskStatus
TASKS_2022 = [
    ("Tiếp tục học tập, quán triệt và triển khai Nghị quyết Đại hội XIII của Đảng và Nghị "
     "quyết Đại hội Đảng bộ Khối", R.DONE),
    ("Đẩy mạnh xây dựng, chỉnh đốn Đảng gắn với thực hiện Kết luận số 21-KL/TW ngày "
     "25/10/2021 của Hội nghị Trung ương 4 khóa XIII", R.DONE),
    ("Nâng cao chất lượng sinh hoạt chi bộ, nhất là sinh hoạt chuyên đề", R.DONE),
    ("Kết nạp đảng viên mới vượt chỉ tiêu năm 2021, chú trọng đoàn viên thanh niên ưu tú",
     R.EXCEEDED),
    ("Thực hiện toàn diện Chương trình kiểm tra, giám sát năm 2022", R.DONE),
    ("Lãnh đạo các TCCSĐ hoàn thành nhiệm vụ chính trị, thích ứng an toàn với dịch COVID-19",
     R.EXCEEDED),
    ("Chỉ đạo đại hội chi bộ trực thuộc nhiệm kỳ 2022–2025 đúng hướng dẫn", R.DONE),
]  # fmt: skip
GUEST_TITLES = [
    "Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh",
    "Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Tổ chức Tỉnh ủy",
    "Phó Trưởng Ban Dân vận Tỉnh ủy",
]
AGENDA = (
    "1. Báo cáo tổng kết công tác xây dựng Đảng năm 2021, phương hướng, nhiệm vụ năm 2022.\n"
    "2. Báo cáo kiểm điểm của Ban Chấp hành, Ban Thường vụ Đảng ủy Khối năm 2021.\n"
    "3. Khen thưởng TCCSĐ trong sạch, vững mạnh tiêu biểu năm 2021.\n"
    "4. Phát biểu chỉ đạo của đồng chí Phó Bí thư Thường trực Tỉnh ủy."
)
CONCLUSIONS = (
    "Hội nghị thống nhất đánh giá: năm 2021, {targets}/{targets} chỉ tiêu chủ yếu đạt và vượt, "
    "trong đó chỉ tiêu kết nạp đảng viên vượt kế hoạch. Năm 2022 tập trung thực hiện "
    "{tasks:02d} nhiệm vụ trọng tâm."
)
EXCUSES = ["Đi công tác", "Ốm, có đơn xin phép", "Việc gia đình, có báo cáo"]
# The TCCSĐ beside the secretary's whose cells' monthly meetings are written in bulk.
MORE_UNITS = 4
# The TCCSĐ whose secretaries the year-end conference invites as delegates.
DELEGATES = 5


class PlansBuilder:
    def __init__(self, *, seed: int, bloc: str, unit: str, today: dt.date) -> None:
        self.rng = random.Random(f"{seed}-plans")
        self.bloc = OrgUnit.objects.get(code=bloc)
        self.unit = OrgUnit.objects.get(code=unit)
        self.today = today

    def build(self) -> None:
        plan = plan_create(
            actor=OPERATOR,
            committee=self.bloc,
            year=2021,
            title="Kế hoạch thực hiện nhiệm vụ công tác xây dựng Đảng năm 2021",
        )
        for name, measure, goal in TARGETS_2021:
            target_add(actor=OPERATOR, plan=plan, name=name.format(goal=goal), kind=M,
                       measure=measure, goal=Decimal(goal))  # fmt: skip
        self._unit_2021(plan)
        self._conference()
        # Every other TCCSĐ's cells met monthly in 2021, the year of the report; this
        # year, those of a few beside the secretary's.
        others = [v.org for v in self._tccsd(D(2021, 6, 1)) if v.org != self.unit]
        self._monthly_in_bulk(others, 2021)
        self._monthly_in_bulk(self._more_units(D(self.today.year, 6, 1)), self.today.year)

    def _unit_2021(self, parent: Plan) -> None:
        """The secretary's đảng bộ cơ sở: its plan under the Bloc's, and its cells' monthly
        meetings of 2021, each cell's members marked as they were that day."""
        plan = plan_create(actor=OPERATOR, committee=self.unit, year=2021, parent=parent,
                           title="Kế hoạch công tác năm 2021")  # fmt: skip
        target_add(actor=OPERATOR, plan=plan, name="Tất cả chi bộ sinh hoạt thường kỳ hằng tháng",
                   kind=M, measure="cell_meetings", goal=Decimal(100))  # fmt: skip
        path = OrgVersion.objects.as_of(D(2021, 6, 1)).get(org=self.unit).path
        cells = (
            OrgVersion.objects.as_of(D(2021, 6, 1)).in_subtree(path)
            .filter(kind__in=CELL_KINDS).select_related("org").order_by("path")
        )  # fmt: skip
        for version in cells:
            for month in range(1, 13):
                held_on = D(2021, month, self.rng.randint(3, 10))
                meeting = meeting_record(
                    actor=OPERATOR, org=version.org, kind=Meeting.Kind.CELL_MONTHLY,
                    held_on=held_on, title=f"Sinh hoạt chi bộ thường kỳ tháng {month}/2021",
                    place=f"Phòng họp {version.name}", agenda="Đánh giá kết quả tháng, nhiệm "
                    "vụ tháng tới; học tập chuyên đề về tư tưởng, đạo đức Hồ Chí Minh.",
                    today=self.today,
                )  # fmt: skip
                meeting_attendance(
                    actor=OPERATOR,
                    meeting=meeting,
                    statuses={member.pk: self._presence() for member in meeting_members(meeting)},
                    today=self.today,
                )
                meeting_conclude(actor=OPERATOR, meeting=meeting, today=self.today,
                                 conclusions="Chi bộ thống nhất nhiệm vụ tháng tới.")  # fmt: skip

    def _tccsd(self, on: dt.date) -> list[OrgVersion]:
        """The TCCSĐ directly under the Bloc on ON, by code."""
        return list(
            OrgVersion.objects.as_of(on)
            .filter(parent=self.bloc, kind__in=GRASSROOTS_KINDS)
            .select_related("org").order_by("org__code")
        )  # fmt: skip

    def _more_units(self, on: dt.date) -> list[OrgUnit]:
        """The first TCCSĐ (by code) beside the secretary's on ON."""
        own = OrgVersion.objects.as_of(on).get(org=self.unit)
        siblings = (
            OrgVersion.objects.as_of(on)
            .filter(parent_id=own.parent_id, kind__in=GRASSROOTS_KINDS)
            .exclude(org_id=own.org_id).select_related("org").order_by("org__code")
        )  # fmt: skip
        return [version.org for version in siblings[:MORE_UNITS]]

    @transaction.atomic
    def _monthly_in_bulk(self, units: list[OrgUnit], year: int) -> None:
        """The monthly meetings of YEAR's months ended by today of every cell of UNITS, each
        TCCSĐ's cells on a day of its own, each cell's members of that day marked; a member
        misses at most one meeting of a year without reason. A few queries a day met on."""
        last = 12 if year < self.today.year else self.today.month - 1
        absent: set[int] = set()
        meetings: list[Meeting] = []
        marks: list[list[tuple[int, str, str]]] = []
        held_by: Counter[OrgUnit] = Counter()
        by_id = {unit.pk: unit for unit in units}
        for month in range(1, last + 1):
            days = {unit.pk: D(year, month, self.rng.randint(3, 10)) for unit in units}
            for held_on in sorted(set(days.values())):
                tops = dict(
                    OrgVersion.objects.as_of(held_on)
                    .filter(org_id__in=[pk for pk, day in days.items() if day == held_on])
                    .values_list("path", "org_id")
                )  # fmt: skip
                cells = [
                    (cell, name, by_id[tops[top]]) for cell, name, path
                    in OrgVersion.objects.as_of(held_on).filter(kind__in=CELL_KINDS)
                    .order_by("path").values_list("org_id", "name", "path")
                    if (top := next((t for t in _ancestors(path) if t in tops), None))
                ]  # fmt: skip
                members: dict[int, list[int]] = {cell: [] for cell, _name, _unit in cells}
                rows = Membership.objects.as_of(held_on).filter(org_id__in=list(members))
                for org_id, pk in rows.order_by("member_id").values_list("org_id", "member_id"):
                    members[org_id].append(pk)
                for cell, name, unit in cells:
                    held_by[unit] += 1
                    meetings.append(Meeting(
                        org_id=cell, kind=Meeting.Kind.CELL_MONTHLY, held_on=held_on,
                        title=f"Sinh hoạt chi bộ thường kỳ tháng {month}/{year}",
                        place=f"Phòng họp {name}", version=3,
                        conclusions="Chi bộ thống nhất nhiệm vụ tháng tới.",
                        agenda="Đánh giá kết quả tháng, nhiệm vụ tháng tới.",
                    ))  # fmt: skip
                    marks.append([(pk, *self._presence(absent, pk)) for pk in members[cell]])
        Meeting.objects.bulk_create(meetings)
        insert_rows(Attendance, [
            {"meeting_id": meeting.pk, "member_id": pk, "status": status, "reason": reason}
            for meeting, rows_ in zip(meetings, marks, strict=True)
            for pk, status, reason in rows_
        ])  # fmt: skip
        for unit, count in held_by.items():
            audit_record(actor=OPERATOR, action=Event.MEETING_RECORDED, obj=unit, org=unit,
                         about=f"{count} cuộc sinh hoạt chi bộ năm {year}")  # fmt: skip

    def _presence(self, absent: set[int] | None = None, member: int = 0) -> tuple[str, str]:
        """Nineteen in twenty present; the rest excused, now and then absent (with ABSENT,
        the members already absent once: they come or excuse themselves)."""
        draw = self.rng.random()
        if draw < 0.95:
            return Attendance.Status.PRESENT, ""
        if draw < 0.99 or (absent is not None and member in absent):
            return Attendance.Status.EXCUSED, self.rng.choice(EXCUSES)
        if absent is not None:
            absent.add(member)
        return Attendance.Status.ABSENT, ""

    def _conference(self) -> None:
        """The year-end conference of 14/01/2022 and the 07 tasks of 2022 it set."""
        plan = plan_create(
            actor=OPERATOR,
            committee=self.bloc,
            year=2022,
            title="Kế hoạch thực hiện nhiệm vụ công tác xây dựng Đảng năm 2022",
        )
        chair = random_name(self.rng, "M")
        guests: list[tuple[str, ...]] = [
            (random_name(self.rng, self.rng.choice("MF")).full, title) for title in GUEST_TITLES
        ]
        # The secretaries of the first TCCSĐ attend as their delegates.
        for version in self._tccsd(D(2022, 1, 14))[:DELEGATES]:
            guests.append((random_name(self.rng, self.rng.choice("MF")).full,
                           f"Bí thư {committee_name(version.name)}", version.org.code))  # fmt: skip
        meeting = meeting_record(
            actor=OPERATOR, org=self.bloc, kind=Meeting.Kind.YEAR_END, held_on=D(2022, 1, 14),
            title="Hội nghị tổng kết công tác xây dựng Đảng năm 2021, triển khai nhiệm vụ năm "
            "2022", place="Hội trường Đảng ủy Khối", chair=f"Đồng chí {chair.full}, Bí thư "
            "Đảng ủy Khối", secretary="Văn phòng Đảng ủy Khối", agenda=AGENDA, guests=guests,
            today=self.today,
        )  # fmt: skip
        meeting_invite(actor=OPERATOR, meeting=meeting, issued_on=D(2022, 1, 5), today=self.today)
        marks = {guest.pk: self._presence() for guest in meeting.guests.order_by("position")}
        meeting_guests_mark(actor=OPERATOR, meeting=meeting, statuses=marks, today=self.today)
        tasks = meeting_conclude(
            actor=OPERATOR, meeting=meeting, plan=plan, deadline=D(2022, 12, 15),
            owner_board=Task.Board.LEADERSHIP, today=self.today,
            conclusions=CONCLUSIONS.format(targets=len(TARGETS_2021), tasks=len(TASKS_2022)),
            tasks=[title for title, _result in TASKS_2022],
        )  # fmt: skip
        for task, (_title, result) in zip(tasks, TASKS_2022, strict=True):
            task_progress(
                actor=OPERATOR,
                task=task,
                on=D(2022, 6, 30),
                percent=50,
                note="Sơ kết sáu tháng đầu năm: triển khai đúng tiến độ.",
                today=self.today,
            )
            task_close(actor=OPERATOR, task=task, result=result, on=D(2022, 12, 15),
                       today=self.today)  # fmt: skip


def demo_plans(*, seed: int, bloc: str, unit: str, today: dt.date) -> None:
    PlansBuilder(seed=seed, bloc=bloc, unit=unit, today=today).build()


def _ancestors(path: str) -> list[str]:
    """The paths of PATH's organization and of those above it: "/1/5/" → ["/1/", "/1/5/"]."""
    parts = path.strip("/").split("/")
    return ["/" + "/".join(parts[: depth + 1]) + "/" for depth in range(len(parts))]
