"""Roles and what each may do. Pure data: the access layer applies it to the tree."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "ADMIN", _("Quản trị hệ thống")
    LEADERSHIP = "LEADERSHIP", _("Ban Thường vụ")
    ORGANIZATION_BOARD = "ORGANIZATION_BOARD", _("Ban Tổ chức")
    INSPECTION = "INSPECTION", _("Ủy ban Kiểm tra")
    PROPAGANDA = "PROPAGANDA", _("Ban Tuyên giáo và Dân vận")
    OFFICE = "OFFICE", _("Văn phòng")
    SECRETARY = "SECRETARY", _("Bí thư, phó bí thư")
    MEMBER = "MEMBER", _("Đảng viên")
    # The public portal's editorial roles (dangvu/portal/editors.py maps them onto
    # Wagtail's groups): an editor writes and submits, a publisher reviews and publishes.
    PORTAL_EDITOR = "PORTAL_EDITOR", _("Biên tập viên cổng thông tin")
    PORTAL_PUBLISHER = "PORTAL_PUBLISHER", _("Duyệt, xuất bản tin bài")


class Resource(models.TextChoices):
    ORG = "org", _("Tổ chức và số liệu tổng hợp")
    MEMBER = "member", _("Hồ sơ đảng viên")
    AUDIT = "audit", _("Nhật ký thay đổi")
    SETTINGS = "settings", _("Cấu hình: mẫu văn bản")
    EVALUATION = "evaluation", _("Đánh giá, xếp loại chất lượng")
    DOCUMENTS = "documents", _("Sổ văn bản đi, người ký văn bản")
    DISCIPLINE = "discipline", _("Kiểm tra, giám sát, kỷ luật")
    DECISIONS = "decisions", _("Quyết định kỷ luật đã ban hành")
    PLANS = "plans", _("Kế hoạch, chỉ tiêu, nhiệm vụ, hội nghị và sinh hoạt chi bộ")
    REPORTS = "reports", _("Phần viết của báo cáo tổng kết")
    # The public portal's editor (Wagtail's admin at /cms/): only the workspace's link to it
    # reads this; inside, the Wagtail groups of dangvu/portal/editors.py decide.
    PORTAL = "portal", _("Cổng thông tin")


class Action(models.TextChoices):
    VIEW = "view", _("Xem")
    CHANGE = "change", _("Sửa")
    REVERT = "revert", _("Hoàn tác")


V, C = Action.VIEW, Action.CHANGE
ORG, MEMBER, AUDIT = Resource.ORG, Resource.MEMBER, Resource.AUDIT
EVAL = Resource.EVALUATION
DOCS = Resource.DOCUMENTS
DISC, DECIDED = Resource.DISCIPLINE, Resource.DECISIONS
PLANS = Resource.PLANS
REPORTS = Resource.REPORTS

# What each role may do within the subtree it is assigned to. Board roles that work on
# other modules (inspection, propaganda, office) read the tree and the figures here; the
# Inspection commission also reads records, since discipline concerns named members.
GRANTS: dict[str, frozenset[tuple[str, str]]] = {
    Role.ADMIN: frozenset(
        (resource, action) for resource in Resource.values for action in Action.values
    ),
    # The standing committee decides the ratings; the Organization Board records them.
    # Inspection, supervision and discipline (DISC) are the most confidential: only the
    # Inspection commission records them and only the leadership reads them besides; a
    # secretary and a member see issued decisions through `discipline.selectors`.
    Role.LEADERSHIP: frozenset(
        {
            (ORG, V),
            (MEMBER, V),
            (AUDIT, V),
            (EVAL, V),
            (DOCS, V),
            (DISC, V),
            (DECIDED, V),
            (PLANS, V),
        }
    ),
    Role.ORGANIZATION_BOARD: frozenset(
        {(ORG, V), (ORG, C), (MEMBER, V), (MEMBER, C), (AUDIT, V), (EVAL, V), (EVAL, C), (PLANS, V)}
    ),
    Role.INSPECTION: frozenset(
        {
            (ORG, V),
            (MEMBER, V),
            (AUDIT, V),
            (EVAL, V),
            (DISC, V),
            (DISC, C),
            (DECIDED, V),
            (PLANS, V),
        }
    ),
    # The Propaganda board and the Office write the narrative sections of the committee's
    # annual report (`reports.narratives`); those who read the report read them.
    Role.PROPAGANDA: frozenset({(ORG, V), (PLANS, V), (REPORTS, C)}),
    # The Office keeps the register of outgoing documents and the committee's signers, and
    # the committee's plans, tasks and conferences.
    Role.OFFICE: frozenset({(ORG, V), (DOCS, V), (DOCS, C), (PLANS, V), (PLANS, C), (REPORTS, C)}),
    # A secretary rates their own organization's members and proposes for its cells, and
    # keeps its plan, its tasks and its meetings.
    Role.SECRETARY: frozenset(
        {
            (ORG, V),
            (MEMBER, V),
            (MEMBER, C),
            (AUDIT, V),
            (EVAL, V),
            (EVAL, C),
            (DECIDED, V),
            (PLANS, V),
            (PLANS, C),
        }
    ),
    # A member reads their own record and decisions only; the access layer grants it by
    # member, not org.
    Role.MEMBER: frozenset({(MEMBER, V), (DECIDED, V)}),
    # The portal's editors work in Wagtail's admin only, with the rights of their groups;
    # they are held over the committee like the boards' roles, and give here only the
    # workspace's link to the admin.
    Role.PORTAL_EDITOR: frozenset({(Resource.PORTAL, C)}),
    Role.PORTAL_PUBLISHER: frozenset({(Resource.PORTAL, C)}),
}

# Roles whose holders must use two-factor login when it is required (settings.REQUIRE_2FA).
STAFF_ROLES = frozenset(GRANTS) - {Role.MEMBER}


def grants(role: str, resource: str, action: str) -> bool:
    return (resource, action) in GRANTS[role]
