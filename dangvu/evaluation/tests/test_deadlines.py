"""A running round's unfinished TCCSĐ are on the due list (Việc đến hạn), within scope."""

from django.test import Client

from conftest import TODAY, MakeUser
from dangvu.evaluation.models import Stage
from dangvu.evaluation.rules import GOOD
from dangvu.evaluation.services import ratings_save, round_advance
from dangvu.evaluation.tests.conftest import MakeRated, change
from dangvu.members.deadlines import due_items
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.roles import Role


def evaluation_lines(user: object) -> dict[str, tuple[str, object]]:
    return {
        item.name: (item.kind, item.due)
        for item in due_items(user=user, today=TODAY)  # type: ignore[arg-type]
        if item.kind.startswith("EVALUATION_")
    }


def test_unfinished_units_are_due_until_their_step_is_done(
    rated: MakeRated, make_user: MakeUser
) -> None:
    world = rated(TODAY.year)
    due = world.round.self_due
    assert evaluation_lines(OPERATOR) == {
        "Đảng bộ Sở Tài chính (0/15)": ("EVALUATION_SELF", due),
        "Chi bộ Hội Nông dân tỉnh (0/4)": ("EVALUATION_SELF", due),
    }
    secretary = make_user("bithu", Role.SECRETARY, world.tree.grassroots_b)
    assert list(evaluation_lines(secretary)) == ["Chi bộ Hội Nông dân tỉnh (0/4)"]

    b = world.tree.grassroots_b
    ratings_save(
        actor=OPERATOR,
        round_=world.round,
        changes=[change(world.of(b), GOOD)] + [change(world.of(m), GOOD) for m in world.b],
    )
    assert list(evaluation_lines(OPERATOR)) == ["Đảng bộ Sở Tài chính (0/15)"]

    round_advance(actor=OPERATOR, round_=world.round, today=TODAY)
    assert world.fresh().stage == Stage.PROPOSAL
    assert {kind for kind, _ in evaluation_lines(OPERATOR).values()} == {"EVALUATION_PROPOSAL"}


def test_the_due_page_shows_the_step_and_links_to_the_round(
    rated: MakeRated, make_user: MakeUser
) -> None:
    world = rated(TODAY.year)
    client = Client()
    client.force_login(make_user("bithu", Role.SECRETARY, world.tree.grassroots_b))
    page = client.get("/app/members/deadlines/").content.decode()
    assert "Tự đánh giá, xếp loại" in page
    assert f'href="/app/evaluation/{world.round.pk}/">Chi bộ Hội Nông dân tỉnh (0/4)' in page
    assert "Đảng bộ Sở Tài chính" not in page
