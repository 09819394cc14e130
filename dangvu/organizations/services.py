"""Structure changes of the organization tree. Each is a dated event made by one service."""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.common.audit import audit_record
from dangvu.common.events import Event
from dangvu.common.text import nfc, text_problem
from dangvu.organizations import rules
from dangvu.organizations.access import User, require
from dangvu.organizations.models import (
    CELL_KINDS,
    Membership,
    OrgEvent,
    OrgKind,
    OrgUnit,
    OrgVersion,
)
from dangvu.organizations.roles import Action, Resource
from dangvu.organizations.selectors import member_ids_in_org, members_in_org_count


class OrgChangeError(ValidationError):
    """A structure change that the tree's rules refuse."""


def _check_text(**values: tuple[str, str]) -> None:
    """Each of VALUES (field: (text, label)) without hidden or control characters."""
    errors = {
        field: [p] for field, (text, label) in values.items() if (p := text_problem(text, label))
    }
    if errors:
        raise OrgChangeError(errors)


def _open_version(
    actor: User, org: OrgUnit, effective_date: dt.date, resource: str = Resource.ORG
) -> OrgVersion:
    """ORG's current version, locked, once ACTOR may change ORG (under RESOURCE) and
    EFFECTIVE_DATE is not before its latest change."""
    require(actor, resource, Action.CHANGE, org=org, on=effective_date)
    version = OrgVersion.objects.select_for_update().filter(org=org, valid_to__isnull=True).first()
    if version is None or org.dissolved_date is not None:
        raise OrgChangeError(_("Tổ chức %(code)s đã giải thể.") % {"code": org.code})
    if effective_date < version.valid_from:
        raise OrgChangeError(
            _("Tổ chức %(code)s đã có thay đổi từ ngày %(date)s; không thể ghi thay đổi về trước.")
            % {"code": org.code, "date": f"{version.valid_from:%d/%m/%Y}"}
        )
    return version


def _replace_version(version: OrgVersion, effective_date: dt.date, **changes: Any) -> OrgVersion:
    """End VERSION the day before EFFECTIVE_DATE and start a new one with CHANGES."""
    if version.valid_from == effective_date:
        for name, value in changes.items():
            setattr(version, name, value)
        version.save()
        return version
    version.valid_to = effective_date
    version.save(update_fields=["valid_to"])
    values = {
        "org_id": version.org_id,
        "name": version.name,
        "kind": version.kind,
        "parent_id": version.parent_id,
        "path": version.path,
        "depth": version.depth,
        **changes,
    }
    return OrgVersion.objects.create(valid_from=effective_date, valid_to=None, **values)


def _parent_version(parent: OrgUnit | None, kind: str, on: dt.date) -> OrgVersion | None:
    """PARENT's version on ON, once KIND may sit under it (or, for none, at the top)."""
    parent_version = None
    if parent is not None:
        parent_version = OrgVersion.objects.as_of(on).filter(org=parent).first()
        if parent_version is None:
            raise OrgChangeError(
                _("Tổ chức cấp trên %(code)s không hoạt động vào ngày %(date)s.")
                % {"code": parent.code, "date": f"{on:%d/%m/%Y}"}
            )
    if not rules.parent_allowed(kind, parent_version.kind if parent_version else None):
        raise OrgChangeError(
            _("%(kind)s không thể trực thuộc %(parent)s.")
            % {
                "kind": OrgKind(kind).label,
                "parent": OrgKind(parent_version.kind).label if parent_version else _("cấp tỉnh"),
            }
        )
    return parent_version


# What the audit trail calls each structure change.
ORG_EVENTS: dict[str, Event] = {
    OrgEvent.Kind.CREATED: Event.ORG_CREATED,
    OrgEvent.Kind.RENAMED: Event.ORG_RENAMED,
    OrgEvent.Kind.MOVED: Event.ORG_MOVED,
    OrgEvent.Kind.RECLASSIFIED: Event.ORG_RECLASSIFIED,
    OrgEvent.Kind.MERGED: Event.ORG_MERGED,
    OrgEvent.Kind.SPLIT: Event.ORG_SPLIT,
    OrgEvent.Kind.DISSOLVED: Event.ORG_DISSOLVED,
}


def _event(
    *, actor: User, org: OrgUnit, kind: str, on: dt.date, decision: str, **data: Any
) -> OrgEvent:
    event = OrgEvent.objects.create(
        org=org, kind=kind, effective_date=on, decision=nfc(decision), data=data
    )
    audit_record(
        actor=actor,
        action=ORG_EVENTS[kind],
        obj=org,
        org=org,
        data={"effective_date": on, "decision": decision, **data},
    )
    return event


