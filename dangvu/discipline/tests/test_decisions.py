"""Recording discipline decisions: the rules of the day enforced, every organization and
member in the actor's reach, and the effects carried out by the modules that own them."""

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from conftest import TODAY
from dangvu.discipline.models import Appeal, Decision
from dangvu.discipline.rules import Body, DisciplineError, Form, NoLimitGround
from dangvu.discipline.services import appeal_file, appeal_resolve
from dangvu.discipline.tests.conftest import World
from dangvu.members.models import ExitReason, LifecycleState, Member
from dangvu.organizations.access import OPERATOR, OutOfScope
from dangvu.organizations.authorities import (
    admission_authority_grant,
    admission_authority_withdraw,
)
from dangvu.organizations.models import Membership
from dangvu.stats.selectors import figures

D = dt.date
pytestmark = pytest.mark.django_db


def test_a_cell_reprimands_its_member(world: World) -> None:
    decision = world.decide(world.ann)
    assert (decision.form, decision.effective_form, decision.standing) == (
        Form.REPRIMAND, Form.REPRIMAND, "OFFICIAL",
    )  # fmt: skip
    assert decision.org == world.tree.cell_a1


def test_a_cell_decides_only_about_its_own_members(world: World) -> None:
    with pytest.raises(DisciplineError) as refused:
        world.decide(world.cuong)  # CSA-2's member, decided by CSA-1
    assert "chi bộ mình" in str(refused.value.message_dict["body_org"])


def test_a_cell_may_not_expel(world: World) -> None:
    with pytest.raises(DisciplineError) as refused:
        world.decide(world.ann, form=Form.EXPULSION)
    assert "không có thẩm quyền" in refused.value.message_dict["body"][0]
    assert Member.objects.get(pk=world.ann.pk).exit_date is None


def test_a_dang_uy_co_so_expels_only_on_a_day_it_is_authorised_to_admit(world: World) -> None:
    csa = world.tree.grassroots_a
    admission_authority_grant(actor=OPERATOR, org=csa, on=D(2024, 1, 2), decision="15-QĐ/ĐUK",
                              today=TODAY)  # fmt: skip
    admission_authority_withdraw(actor=OPERATOR, org=csa, on=D(2026, 3, 2),
                                 decision="40-QĐ/ĐUK", today=TODAY)  # fmt: skip

    with pytest.raises(DisciplineError) as refused:
        world.decide(world.ann, form=Form.EXPULSION, body=Body.GRASSROOTS_COMMITTEE,
                     body_org=csa, on=D(2026, 6, 1))  # fmt: skip
    decision = world.decide(world.binh, form=Form.EXPULSION, body=Body.GRASSROOTS_COMMITTEE,
                            body_org=csa, on=D(2026, 2, 2))  # fmt: skip

    assert "không có thẩm quyền" in refused.value.message_dict["body"][0]
    assert Member.objects.get(pk=world.ann.pk).exit_date is None
    assert (decision.form, Member.objects.get(pk=world.binh.pk).exit_reason) == (
        Form.EXPULSION, ExitReason.EXPELLED,
    )  # fmt: skip


@pytest.mark.parametrize("excepted", ["subject_in_committee", "subject_upper_managed"])
def test_an_authorised_dang_uy_leaves_its_own_members_and_cadres_to_the_upper_level(
    world: World, excepted: str
) -> None:
    csa = world.tree.grassroots_a
    admission_authority_grant(actor=OPERATOR, org=csa, on=D(2024, 1, 2), decision="15-QĐ/ĐUK",
                              today=TODAY)  # fmt: skip

    declared: dict[str, Any] = {excepted: True}

    with pytest.raises(DisciplineError) as refused:
        world.decide(world.ann, form=Form.EXPULSION, body=Body.GRASSROOTS_COMMITTEE,
                     body_org=csa, **declared)  # fmt: skip
    decision = world.decide(world.ann, form=Form.EXPULSION, body=Body.UPPER_COMMITTEE,
                            body_org=world.tree.committee, **declared)  # fmt: skip

    assert "cấp trên quản lý" in refused.value.message_dict["body"][0]
    assert getattr(decision, excepted) is True
    assert Member.objects.get(pk=world.ann.pk).exit_reason == ExitReason.EXPELLED


def test_a_body_must_be_what_it_says(world: World) -> None:
    with pytest.raises(DisciplineError) as refused:
        world.decide(world.ann, body=Body.UPPER_COMMISSION, body_org=world.tree.grassroots_a)
    assert "không phải là" in refused.value.message_dict["body_org"][0]


def test_the_statute_of_limitations_is_checked(world: World) -> None:
    with pytest.raises(DisciplineError) as refused:
        world.decide(world.ann, violated_on=D(2020, 1, 1), on=D(2026, 6, 1))
    assert "hết thời hiệu" in refused.value.message_dict["violated_on"][0].lower()
    decision = world.decide(world.ann, violated_on=D(2020, 1, 1), on=D(2026, 6, 1),
                            no_limit_ground=NoLimitGround.SECURITY)  # fmt: skip
    assert decision.pk


def test_a_probationary_member_is_not_dismissed(world: World, add_member: object) -> None:
    new = add_member(world.tree.cell_a1, full_name="Phạm Văn Dự",  # type: ignore[operator]
                     admission_date=D(2026, 3, 1), official_date=None)  # fmt: skip
    with pytest.raises(DisciplineError) as refused:
        world.decide(new, form=Form.DISMISSAL, body=Body.UPPER_COMMITTEE,
                     body_org=world.tree.committee)  # fmt: skip
    assert "dự bị" in refused.value.message_dict["form"][0]


