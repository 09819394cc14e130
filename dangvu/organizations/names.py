"""What an organization's leading committee is called. A document is issued by the committee
("ĐẢNG ỦY KHỐI …", "BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI …"), not by the đảng bộ it leads
(HD 36-HD/VPTW, the issuing body's name)."""


def committee_name(org_name: str) -> str:
    """ "Đảng bộ Khối X" → "Đảng ủy Khối X"; a name that is not a đảng bộ's is kept."""
    body, committee = "Đảng bộ ", "Đảng ủy "
    if org_name.startswith(body):
        return committee + org_name[len(body) :]
    return org_name
