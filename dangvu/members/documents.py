"""The lifecycle's printed documents: their context, from the records, for
`documents.render`. Which body issues them is the cell's upper committee on the day."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model
from django.utils.translation import gettext as _

from dangvu.common.rulesets import rules_for
from dangvu.common.workdays import default_calendar
from dangvu.documents.issuers import issuer_context
from dangvu.documents.models import OutgoingDocument
from dangvu.documents.render import DOCUMENTS
from dangvu.members.models import AdmissionCase, ExitReason, Member, Transfer
from dangvu.members.rulesets.lifecycle import LIFECYCLE
from dangvu.organizations.models import GRASSROOTS_KINDS, OrgUnit, OrgVersion
from dangvu.organizations.names import committee_name
from dangvu.organizations.tree_memo import version_on, versions_on


class DocumentNotReady(Exception):
    """The record has not reached the step the document certifies; the message, when there
    is one, names the data the document still lacks."""


def require_data(title: str, needed: Iterable[tuple[str, object]]) -> None:
    """Refuse to print TITLE while any of the NEEDED data (label, value) is empty, naming
    them: a final document never prints "……" in place of a fact."""
    missing = [label for label, value in needed if value in (None, "")]
    if missing:
        raise DocumentNotReady(
            _("Chưa in được %(title)s: hồ sơ còn thiếu %(missing)s.")
            % {"title": title.lower(), "missing": ", ".join(missing)}
        )


def _chain(org: OrgUnit, on: dt.date) -> list[OrgVersion]:
    """ORG's version on ON (or its first, for a date before the records begin) and its
    ancestors', root first."""
    version = version_on(org.pk, on)
    if version is None:
        version = org.versions.order_by("valid_from").first()
        if version is None:
            raise DocumentNotReady
        on = version.valid_from
    ids = [int(part) for part in version.path.strip("/").split("/")]
    versions = versions_on(ids, on)
    return [versions[pk] for pk in ids]


def issuing_committee(org: OrgUnit, on: dt.date) -> OrgUnit:
    """The committee that issues the lifecycle documents of ORG's members on ON: the top of
    ORG's tree on that day (a committee created in 2025 issues its own, never the Bloc)."""
    return _chain(org, on)[0].org


def _issuer(title: str, org: OrgUnit, on: dt.date, number: str, *,
            numbered: bool = True, subject: Model | None = None) -> dict[str, Any]:  # fmt: skip
    """The issuer's part of TITLE about ORG, once its number (when NUMBERED) and its signer
    are known. The issuer is the committee whose register gave SUBJECT's NUMBER (a đảng
    ủy cơ sở authorised to admit), or the top of ORG's tree on ON."""
    chain = _chain(org, on)
    committee = _registered_by(subject, number) if subject is not None else None
    if committee is None or committee == chain[0].org:
        context = issuer_context(chain[0].org, chain[0].name, on, number)
    else:
        context = _grassroots_issuer(committee, on, number)
    needed = [(_("số văn bản (sổ văn bản đi)"), number)] if numbered else []
    signer = _("người ký của %(issuer)s ngày %(date)s") % {
        "issuer": context["issuer_name"], "date": f"{on:%d/%m/%Y}"}  # fmt: skip
    needed.append((signer, context["signer_name"]))
    require_data(title, needed)
    return context | _unit(chain)


def _registered_by(subject: Model, number: str) -> OrgUnit | None:
    """The committee whose register of outgoing documents gave SUBJECT's NUMBER."""
    entry = (
        OutgoingDocument.objects.filter(
            subject_type=subject._meta.label_lower, subject_id=subject.pk, number=number
        )
        .select_related("committee")
        .first()
    )
    return entry.committee if entry is not None else None


def _grassroots_issuer(committee: OrgUnit, on: dt.date, number: str) -> dict[str, Any]:
    """A đảng ủy cơ sở's own decision: "ĐẢNG ỦY <name>" under its đảng bộ cấp trên; the
    whole đảng ủy decides (Quy định 29/24/232/294 mục 4.3.2), and reports to the committee
    above, as one of those the decision is sent to."""
    chain = _chain(committee, on)
    context = issuer_context(committee, chain[-1].name, on, number)
    issuer, above = context["issuer_name"], chain[-2].name if len(chain) > 1 else ""
    context.update(
        superior_name=above or context["superior_name"], deciding_body=issuer, own_decision=True
    )
    if above:
        context["recipients"] = [_("Như Điều 3"), _("Ban Thường vụ %(above)s (để báo cáo)")
                                 % {"above": committee_name(above)},
                                 _("Lưu Văn phòng %(issuer)s") % {"issuer": issuer}]  # fmt: skip
    return context


