"""Writes to accounts: role assignments, audited like every other change."""

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.common.audit import audit_record
from dangvu.common.events import Event
from dangvu.members.models import Member
from dangvu.organizations.access import User, require
from dangvu.organizations.models import OrgUnit, RoleAssignment
from dangvu.organizations.roles import Action, Resource, Role


@transaction.atomic
def role_assign(
    *,
    actor: User,
    user: AbstractBaseUser,
    role: str,
    valid_from: dt.date,
    org: OrgUnit | None = None,
    member: Member | None = None,
    valid_to: dt.date | None = None,
) -> RoleAssignment:
    """Give USER ROLE over ORG's subtree (or, for a member, over their own record). Only
    those who hold the settings of ORG's subtree (of the whole tree, for an administrator
    or a member's own record) may give it."""
    require(actor, Resource.SETTINGS, Action.CHANGE, org=org, on=valid_from)
    if role == Role.MEMBER and member is None:
        raise ValidationError({"member": _("Vai trò đảng viên cần chọn hồ sơ đảng viên.")})
    if role not in (Role.ADMIN, Role.MEMBER) and org is None:
        raise ValidationError({"org": _("Vai trò này cần chọn tổ chức.")})
    assignment = RoleAssignment(
        user_id=user.pk, role=role, org=org, member=member, valid_from=valid_from, valid_to=valid_to
    )
    assignment.full_clean()
    assignment.save()
    audit_record(
        actor=actor,
        action=Event.ROLE_ASSIGNED,
        obj=assignment,
        about=f"{user.get_username()}: {Role(role).label}",
        org=org,
        data={"user": user.get_username(), "role": role, "org": org.code if org else None,
              "member": member, "valid_from": valid_from},
    )  # fmt: skip
    return assignment
