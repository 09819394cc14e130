"""Reads of the commendations (khen thưởng) of a round: who may still be commended, the
decisions made, and one commendation, within what the user may decide or see."""

import datetime as dt
from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext as _

from dangvu.common.text import collation_key, person_sort_key
from dangvu.evaluation.models import Commendation, Level, Rating, Round
from dangvu.evaluation.selectors import ratings_visible_to
from dangvu.organizations.access import User
from dangvu.organizations.roles import Action


def commended_order(rating: Rating) -> tuple[bool, bytes]:
    """Organizations before members, organizations by name, members by given name."""
    member = rating.kind == Rating.Kind.MEMBER
    return member, person_sort_key(rating.label) if member else collation_key(rating.label)


def commendation_candidates(user: User, round_: Round) -> list[Rating]:
    """The ratings of ROUND_ decided HTXSNV and not yet commended that USER may decide."""
    decidable = ratings_visible_to(user, round_, Action.CHANGE)
    found = decidable.filter(level=Level.EXCELLENT, commendation__isnull=True)
    return sorted(found, key=commended_order)


@dataclass(frozen=True)
class Decision:
    """One commendation decision of a round: its number, date and the commended."""

    number: str
    date: dt.date
    commendations: list[Commendation]

    @property
    def first(self) -> Commendation:
        return self.commendations[0]


def commendation_decisions(user: User, round_: Round) -> list[Decision]:
    """The commendation decisions of ROUND_ with those commended that USER may see, the
    latest first."""
    visible = ratings_visible_to(user, round_)
    rows = Commendation.objects.filter(rating__in=visible).select_related("rating")
    decisions: dict[str, list[Commendation]] = {}
    for row in rows.order_by("-decision_date", "decision_number", "pk"):
        decisions.setdefault(row.decision_number, []).append(row)
    return [
        Decision(number, found[0].decision_date, sorted(found, key=_by_rating))
        for number, found in decisions.items()
    ]


def _by_rating(commendation: Commendation) -> tuple[bool, bytes]:
    return commended_order(commendation.rating)


def commendation_get(user: User, round_: Round, commendation_id: int) -> Commendation:
    """A commendation of ROUND_ that USER may see; 404 when missing or outside."""
    found = (
        Commendation.objects.filter(pk=commendation_id, rating__round=round_)
        .filter(rating__in=ratings_visible_to(user, round_))
        .select_related("rating", "rating__round__committee")
        .first()
    )
    if found is None:
        raise Http404(_("Không có quyết định khen thưởng này."))
    return found
