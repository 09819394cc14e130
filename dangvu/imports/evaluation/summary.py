"""What an import of ratings says when it is done: the CLI prints it, the page shows it."""

from django.utils.translation import gettext as _

from dangvu.evaluation.facts import step_of
from dangvu.evaluation.models import Level, Round, Stage
from dangvu.imports.evaluation.write import RatingsImported


def imported_summary(imported: RatingsImported, round_: Round, *, dry_run: bool) -> str:
    """ "Đã đọc 12 dòng, bước “Tự đánh giá, xếp loại”: 10 xếp loại thay đổi (…)."""
    levels = ", ".join(
        f"{level.label}: {imported.changed[level.value]}"
        for level in Level
        if imported.changed[level.value]
    )
    values = {
        "rows": imported.result.rows_total,
        "changed": imported.result.to_update,
        "step": Stage(step_of(round_.stage)).label,
        "levels": levels or "-",
    }
    if dry_run:
        message = _(
            "Kiểm tra xong %(rows)s dòng, bước “%(step)s”: %(changed)s xếp loại sẽ thay đổi "
            "(%(levels)s). Chưa ghi gì."
        )
    else:
        message = _(
            "Đã đọc %(rows)s dòng, bước “%(step)s”: %(changed)s xếp loại thay đổi (%(levels)s)."
        )
    return message % values
