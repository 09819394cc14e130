"""Importing members from a spreadsheet: check every row (a dry run that never stops at the
first error), then commit all at once or nothing, and undo a committed import.

Problems are located by file, sheet, row, column and header, with the reason in Vietnamese.
Rows are matched to existing records by CCCD; an existing member with different values is
updated (and the old values kept for undo), an identical one is skipped.
"""

from dangvu.imports.members.batches import batch_check, batch_commit
from dangvu.imports.members.check import check_members
from dangvu.imports.members.commit import commit_members
from dangvu.imports.members.undo import undo_import

__all__ = [
    "batch_check",
    "batch_commit",
    "check_members",
    "commit_members",
    "undo_import",
]
