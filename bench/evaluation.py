"""The evaluation's measurements, on the demo at scale 1.0: the results pack of a round in
which every TCCSĐ and member is rated, against a hand-written SQL GROUP BY of the same
counts, and the entry screen's live check for a 300-member TCCSĐ.

The data is built here, on the demo's registry, through the services (`round_open`, a
member's registration); only the decided levels are set in bulk, as set-up. Import only
after `django.setup()` (see `bench.run`)."""

import datetime as dt
import random
import time
from typing import Any, TypedDict
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse

from bench.measure import HTTP_HOST, count_queries, grassroots_sizes, log
from bench.timing import Timing, percentile, time_calls, time_pair
from dangvu.common import clock
from dangvu.evaluation.models import Level, Rating, Round
from dangvu.evaluation.results import results_pack
from dangvu.evaluation.rulesets import rules_for_year
from dangvu.evaluation.services import round_open
from dangvu.members.services import member_register
from dangvu.organizations.access import OPERATOR, Operator
from dangvu.organizations.models import (
    CELL_KINDS,
    Membership,
    OrgKind,
    OrgVersion,
)

SEED = 2020
GROUP_SIZE = 300
FORM_TYPE = "application/x-www-form-urlencoded"
# Decided levels in the proportions of a usual year: a few HTXSNV, most HTTNV.
LEVEL_WEIGHTS = {Level.EXCELLENT: 12, Level.GOOD: 70, Level.DONE: 15, Level.FAILED: 3}
# The same counts as the pack, by hand: the two years' rounds, their levels by kind and
# sector in one statement, then their commendations by kind.
ROUNDS_SQL = "SELECT id FROM evaluation_round WHERE committee_id = %s AND year IN (%s, %s)"
LEVELS_SQL = """
SELECT r.round_id, r.kind, o.sector, r.level, COUNT(*)
FROM evaluation_rating r
JOIN organizations_orgunit o ON o.id = r.unit_id
WHERE r.round_id IN ({rounds}) AND r.level <> '' AND (r.kind = %s OR r.decider_id = %s)
GROUP BY r.round_id, r.kind, o.sector, r.level
"""
COMMENDED_SQL = """
SELECT r.round_id, r.kind, COUNT(*)
FROM evaluation_commendation c
JOIN evaluation_rating r ON r.id = c.rating_id
WHERE r.round_id IN ({rounds})
GROUP BY r.round_id, r.kind
"""


class PackResult(TypedDict):
    ratings: int
    previous_year: bool
    queries: int
    pack: Timing
    sql: Timing
    ratio_p50: float


class CheckResult(TypedDict):
    org: str
    members: int
    queries: int
    status: int
    timing: Timing
    cpu_p95_ms: float  # this process's CPU time: what the wall time is on an idle machine


class EvaluationResult(TypedDict):
    year: int
    pack: PackResult
    check: CheckResult


def _committee(on: dt.date) -> OrgVersion:
    return OrgVersion.objects.as_of(on).filter(kind=OrgKind.UPPER_COMMITTEE).order_by("pk")[0]


def _grown_unit(committee: OrgVersion, on: dt.date) -> OrgVersion:
    """The TCCSĐ under COMMITTEE with the most members up to GROUP_SIZE, its cell given
    newly registered members up to GROUP_SIZE."""
    unit, size = max(
        (
            (version, members)
            for version, members in grassroots_sizes(on)
            if version.path.startswith(committee.path) and members <= GROUP_SIZE
        ),
        key=lambda pair: (pair[1], -pair[0].org_id),
    )
    versions = OrgVersion.objects.as_of(on).filter(path__startswith=unit.path).order_by("pk")
    cell = next(v for v in versions if v.kind in CELL_KINDS)
    for number in range(GROUP_SIZE - size):
        member_register(
            actor=OPERATOR,
            values={
                "full_name": f"Đảng Viên Thử {number:03d}",
                "gender": "M",
                "birth_date": dt.date(1980, 1, 1) + dt.timedelta(days=number),
                "admission_date": dt.date(2005, 5, 19),
                "official_date": dt.date(2006, 5, 19),
            },
            cell=cell.org,
            start=Membership.Start.REGISTERED,
            joined_on=on,
            today=on,
        )
    return unit


def _open_decided(committee: OrgVersion, year: int, today: dt.date) -> Round | None:
    """YEAR's round of COMMITTEE (the demo's own if it has one), every rating decided; None
    when the registry did not exist then."""
    round_ = Round.objects.filter(committee=committee.org, year=year).first()
    if round_ is None:
        as_of = min(today, dt.date(year, 12, 31))
        if not OrgVersion.objects.as_of(as_of).filter(org=committee.org).exists():
            return None
        round_ = round_open(
            actor=OPERATOR, committee=committee.org, year=year, today=today, as_of=as_of
        )
    chooser = random.Random(SEED + year)
    ratings = list(Rating.objects.filter(round=round_).only("pk", "level"))
    for rating in ratings:
        rating.level = chooser.choices(list(LEVEL_WEIGHTS), list(LEVEL_WEIGHTS.values()))[0]
    Rating.objects.bulk_update(ratings, ["level"], batch_size=2000)
    return round_


