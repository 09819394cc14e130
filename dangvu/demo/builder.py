"""`dangvu demo`: the reference Bloc from 2020 to today, deterministic for a given seed.

The tree is built and restructured through the organization services, so its history is
made of real dated events. Members are drawn by `population` and saved in one audited
batch through `members_register_bulk`, which applies the registry's rules to every row.
"""

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Model

from dangvu.accounts.services import role_assign
from dangvu.common.audit import audit_deferred
from dangvu.common.bulk import refresh_statistics
from dangvu.common.models import AdministrativeUnit, AuditEntry
from dangvu.demo.discipline import demo_discipline
from dangvu.demo.dues import demo_dues
from dangvu.demo.history import HistoryReplay, Steps, replay_in_date_order
from dangvu.demo.plans import demo_plans
from dangvu.demo.population import Cell, Person, Places, PopulationBuilder
from dangvu.demo.portal import demo_portal, demo_portal_reset
from dangvu.demo.rounds import demo_rounds
from dangvu.demo.units import (
    CELL_NAMES,
    DEPARTMENT_MERGERS,
    SMALL_KINDS,
    UNITS,
    size_weight,
)
from dangvu.discipline.models import Appeal, Check, Complaint, Decision, Program, Recommendation
from dangvu.documents.models import OutgoingDocument, Signer
from dangvu.documents.signers import Signature, signer_create
from dangvu.dues.models import DuesBasis, DuesPayment, DuesRelief
from dangvu.evaluation.models import Commendation, Rating, Round
from dangvu.members.models import AdmissionCase, BadgeAward, Exemption, Member, Transfer
from dangvu.members.services import RegistryRow, members_register_bulk
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.authorities import admission_authority_grant
from dangvu.organizations.models import (
    CELL_KINDS,
    AdmissionAuthority,
    Membership,
    OrgEvent,
    OrgKind,
    OrgUnit,
    OrgVersion,
    RoleAssignment,
    Sector,
)
from dangvu.organizations.roles import Role
from dangvu.organizations.services import (
    SplitPart,
    org_create,
    org_dissolve,
    org_merge,
    org_move,
    org_rename,
    org_split,
)
from dangvu.organizations.tree_memo import tree_memo
from dangvu.plans.models import Attendance, Guest, Meeting, Plan, Progress, Target, Task

BLOC = ("DUK", "Đảng bộ Khối các Cơ quan và Doanh nghiệp tỉnh")
GOVERNMENT = ("DBUBND", "Đảng bộ Ủy ban nhân dân tỉnh")
PARTY_AGENCIES = ("DBCQD", "Đảng bộ các cơ quan Đảng tỉnh")
CITY = ("DBTP", "Đảng bộ thành phố")
CITY_AS_WARD = "Đảng bộ phường Hạc Thành"
RESTRUCTURE_DATE = dt.date(2025, 2, 1)
MERGE_DATE = dt.date(2025, 3, 1)
WARD_DATE = dt.date(2025, 7, 1)
SPLIT = (
    "Tổng Công ty Đầu tư và Xây dựng tỉnh",
    dt.date(2023, 1, 1),
    ["Công ty Cổ phần Đầu tư tỉnh", "Công ty Cổ phần Xây dựng tỉnh"],
)
CENSUS_DATE = dt.date(2021, 12, 31)
# Admission cases left under way today, taken in turn to each step (open, proposed, resolved
# by the đảng ủy cơ sở, decided).
CASES_IN_PROGRESS = 12
# The day the committee started keeping its registry in dangvu (see `_save`).
INSTALLED_ON = dt.date(2025, 1, 1)
# The organization whose secretary is the demo's `bithu`; kept a đảng bộ cơ sở on purpose.
SECRETARY_UNIT = "CS077"
SECRETARY_UNIT_NAME = "Bệnh viện Đa khoa tỉnh"
# That đảng bộ cơ sở is authorised to admit members itself (Quy định 29-QĐ/TW mục 4.3.2)
# by a decision of its committee after the restructuring: from that day its cells'
# admissions and recognitions are decided by its own đảng ủy, numbered in its register.
AUTHORISED_ON, AUTHORISING_DECISION = dt.date(2025, 7, 1), "45-QĐ/ĐU"
AUTHORISED_SIGNER = Signature("Hoàng Minh Tuấn", "Bí thư", "T/M Đảng ủy", "ĐU")
HOME_PROVINCE = "38"
TARGET_MEMBERS = 8650  # on 31/12/2021, within the reference story's 8,600–8,699
DEMO_PASSWORD = "dangvu-demo"

