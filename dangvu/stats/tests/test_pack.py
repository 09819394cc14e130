import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import TODAY, AddMember, Tree
from dangvu.members.models import BadgeAward
from dangvu.members.services import member_exit
from dangvu.organizations.access import OPERATOR, Operator
from dangvu.organizations.models import Membership, OrgKind, Sector
from dangvu.organizations.services import org_create, org_dissolve, org_move
from dangvu.stats.breakdowns import member_breakdowns
from dangvu.stats.movements import movements
from dangvu.stats.pack import stats_pack, year_pack
from dangvu.stats.scope import Scope

D = dt.date


def _scope(start: dt.date, end: dt.date) -> Scope:
    return Scope(user=Operator(), root=None, start=start, end=end, as_of=end)


@pytest.fixture
def counted(tree: Tree, add_member: AddMember) -> Tree:
    add_member(tree.cell_a1, full_name="Lê Thị Hoa", gender="F", birth_date=D(1995, 6, 1),
               admission_date=D(2016, 5, 19), official_date=D(2017, 5, 19), ethnicity="02",
               professional_qualification="BACHELOR")  # fmt: skip
    add_member(tree.cell_a2, full_name="Phạm Văn Hùng", birth_date=D(1960, 1, 1))
    add_member(
        tree.grassroots_b,
        full_name="Ngô Văn Tài",
        admission_date=D(2024, 3, 1),
        official_date=D(2025, 3, 1),
        joined_on=D(2024, 3, 1),
    )
    return tree


def test_members_are_counted_by_status_age_and_attributes_on_the_date(counted: Tree) -> None:
    found = member_breakdowns(_scope(D(2024, 1, 1), D(2024, 12, 31)))

    assert found["status"] == {"official": 2, "probationary": 1, "total": 3}
    bands = {row["code"]: row["count"] for row in found["age_band"]}
    assert (bands["18-30"], bands["36-40"], bands["61+"]) == (1, 1, 1)
    assert (found["women"], found["ethnic_minority"], found["religious"]) == (1, 1, 0)
    assert [(r["label"], r["count"]) for r in found["gender"]] == [("Nam", 2), ("Nữ", 1)]
    assert {"code": "", "label": "Chưa ghi", "count": 2} in found["professional_qualification"]


def test_movements_count_admissions_recognitions_arrivals_and_exits_of_the_period(
    counted: Tree, add_member: AddMember
) -> None:
    add_member(counted.cell_a1, full_name="Trần Văn Bình", admission_date=D(2010, 1, 1),
               official_date=D(2011, 1, 1), joined_on=D(2025, 4, 1))  # fmt: skip
    newcomer = add_member(counted.cell_a2, full_name="Đỗ Thị Lan", gender="F",
                          admission_date=D(2025, 5, 2), official_date=None)  # fmt: skip
    Membership.objects.filter(member=newcomer).update(start=Membership.Start.ADMITTED)
    arrived = Membership.objects.get(member__full_name="Trần Văn Bình")
    arrived.start = Membership.Start.TRANSFER_IN
    arrived.save()
    hung = counted.cell_a2.memberships.get(member__full_name="Phạm Văn Hùng").member
    member_exit(actor=OPERATOR, member=hung, reason="DIED", on=D(2025, 8, 1), today=TODAY)

    found = movements(_scope(D(2025, 1, 1), D(2025, 12, 31)))
    before = movements(_scope(D(2024, 1, 1), D(2024, 12, 31)))

    assert (found["admitted"], found["transferred_in"], found["recognized"]) == (1, 1, 1)
    assert (found["died"], found["removed"], found["expelled"]) == (1, 0, 0)
    assert (before["admitted"], before["recognized"], before["died"]) == (0, 0, 0)
    assert found["tree_changes"]["changed"] is False


def test_removals_are_counted_by_their_ground(counted: Tree, add_member: AddMember) -> None:
    lan = add_member(counted.cell_a1, full_name="Đỗ Thị Lan", gender="F")
    hung = counted.cell_a2.memberships.get(member__full_name="Phạm Văn Hùng").member
    for member, ground, day in (
        (lan, "NO_ACTIVITY_OR_DUES", D(2025, 3, 3)),
        (hung, "CARD_RETURNED", D(2025, 9, 9)),
    ):
        member_exit(actor=OPERATOR, member=member, reason="REMOVED", on=day, today=TODAY,
                    detail=ground)  # fmt: skip

    found = movements(_scope(D(2025, 1, 1), D(2025, 12, 31)))
    earlier = movements(_scope(D(2025, 1, 1), D(2025, 6, 30)))

    counts = {row["code"]: row["count"] for row in found["removed_by_reason"]}
    assert found["removed"] == 2
    assert (counts["NO_ACTIVITY_OR_DUES"], counts["CARD_RETURNED"], counts["NO_PROGRESS"]) == (
        1, 1, 0)  # fmt: skip
    assert found["removed_by_reason"][0]["label"] == "Bỏ sinh hoạt hoặc không đóng đảng phí"
    assert [r["count"] for r in earlier["removed_by_reason"]] == [1, 0, 0, 0, 0]


