"""The printed documents of a commendation decision: the decision (quyết định khen thưởng),
listing the commended, and the certificates (giấy khen), one page each, from the round's
records and the committee's signer on the decision's date."""

from typing import Any

from dangvu.documents.issuers import issuer_context
from dangvu.documents.pdf import docx_to_pdf
from dangvu.documents.services import documents_log_print
from dangvu.evaluation.commendations import commended_order
from dangvu.evaluation.models import Commendation, Rating
from dangvu.evaluation.rulesets import rules_for_year
from dangvu.evaluation.selectors import org_labels
from dangvu.organizations.access import User
from dangvu.organizations.roles import Resource
from dangvu.organizations.selectors import org_version_on

DECISION, CERTIFICATE, CERTIFICATES = "decision", "certificate", "certificates"
DOCUMENTS = {DECISION: "commendation_decision", CERTIFICATE: "certificates",
             CERTIFICATES: "certificates"}  # fmt: skip
FORMATS = ("docx", "pdf")


def _commended(rating: Rating, labels: dict[int, str]) -> dict[str, str]:
    """How a list and a certificate name RATING's subject: an organization by its name (with
    its TCCSĐ inside one), a member as "Đồng chí …" with their cell (and its TCCSĐ)."""
    if rating.kind == Rating.Kind.ORG:
        unit = labels.get(rating.unit_id, "") if rating.unit_id != rating.org_id else ""
        return {"name": rating.label, "unit": unit}
    cell, unit = labels.get(rating.org_id, ""), labels.get(rating.unit_id, "")
    where = cell if cell == unit or not unit else f"{cell}, {unit}"
    return {"name": f"Đồng chí {rating.label}", "unit": where}


def _context(commendations: list[Commendation]) -> tuple[dict[str, Any], dict[int, str]]:
    first = commendations[0]
    round_ = first.rating.round
    committee = round_.committee
    version = org_version_on(committee, first.decision_date)
    name = version.name if version is not None else str(committee)
    labels = org_labels(round_)
    context = issuer_context(committee, name, first.decision_date, first.decision_number)
    return context | {"year": round_.year}, labels


def decision_context(commendations: list[Commendation]) -> dict[str, Any]:
    """The decision of COMMENDATIONS (all of one decision)."""
    context, labels = _context(commendations)
    ratings = sorted((c.rating for c in commendations), key=commended_order)
    regulation = rules_for_year(context["year"]).regulation.replace("; ", " và ")
    return context | {
        "regulation": regulation,
        "organizations": [_commended(r, labels) for r in ratings if r.kind == Rating.Kind.ORG],
        "members": [_commended(r, labels) for r in ratings if r.kind == Rating.Kind.MEMBER],
    }


def certificates_context(commendations: list[Commendation]) -> dict[str, Any]:
    """The certificates of COMMENDATIONS, one page each, in the decision's order."""
    context, labels = _context(commendations)
    ordered = sorted(commendations, key=lambda c: commended_order(c.rating))
    return context | {
        "decision_number": context["number"],
        "decision_date": context["issue_date"],
        "certificates": [
            {"number": c.certificate_number or "……", **_commended(c.rating, labels)}
            for c in ordered
        ],
    }


def commendation_print(*, actor: User, commendation: Commendation, document: str,
                       fmt: str) -> tuple[bytes, str]:  # fmt: skip
    """DOCUMENT (the decision, COMMENDATION's certificate, or all certificates of its
    decision) as DOCX or PDF, with its file name; the print is audited. Only those who see
    the round's committee print its documents."""
    if document not in DOCUMENTS or fmt not in FORMATS:
        raise ValueError(f"unknown document {document}.{fmt}")
    rating = commendation.rating
    committee = rating.round.committee
    if document == CERTIFICATE:
        group = [commendation]
    else:
        group = list(
            Commendation.objects.filter(
                rating__round_id=rating.round_id, decision_number=commendation.decision_number
            ).select_related("rating", "rating__round__committee")
        )
    build = decision_context if document == DECISION else certificates_context
    data = documents_log_print(actor=actor, name=DOCUMENTS[document], subject=rating.round,
                               org=committee, context=build(group), resource=Resource.EVALUATION,
                               rows=len(group))  # fmt: skip
    if fmt == "pdf":
        data = docx_to_pdf(data)
    suffix = f"-{commendation.pk}" if document == CERTIFICATE else ""
    return data, f"khen-thuong-{rating.round.year}-{document}{suffix}.{fmt}"
