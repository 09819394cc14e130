"""Importing the organization list from a spreadsheet: check every row, commit all or
nothing through the tree's own services, and undo a committed import.

The reading layer is the member import's (`reading.py`, TCVN3/VNI names, `Problem`). Rows
match existing organizations by code: identical ones are skipped; a different name is a
rename (`org_rename`), a different parent a move (`org_move`), a different kind a
reclassification (`org_reclassify`), each dated on the row's "Ngày hiệu lực" or today. A
new code is created (`org_create`) on its founding date, parents before children whatever
the order of the file.

The check rehearses the services themselves in a transaction that is always rolled back,
so the check and the commit cannot disagree about the tree's rules.
"""

from dangvu.imports.organizations.plan import OrgRow
from dangvu.imports.organizations.undo import undo_organization_import
from dangvu.imports.organizations.write import (
    check_organizations,
    commit_organizations,
    org_batch_check,
    org_batch_commit,
)

__all__ = [
    "OrgRow",
    "check_organizations",
    "commit_organizations",
    "org_batch_check",
    "org_batch_commit",
    "undo_organization_import",
]