def _hand_sql(round_: Round) -> int:
    committee = round_.committee_id
    with connection.cursor() as cursor:
        cursor.execute(ROUNDS_SQL, [committee, round_.year, round_.year - 1])
        rounds = [row[0] for row in cursor.fetchall()]
        listed = ", ".join(["%s"] * len(rounds))
        levels = LEVELS_SQL.format(rounds=listed)
        cursor.execute(levels, [*rounds, Rating.Kind.MEMBER, committee])
        rows = len(cursor.fetchall())
        cursor.execute(COMMENDED_SQL.format(rounds=listed), rounds)
        return rows + len(cursor.fetchall())


def _measure_pack(round_: Round, previous: bool, *, runs: int, warmups: int) -> PackResult:
    user = Operator()
    pack, sql = time_pair(
        lambda: results_pack(user=user, round_=round_),
        lambda: _hand_sql(round_),
        runs=runs,
        warmups=warmups,
    )
    with count_queries() as captured:
        results_pack(user=user, round_=round_)
    ratio = round(pack["p50_ms"] / sql["p50_ms"], 2) if sql["p50_ms"] else 0.0
    log(f"results pack: p50 {pack['p50_ms']} ms, hand SQL p50 {sql['p50_ms']} ms ({ratio}×)")
    return PackResult(
        ratings=Rating.objects.filter(round=round_).count(),
        previous_year=previous,
        queries=len(captured),
        pack=pack,
        sql=sql,
        ratio_p50=ratio,
    )


def _check_form(round_: Round, unit: OrgVersion) -> dict[str, Any]:
    """What the entry screen posts while the user types: a level on every row, a quarter
    HTXSNV (over the quota), and its score where the year's rules score."""
    ids = Rating.objects.filter(round=round_, decider=unit.org, kind=Rating.Kind.MEMBER)
    scored = rules_for_year(round_.year).scored
    form: dict[str, Any] = {}
    for number, pk in enumerate(ids.order_by("pk").values_list("pk", flat=True)):
        excellent = number < GROUP_SIZE // 4
        form[f"level-{pk}"] = Level.EXCELLENT if excellent else Level.GOOD
        if scored:
            form[f"score-{pk}"] = "92" if excellent else "80"
    return form


def _measure_check(round_: Round, unit: OrgVersion, *, runs: int, warmups: int) -> CheckResult:
    client = Client(HTTP_HOST=HTTP_HOST)
    client.force_login(get_user_model().objects.get(username="admin"))
    url = reverse(
        "evaluation:check",
        kwargs={"pk": round_.pk, "decider": unit.org_id, "kind": Rating.Kind.MEMBER},
    )
    form = _check_form(round_, unit)
    body = urlencode(form)  # as htmx posts a form, not as the test client's default multipart

    def post() -> int:
        response = client.post(url, body, content_type=FORM_TYPE, HTTP_HX_REQUEST="true")
        if response.status_code != 200:
            raise RuntimeError(f"POST {url} answered {response.status_code}")
        return response.status_code

    timing = time_calls(post, runs=runs, warmups=warmups)
    cpu = []
    for _ in range(runs):
        started = time.process_time()
        post()
        cpu.append((time.process_time() - started) * 1000)
    with count_queries() as captured:
        status = post()
    rows = sum(1 for key in form if key.startswith("level-"))
    log(f"live check of {rows} rows: p50 {timing['p50_ms']} ms, p95 {timing['p95_ms']} ms")
    return CheckResult(
        org=unit.name,
        members=rows,
        queries=len(captured),
        status=status,
        timing=timing,
        cpu_p95_ms=round(percentile(cpu, 0.95), 2),
    )


def measure_evaluation(*, runs: int, warmups: int) -> EvaluationResult:
    """On the demo at scale 1.0: this year's round of its committee with a 300-member TCCSĐ,
    and last year's round, every rating decided; the pack and the live check measured."""
    today = clock.today()
    demo_rounds = set(Round.objects.values_list("pk", flat=True))
    committee = _committee(today)
    unit = _grown_unit(committee, today)
    previous = _open_decided(committee, today.year - 1, today)
    round_ = _open_decided(committee, today.year, today)
    assert round_ is not None  # the committee stands today
    result = EvaluationResult(
        year=round_.year,
        pack=_measure_pack(round_, previous is not None, runs=runs, warmups=warmups),
        check=_measure_check(round_, unit, runs=runs, warmups=warmups),
    )
    # The rounds opened here go: their ratings protect the members and organizations they
    # rate, which the demo's reset before the large build removes.
    Round.objects.exclude(pk__in=demo_rounds).delete()
    return result
