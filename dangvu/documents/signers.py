"""Who signs a committee's documents on a date (người ký), and the Office's writes of that
record: each period checked against the others, in scope, and audited."""

import datetime as dt
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.common import clock
from dangvu.common.audit import audit_record, field_changes
from dangvu.common.dates import Fact, date_problem
from dangvu.common.events import Event
from dangvu.common.text import nfc, text_problem
from dangvu.documents.models import Signer
from dangvu.organizations.access import User, org_filter, require
from dangvu.organizations.models import OrgUnit
from dangvu.organizations.roles import Action, Resource
from dangvu.organizations.tree_memo import rows_once


@dataclass(frozen=True)
class Signature:
    """What a document prints of its signer: "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", the name,
    and the committee's symbol in the number."""

    name: str
    position: str
    authority: str
    symbol: str


def _recorded(committee: OrgUnit, day: dt.date) -> Signer | None:
    held = rows_once(Signer)
    if held is not None:
        return next((s for s in held if s.committee_id == committee.pk and s.valid_from <= day
                     and (s.valid_to is None or day < s.valid_to)), None)  # fmt: skip
    return (
        Signer.objects.filter(committee=committee, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))
        .first()
    )


def signer_recorded(committee: OrgUnit, day: dt.date) -> bool:
    """Whether the Office recorded COMMITTEE's signer on DAY. The settings stand in only
    for the committee the product serves: a đảng ủy cơ sở that issues its own decisions
    (authorised to admit) needs its own record, or its number and signature would be the
    upper committee's."""
    return _recorded(committee, day) is not None


def signer_on(committee: OrgUnit, day: dt.date) -> Signature:
    """The signer of COMMITTEE on DAY: its record whose period holds DAY, or the settings
    (`DOCUMENT_SIGNER_*`) while the Office has recorded none."""
    found = _recorded(committee, day)
    if found is None:
        return Signature(
            name=settings.DOCUMENT_SIGNER_NAME,
            position=settings.DOCUMENT_SIGNER_POSITION,
            authority=settings.DOCUMENT_SIGNER_AUTHORITY,
            symbol=settings.DOCUMENT_ISSUER_SYMBOL,
        )
    return Signature(found.name, found.position, found.authority, found.symbol)


def signers_visible_to(user: User, action: str = Action.VIEW) -> QuerySet[Signer]:
    """The signers of the committees USER may see (or change), by committee, newest first."""
    scope = org_filter(user, clock.today(), resource=Resource.DOCUMENTS, action=action,
                       field_name="committee_id")  # fmt: skip
    return (
        Signer.objects.filter(scope)
        .select_related("committee")
        .prefetch_related("committee__versions")  # the committee's name on each row
        .order_by("committee__code", "-valid_from", "-pk")
    )


def signer_get_for_user(user: User, pk: int) -> Signer:
    """A signer USER may change; 404 when missing or outside, alike."""
    found = signers_visible_to(user, Action.CHANGE).filter(pk=pk).first()
    if found is None:
        raise Http404(_("Không có người ký này."))
    return found


LABELS = {
    "name": gettext_lazy("Họ và tên người ký"),
    "position": gettext_lazy("Chức vụ"),
    "authority": gettext_lazy("Thẩm quyền ký"),
    "symbol": gettext_lazy("Ký hiệu cơ quan ban hành"),
}
MAX_LENGTHS = {"name": 120, "position": 120, "authority": 120, "symbol": 20}


class SignerError(ValidationError):
    """A signer's record refused, with the reason in Vietnamese."""


def _checked(signature: Signature, valid_from: dt.date, valid_to: dt.date | None,
             today: dt.date) -> Signature:  # fmt: skip
    values = {name: nfc(value).strip() for name, value in asdict(signature).items()}
    for name, value in values.items():
        problem = text_problem(value, str(LABELS[name]))
        if not value:
            problem = _("Cần ghi %(label)s.") % {"label": str(LABELS[name]).lower()}
        elif len(value) > MAX_LENGTHS[name]:
            problem = _("%(label)s dài quá %(max)s ký tự.") % {
                "label": LABELS[name], "max": MAX_LENGTHS[name]}  # fmt: skip
        if problem:
            raise SignerError({name: problem})
    problem = date_problem(valid_from, Fact.EVENT, _("Ngày bắt đầu ký"), today)
    if problem:
        raise SignerError({"valid_from": problem})
    if valid_to is not None:
        problem = date_problem(valid_to, Fact.PLANNED_END, _("Ngày kết thúc"), today)
        if valid_to <= valid_from:
            problem = _("Ngày kết thúc phải sau ngày bắt đầu.")
        if problem:
            raise SignerError({"valid_to": problem})
    return Signature(**values)


def _overlap(committee: OrgUnit, valid_from: dt.date, valid_to: dt.date | None,
             own: int | None) -> None:  # fmt: skip
    """Refuse a period that overlaps another of the committee: a document has one signer."""
    others = Signer.objects.select_for_update().filter(committee=committee)
    if own is not None:
        others = others.exclude(pk=own)
    others = others.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=valid_from))
    if valid_to is not None:
        others = others.filter(valid_from__lt=valid_to)
    clash = others.order_by("valid_from").first()
    if clash is not None:
        raise SignerError(
            _("Thời gian ký trùng với đồng chí %(name)s (từ %(start)s).")
            % {"name": clash.name, "start": f"{clash.valid_from:%d/%m/%Y}"}
        )


@transaction.atomic
def signer_create(
    *,
    actor: User,
    committee: OrgUnit,
    signature: Signature,
    valid_from: dt.date,
    valid_to: dt.date | None,
    today: dt.date,
) -> Signer:
    """Record who signs for COMMITTEE from VALID_FROM (to VALID_TO, exclusive)."""
    require(actor, Resource.DOCUMENTS, Action.CHANGE, org=committee)
    signature = _checked(signature, valid_from, valid_to, today)
    _overlap(committee, valid_from, valid_to, None)
    signer = Signer.objects.create(committee=committee, valid_from=valid_from, valid_to=valid_to,
                                   **asdict(signature))  # fmt: skip
    audit_record(actor=actor, action=Event.SIGNER_CREATED, obj=signer, org=committee,
                 data={"on": valid_from, "position": signature.position})  # fmt: skip
    return signer


@transaction.atomic
def signer_update(
    *,
    actor: User,
    signer: Signer,
    version: int,
    signature: Signature,
    valid_from: dt.date,
    valid_to: dt.date | None,
    today: dt.date,
) -> Signer:
    """Correct a signer's record, or close its period (VALID_TO) when another takes over."""
    locked = Signer.objects.select_for_update().select_related("committee").get(pk=signer.pk)
    require(actor, Resource.DOCUMENTS, Action.CHANGE, org=locked.committee)
    if locked.version != version:
        raise SignerError(_("Người khác vừa sửa bản ghi này; hãy tải lại trang rồi sửa lại."))
    signature = _checked(signature, valid_from, valid_to, today)
    _overlap(locked.committee, valid_from, valid_to, locked.pk)
    after = {**asdict(signature), "valid_from": valid_from, "valid_to": valid_to}
    changes = field_changes({name: getattr(locked, name) for name in after}, after)
    if not changes:
        return locked
    for name, value in after.items():
        setattr(locked, name, value)
    locked.version += 1
    locked.save()
    audit_record(actor=actor, action=Event.SIGNER_UPDATED, obj=locked, org=locked.committee,
                 changes=changes)  # fmt: skip
    return locked