def _unit(chain: list[OrgVersion]) -> dict[str, str]:
    """The cell, its grassroots organization, and where a member "sinh hoạt tại": "Chi bộ X
    thuộc Đảng bộ Y", or a chi bộ cơ sở once."""
    cell = chain[-1].name
    grassroots = next((v.name for v in chain if v.kind in GRASSROOTS_KINDS), cell)
    unit = cell if cell == grassroots else f"{cell} thuộc {grassroots}"
    return {"cell_name": cell, "grassroots_name": grassroots, "unit": unit}


def _cell_and_grassroots(context: dict[str, Any]) -> str:
    """ "Chi bộ X, Đảng bộ Y"; a chi bộ cơ sở, its own grassroots organization, once; the
    cell alone when the đảng ủy cơ sở issues the decision itself."""
    cell, grassroots = context["cell_name"], context["grassroots_name"]
    own = context.get("own_decision", False)
    return cell if cell == grassroots or own else f"{cell}, {grassroots}"


def _executors(context: dict[str, Any], full_name: str) -> str:
    """Who carries out a decision (Điều 3): the đảng ủy cơ sở where there is one (unless
    it issued the decision), the cell and the member."""
    cell, grassroots = context["cell_name"], context["grassroots_name"]
    if cell == grassroots or context.get("own_decision", False):
        return f"{cell} và đồng chí {full_name}"
    return f"{committee_name(grassroots)}, {cell} và đồng chí {full_name}"


def admission_decision_context(case: AdmissionCase) -> dict[str, Any]:
    if case.decision_date is None:
        raise DocumentNotReady
    title = DOCUMENTS["admission_decision"]
    # Cases opened before the case kept it: the member's record, once admitted.
    hometown = case.hometown_text() or (case.member.hometown_text() if case.member else "")
    require_data(title, [(_("quê quán"), hometown)])
    context = _issuer(title, case.cell, case.decision_date, case.decision_number, subject=case)
    context.update(
        member={"full_name": case.full_name, "birth_date": case.birth_date,
                "hometown": hometown},
        probation_months=rules_for(LIFECYCLE, case.decision_date).probation_months,
        proposed_by=_cell_and_grassroots(context),
        executors=_executors(context, case.full_name),
    )  # fmt: skip
    return context


def _cell_of(member: Member, on: dt.date) -> OrgUnit:
    """The cell MEMBER belonged to on ON (the day they became official, or left), or their
    first one."""
    memberships = member.memberships.order_by("valid_from")
    membership = memberships.filter(valid_from__lt=on).last() or memberships.first()
    if membership is None:
        raise DocumentNotReady
    return membership.org


def _member(member: Member) -> dict[str, Any]:
    return {
        "full_name": member.full_name,
        "birth_date": member.birth_date,
        "hometown": member.hometown_text(),
        "admission_date": member.admission_date,
    }


def recognition_decision_context(member: Member) -> dict[str, Any]:
    if member.official_date is None:
        raise DocumentNotReady
    title = DOCUMENTS["recognition_decision"]
    try:
        case_number = member.admission_case.decision_number
    except ObjectDoesNotExist:
        case_number = ""  # admitted before the register: the decision is cited by its date
    require_data(title, [
        (_("ngày quyết định công nhận chính thức"), member.official_decision_date),
        (_("ngày quyết định kết nạp"), member.admission_decision_date),
        (_("quê quán"), member.hometown_text()),
    ])  # fmt: skip
    assert member.official_decision_date is not None
    cell = _cell_of(member, member.official_date + dt.timedelta(days=1))
    context = _issuer(
        title, cell, member.official_decision_date, member.official_decision_number, subject=member
    )
    context.update(
        member=_member(member),
        admission_decision_number=case_number,
        admission_decision_date=member.admission_decision_date,
        official_date=member.official_date,
        proposed_by=_cell_and_grassroots(context),
        executors=_executors(context, member.full_name),
    )
    return context


