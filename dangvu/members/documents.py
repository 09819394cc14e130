"""The lifecycle's printed documents: their context, from the records, for
`documents.render`. Which body issues them is the cell's upper committee on the day."""

import datetime as dt
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext as _

from dangvu.common.rulesets import rules_for
from dangvu.common.workdays import default_calendar
from dangvu.documents.issuers import issuer_context
from dangvu.members import facts
from dangvu.members.models import AdmissionCase, Member, Transfer
from dangvu.members.rulesets.lifecycle import LIFECYCLE
from dangvu.organizations.models import GRASSROOTS_KINDS, OrgUnit, OrgVersion
from dangvu.organizations.names import committee_name


class DocumentNotReady(Exception):
    """The record has not reached the step the document certifies; the message, when there
    is one, names the data the document still lacks."""


def _chain(org: OrgUnit, on: dt.date) -> list[OrgVersion]:
    """ORG's version on ON (or its first, for a date before the records begin) and its
    ancestors', root first."""
    version = OrgVersion.objects.as_of(on).filter(org=org).first()
    if version is None:
        version = org.versions.order_by("valid_from").first()
        if version is None:
            raise DocumentNotReady
        on = version.valid_from
    ids = [int(part) for part in version.path.strip("/").split("/")]
    versions = {v.org_id: v for v in OrgVersion.objects.as_of(on).filter(org_id__in=ids)}
    return [versions[pk] for pk in ids]


def issuing_committee(org: OrgUnit, on: dt.date) -> OrgUnit:
    """The committee that issues the lifecycle documents of ORG's members on ON: the top of
    ORG's tree on that day (a committee created in 2025 issues its own, never the Bloc)."""
    return _chain(org, on)[0].org


def _issuer(cell: OrgUnit, on: dt.date, number: str) -> dict[str, Any]:
    chain = _chain(cell, on)
    return issuer_context(chain[0].org, chain[0].name, on, number) | _unit(chain)


def _unit(chain: list[OrgVersion]) -> dict[str, str]:
    """The cell, its grassroots organization, and where a member "sinh hoạt tại": "Chi bộ X
    thuộc Đảng bộ Y", or a chi bộ cơ sở once."""
    cell = chain[-1].name
    grassroots = next((v.name for v in chain if v.kind in GRASSROOTS_KINDS), cell)
    unit = cell if cell == grassroots else f"{cell} thuộc {grassroots}"
    return {"cell_name": cell, "grassroots_name": grassroots, "unit": unit}


def _cell_and_grassroots(context: dict[str, Any]) -> str:
    """ "Chi bộ X, Đảng bộ Y"; a chi bộ cơ sở, its own grassroots organization, once."""
    cell, grassroots = context["cell_name"], context["grassroots_name"]
    return cell if cell == grassroots else f"{cell}, {grassroots}"


def _executors(context: dict[str, Any], full_name: str) -> str:
    """Who carries out a decision (Điều 3): the đảng ủy cơ sở where there is one, the cell
    and the member."""
    cell, grassroots = context["cell_name"], context["grassroots_name"]
    if cell == grassroots:
        return f"{cell} và đồng chí {full_name}"
    return f"{committee_name(grassroots)}, {cell} và đồng chí {full_name}"


def admission_decision_context(case: AdmissionCase) -> dict[str, Any]:
    if case.decision_date is None:
        raise DocumentNotReady
    context = _issuer(case.cell, case.decision_date, case.decision_number)
    hometown = case.member.hometown_text() if case.member else ""
    context.update(
        member={"full_name": case.full_name, "birth_date": case.birth_date,
                "hometown": hometown or "……"},
        probation_months=rules_for(LIFECYCLE, case.decision_date).probation_months,
        proposed_by=_cell_and_grassroots(context),
        executors=_executors(context, case.full_name),
    )  # fmt: skip
    return context


def recognition_decision_context(member: Member) -> dict[str, Any]:
    if member.official_date is None:
        raise DocumentNotReady
    # The cell the member belonged to when they became official, or their first one.
    memberships = member.memberships.order_by("valid_from")
    membership = (
        memberships.filter(valid_from__lte=member.official_date).last() or memberships.first()
    )
    if membership is None:
        raise DocumentNotReady
    try:
        case_number = member.admission_case.decision_number
    except ObjectDoesNotExist:
        case_number = ""
    if member.official_decision_date is None:  # recorded before the decision's date was kept
        raise DocumentNotReady(_("Hồ sơ chưa có ngày quyết định công nhận chính thức."))
    context = _issuer(
        membership.org, member.official_decision_date, member.official_decision_number
    )
    context.update(
        member={"full_name": member.full_name, "birth_date": member.birth_date,
                "hometown": member.hometown_text() or "……",
                "admission_date": member.admission_date},
        admission_decision_number=case_number or "……",
        admission_decision_date=facts.party_age_start(
            admission_decision_date=member.admission_decision_date,
            admission_date=member.admission_date),
        official_date=member.official_date,
        proposed_by=_cell_and_grassroots(context),
        executors=_executors(context, member.full_name),
    )  # fmt: skip
    return context


def _receiving_committee(transfer: Transfer) -> str:
    """Whom the letter is addressed to: the committee of the receiving organization as it
    was named on the letter's date (a cell's grassroots organization, within the
    committee), or the organization written on the transfer."""
    assert transfer.letter_date is not None
    if transfer.to_org is None:
        return committee_name(transfer.other_party)
    chain = _chain(transfer.to_org, transfer.letter_date)
    grassroots = next((v.name for v in chain if v.kind in GRASSROOTS_KINDS), chain[-1].name)
    return committee_name(grassroots)


def transfer_letter_context(transfer: Transfer) -> dict[str, Any]:
    if transfer.letter_date is None or transfer.from_org is None:
        raise DocumentNotReady
    member = transfer.member
    missing = [label for label, value in (
        (_("quê quán"), member.hometown_text()),
        (_("tháng đã đóng đảng phí"), transfer.dues_paid_until),
    ) if not value]  # fmt: skip
    if missing:
        raise DocumentNotReady(
            _("Giấy giới thiệu còn thiếu: %(missing)s.") % {"missing": ", ".join(missing)}
        )
    assert transfer.dues_paid_until is not None
    context = _issuer(transfer.from_org, transfer.letter_date, transfer.letter_number)
    temporary = transfer.kind in (Transfer.Kind.TEMPORARY_WORK, Transfer.Kind.TEMPORARY_STUDY)
    context.update(
        member={"full_name": member.full_name, "birth_date": member.birth_date,
                "hometown": member.hometown_text(), "admission_date": member.admission_date,
                "official_date": member.official_date or "", "position": member.position,
                "card_number": member.party_card_number},
        from_org=_cell_and_grassroots(context),
        to_org=_receiving_committee(transfer),
        kind="tạm thời" if temporary else "chính thức",
        dues_paid_until=f"{transfer.dues_paid_until:%m/%Y}",
        enclosures=transfer.enclosures,
        present_by=rules_for(LIFECYCLE, transfer.letter_date).transfer_present_due(
            transfer.letter_date, default_calendar()),
        recipients=["Như trên", f"Lưu Văn phòng {context['issuer_name']}"],
    )  # fmt: skip
    if temporary:
        context["return_date"] = transfer.expected_return_date
    return context
