"""Replays the demo's history since 2020 through the lifecycle services, so admissions,
recognitions, transfers, exits and badges are real records with real dates.

Each person's life is a generator that yields the date of its next step before taking it;
`replay_in_date_order` takes the steps of everyone in the order of their dates, so each
committee's register (sổ văn bản đi) numbers its documents in the order of their dates, as
an office would, and every query a step makes of the others sees them as they stood."""

import datetime as dt
import heapq
import random
from collections.abc import Generator, Iterable
from typing import Any

from dangvu.common.models import AdministrativeUnit
from dangvu.common.rulesets import rules_for
from dangvu.demo.population import Person
from dangvu.members import facts, services
from dangvu.members.models import AdmissionCase, ExitReason, Member, RemovalReason, Transfer
from dangvu.members.rulesets import BADGES
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.models import Membership, OrgUnit

# Where members go when they leave the committee (retirement to their residence, new jobs).
DESTINATIONS = ("Đảng bộ phường Hạc Thành", "Đảng bộ phường Đông Sơn", "Đảng bộ xã Quảng Phú",
                "Đảng ủy Khối các cơ quan tỉnh Nghệ An", "Đảng bộ phường Sầm Sơn")  # fmt: skip


# A person's replay: yields the date of each step before taking it, returns what it returns.
Steps = Generator[dt.date, None, Any]


def replay_in_date_order(lives: Iterable[Steps]) -> None:
    """Take the steps of LIVES in the order of their dates; on one date, in the order of
    LIVES. A life yields its steps in date order, so the dates taken never go back."""
    queue: list[tuple[dt.date, int, Steps]] = []

    def advance(order: int, life: Steps) -> None:
        try:
            day = next(life)
        except StopIteration:
            return
        heapq.heappush(queue, (day, order, life))

    for order, life in enumerate(lives):
        advance(order, life)
    while queue:
        _, order, life = heapq.heappop(queue)
        advance(order, life)


# Where the chi bộ sends its requests to verify a candidate's biography (thẩm tra lý lịch).
BIOGRAPHY_CHECKED_AT = "Cấp ủy nơi cư trú của người vào Đảng và của cha, mẹ"


def _letter_facts(on: dt.date) -> dict[str, Any]:
    """What a transfer letter states: dues paid up to the month before, the member's records."""
    return {"dues_paid_until": on.replace(day=1) - dt.timedelta(days=1),
            "enclosures": "Hồ sơ đảng viên"}  # fmt: skip