def _memberships_move(
    *,
    from_org: OrgUnit,
    to_org_id: int,
    on: dt.date,
    member_ids: Iterable[int] | None = None,
) -> int:
    """Restructuring: move the members of FROM_ORG (or only MEMBER_IDS) to another cell on
    ON, in bulk. Called inside the organization services' transaction and audit."""
    open_rows = Membership.objects.filter(org=from_org, valid_to__isnull=True, valid_from__lt=on)
    if member_ids is not None:
        open_rows = open_rows.filter(member_id__in=list(member_ids))
    moving = list(open_rows.values_list("member_id", flat=True))
    open_rows.update(valid_to=on)
    Membership.objects.bulk_create(
        Membership(
            member_id=pk, org_id=to_org_id, valid_from=on, start=Membership.Start.RESTRUCTURE
        )
        for pk in moving
    )
    return len(moving)


@transaction.atomic
def org_create(
    *,
    actor: User,
    code: str,
    name: str,
    kind: str,
    sector: str,
    parent: OrgUnit | None,
    established_date: dt.date,
    decision: str = "",
) -> OrgUnit:
    """Thành lập: a new organization under PARENT from ESTABLISHED_DATE."""
    code, name = nfc(code).upper(), nfc(name)
    _check_text(code=(code, _("Mã")), name=(name, _("Tên")))
    if OrgUnit.objects.filter(code=code).exists():
        raise OrgChangeError({"code": _("Mã %(code)s đã được dùng.") % {"code": code}})
    # The new organization's place: under PARENT, or at the top of the tree.
    require(actor, Resource.ORG, Action.CHANGE, org=parent, on=established_date)
    parent_version = _parent_version(parent, kind, established_date)
    org = OrgUnit(code=code, sector=sector, established_date=established_date)
    org.full_clean()
    org.save()
    OrgVersion.objects.create(
        org=org,
        valid_from=established_date,
        name=name,
        kind=kind,
        parent=parent,
        path=f"{parent_version.path if parent_version else '/'}{org.pk}/",
        depth=parent_version.depth + 1 if parent_version else 0,
    )
    _event(
        actor=actor,
        org=org,
        kind=OrgEvent.Kind.CREATED,
        on=established_date,
        decision=decision,
        name=name,
        kind_code=kind,
        parent=parent.code if parent else None,
    )
    return org


@transaction.atomic
def org_rename(
    *, actor: User, org: OrgUnit, new_name: str, effective_date: dt.date, decision: str = ""
) -> OrgVersion:
    """Đổi tên: the old name stays in the history up to EFFECTIVE_DATE."""
    version = _open_version(actor, org, effective_date)
    old_name, new_name = version.name, nfc(new_name)
    _check_text(new_name=(new_name, _("Tên mới")))
    if not new_name or new_name == old_name:
        raise OrgChangeError({"new_name": _("Tên mới phải khác tên hiện tại.")})
    new_version = _replace_version(version, effective_date, name=new_name)
    _event(
        actor=actor,
        org=org,
        kind=OrgEvent.Kind.RENAMED,
        on=effective_date,
        decision=decision,
        old_name=old_name,
        new_name=new_name,
    )
    return new_version


@transaction.atomic
def org_reclassify(
    *,
    actor: User,
    org: OrgUnit,
    new_kind: str,
    effective_date: dt.date,
    decision: str = "",
    first_cell: tuple[str, str] | None = None,
) -> OrgVersion:
    """Đổi loại: e.g. a chi bộ cơ sở grown past 30 members becomes a đảng bộ cơ sở. Its
    members then need a chi bộ trực thuộc: FIRST_CELL (code, name) is created on the same
    day and receives them."""
    version = _open_version(actor, org, effective_date)
    parent = version.parent
    _parent_version(parent, new_kind, effective_date)
    has_members = members_in_org_count(org, effective_date) > 0
    if new_kind not in CELL_KINDS and has_members and first_cell is None:
        raise OrgChangeError(
            _(
                "%(code)s còn đảng viên sinh hoạt trực tiếp; cần lập một chi bộ trực thuộc để "
                "chuyển họ vào."
            )
            % {"code": org.code}
        )
    if new_kind in CELL_KINDS and _active_children(version, effective_date):
        raise OrgChangeError(
            _("%(code)s còn tổ chức trực thuộc; chi bộ không có tổ chức trực thuộc.")
            % {"code": org.code}
        )
    old_kind = version.kind
    new_version = _replace_version(version, effective_date, kind=new_kind)
    if new_kind not in CELL_KINDS and has_members and first_cell is not None:
        code, name = first_cell
        cell = org_create(
            actor=actor,
            code=code,
            name=name,
            kind=OrgKind.CELL,
            sector=org.sector,
            parent=org,
            established_date=effective_date,
            decision=decision,
        )
        _memberships_move(from_org=org, to_org_id=cell.pk, on=effective_date)
    _event(
        actor=actor,
        org=org,
        kind=OrgEvent.Kind.RECLASSIFIED,
        on=effective_date,
        decision=decision,
        old_kind=old_kind,
        new_kind=new_kind,
    )
    return new_version