_GOVERNMENT_SECTORS = {Sector.ADMINISTRATIVE, Sector.PUBLIC_SERVICE, Sector.STATE_ENTERPRISE}
_PARTY_SECTORS = {Sector.PARTY_MASS}


@dataclass(frozen=True)
class DemoSummary:
    organizations: int
    members: int
    members_on_census: int


def _org_name(kind: str, unit: str) -> str:
    return f"{'Chi bộ' if kind == OrgKind.GRASSROOTS_CELL else 'Đảng bộ'} {unit}"


class DemoBuilder:
    def __init__(self, *, seed: int, today: dt.date, scale: float, installed_on: dt.date) -> None:
        self.rng = random.Random(seed)
        self.seed, self.today, self.scale = seed, today, scale
        self.installed_on = installed_on
        self.grassroots: dict[str, OrgUnit] = {}  # unit name → TCCSĐ
        self.cells: list[Cell] = []
        self.cell_orgs: list[OrgUnit] = []
        self.planned: list[int] = []

    def build(self) -> DemoSummary:
        bloc = org_create(
            actor=OPERATOR,
            code=BLOC[0],
            name=BLOC[1],
            kind=OrgKind.UPPER_COMMITTEE,
            sector=Sector.PARTY_MASS,
            parent=None,
            established_date=dt.date(2008, 6, 1),
        )
        _signers(bloc, dt.date(2008, 6, 1), RESTRUCTURE_DATE, BLOC_SIGNER, self.today)
        # The tree's and the replay's entries in one insert each (no entry is read back).
        with audit_deferred():
            self._tree(bloc)
        people = self._people()
        self._save(people, bloc)
        on_census = sum(1 for person in people if _active(person, CENSUS_DATE))
        return DemoSummary(OrgUnit.objects.count(), len(people), on_census)

    def _tree(self, bloc: OrgUnit) -> None:
        units = [(sector, name) for sector, names in UNITS.items() for name in names]
        forced = {name for pair in DEPARTMENT_MERGERS for name in pair[:2]}
        forced |= {SPLIT[0], SECRETARY_UNIT_NAME}
        candidates = [n for _, n in units if n not in forced and n.startswith(SMALL_KINDS)]
        small = set(self.rng.sample(candidates, min(62, len(candidates))))
        target = TARGET_MEMBERS * self.scale / 1.03
        cell_sizes = {name: self.rng.randint(9, 27) for name in sorted(small)}
        weights = {
            n: self.rng.lognormvariate(0, 0.65) * size_weight(n) for _, n in units if n not in small
        }
        remaining = target - sum(cell_sizes.values()) * self.scale
        for index, (sector, unit) in enumerate(units, start=1):
            kind = OrgKind.GRASSROOTS_CELL if unit in small else OrgKind.GRASSROOTS_COMMITTEE
            established = dt.date(2008, 6, 1) + dt.timedelta(days=self.rng.randrange(550))
            org = org_create(
                actor=OPERATOR,
                code=f"CS{index:03d}",
                name=_org_name(kind, unit),
                kind=kind,
                sector=sector,
                parent=bloc,
                established_date=established,
            )
            self.grassroots[unit] = org
            if unit in small:
                self._register_cell(org, index, sector, unit, round(cell_sizes[unit] * self.scale))
                continue
            size = max(32, round(remaining * weights[unit] / sum(weights.values())))
            self._committee(org, index, sector, unit, size, established)

    def _committee(
        self, org: OrgUnit, index: int, sector: str, unit: str, size: int, established: dt.date
    ) -> None:
        count = max(3, round(size / 16))
        parents = [org]
        if size > 300:
            parents += [
                org_create(
                    actor=OPERATOR,
                    code=f"CS{index:03d}-B{b}",
                    name=f"Đảng bộ bộ phận {b}",
                    kind=OrgKind.SUB_COMMITTEE,
                    sector=sector,
                    parent=org,
                    established_date=established,
                )
                for b in (1, 2)
            ]
        for number in range(count):
            parent = parents[number % len(parents)]
            name = CELL_NAMES[number % len(CELL_NAMES)]
            suffix = f" {number // len(CELL_NAMES) + 1}" if number >= len(CELL_NAMES) else ""
            cell = org_create(
                actor=OPERATOR,
                code=f"CS{index:03d}-{number + 1:02d}",
                name=f"Chi bộ {name}{suffix}",
                kind=OrgKind.CELL,
                sector=sector,
                parent=parent,
                established_date=established,
            )
            share = size // count + (1 if number < size % count else 0)
            self._register_cell(cell, index, sector, unit, share)

    def _register_cell(
        self, org: OrgUnit, grassroots: int, sector: str, unit: str, size: int
    ) -> None:
        self.cells.append(Cell(len(self.cells), grassroots, sector, unit))
        self.cell_orgs.append(org)
        self.planned.append(size)

    def _people(self) -> list[Person]:
        population = PopulationBuilder(self.seed, self.cells, self.planned, _places(), self.today)
        self.population = population
        people: list[Person] = []
        number = 0
        for cell, size in zip(self.cells, self.planned, strict=False):
            for _ in range(size):
                number += 1
                people.append(population.person(number, cell, "initial"))
        base = len(people)
        years = (self.today - dt.date(2020, 1, 1)).days / 365.25
        for kind, rate in (("admitted", 0.032), ("transfer_in", 0.014)):
            for _ in range(round(base * rate * years)):
                number += 1
                cell = self.rng.choices(self.cells, weights=self.planned)[0]
                people.append(population.person(number, cell, kind))
        return self._adjust(people, population, number)

    def _adjust(
        self, people: list[Person], population: PopulationBuilder, number: int
    ) -> list[Person]:
        """Add or drop people who were on the registry on 1/1/2020 until the census date
        holds exactly the target: the story's figure, whatever the draws."""
        target = round(TARGET_MEMBERS * self.scale)
        count = sum(1 for person in people if _active(person, CENSUS_DATE))
        while count < target:
            number += 1
            cell = self.rng.choices(self.cells, weights=self.planned)[0]
            person = population.person(number, cell, "initial")
            people.append(person)
            count += _active(person, CENSUS_DATE)
        if count > target:
            # Drop people spread over every cell, not the first cells' whole membership.
            eligible = [
                position
                for position, person in enumerate(people)
                if person.stays[0].how == "REGISTERED" and _active(person, CENSUS_DATE)
            ]
            dropped = set(self.rng.sample(eligible, count - target))
            people = [person for position, person in enumerate(people) if position not in dropped]
        return people

    def _save(self, people: list[Person], bloc: OrgUnit) -> None:
        """The committee started using dangvu on `installed_on`. What happened before is
        imported in one audited batch, as a new installation imports its registry (every
        row checked by the registry's rules); everything since goes through the lifecycle
        services, in the order of their dates (so each register's numbers rise with its
        dates): admissions, recognitions, transfers, exits and badges. The 2025 changes of
        the tree are recorded before that replay, so each document of 2025 and 2026 is
        numbered by the committee that issued it on its date, not by the dissolved Bloc."""
        before = [person for person in people if person.stays[0].start < self.installed_on]
        ids = members_register_bulk(
            actor=OPERATOR, rows=[self._imported(person) for person in before], today=self.today,
            label="demo: hồ sơ trước khi sử dụng dangvu",
        )  # fmt: skip
        refresh_statistics(Member, Membership, AuditEntry)
        members = Member.objects.in_bulk(ids)
        with audit_deferred():
            self._restructure(bloc)
            authorised = OrgUnit.objects.get(code=SECRETARY_UNIT)
            admission_authority_grant(actor=OPERATOR, org=authorised, on=AUTHORISED_ON,
                                      decision=AUTHORISING_DECISION, today=self.today)  # fmt: skip
            _signers(authorised, AUTHORISED_ON, None, AUTHORISED_SIGNER, self.today)
        replay = HistoryReplay(today=self.today, cell_orgs=self.cell_orgs,
                               grassroots_of=[cell.grassroots for cell in self.cells],
                               seed=self.seed)  # fmt: skip
        imported = {p.number: members[pk] for p, pk in zip(before, ids, strict=True)}
        lives = [
            replay.person(person, imported.get(person.number), self.installed_on)
            for person in sorted(people, key=lambda p: (p.stays[0].start, p.number))
            if person.number not in imported or imported[person.number].exit_date is None
        ]
        lives += self._cases_in_progress(replay, first_number=len(people) + 1_000_000)
        # The replay moves members, never organizations: the tree is read once.
        with tree_memo(), audit_deferred():
            replay_in_date_order(lives)

    def _cases_in_progress(self, replay: HistoryReplay, first_number: int) -> list[Steps]:
        """A few admission cases still under way today, at each step, so that a new user
        sees the workflow in progress (candidates drawn like new members, numbered apart)."""
        active = set(
            OrgVersion.objects.as_of(self.today)
            .filter(kind__in=CELL_KINDS, org__in=self.cell_orgs)
            .values_list("org_id", flat=True)
        )
        cells = [i for i, org in enumerate(self.cell_orgs) if org.pk in active]
        lives = []
        for number in range(CASES_IN_PROGRESS):
            index = self.rng.choices(cells, weights=[self.planned[i] for i in cells])[0]
            person = self.population.person(first_number + number, self.cells[index], "admitted")
            lives.append(
                replay.case_in_progress(person.values, self.cell_orgs[index], steps=number % 4)
            )
        return lives

    def _imported(self, person: Person) -> RegistryRow:
        """PERSON's record as it stood the day before self.installed_on."""
        values = dict(person.values)
        official = values.get("official_date")
        if official is None or official >= self.installed_on:  # type: ignore[operator]
            values["official_date"], values["party_card_number"] = None, ""
        stays = [stay for stay in person.stays if stay.start < self.installed_on]
        exit_ = person.exit if person.exit and person.exit[0] < self.installed_on else None
        periods = []
        for position, stay in enumerate(stays):
            ends = stays[position + 1].start if position + 1 < len(stays) else (
                exit_[0] if exit_ else None)  # fmt: skip
            periods.append((self.cell_orgs[stay.cell].pk, stay.start, ends, stay.how))
        return RegistryRow(values=values, periods=periods, exit=exit_)

    def _restructure(self, bloc: OrgUnit) -> None:
        name, on, parts = SPLIT
        source = self.grassroots[name]
        children = list(OrgVersion.objects.as_of(on).filter(parent=source).order_by("org__code"))
        half = len(children) // 2
        org_split(
            actor=OPERATOR,
            org=source,
            effective_date=on,
            decision="Quyết định chia tách",
            parts=[
                SplitPart(
                    code=f"{source.code}A",
                    name=f"Đảng bộ {parts[0]}",
                    kind=OrgKind.GRASSROOTS_COMMITTEE,
                    children=[c.org for c in children[:half]],
                ),
                SplitPart(
                    code=f"{source.code}B",
                    name=f"Đảng bộ {parts[1]}",
                    kind=OrgKind.GRASSROOTS_COMMITTEE,
                    children=[c.org for c in children[half:]],
                ),
            ],
        )
        committees = {
            code: org_create(
                actor=OPERATOR,
                code=code,
                name=title,
                kind=OrgKind.UPPER_COMMITTEE,
                sector=Sector.PARTY_MASS,
                parent=None,
                established_date=RESTRUCTURE_DATE,
                decision="Quyết định thành lập theo Nghị quyết 18-NQ/TW",
            )
            for code, title in (GOVERNMENT, PARTY_AGENCIES, CITY)
        }
        for code, signer in SUCCESSOR_SIGNERS.items():
            _signers(committees[code], RESTRUCTURE_DATE, None, signer, self.today)
        decision = "Quyết định chuyển giao tổ chức đảng (kết thúc hoạt động Đảng bộ Khối)"
        for version in (
            OrgVersion.objects.as_of(RESTRUCTURE_DATE)
            .filter(parent=bloc)
            .select_related("org")
            .order_by("org__code")
        ):
            sector = version.org.sector
            target = (
                GOVERNMENT[0]
                if sector in _GOVERNMENT_SECTORS
                else PARTY_AGENCIES[0]
                if sector in _PARTY_SECTORS
                else CITY[0]
            )
            org_move(
                actor=OPERATOR,
                org=version.org,
                new_parent=committees[target],
                effective_date=RESTRUCTURE_DATE,
                decision=decision,
            )
        org_dissolve(actor=OPERATOR, org=bloc, effective_date=RESTRUCTURE_DATE, decision=decision)
        for keeper, absorbed, new_name in DEPARTMENT_MERGERS:
            org_merge(
                actor=OPERATOR,
                sources=[self.grassroots[absorbed]],
                into=self.grassroots[keeper],
                effective_date=MERGE_DATE,
                decision="Quyết định hợp nhất sở",
            )
            if new_name != keeper:
                org_rename(
                    actor=OPERATOR,
                    org=self.grassroots[keeper],
                    new_name=f"Đảng bộ {new_name}",
                    effective_date=MERGE_DATE,
                )
        org_rename(
            actor=OPERATOR,
            org=committees[CITY[0]],
            new_name=CITY_AS_WARD,
            effective_date=WARD_DATE,
            decision="Sắp xếp đơn vị hành chính cấp xã",
        )


