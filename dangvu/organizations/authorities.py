"""Ủy quyền kết nạp đảng viên: the upper committee authorises a đảng ủy cơ sở to decide
admissions itself, by a dated decision, and may withdraw it. The services record that in
the upper committee's reach (the đảng ủy cơ sở never authorises itself); the selector
answers it for any date, like the tree."""

import datetime as dt

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from dangvu.common.audit import audit_record
from dangvu.common.dates import Fact, date_problem
from dangvu.common.events import Event
from dangvu.common.text import nfc, text_problem
from dangvu.organizations.access import User, require
from dangvu.organizations.models import (
    AdmissionAuthority,
    OrgKind,
    OrgUnit,
    OrgVersion,
    active_on,
)
from dangvu.organizations.roles import Action, Resource
from dangvu.organizations.services import OrgChangeError
from dangvu.organizations.tree_memo import rows_once


def admission_authorised(org: OrgUnit | int, on: dt.date) -> bool:
    """Whether the đảng ủy of ORG was authorised to admit members on ON."""
    org_id = org if isinstance(org, int) else org.pk
    held = rows_once(AdmissionAuthority)
    if held is None:
        return AdmissionAuthority.objects.filter(active_on(on), org_id=org_id).exists()
    return any(a.org_id == org_id and a.valid_from <= on and (a.valid_to is None or on < a.valid_to)
               for a in held)  # fmt: skip


def admission_authorities(org: OrgUnit) -> QuerySet[AdmissionAuthority]:
    """ORG's authorisations, newest first (the organization page's list)."""
    return AdmissionAuthority.objects.filter(org=org).order_by("-valid_from", "-pk")


def _check(actor: User, org: OrgUnit, on: dt.date, decision: str, today: dt.date) -> None:
    """ORG is a đảng bộ cơ sở on ON, DECISION is written, and ACTOR may change the
    committee directly above it that day: the one that authorises."""
    problems = {}
    if found := date_problem(on, Fact.EVENT, _("Ngày quyết định"), today):
        problems["on"] = [found]
    if not decision.strip():
        problems["decision"] = [_("Ghi số quyết định.")]
    elif found := text_problem(decision, _("Số quyết định")):
        problems["decision"] = [found]
    if problems:
        raise OrgChangeError(problems)
    version = OrgVersion.objects.as_of(on).filter(org=org).first()
    if version is None or version.kind != OrgKind.GRASSROOTS_COMMITTEE:
        raise OrgChangeError(
            _("Chỉ đảng ủy cơ sở (của một đảng bộ cơ sở vào ngày %(date)s) được ủy quyền "
              "kết nạp đảng viên.") % {"date": f"{on:%d/%m/%Y}"}
        )  # fmt: skip
    assert version.parent is not None  # a đảng bộ cơ sở sits under its upper committee
    require(actor, Resource.ORG, Action.CHANGE, org=version.parent, on=on)


@transaction.atomic
def admission_authority_grant(
    *, actor: User, org: OrgUnit, on: dt.date, decision: str, today: dt.date
) -> AdmissionAuthority:
    """The upper committee's DECISION of ON authorising ORG's đảng ủy to admit members."""
    _check(actor, org, on, decision, today)
    OrgUnit.objects.select_for_update().filter(pk=org.pk).first()
    later = AdmissionAuthority.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on),
                                              org=org).first()  # fmt: skip
    if later is not None:
        raise OrgChangeError(
            _("Đã có ủy quyền theo quyết định %(number)s từ ngày %(date)s.")
            % {"number": later.decision_number, "date": f"{later.valid_from:%d/%m/%Y}"}
        )
    authority = AdmissionAuthority.objects.create(
        org=org, valid_from=on, decision_number=nfc(decision.strip())
    )
    audit_record(actor=actor, action=Event.ADMISSION_AUTHORITY_GRANTED, obj=org, org=org,
                 data={"on": on, "decision": authority.decision_number})  # fmt: skip
    return authority


@transaction.atomic
def admission_authority_withdraw(
    *, actor: User, org: OrgUnit, on: dt.date, decision: str, today: dt.date
) -> AdmissionAuthority:
    """The upper committee's DECISION of ON withdrawing ORG's authorisation: from ON, its
    cells' admissions go to the upper committee again."""
    _check(actor, org, on, decision, today)
    authority = (
        AdmissionAuthority.objects.select_for_update()
        .filter(org=org, valid_to__isnull=True)
        .first()
    )
    if authority is None:
        raise OrgChangeError(_("Đảng ủy cơ sở này không có ủy quyền kết nạp đang hiệu lực."))
    if on <= authority.valid_from:
        raise OrgChangeError(
            {"on": [_("Ngày thu hồi phải sau ngày ủy quyền (%(date)s).")
                    % {"date": f"{authority.valid_from:%d/%m/%Y}"}]}
        )  # fmt: skip
    authority.valid_to, authority.withdrawal_number = on, nfc(decision.strip())
    authority.save(update_fields=["valid_to", "withdrawal_number"])
    audit_record(actor=actor, action=Event.ADMISSION_AUTHORITY_WITHDRAWN, obj=org, org=org,
                 data={"on": on, "decision": authority.withdrawal_number})  # fmt: skip
    return authority
