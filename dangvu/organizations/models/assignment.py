from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dangvu.organizations.models.tree import OrgUnit
from dangvu.organizations.roles import Role


class RoleAssignment(models.Model):
    """Phân công: a user holds ROLE over ORG's subtree from VALID_FROM to VALID_TO.

    The system administrator needs no organization; a member's assignment names their own
    record instead. Like a page permission in Wagtail, a grant made on a node of the tree
    applies to everything under it, so it lives with the tree.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments"
    )
    role = models.CharField(_("vai trò"), max_length=24, choices=Role.choices)
    org = models.ForeignKey(
        OrgUnit, verbose_name=_("tổ chức"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    member = models.ForeignKey(
        "members.Member", verbose_name=_("đảng viên"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="+",
    )  # fmt: skip
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("phân công vai trò")
        constraints = [
            models.CheckConstraint(
                condition=Q(role=Role.ADMIN)
                | Q(role=Role.MEMBER, member__isnull=False)
                | Q(org__isnull=False, member__isnull=True),
                name="assignment_target_fits_role",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="assignment_period_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.role} {self.org_id or self.member_id or '*'}"