# Who signs each committee's documents, with its symbol in their numbers (HD 36-HD/VPTW):
# the Bloc's until it ends, then each new committee's own, so a 2025 decision of the
# provincial government's committee never carries the Bloc's "ĐUK".
BLOC_SIGNER = Signature("Lê Văn Thành", "Phó Bí thư", "T/M Ban Thường vụ", "ĐUK")
SUCCESSOR_SIGNERS = {
    GOVERNMENT[0]: Signature("Nguyễn Thị Hạnh", "Phó Bí thư", "T/M Ban Thường vụ", "ĐU"),
    PARTY_AGENCIES[0]: Signature("Trần Quốc Hưng", "Phó Bí thư", "T/M Ban Thường vụ", "ĐUCQ"),
    CITY[0]: Signature("Phạm Văn Lâm", "Phó Bí thư", "T/M Ban Thường vụ", "ĐUP"),
}


def _signers(committee: OrgUnit, start: dt.date, end: dt.date | None, signature: Signature,
             today: dt.date) -> None:  # fmt: skip
    signer_create(actor=OPERATOR, committee=committee, signature=signature, valid_from=start,
                  valid_to=end, today=today)  # fmt: skip


def _places() -> Places:
    """The demo province is Thanh Hóa (code 38 in both schemes), where its units are."""
    wards = AdministrativeUnit.objects.filter(level=AdministrativeUnit.Level.WARD)
    legacy = list(
        wards.filter(scheme=AdministrativeUnit.Scheme.BEFORE_2025)
        .order_by("id")
        .values_list("parent_id", "id", "parent__code")
    )
    current = wards.filter(scheme=AdministrativeUnit.Scheme.FROM_2025, parent__code=HOME_PROVINCE)
    return Places(
        home=[(province, ward) for province, ward, code in legacy if code == HOME_PROVINCE],
        elsewhere=[(province, ward) for province, ward, code in legacy if code != HOME_PROVINCE],
        residences=[
            f"{ward.name}, {ward.parent}"
            for ward in current.select_related("parent").order_by("id")
        ],
    )