def test_writes_stay_in_the_actors_reach(world: World, outside: object) -> None:
    for actor in (world.bithu, world.tochuc, world.thuongvu):
        with pytest.raises(OutOfScope):
            world.decide(world.ann, actor=actor)
    other = outside.member  # type: ignore[attr-defined]
    with pytest.raises(OutOfScope):
        world.decide(other, actor=world.kiemtra, body_org=outside.cell)  # type: ignore[attr-defined]
    assert world.decide(world.ann, actor=world.kiemtra).pk
    assert not Decision.objects.filter(subject_member=other).exists()


def _members(on: D) -> int:
    return int(figures(user=OPERATOR, as_of=on)["members"]["total"])


def test_an_expulsion_ends_membership_on_its_date(world: World) -> None:
    on = D(2026, 6, 1)
    before = _members(on - dt.timedelta(days=1))
    world.decide(world.binh, form=Form.EXPULSION, body=Body.UPPER_COMMISSION,
                 body_org=world.tree.committee, actor=world.kiemtra, on=on)  # fmt: skip
    binh = Member.objects.get(pk=world.binh.pk)
    assert (binh.exit_date, binh.exit_reason, binh.state) == (on, ExitReason.EXPELLED,
                                                               LifecycleState.EXITED)  # fmt: skip
    assert _members(on - dt.timedelta(days=1)) == before
    assert _members(on) == before - 1
    found = figures(user=OPERATOR, as_of=on)["discipline"]
    assert found["members"] == {"khiển trách": 0, "cảnh cáo": 0, "cách chức": 0, "khai trừ": 1}
    assert (
        figures(user=OPERATOR, as_of=on - dt.timedelta(days=1))["discipline"]["members"]["khai trừ"]
        == 0
    )


def test_an_annulled_expulsion_leaves_no_gap(world: World) -> None:
    on = D(2026, 6, 1)
    before = _members(on - dt.timedelta(days=1))
    decision = world.decide(world.binh, form=Form.EXPULSION, body=Body.UPPER_COMMISSION,
                            body_org=world.tree.committee, on=on)  # fmt: skip
    appeal = appeal_file(actor=world.kiemtra, decision=decision, filed_on=D(2026, 6, 20),
                         reason="Đề nghị xem xét lại", today=TODAY)  # fmt: skip
    assert appeal.due_on > appeal.filed_on
    appeal_resolve(actor=world.kiemtra, appeal=appeal, outcome=Appeal.Outcome.ANNULLED,
                   resolved_on=D(2026, 9, 1), resolution="12-QĐ/UBKT", today=TODAY)  # fmt: skip
    binh = Member.objects.get(pk=world.binh.pk)
    assert (binh.exit_date, binh.state) == (None, LifecycleState.ACTIVE)
    assert Membership.objects.get(member=binh, valid_to__isnull=True).org == world.tree.cell_a1
    assert _members(on) == before  # never out of the Party
    assert Decision.objects.get(pk=decision.pk).effective_form == ""
    # As the figures stood in the summer, the expulsion counted; once annulled, it does not.
    july, october = D(2026, 7, 1), D(2026, 10, 1)
    assert figures(user=OPERATOR, as_of=july)["discipline"]["members"]["khai trừ"] == 1
    assert figures(user=OPERATOR, as_of=october)["discipline"]["members"]["khai trừ"] == 0


def test_a_form_changed_on_appeal(world: World) -> None:
    decision = world.decide(world.ann, form=Form.WARNING)
    appeal = appeal_file(actor=OPERATOR, decision=decision, filed_on=D(2026, 6, 10),
                         reason="Nặng so với vi phạm", today=TODAY)  # fmt: skip
    with pytest.raises(DisciplineError):
        appeal_resolve(actor=OPERATOR, appeal=appeal, outcome=Appeal.Outcome.CHANGED,
                       new_form=Form.DISSOLUTION, resolved_on=D(2026, 7, 1), resolution="1",
                       today=TODAY)  # fmt: skip
    appeal_resolve(actor=OPERATOR, appeal=appeal, outcome=Appeal.Outcome.CHANGED,
                   new_form=Form.REPRIMAND, resolved_on=D(2026, 7, 1), resolution="1",
                   today=TODAY)  # fmt: skip
    assert Decision.objects.get(pk=decision.pk).effective_form == Form.REPRIMAND


def test_an_appeal_comes_within_a_month(world: World) -> None:
    decision = world.decide(world.ann)
    with pytest.raises(DisciplineError) as refused:
        appeal_file(actor=OPERATOR, decision=decision, filed_on=D(2026, 7, 2), reason="x",
                    today=TODAY)  # fmt: skip
    assert "01/07/2026" in refused.value.message_dict["filed_on"][0]


def test_a_reprimand_of_an_organization_and_a_dissolution_from_two_levels_up(
    world: World,
) -> None:
    tree = world.tree
    world.decide(None, subject_member=None, subject_org=tree.cell_a2,
                 body=Body.GRASSROOTS_COMMITTEE, body_org=tree.grassroots_a)  # fmt: skip
    with pytest.raises(DisciplineError) as refused:  # CSA is directly under DBK
        world.decide(None, subject_member=None, subject_org=tree.grassroots_a,
                     form=Form.DISSOLUTION, body=Body.UPPER_COMMITTEE,
                     body_org=tree.committee)  # fmt: skip
    assert "cách một cấp" in refused.value.message_dict["body_org"][0]
    with pytest.raises(ValidationError) as still:  # CSA-2 still has a member
        world.decide(None, subject_member=None, subject_org=tree.cell_a2,
                     form=Form.DISSOLUTION, body=Body.UPPER_COMMITTEE,
                     body_org=tree.committee)  # fmt: skip
    assert "còn đảng viên" in str(still.value)
    assert Decision.objects.filter(form=Form.DISSOLUTION).count() == 0
