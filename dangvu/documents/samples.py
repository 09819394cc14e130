"""Realistic sample contexts for each document (tests, previews of staff-edited templates)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .render import DOCUMENTS, UnknownDocumentError

_ISSUER: dict[str, Any] = {
    "superior_name": "Đảng bộ tỉnh Thanh Hóa",
    "issuer_name": "Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh",
    "number": "12-QĐ/ĐUK",
    "place": "Thanh Hóa",
    "issue_date": dt.date(2026, 2, 20),
    "deciding_body": "Ban Thường vụ Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh",
    "signer_authority": "T/M Ban Thường vụ",
    "signer_position": "Phó Bí thư",
    "signer_name": "Trịnh Văn Dũng",
}

_MEMBER: dict[str, Any] = {
    "full_name": "Lê Thị Hồng Nhung",
    "birth_date": dt.date(1998, 3, 7),
    "hometown": "xã Thiệu Trung, tỉnh Thanh Hóa",
}

_CELL = "Chi bộ Phòng Kế toán - Tài chính"
_GRASSROOTS = "Đảng bộ Công ty Cổ phần Mía đường Lam Sơn"
_EXECUTORS = (
    "Văn phòng, Ban Tổ chức Đảng ủy Khối, Đảng ủy Công ty Cổ phần Mía đường Lam Sơn, "
    "Chi bộ Phòng Kế toán - Tài chính"
)
_PROPOSED_BY = (
    "Chi bộ Phòng Kế toán - Tài chính, Đảng ủy Công ty Cổ phần Mía đường Lam Sơn "
    "và Ban Tổ chức Đảng ủy Khối"
)


def sample_context(name: str) -> dict[str, Any]:
    """A complete, realistic context for document ``name`` (fresh dicts on every call)."""
    if name == "admission_decision":
        return {
            **_ISSUER,
            "member": dict(_MEMBER),
            "probation_months": 12,
            "cell_name": _CELL,
            "grassroots_name": _GRASSROOTS,
            "unit": f"{_CELL} thuộc {_GRASSROOTS}",
            "proposed_by": _PROPOSED_BY,
            "executors": _EXECUTORS,
            "recipients": ["Như Điều 3", "Lưu Văn phòng Đảng ủy Khối"],
        }
    if name == "recognition_decision":
        return {
            **_ISSUER,
            "number": "15-QĐ/ĐUK",
            "member": {**_MEMBER, "admission_date": dt.date(2025, 2, 18)},
            "admission_decision_number": "231-QĐ/ĐUK",
            "admission_decision_date": dt.date(2025, 1, 24),
            "official_date": dt.date(2026, 2, 18),
            "cell_name": _CELL,
            "grassroots_name": _GRASSROOTS,
            "unit": f"{_CELL} thuộc {_GRASSROOTS}",
            "proposed_by": _PROPOSED_BY,
            "executors": _EXECUTORS,
            "recipients": ["Như Điều 3", "Lưu Văn phòng Đảng ủy Khối"],
        }
    if name == "transfer_letter":
        return {
            **_ISSUER,
            "number": "47-GT/ĐUK",
            "member": {
                **_MEMBER,
                "full_name": "Nguyễn Đức Thắng",
                "birth_date": dt.date(1990, 11, 4),
                "admission_date": dt.date(2015, 5, 19),
                "official_date": dt.date(2016, 5, 19),
                "card_number": "38.012345",
                "position": "Phó trưởng phòng Kỹ thuật",
            },
            "dues_paid_until": "02/2026",
            "enclosures": "Hồ sơ đảng viên",
            "from_org": "Chi bộ Phòng Kỹ thuật, Đảng bộ Công ty Cổ phần Mía đường Lam Sơn",
            "to_org": "Đảng ủy Khối các cơ quan tỉnh Nghệ An",
            "kind": "tạm thời",
            "return_date": dt.date(2026, 12, 31),
            "present_by": dt.date(2026, 3, 20),
            "recipients": ["Như trên", "Lưu Văn phòng Đảng ủy Khối"],
        }
    if name == "commendation_decision":
        return {
            **_ISSUER,
            "number": "31-QĐ/ĐUK",
            "year": 2025,
            "regulation": "Quy định 366-QĐ/TW và HD 43-HD/BTCTW",
            "organizations": [{"name": _GRASSROOTS, "unit": ""}],
            "members": [{"name": "Đồng chí Lê Thị Hồng Nhung", "unit": _CELL}],
            "recipients": ["Như Điều 3", "Lưu Văn phòng Đảng ủy Khối"],
        }
    if name == "certificates":
        return {
            **_ISSUER,
            "year": 2025,
            "decision_number": "31-QĐ/ĐUK",
            "decision_date": dt.date(2026, 2, 20),
            "certificates": [
                {"number": "7-GK/ĐUK", "name": _GRASSROOTS, "unit": ""},
                {"number": "8-GK/ĐUK", "name": "Đồng chí Lê Thị Hồng Nhung", "unit": _CELL},
            ],
        }
    if name == "removal_decision":
        return {
            **_ISSUER,
            "member": {**_MEMBER, "admission_date": dt.date(2015, 5, 19)},
            "ground": "Bỏ sinh hoạt đảng ba tháng trong năm mà không có lý do chính đáng",
            "cell_name": _CELL,
            "grassroots_name": _GRASSROOTS,
            "unit": f"{_CELL} thuộc {_GRASSROOTS}",
            "proposed_by": _PROPOSED_BY,
            "executors": _EXECUTORS,
            "recipients": ["Như Điều 3", "Lưu Văn phòng Đảng ủy Khối"],
        }
    if name == "member_sheet":
        return {
            **_ISSUER,
            "number": "",
            "cell_name": _CELL,
            "grassroots_name": _GRASSROOTS,
            "unit": f"{_CELL} thuộc {_GRASSROOTS}",
            "member": {
                **_MEMBER,
                "admission_date": dt.date(2015, 5, 19),
                "other_name": "",
                "gender": "Nữ",
                "birthplace": "xã Thiệu Trung, tỉnh Thanh Hóa",
                "residence": "phường Hạc Thành, tỉnh Thanh Hóa",
                "ethnicity": "Kinh",
                "religion": "Không",
                "occupation": "Kế toán",
                "work": "Kế toán viên",
                "general_education": "12/12",
                "professional_qualification": "Đại học",
                "political_theory": "Sơ cấp",
                "foreign_language": "",
                "it_level": "",
                "readmission_date": "",
                "official_date": dt.date(2016, 5, 19),
                "card_number": "38.012345",
            },
        }
    if name == "annual_report":
        return {
            **_ISSUER,
            "number": "25-BC/ĐUK",
            "title": "Báo cáo",
            "summary": "tổng kết công tác xây dựng Đảng năm 2025",
            "recipients": ["Ban Thường vụ Tỉnh ủy (để báo cáo)", "Lưu Văn phòng"],
        }
    if name == "member_list":
        return {
            **_ISSUER,
            "number": "",
            "cell_name": _CELL,
            "grassroots_name": _GRASSROOTS,
            "unit": _CELL.upper(),
            "as_of": dt.date(2026, 2, 20),
            "rows": [
                {
                    "full_name": "Lê Thị Hồng Nhung",
                    "male": False,
                    "birth_date": dt.date(1998, 3, 7),
                    "hometown": "xã Thiệu Trung, tỉnh Thanh Hóa",
                    "admission_date": dt.date(2025, 2, 18),
                    "official_date": "",
                    "card_number": "",
                    "position": "",
                    "cell": _CELL,
                },
                {
                    "full_name": "Nguyễn Đức Thắng",
                    "male": True,
                    "birth_date": dt.date(1990, 11, 4),
                    "hometown": "xã Quảng Phú, tỉnh Thanh Hóa",
                    "admission_date": dt.date(2015, 5, 19),
                    "official_date": dt.date(2016, 5, 19),
                    "card_number": "38.012345",
                    "position": "Phó trưởng phòng",
                    "cell": _CELL,
                },
            ],
        }
    if name in ("meeting_invitation", "meeting_attendance", "meeting_minutes"):
        return _meeting()
    known = ", ".join(sorted(DOCUMENTS))
    raise UnknownDocumentError(f"no sample for {name!r}; known documents: {known}")


def _meeting() -> dict[str, Any]:
    """The Bloc's year-end conference with a guest and a delegate of a TCCSĐ: the context
    of its three documents (a cell meeting adds its members, one excused here)."""
    guest = {"name": "Đỗ Minh Tuấn", "status": "Có mặt", "reason": "",
             "title": "Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh"}  # fmt: skip
    delegate = {"name": "Lê Thị Hồng Nhung", "status": "Vắng có lý do", "reason": "Ốm",
                "title": f"Bí thư {_CELL}"}  # fmt: skip
    member = {"name": "Nguyễn Đức Thắng", "title": "Đảng viên", "status": "Có mặt",
              "reason": ""}  # fmt: skip
    return {
        **_ISSUER,
        "number": "3-GM/ĐUK",
        "recipients": ["Như trên", "Lưu Văn phòng Đảng ủy Khối"],
        "meeting": {
            "title": "Hội nghị tổng kết công tác xây dựng Đảng năm 2025",
            "held_on": dt.date(2026, 2, 20),
            "place": "Hội trường Đảng ủy Khối",
            "chair": "Trịnh Văn Dũng",
            "secretary": "Nguyễn Thị Hoa",
            "agenda": ["Báo cáo tổng kết năm 2025", "Phương hướng, nhiệm vụ năm 2026"],
            "conclusions": ["Hội nghị thống nhất 07 nhiệm vụ trọng tâm năm 2026."],
        },
        "invited": [guest, delegate],
        "guests": [guest, delegate],
        "members": [member],
        "absent": [],
        "present": 1,
        "rows": [guest, delegate, member],
        "rows_present": 2,
    }