def _active(person: Person, on: dt.date) -> bool:
    return person.stays[0].start <= on and (person.exit is None or person.exit[0] > on)


def demo_reset() -> None:
    """Remove all party data and role assignments (not user accounts or reference units)."""
    from dangvu.imports.models import ImportBatch

    # In this order: each protects (PROTECT) some of those after it; a plan its children.
    Plan.objects.exclude(parent=None).delete()
    models: list[type[Model]] = [
        Progress, Attendance, Guest, Task, Target, Plan, Meeting,
        Appeal, Decision, Recommendation, Complaint, Check, Program,
        Commendation, Rating, Round, OutgoingDocument, Signer, RoleAssignment, ImportBatch,
        AuditEntry, AdmissionCase, Transfer, Exemption, BadgeAward, DuesPayment, DuesRelief,
        DuesBasis, Membership, Member,
        AdmissionAuthority, OrgEvent, OrgVersion, OrgUnit,
    ]  # fmt: skip
    for model in models:
        model._default_manager.all().delete()
    demo_portal_reset()


# The committee's staff, by board; each holds their role over the Bloc (for the years before
# 2025) and over the three committees that took its organizations over.
STAFF = [
    ("thuongvu", Role.LEADERSHIP, "Ban Thường vụ"),
    ("tochuc", Role.ORGANIZATION_BOARD, "Ban Tổ chức"),
    ("kiemtra", Role.INSPECTION, "Ủy ban Kiểm tra"),
    ("tuyengiao", Role.PROPAGANDA, "Ban Tuyên giáo và Dân vận"),
    ("vanphong", Role.OFFICE, "Văn phòng"),
]