def _move_subtree(version: OrgVersion, new_parent: OrgVersion, on: dt.date) -> None:
    """Re-path VERSION's organization and everything under it as of ON."""
    if new_parent.path.startswith(version.path):
        raise OrgChangeError(_("Không thể chuyển một tổ chức vào chính cấp dưới của nó."))
    old_prefix = version.path
    new_prefix = f"{new_parent.path}{version.org_id}/"
    depth_shift = new_parent.depth + 1 - version.depth
    _replace_version(
        version, on, parent_id=new_parent.org_id, path=new_prefix, depth=new_parent.depth + 1
    )
    descendants = (
        OrgVersion.objects.select_for_update()
        .as_of(on)
        .in_subtree(old_prefix)
        .exclude(org_id=version.org_id)
    )
    for descendant in descendants:
        _replace_version(
            descendant,
            on,
            path=new_prefix + descendant.path[len(old_prefix) :],
            depth=descendant.depth + depth_shift,
        )


@transaction.atomic
def org_move(
    *,
    actor: User,
    org: OrgUnit,
    new_parent: OrgUnit,
    effective_date: dt.date,
    decision: str = "",
) -> OrgVersion:
    """Chuyển trực thuộc: ORG and its whole subtree move under NEW_PARENT."""
    version = _open_version(actor, org, effective_date)
    if version.parent_id == new_parent.pk:
        raise OrgChangeError(_("Tổ chức đã trực thuộc %(code)s.") % {"code": new_parent.code})
    require(actor, Resource.ORG, Action.CHANGE, org=new_parent, on=effective_date)
    parent_version = _parent_version(new_parent, version.kind, effective_date)
    assert parent_version is not None
    old_parent = version.parent
    _move_subtree(version, parent_version, effective_date)
    _event(
        actor=actor,
        org=org,
        kind=OrgEvent.Kind.MOVED,
        on=effective_date,
        decision=decision,
        old_parent=old_parent.code if old_parent else None,
        new_parent=new_parent.code,
    )
    return OrgVersion.objects.get(org=org, valid_to__isnull=True)


def _close(org: OrgUnit, version: OrgVersion, on: dt.date) -> None:
    if version.valid_from == on:
        raise OrgChangeError(
            _("Tổ chức %(code)s mới thay đổi trong ngày %(date)s; không thể giải thể cùng ngày.")
            % {"code": org.code, "date": f"{on:%d/%m/%Y}"}
        )
    version.valid_to = on
    version.save(update_fields=["valid_to"])
    org.dissolved_date = on
    org.save(update_fields=["dissolved_date", "updated_at"])


def _active_children(version: OrgVersion, on: dt.date) -> list[OrgVersion]:
    return list(OrgVersion.objects.select_for_update().as_of(on).filter(parent_id=version.org_id))


def org_dissolve(*, actor: User, org: OrgUnit, effective_date: dt.date, decision: str = "") -> None:
    """Giải thể: only an organization with no active sub-organizations or members."""
    _dissolve(actor, org, effective_date, decision, Resource.ORG)


def org_disband(*, actor: User, org: OrgUnit, effective_date: dt.date, decision: str) -> None:
    """Giải tán, the discipline form (Điều lệ Điều 35): the same end of the organization as
    a giải thể, recorded by the Inspection commission with its DECISION under its
    discipline right. Its members must have been moved first, as for a giải thể."""
    _dissolve(actor, org, effective_date, decision, Resource.DISCIPLINE)


