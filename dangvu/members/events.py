"""Audit action codes of the member registry (shown through common/audit_labels)."""

REGISTERED = "members.member.registered"
BULK_REGISTERED = "members.member.bulk_registered"
UPDATED = "members.member.updated"
REVERTED = "members.member.reverted"
MOVED = "members.member.moved"
EXITED = "members.member.exited"
RECOGNIZED = "members.member.recognized"

# Edits of the record's fields: what optimistic locking reports and the timeline lists.
EDIT_ACTIONS = (UPDATED, REVERTED)