DEMO_USERNAMES = ["admin", *(username for username, _r, _b in STAFF), "bithu", "dangvien"]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    note: str


def _user(username: str, first_name: str, last_name: str, password: str, *,
          superuser: bool = False) -> Any:  # fmt: skip
    """A demo login with PASSWORD, the demo password's hash."""
    user, _created = get_user_model().objects.get_or_create(username=username)
    user.first_name, user.last_name = first_name, last_name
    user.email = f"{username}@dangvu.local"
    user.is_staff = user.is_superuser = superuser
    user.password = password
    user.save()
    RoleAssignment.objects.filter(user=user).delete()
    return user


def demo_users(today: dt.date) -> list[DemoLogin]:
    """The demo logins, one per role, all with the demo password."""
    start = dt.date(2020, 1, 1)
    logins = []
    # One hash for every login: the demo password is printed for all to see, and each
    # Argon2 hash takes a third of a second.
    password = make_password(DEMO_PASSWORD)
    admin = _user("admin", "Quản trị", "hệ thống", password, superuser=True)
    role_assign(actor=OPERATOR, user=admin, role=Role.ADMIN, valid_from=start)
    logins.append(DemoLogin("admin", str(Role.ADMIN.label), ""))
    committees = OrgUnit.objects.filter(
        code__in=[BLOC[0], GOVERNMENT[0], PARTY_AGENCIES[0], CITY[0]]
    )
    for username, role, board in STAFF:
        user = _user(username, board, "", password)
        for committee in committees.order_by("code"):
            role_assign(actor=OPERATOR, user=user, role=role, org=committee, valid_from=start)
        logins.append(DemoLogin(username, str(Role(role).label), board))
    unit = OrgUnit.objects.get(code=SECRETARY_UNIT)
    secretary = _user("bithu", "Bí thư", unit.versions.order_by("-valid_from")[0].name, password)
    role_assign(actor=OPERATOR, user=secretary, role=Role.SECRETARY, org=unit, valid_from=start)
    logins.append(DemoLogin("bithu", str(Role.SECRETARY.label), f"{unit.code}"))
    own = demo_member_of(unit, today)
    member_user = _user("dangvien", own.full_name.rsplit(" ", 1)[-1], own.full_name, password)
    role_assign(actor=OPERATOR, user=member_user, role=Role.MEMBER, member=own, valid_from=start)
    logins.append(DemoLogin("dangvien", str(Role.MEMBER.label), own.full_name))
    return logins


