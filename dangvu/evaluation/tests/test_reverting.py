"""Hoàn tác a save of ratings, whole or one rating of it, while the round is at its step
and nobody has changed those ratings since."""

import pytest

from conftest import TODAY
from dangvu.common.audit import audit_revert, revertible
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry
from dangvu.evaluation.rules import DONE, GOOD
from dangvu.evaluation.services import EvaluationError, ratings_save, round_advance
from dangvu.evaluation.tests.conftest import MakeRated, Rated, change
from dangvu.organizations.access import OPERATOR


def _save(world: Rated, levels: list[str]) -> AuditEntry:
    members = world.b[: len(levels)]
    ratings_save(
        actor=OPERATOR,
        round_=world.round,
        changes=[change(world.of(m), level) for m, level in zip(members, levels, strict=True)],
    )
    return AuditEntry.objects.filter(action=Event.EVALUATION_RATED, batch=None).latest("pk")


def _levels(world: Rated) -> list[str]:
    return [world.of(m).self_level for m in world.b]


def test_a_whole_save_is_put_back_and_the_revert_is_audited(rated: MakeRated) -> None:
    world = rated(TODAY.year)
    _save(world, [GOOD])
    second = _save(world, [DONE, GOOD])
    assert revertible(second)

    assert audit_revert(actor=OPERATOR, entry=second, today=TODAY) == world.round
    assert _levels(world) == [GOOD, "", ""]
    revert = AuditEntry.objects.get(action=Event.REVERTED, batch=None)
    assert revert.data["reverts"] == second.pk and revert.object_id == world.round.pk
    assert revert.rows.count() == 2


def test_one_rating_of_a_save_is_put_back_alone(rated: MakeRated) -> None:
    world = rated(TODAY.year)
    save = _save(world, [DONE, GOOD])
    row = save.rows.get(object_id=world.of(world.b[1]).pk)
    assert revertible(row)

    audit_revert(actor=OPERATOR, entry=row, today=TODAY)
    assert _levels(world) == [DONE, "", ""]


def test_a_rating_changed_since_or_a_round_moved_on_refuses_the_revert(
    rated: MakeRated,
) -> None:
    world = rated(TODAY.year)
    first = _save(world, [DONE, GOOD])
    _save(world, [GOOD])
    with pytest.raises(EvaluationError, match=r"C0: .* đã được sửa tiếp sau lần này"):
        audit_revert(actor=OPERATOR, entry=first, today=TODAY)
    assert _levels(world) == [GOOD, GOOD, ""]

    round_advance(actor=OPERATOR, round_=world.round, today=TODAY)
    latest = AuditEntry.objects.filter(action=Event.EVALUATION_RATED, batch=None).latest("pk")
    with pytest.raises(EvaluationError, match="đã sang bước khác"):
        audit_revert(actor=OPERATOR, entry=latest, today=TODAY)
    assert _levels(world) == [GOOD, GOOD, ""]
    assert not AuditEntry.objects.filter(action=Event.REVERTED).exists()
