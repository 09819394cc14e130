"""The words of discipline as plain values: the forms (Điều lệ Đảng Điều 35; Quy định
69-QĐ/TW Điều 7), who a decision is about, the bodies that decide, and the grounds on which
no statute of limitations runs. Pure: no database, no clock."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class DisciplineError(ValidationError):
    """A record of inspection or discipline that the rules refuse."""


class Form(models.TextChoices):
    """Hình thức kỷ luật, lightest first within members and within organizations."""

    REPRIMAND = "REPRIMAND", _("Khiển trách")
    WARNING = "WARNING", _("Cảnh cáo")
    DISMISSAL = "DISMISSAL", _("Cách chức")
    EXPULSION = "EXPULSION", _("Khai trừ")
    DISSOLUTION = "DISSOLUTION", _("Giải tán")


class SubjectKind(models.TextChoices):
    MEMBER = "MEMBER", _("Đảng viên")
    ORG = "ORG", _("Tổ chức đảng")


class Standing(models.TextChoices):
    """What the rules ask of the subject when the decision is taken."""

    OFFICIAL = "OFFICIAL", _("Đảng viên chính thức")
    PROBATIONARY = "PROBATIONARY", _("Đảng viên dự bị")
    ORGANIZATION = "ORGANIZATION", _("Tổ chức đảng")


class Body(models.TextChoices):
    """The body that decides, named by its place relative to the subject."""

    CELL = "CELL", _("Chi bộ")
    GRASSROOTS_COMMITTEE = "GRASSROOTS", _("Đảng ủy cơ sở")
    UPPER_COMMISSION = "UPPER_COMMISSION", _("Ủy ban Kiểm tra cấp trên cơ sở")
    UPPER_COMMITTEE = "UPPER_COMMITTEE", _("Cấp ủy, Ban Thường vụ cấp trên cơ sở")


class NoLimitGround(models.TextChoices):
    """Violations no statute of limitations covers (Quy định 69-QĐ/TW Điều 4), besides
    the forms that have none."""

    NONE = "", _("Không")
    INTERNAL_POLITICS = "INTERNAL_POLITICS", _("Vi phạm về chính trị nội bộ")
    SECURITY = "SECURITY", _("Vi phạm về quốc phòng, an ninh, đối ngoại")
    FALSE_DIPLOMA = "FALSE_DIPLOMA", _("Sử dụng văn bằng, chứng chỉ không hợp pháp")


# Forms that end the subject: the member leaves the roll, the organization the tree.
ENDING_FORMS = frozenset({Form.EXPULSION, Form.DISSOLUTION})
