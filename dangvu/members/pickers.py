"""What the member picker offers: members the user may see, found by name without accents
or by CCCD, each shown with birth date and cell so namesakes can be told apart."""

import datetime as dt
import re

from dangvu.common.text import fold
from dangvu.members.models import Member
from dangvu.organizations.access import User, member_in_scope, membership_filter
from dangvu.organizations.models import Membership, OrgVersion
from dangvu.organizations.roles import Action, Resource

# A picked member is written "Name (dd/mm/yyyy) · Cell #id"; the id is what counts.
_PICKED_ID = re.compile(r"#(\d{1,18})\s*$")


def member_label(member: Member, cell: str = "") -> str:
    """How a member is written in a picker (the value the field reads back)."""
    where = f" · {cell}" if cell else ""
    return f"{member.full_name} ({member.birth_date:%d/%m/%Y}){where} #{member.pk}"


def member_choices(*, user: User, query: str, on: dt.date, limit: int = 20) -> list[str]:
    """Up to LIMIT labels of members on the roll on ON whom the user may see, whose name
    holds each word of QUERY without accents, or whose CCCD starts with its digits."""
    words = fold(query).split()
    if not words:
        return []
    rows = Membership.objects.as_of(on).filter(membership_filter(user, on, action=Action.VIEW))
    members = Member.objects.filter(id__in=rows.values("member_id"))
    for word in words:
        if word.isdigit():
            members = members.filter(national_id__startswith=word)
        else:
            members = members.filter(search_text__contains=word)
    found = list(members.order_by("sort_key", "id")[:limit])
    cells = dict(
        rows.filter(member_id__in=[m.pk for m in found]).values_list("member_id", "org_id")
    )
    names = dict(
        OrgVersion.objects.as_of(on).filter(org_id__in=cells.values()).values_list("org_id", "name")
    )
    return [member_label(m, names.get(cells.get(m.pk, 0), "")) for m in found]


def member_for(*, user: User, value: str, on: dt.date) -> Member | None:
    """The member a picked (or typed) VALUE names, if the user may see them on ON."""
    text = value.strip()
    match = _PICKED_ID.search(text)
    raw = match.group(1) if match else text
    if not raw.isdigit() or int(raw) >= 2**63:
        return None
    member = Member.objects.filter(pk=int(raw)).first()
    if member is None or not member_in_scope(user, Resource.MEMBER, Action.VIEW, member.pk, on):
        return None
    return member