def demo_member_of(unit: OrgUnit, today: dt.date) -> Member:
    """The demo's self-service member: the first official member of UNIT today."""
    path = OrgVersion.objects.as_of(today).get(org=unit).path
    cells = OrgVersion.objects.as_of(today).in_subtree(path).values("org_id")
    member = (
        Member.objects.filter(
            memberships__in=Membership.objects.as_of(today).filter(org_id__in=cells),
            official_date__isnull=False,
        )
        .order_by("sort_key", "id")
        .first()
    )
    if member is None:
        raise LookupError(f"{unit.code} has no official member on {today}")
    return member


@transaction.atomic
def demo_build(
    *,
    seed: int,
    today: dt.date,
    scale: float = 1.0,
    installed_on: dt.date = INSTALLED_ON,
    rounds: bool = True,
) -> DemoSummary:
    """The demo. History before INSTALLED_ON is imported, everything after is replayed
    through the services (the benchmark at 100,000 members imports it all). With ROUNDS,
    the evaluation rounds of 2021, 2024 and 2025 (`demo.rounds`)."""
    builder = DemoBuilder(seed=seed, today=today, scale=scale, installed_on=installed_on)
    summary = builder.build()
    demo_discipline(seed=seed, bloc=BLOC[0], today=today)
    if rounds:
        demo_rounds(seed=seed, bloc=BLOC[0], successor=GOVERNMENT[0],
                    secretary_unit=SECRETARY_UNIT)  # fmt: skip
    demo_dues(seed=seed, today=today, secretary_unit=SECRETARY_UNIT)
    demo_plans(seed=seed, bloc=BLOC[0], unit=SECRETARY_UNIT, today=today)
    demo_portal()
    demo_users(today)
    return summary


def demo_logins(today: dt.date) -> list[DemoLogin]:
    """The demo logins as they stand (for `make run` to print)."""
    User = get_user_model()
    logins: list[DemoLogin] = []
    for assignment in (
        RoleAssignment.objects.filter(user__in=User.objects.filter(username__in=DEMO_USERNAMES))
        .select_related("user", "org", "member")
        .order_by("id")
    ):
        if any(login.username == assignment.user.get_username() for login in logins):
            continue
        note = (
            assignment.member.full_name
            if assignment.member
            else (
                assignment.org.code if assignment.role == Role.SECRETARY and assignment.org else ""
            )
        )
        logins.append(
            DemoLogin(assignment.user.get_username(), str(Role(assignment.role).label), note)
        )
    return logins