class HistoryReplay:
    """Turns each person's drawn life into service calls, each step yielded with its date
    first (see `replay_in_date_order`)."""

    def __init__(self, *, today: dt.date, cell_orgs: list[OrgUnit], grassroots_of: list[int],
                 seed: int) -> None:  # fmt: skip
        self.today, self.cells, self.seed = today, cell_orgs, seed
        self.unit_of = {org.pk: grassroots_of[i] for i, org in enumerate(cell_orgs)}

    def person(self, person: Person, member: Member | None, since: dt.date) -> Steps:
        """Replay what happens to PERSON from SINCE on (joining too, if they join later);
        MEMBER is their record if it was imported before SINCE."""
        rng = random.Random(self.seed * 7919 + person.number)
        if member is None:
            member = yield from self._join(rng, person)
        exit_on = person.exit[0] if person.exit else None
        busy_until = max(person.stays[0].start, since)
        steps: list[tuple[dt.date, str, Any]] = [
            (stay.start, "move", stay) for stay in person.stays[1:] if stay.start >= since
        ]
        if person.exit and person.exit[0] >= since:
            steps.append((person.exit[0], "exit", person.exit[1]))
        steps.sort(key=lambda item: item[0])
        end = facts.official_date(member.admission_date)
        pending = member.official_date is None
        for on, kind, payload in steps:
            if pending and end <= on:
                busy_until, recognized = yield from self._recognize(
                    rng, member, end, on, busy_until
                )
                pending = not recognized
            if kind == "move":
                busy_until = yield from self._move(rng, member, payload, busy_until)
            else:
                yield from self._exit(rng, member, payload, on, busy_until)
                return
        if pending and end <= self.today:
            yield from self._recognize(rng, member, end, self.today, busy_until)
        self._badges(member, exit_on, since)

    def _join(self, rng: random.Random, person: Person) -> Steps:
        first = person.stays[0]
        cell = self.cells[first.cell]
        values = dict(person.values)
        official = values.get("official_date")
        # A member arriving from elsewhere keeps a recognition made there; one admitted here,
        # or still on probation when they arrive, is recognized later through the services.
        if (
            first.how != Membership.Start.TRANSFER_IN
            or official is None
            or (
                official > first.start  # type: ignore[operator]
            )
        ):
            values["official_date"], values["party_card_number"] = None, ""
        if first.how == Membership.Start.TRANSFER_IN:
            yield first.start
            return services.member_receive(actor=OPERATOR, values=values, cell=cell, on=first.start,
                                           other_party=rng.choice(DESTINATIONS),
                                           today=self.today)  # fmt: skip
        return (yield from self._admit(rng, values, cell, first.start))

    def _admit(self, rng: random.Random, values: dict[str, Any], cell: OrgUnit,
               ceremony: dt.date) -> Steps:  # fmt: skip
        decision = ceremony - dt.timedelta(days=rng.randint(5, 30))
        resolution = decision - dt.timedelta(days=rng.randint(20, 70))
        yield resolution
        case = self._case(rng, values, cell, resolution, opened=ceremony)
        case = yield from self._advance(rng, case, resolution, decision, steps=3)
        yield ceremony
        # The record as registered: later steps read the member under their lock, by id.
        return services.admission_ceremony(actor=OPERATOR, case=case, on=ceremony,
                                           today=self.today)  # fmt: skip

    def case_in_progress(self, values: dict[str, Any], cell: OrgUnit, steps: int) -> Steps:
        """A candidate's case still under way today, STEPS along: 0 open, 1 proposed by the
        cell, 2 also resolved by the đảng ủy cơ sở (where there is one), 3 decided."""
        rng = random.Random(self.seed * 104_729 + cell.pk * 4 + steps)
        resolution = self.today - dt.timedelta(days=rng.randint(20, 40))
        decision = self.today - dt.timedelta(days=rng.randint(1, 15))
        yield resolution
        case = self._case(rng, values, cell, resolution, opened=self.today,
                          awaiting_replies=steps == 0)  # fmt: skip
        yield from self._advance(rng, case, resolution, decision, steps=steps)

    def _case(self, rng: random.Random, values: dict[str, Any], cell: OrgUnit,
              resolution: dt.date, opened: dt.date,
              awaiting_replies: bool = False) -> AdmissionCase:  # fmt: skip
        """A case opened with every step the cell's resolution on RESOLUTION needs; or,
        AWAITING_REPLIES, still waiting for the replies to the verification of the
        biography."""
        officials = Member.objects.filter(official_date__lte=resolution).order_by("sort_key", "id")
        on_roll = Membership.objects.as_of(resolution)
        introducers = list(
            officials.filter(memberships__in=on_roll.filter(org=cell)).values_list("pk", flat=True)[
                :2
            ]
        )
        if not introducers:
            # A cell with no official member yet (a small --scale makes them): someone from
            # elsewhere in the Bloc introduces, with the youth union's resolution.
            introducers = list(
                officials.filter(memberships__in=on_roll).values_list("pk", flat=True)[:1]
            )
        steps = {
            "full_name": values["full_name"], "gender": values["gender"],
            "birth_date": values["birth_date"], "national_id": values["national_id"],
            "workplace": values.get("workplace", ""),
            # The decision states the quê quán: a reference to the unit, no query.
            "hometown_province": AdministrativeUnit(pk=values["hometown_province_id"]),
            "hometown_ward": AdministrativeUnit(pk=values["hometown_ward_id"])
            if values.get("hometown_ward_id") else None,
            "awareness_class_date": resolution - dt.timedelta(days=rng.randint(200, 700)),
            "application_date": resolution - dt.timedelta(days=rng.randint(100, 190)),
            "biography_date": resolution - dt.timedelta(days=rng.randint(60, 99)),
            "biography_verified_date": resolution - dt.timedelta(days=rng.randint(25, 59)),
            "biography_check_sent_to": BIOGRAPHY_CHECKED_AT,
            "youth_union_resolution_date": resolution - dt.timedelta(days=30)
            if len(introducers) < 2 else None,
            "introducer_1_id": introducers[0] if introducers else None,
            "introducer_2_id": introducers[1] if len(introducers) > 1 else None,
            "introducers_months_together": rng.randint(12, 60),
            "mass_org_comments_date": resolution - dt.timedelta(days=rng.randint(5, 20)),
        }  # fmt: skip
        chosen = Member.objects.in_bulk(introducers)
        for key in ("introducer_1", "introducer_2"):
            pk = steps.pop(f"{key}_id")
            steps[key] = chosen[pk] if pk else None
        # The requests to verify the biography go out a third of the way from the biography
        # to the conclusion, the last reply comes two thirds of the way; a case still
        # waiting for its replies has no conclusion yet.
        written, concluded = steps["biography_date"], steps["biography_verified_date"]
        steps["biography_check_sent_date"] = written + (concluded - written) // 3
        steps["biography_check_replied_date"] = written + (concluded - written) * 2 // 3
        if awaiting_replies:
            steps["biography_check_replied_date"] = steps["biography_verified_date"] = None
        return services.admission_open(actor=OPERATOR, cell=cell, values=steps, today=opened)

    def _advance(self, rng: random.Random, case: AdmissionCase, resolution: dt.date,
                 decision: dt.date, steps: int) -> Steps:  # fmt: skip
        """Take CASE STEPS steps: the cell's resolution, the đảng ủy bộ phận's review
        (where there is one, a quarter of the way to the decision), the đảng ủy cơ sở's
        resolution (where there is one, halfway), the decision."""
        if steps >= 1:
            case = services.admission_propose(actor=OPERATOR, case=case, on=resolution)
        if steps >= 2 and services.admission_pending_step(case) == "sub_committee_review_date":
            review = resolution + (decision - resolution) // 4
            yield review
            case = services.admission_sub_committee_review(actor=OPERATOR, case=case, on=review)
        if steps >= 2 and services.admission_needs_grassroots(case):
            grassroots = resolution + (decision - resolution) // 2
            yield grassroots
            case = services.admission_grassroots_resolve(actor=OPERATOR, case=case, on=grassroots)
        if steps >= 3:
            yield decision
            case = services.admission_decide(actor=OPERATOR, case=case, on=decision)
        return case

    def _recognize(self, rng: random.Random, member: Member, end: dt.date, limit: dt.date,
                   busy_until: dt.date) -> Steps:  # fmt: skip
        """Propose and decide MEMBER's recognition before LIMIT: (the day of the last step
        taken, whether recognized)."""
        propose = max(end, busy_until) + dt.timedelta(days=rng.randint(3, 25))
        if propose > min(limit, self.today):
            return busy_until, False
        yield propose
        # The services read the member under their lock: MEMBER names them, by id.
        member = services.member_recognition_propose(actor=OPERATOR, member=member, on=propose)
        decided = propose + dt.timedelta(days=rng.randint(5, 35))
        if decided > min(limit, self.today):
            return propose, False
        # The route's steps (14-KNĐ, 15-KNĐ), where it has them: a third and two thirds of the way.
        pending = services.recognition_pending_step(member)
        if pending == "recognition_reviewed_on":
            yield (review := propose + (decided - propose) // 3)
            member = services.member_recognition_review(actor=OPERATOR, member=member, on=review)
            pending = services.recognition_pending_step(member)
        if pending == "recognition_grassroots_on":
            yield (resolved := propose + (decided - propose) * 2 // 3)
            member = services.member_recognition_grassroots(actor=OPERATOR, member=member,
                                                            on=resolved)  # fmt: skip
        yield decided
        services.member_recognize(actor=OPERATOR, member=member, decided_on=decided,
                                  today=self.today)  # fmt: skip
        return decided, True

    def _move(self, rng: random.Random, member: Member, stay: Any, busy_until: dt.date
              ) -> Steps:  # fmt: skip
        """Move MEMBER to STAY's cell; returns the day of the move."""
        target = self.cells[stay.cell]
        current = Membership.objects.get(member=member, valid_to__isnull=True)
        same_unit = self.unit_of[target.pk] == self.unit_of[current.org_id]
        if same_unit or stay.start - busy_until < dt.timedelta(days=3):
            yield stay.start
            services.member_move(actor=OPERATOR, member=member, to_cell=target, on=stay.start)
            return stay.start
        decided = max(busy_until + dt.timedelta(days=1), stay.start - dt.timedelta(days=30))
        letter = max(decided, stay.start - dt.timedelta(days=rng.randint(1, 10)))
        yield decided
        transfer = services.transfer_start(actor=OPERATOR, member=member,
                                           kind=Transfer.Kind.INTERNAL, decided_on=decided,
                                           to_cell=target)  # fmt: skip
        yield letter
        transfer = services.transfer_issue_letter(
            actor=OPERATOR, transfer=transfer, on=letter, today=self.today, **_letter_facts(letter),
        )  # fmt: skip
        if stay.start <= self.today - dt.timedelta(days=20):
            yield stay.start
            services.transfer_arrive(actor=OPERATOR, transfer=transfer, on=stay.start)
        return stay.start

    def _exit(self, rng: random.Random, member: Member, reason: str, on: dt.date,
              busy_until: dt.date) -> Steps:  # fmt: skip
        decided = min(on, max(busy_until + dt.timedelta(days=1), on - dt.timedelta(days=40)))
        yield decided if reason == ExitReason.TRANSFERRED_OUT else on
        # Only the state is read: the services read the member under their lock.
        state = Member.objects.filter(pk=member.pk).values_list("state", flat=True).get()
        if state == "IN_TRANSIT":
            return  # still on the way; the exit drawn for later does not happen
        if reason == ExitReason.TRANSFERRED_OUT:
            transfer = services.transfer_start(actor=OPERATOR, member=member,
                                               kind=Transfer.Kind.OUTGOING, decided_on=decided,
                                               other_party=rng.choice(DESTINATIONS))  # fmt: skip
            yield on
            services.transfer_issue_letter(actor=OPERATOR, transfer=transfer, on=on,
                                           today=self.today, **_letter_facts(on))  # fmt: skip
            return
        detail = RemovalReason.NO_ACTIVITY_OR_DUES if reason == ExitReason.REMOVED else ""
        services.member_exit(actor=OPERATOR, member=member, reason=reason, on=on, today=self.today,
                             detail=detail)  # fmt: skip

    def _badges(self, member: Member, exit_on: dt.date | None, since: dt.date) -> None:
        start = facts.party_age_start(
            admission_decision_date=member.admission_decision_date,
            admission_date=member.admission_date,
        )
        rules = rules_for(BADGES, self.today)
        for milestone in sorted(rules.milestones):
            reached = rules.milestone_reached_on(start, milestone)
            if reached > self.today:
                break  # its occasion is later still, and so are the next milestones'
            if reached < since:
                continue
            occasion = rules_for(BADGES, reached).next_occasion(reached)
            if occasion > self.today or (exit_on and occasion >= exit_on):
                continue
            # Only the state is read: the service reads the member under its lock.
            state = Member.objects.filter(pk=member.pk).values_list("state", flat=True).get()
            if state == "ACTIVE":
                services.badge_award(
                    actor=OPERATOR,
                    member=member,
                    milestone=milestone,
                    awarded_on=occasion,
                    decision="Quyết định tặng Huy hiệu Đảng",
                )
