"""The issuer's part of every printed document (HD 36-HD/VPTW): the body above, the
committee, the number, the place and date, and the signature of the committee's signer on
that date."""

import datetime as dt
from typing import Any

from django.conf import settings

from dangvu.documents.signers import signer_on
from dangvu.organizations.models import OrgUnit
from dangvu.organizations.names import committee_name


def issuer_context(committee: OrgUnit, name: str, on: dt.date, number: str) -> dict[str, Any]:
    """The header and signature of a document COMMITTEE (named NAME on ON) issues on ON."""
    issuer = committee_name(name)
    signature = signer_on(committee, on)
    return {
        "superior_name": settings.DOCUMENT_SUPERIOR,
        "issuer_name": issuer,
        "deciding_body": f"Ban Thường vụ {issuer}",
        "number": number,
        "place": settings.DOCUMENT_PLACE,
        "issue_date": on,
        "signer_authority": signature.authority,
        "signer_position": signature.position,
        "signer_name": signature.name,
        "recipients": ["Như Điều 3", f"Lưu Văn phòng {issuer}"],
    }