def _restructure(tree: Tree) -> None:
    successor = org_create(actor=OPERATOR, code="DBUB", name="Đảng bộ UBND tỉnh",
                           kind=OrgKind.UPPER_COMMITTEE, sector=Sector.ADMINISTRATIVE,
                           parent=None, established_date=D(2025, 2, 1))  # fmt: skip
    for org in (tree.grassroots_a, tree.grassroots_b):
        org_move(actor=OPERATOR, org=org, new_parent=successor, effective_date=D(2025, 2, 1))
    org_dissolve(actor=OPERATOR, org=tree.committee, effective_date=D(2025, 2, 1))


def test_a_period_across_the_restructuring_says_so_and_each_side_counts_its_tree(
    counted: Tree,
) -> None:
    _restructure(counted)

    across = stats_pack(_scope(D(2025, 1, 1), D(2025, 6, 30)))["movements"]["tree_changes"]
    before = stats_pack(_scope(D(2024, 1, 1), D(2025, 1, 31)))
    after = stats_pack(_scope(D(2025, 2, 1), D(2025, 6, 30)))

    assert across["changed"] is True
    assert across["dates"] == ["2025-02-01"]
    assert {(e["code"], e["kind"]) for e in across["committees"]} == {
        ("DBK", "DISSOLVED"),
        ("DBUB", "CREATED"),
    }
    assert across["grassroots_affected"] == 2
    assert before["movements"]["tree_changes"]["changed"] is False
    assert after["movements"]["tree_changes"]["changed"] is False
    assert before["organizations"]["grassroots"] == after["organizations"]["grassroots"] == 2
    assert before["members"]["status"]["total"] == after["members"]["status"]["total"] == 3


def test_the_pack_makes_as_many_queries_for_30_members_as_for_3(
    counted: Tree, add_member: AddMember
) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            year_pack(user=Operator(), year=2025, as_of=D(2025, 12, 31))
        return len(captured)

    few = queries()
    for n in range(27):
        add_member(counted.cell_a1, full_name=f"Nguyễn Văn Số {n}")

    assert queries() == few


def test_stats_command_prints_the_year_pack_as_json_and_as_text(counted: Tree) -> None:
    out, text = StringIO(), StringIO()

    call_command("stats", "--year", "2024", "--org", "DBK", "--json", stdout=out)
    call_command("stats", "--year", "2024", stdout=text)

    data = json.loads(out.getvalue())
    assert (data["from"], data["to"], data["org"]) == ("2024-01-01", "2024-12-31", "DBK")
    assert data["organizations"]["grassroots"] == 2
    assert data["members"]["status"]["total"] == 3
    assert "Đảng viên: 3 (chính thức 2, dự bị 1)" in text.getvalue()


def test_stats_command_says_when_a_period_spans_the_restructuring(counted: Tree) -> None:
    _restructure(counted)
    out = StringIO()

    call_command("stats", "--from", "01/01/2025", "--to", "30/06/2025", stdout=out)

    assert "Trong kỳ có sắp xếp tổ chức" in out.getvalue()
    assert "01/02/2025: Giải thể DBK Đảng bộ Khối thử nghiệm" in out.getvalue()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "21"], "--year phải là năm bốn chữ số"),
        (["--year", "2021", "--from", "01/01/2021"], "Chọn --year hoặc --from/--to"),
        (["--from", "01/01/2021"], "Cần cả --from và --to"),
        (["--from", "01/01/2022", "--to", "01/01/2021"], "--from phải trước hoặc bằng --to"),
        (["--from", "31/02/2021", "--to", "01/01/2022"], "--from: “31/02/2021” không phải"),
    ],
)
def test_stats_command_explains_bad_periods(counted: Tree, args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("stats", *args, stdout=StringIO())


def test_badges_awarded_in_the_period_count_by_milestone(counted: Tree) -> None:
    hung = counted.cell_a2.memberships.get(member__full_name="Phạm Văn Hùng").member
    BadgeAward.objects.create(member=hung, milestone=30, awarded_on=D(2024, 5, 19))

    found = year_pack(user=Operator(), year=2024, as_of=D(2024, 12, 31))["badges"]
    before = year_pack(user=Operator(), year=2023, as_of=D(2023, 12, 31))["badges"]

    assert found == {"awarded": 1, "by_milestone": {"30": 1}}
    assert before == {"awarded": 0, "by_milestone": {}}
