"""The evaluation's lines on the due list (Việc đến hạn): each TCCSĐ of a running round
that has not finished the round's step, with the step's deadline."""

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dangvu.evaluation.models import Stage
from dangvu.evaluation.selectors import round_progress, rounds_visible_to
from dangvu.members.deadlines import Found
from dangvu.organizations.access import User

KINDS = {
    f"EVALUATION_{Stage.SELF}": _("Tự đánh giá, xếp loại"),
    f"EVALUATION_{Stage.PROPOSAL}": _("Đề xuất xếp loại"),
    f"EVALUATION_{Stage.DECISION}": _("Quyết định xếp loại"),
}


def evaluation_due(user: User, today: dt.date) -> list[Found]:
    """One line per TCCSĐ USER may see with ratings still missing at its round's step,
    naming how many are done ("12/30")."""
    found: list[Found] = []
    for round_ in rounds_visible_to(user, running=True):
        url = reverse("evaluation:round", args=[round_.pk])
        kind = f"EVALUATION_{round_.stage}"
        found.extend(
            (
                kind,
                round_.step_due,
                f"{unit.label} ({unit.done}/{unit.total})",
                url,
                False,
                unit.unit_id,
            )
            for unit in round_progress(user=user, round_=round_)
            if unit.done < unit.total
        )
    return found