@transaction.atomic
def _dissolve(
    actor: User, org: OrgUnit, effective_date: dt.date, decision: str, resource: str
) -> None:
    version = _open_version(actor, org, effective_date, resource)
    if _active_children(version, effective_date):
        raise OrgChangeError(
            _("Tổ chức %(code)s còn tổ chức trực thuộc; hãy chuyển hoặc giải thể trước.")
            % {"code": org.code}
        )
    if members_in_org_count(org, effective_date):
        raise OrgChangeError(
            _("Tổ chức %(code)s còn đảng viên sinh hoạt; hãy chuyển sinh hoạt trước.")
            % {"code": org.code}
        )
    _close(org, version, effective_date)
    _event(
        actor=actor,
        org=org,
        kind=OrgEvent.Kind.DISSOLVED,
        on=effective_date,
        decision=decision,
        name=version.name,
    )


def _hand_over(
    *, source: OrgUnit, target_version: OrgVersion, on: dt.date, children: Sequence[OrgVersion]
) -> None:
    for child in children:
        _move_subtree(child, target_version, on)
    if target_version.kind in CELL_KINDS:
        _memberships_move(from_org=source, to_org_id=target_version.org_id, on=on)


@transaction.atomic
def org_merge(
    *,
    actor: User,
    sources: Sequence[OrgUnit],
    into: OrgUnit,
    effective_date: dt.date,
    decision: str = "",
) -> None:
    """Hợp nhất, sáp nhập: SOURCES hand their sub-organizations and members to INTO, then
    end on EFFECTIVE_DATE. INTO may be an existing organization or one just created."""
    target = _open_version(actor, into, effective_date)
    for source in sources:
        if source.pk == into.pk:
            raise OrgChangeError(_("Không thể sáp nhập một tổ chức vào chính nó."))
        version = _open_version(actor, source, effective_date)
        children = _active_children(version, effective_date)
        if members_in_org_count(source, effective_date) and target.kind not in CELL_KINDS:
            raise OrgChangeError(
                _("%(code)s có đảng viên sinh hoạt nên chỉ sáp nhập được vào một chi bộ.")
                % {"code": source.code}
            )
        _hand_over(source=source, target_version=target, on=effective_date, children=children)
        _close(source, version, effective_date)
        _event(
            actor=actor,
            org=source,
            kind=OrgEvent.Kind.MERGED,
            on=effective_date,
            decision=decision,
            into=[into.code],
            name=version.name,
        )
    _event(
        actor=actor,
        org=into,
        kind=OrgEvent.Kind.MERGED,
        on=effective_date,
        decision=decision,
        received_from=[source.code for source in sources],
    )


@dataclass
class SplitPart:
    """One organization that a split creates, with what it takes over from the source."""

    code: str
    name: str
    kind: str
    children: list[OrgUnit] = field(default_factory=list)
    member_ids: list[int] = field(default_factory=list)


@transaction.atomic
def org_split(
    *,
    actor: User,
    org: OrgUnit,
    parts: Sequence[SplitPart],
    effective_date: dt.date,
    decision: str = "",
) -> list[OrgUnit]:
    """Chia tách: ORG ends and PARTS, created beside it, take over every sub-organization
    and member. Nothing may be left behind."""
    version = _open_version(actor, org, effective_date)
    if len(parts) < 2:
        raise OrgChangeError(_("Chia tách cần ít nhất hai tổ chức mới."))
    children = {child.org_id: child for child in _active_children(version, effective_date)}
    members = set(member_ids_in_org(org, effective_date))
    assigned_children = [child.pk for part in parts for child in part.children]
    assigned_members = [pk for part in parts for pk in part.member_ids]
    if sorted(assigned_children) != sorted(children) or sorted(assigned_members) != sorted(members):
        raise OrgChangeError(
            _(
                "Mỗi tổ chức trực thuộc và mỗi đảng viên của %(code)s phải được giao cho đúng một "
                "tổ chức mới."
            )
            % {"code": org.code}
        )
    parent = version.parent
    _close(org, version, effective_date)
    created = []
    for part in parts:
        new_org = org_create(
            actor=actor,
            code=part.code,
            name=part.name,
            kind=part.kind,
            sector=org.sector,
            parent=parent,
            established_date=effective_date,
            decision=decision,
        )
        new_version = OrgVersion.objects.get(org=new_org)
        for child in part.children:
            _move_subtree(children[child.pk], new_version, effective_date)
        if part.member_ids:
            _memberships_move(
                from_org=org, to_org_id=new_org.pk, on=effective_date, member_ids=part.member_ids
            )
        created.append(new_org)
    _event(
        actor=actor,
        org=org,
        kind=OrgEvent.Kind.SPLIT,
        on=effective_date,
        decision=decision,
        into=[new_org.code for new_org in created],
        name=version.name,
    )
    return created