def removal_decision_context(member: Member) -> dict[str, Any]:
    """Quyết định xóa tên đảng viên, from the removal recorded on the member (Điều lệ Điều
    8; the ground in the words of the rule set of the day)."""
    if member.exit_reason != ExitReason.REMOVED or member.exit_date is None:
        raise DocumentNotReady
    title = DOCUMENTS["removal_decision"]
    require_data(title, [(_("quê quán"), member.hometown_text()),
                         (_("căn cứ xóa tên"), member.exit_detail)])  # fmt: skip
    cell = _cell_of(member, member.exit_date)
    context = _issuer(title, cell, member.exit_date, member.exit_decision_number)
    context.update(
        member=_member(member),
        ground=rules_for(LIFECYCLE, member.exit_date).removal_ground(member.exit_detail),
        proposed_by=_cell_and_grassroots(context),
        executors=_executors(context, member.full_name),
    )
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
    title = DOCUMENTS["transfer_letter"]
    require_data(title, [(_("quê quán"), member.hometown_text()),
                         (_("tháng đã đóng đảng phí"), transfer.dues_paid_until)])  # fmt: skip
    assert transfer.dues_paid_until is not None
    context = _issuer(title, transfer.from_org, transfer.letter_date, transfer.letter_number)
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


def _birthplace(member: Member) -> str:
    units = (member.birthplace_ward, member.birthplace_province)
    return ", ".join(str(unit) for unit in units if unit)


def member_sheet_context(member: Member, on: dt.date) -> dict[str, Any]:
    """Phiếu đảng viên (mẫu 2-HSĐV) from MEMBER's record, printed ON, certified by the
    committee of their cell's tree on that day."""
    title = DOCUMENTS["member_sheet"]
    require_data(title, [
        (_("quê quán"), member.hometown_text()),
        (_("nơi sinh"), _birthplace(member)),
        (_("nơi thường trú"), member.residence),
    ])  # fmt: skip
    cell = _cell_of(member, member.exit_date or on + dt.timedelta(days=1))
    context = _issuer(title, cell, on, "", numbered=False)
    work = ", ".join(part for part in (member.position, member.workplace) if part)
    context["member"] = _member(member) | {
        "other_name": member.other_name, "gender": member.get_gender_display(),
        "birthplace": _birthplace(member), "residence": member.residence,
        "ethnicity": member.get_ethnicity_display(), "religion": member.get_religion_display(),
        "occupation": member.occupation, "work": work,
        "general_education": member.get_general_education_display(),
        "professional_qualification": member.get_professional_qualification_display(),
        "political_theory": member.get_political_theory_display(),
        "foreign_language": member.get_foreign_language_display(),
        "it_level": member.get_it_level_display(),
        "readmission_date": member.readmission_date or "",
        "official_date": member.official_date or "", "card_number": member.party_card_number,
    }  # fmt: skip
    return context


def member_list_context(org: OrgUnit, on: dt.date, members: list[Member],
                        cells: dict[int, OrgVersion]) -> dict[str, Any]:  # fmt: skip
    """Danh sách đảng viên of ORG on ON: MEMBERS in order, each with their cell (CELLS)."""
    title = DOCUMENTS["member_list"]
    missing = [m.full_name for m in members if not m.hometown_text()]
    if missing:  # the first few, by name: the list is fixed member by member
        more = (
            _(" và %(count)s người khác") % {"count": len(missing) - 3} if len(missing) > 3 else ""
        )
        require_data(title, [(_("quê quán của %(names)s") % {
            "names": ", ".join(missing[:3]) + more}, "")])  # fmt: skip
    context = _issuer(title, org, on, "", numbered=False)
    context.update(
        unit=context["cell_name"].upper(),
        as_of=on,
        rows=[{"full_name": m.full_name, "male": m.gender == "M", "birth_date": m.birth_date,
               "hometown": m.hometown_text(), "admission_date": m.admission_date,
               "official_date": m.official_date if m.official_date and m.official_date <= on
               else "", "card_number": m.party_card_number, "position": m.position,
               "cell": cells[m.pk].name if m.pk in cells else ""} for m in members],
    )  # fmt: skip
    return context
