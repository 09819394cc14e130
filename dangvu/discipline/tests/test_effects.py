"""What decisions in force do elsewhere: the badge wait, the year's rating caps, the
member's record and the due list."""

import datetime as dt

import pytest

from conftest import TODAY, AddMember
from dangvu.discipline.models import Appeal
from dangvu.discipline.rules import Form
from dangvu.discipline.services import (
    appeal_file,
    appeal_resolve,
    check_conclude,
    check_record,
    complaint_receive,
    program_create,
)
from dangvu.discipline.tests.conftest import World
from dangvu.evaluation.facts import subjects
from dangvu.evaluation.models import Rating, Stage
from dangvu.evaluation.services import round_open
from dangvu.members.deadlines import due_items
from dangvu.members.hooks import record_lines
from dangvu.members.selectors import badge_candidates
from dangvu.members.services import MemberChangeError, badge_award
from dangvu.organizations.access import OPERATOR

D = dt.date
pytestmark = pytest.mark.django_db
OCCASION = D(2026, 9, 2)


def test_a_reprimand_delays_the_badge_six_months(world: World, add_member: AddMember) -> None:
    # Thirty years of party age on 2/9/2026; reprimanded on 1/6/2026: waits until 1/12/2026.
    veteran = add_member(world.tree.cell_a1, full_name="Đỗ Văn Cựu", birth_date=D(1970, 1, 1),
                         admission_date=D(1996, 9, 2), official_date=D(1997, 9, 2))  # fmt: skip
    due = {m.pk: d for m, d in badge_candidates(user=OPERATOR, occasion=OCCASION)}
    assert due[veteran.pk].blocked_until is None
    decision = world.decide(veteran, on=D(2026, 6, 1))
    due = {m.pk: d for m, d in badge_candidates(user=OPERATOR, occasion=OCCASION)}
    assert due[veteran.pk].blocked_until == D(2026, 12, 1)
    with pytest.raises(MemberChangeError) as refused:
        badge_award(actor=OPERATOR, member=veteran, milestone=30, awarded_on=OCCASION)
    assert "01/12/2026" in str(refused.value)
    # Annulled on appeal: as if never decided.
    appeal = appeal_file(actor=OPERATOR, decision=decision, filed_on=D(2026, 6, 15),
                         reason="Không đúng", today=TODAY)  # fmt: skip
    appeal_resolve(actor=OPERATOR, appeal=appeal, outcome=Appeal.Outcome.ANNULLED,
                   resolved_on=D(2026, 8, 1), resolution="3-QĐ/UBKT", today=TODAY)  # fmt: skip
    assert badge_award(actor=OPERATOR, member=veteran, milestone=30, awarded_on=OCCASION).pk


def test_a_warning_changed_to_a_reprimand_waits_from_the_first_date(
    world: World, add_member: AddMember
) -> None:
    veteran = add_member(world.tree.cell_a1, full_name="Đỗ Văn Cựu", birth_date=D(1970, 1, 1),
                         admission_date=D(1996, 9, 2), official_date=D(1997, 9, 2))  # fmt: skip
    decision = world.decide(veteran, form=Form.WARNING, on=D(2026, 2, 10))
    appeal = appeal_file(actor=OPERATOR, decision=decision, filed_on=D(2026, 2, 20),
                         reason="Nặng", today=TODAY)  # fmt: skip
    appeal_resolve(actor=OPERATOR, appeal=appeal, outcome=Appeal.Outcome.CHANGED,
                   new_form=Form.REPRIMAND, resolved_on=D(2026, 5, 1), resolution="4",
                   today=TODAY)  # fmt: skip
    # Cảnh cáo would wait 9 months (to 10/11/2026); khiển trách from 10/2 waits to 10/8.
    assert badge_award(actor=OPERATOR, member=veteran, milestone=30, awarded_on=OCCASION).pk


def test_a_member_disciplined_in_the_year_is_capped(world: World) -> None:
    world.decide(world.ann, on=D(2025, 6, 2))
    round_ = round_open(actor=OPERATOR, committee=world.tree.committee, year=2025, today=TODAY,
                        as_of=D(2025, 12, 31))  # fmt: skip
    ratings = list(Rating.objects.filter(round=round_, kind=Rating.Kind.MEMBER))
    found = {s.key: s.facts.disciplined for s in subjects(round_, ratings, Stage.DECISION)}
    by_member = {r.member_id: found[r.pk] for r in ratings}
    assert by_member == {world.ann.pk: True, world.binh.pk: False, world.cuong.pk: False}


def test_the_record_shows_decisions_to_those_who_may_read_them(world: World) -> None:
    world.decide(world.ann)
    world.decide(world.cuong, body_org=world.tree.cell_a2)
    for user in (world.kiemtra, world.thuongvu, world.bithu, world.dangvien):
        lines = record_lines(user, world.ann)
        assert [title for _on, title, _url in lines] == [
            "Kỷ luật khiển trách (quyết định số 1-QĐ/CB)"
        ], user
    assert record_lines(world.tochuc, world.ann) == []
    assert record_lines(world.dangvien, world.cuong) == []  # not their own


def test_open_items_reach_the_commissions_due_list_only(world: World) -> None:
    program = program_create(actor=world.kiemtra, committee=world.tree.committee,
                             holder="COMMISSION", year=2026, title="Chương trình 2026")  # fmt: skip
    check = check_record(actor=world.kiemtra, program=program, activity="INSPECTION",
                         kind="SIGNS", starts_on=D(2026, 10, 1), ends_on=D(2026, 10, 31),
                         subject_org=world.tree.grassroots_a, today=TODAY)  # fmt: skip
    check_conclude(actor=world.kiemtra, check=check, findings="Có vi phạm",
                   conclusion="Đề nghị kiểm điểm", concluded_on=D(2026, 11, 5),
                   recommendations=[("Tổ chức kiểm điểm", D(2026, 12, 10))], version=1,
                   today=TODAY)  # fmt: skip
    complaint = complaint_receive(actor=world.kiemtra, committee=world.tree.committee,
                                  kind="DENUNCIATION", received_on=D(2026, 11, 20),
                                  summary="Tố cáo", sender="Người dân X",
                                  subject_member=world.binh, today=TODAY)  # fmt: skip
    assert complaint.due_on > D(2027, 2, 1)  # 60 working days, Tết included
    kinds = {item.kind for item in due_items(user=world.kiemtra, today=TODAY)}
    assert "RECOMMENDATION" in kinds
    for user in (world.bithu, world.tochuc):
        kinds = {item.kind for item in due_items(user=user, today=TODAY)}
        assert not kinds & {"RECOMMENDATION", "COMPLAINT", "APPEAL"}
