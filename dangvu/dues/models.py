"""Đảng phí records: each member's dated basis, the exemption and reduction decisions, and
the payments the cell records, one row per month paid for. What a month owes is never
stored: it is computed from the basis and the rule set of that month (`dues.ledger`).

Months are stored as their first day; periods are half-open `[valid_from, valid_to)` of
months."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from dangvu.dues.rules import Category, Region, ReliefGround, ReliefKind
from dangvu.members.models import Member
from dangvu.organizations.models import OrgUnit


def _first_of_month(field: str) -> Q:
    return Q(**{f"{field}__day": 1})


class DuesBasis(models.Model):
    """Căn cứ đóng đảng phí: a member's category and income basis from a month on."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="dues_bases")
    valid_from = models.DateField(_("từ tháng"))
    valid_to = models.DateField(_("đến trước tháng"), null=True, blank=True)
    category = models.CharField(_("đối tượng"), max_length=20, choices=Category.choices)
    # The month's căn cứ tính in đồng: salary and allowances, the insured salary of the
    # previous month, the benefit or the pension, by category and period.
    income = models.PositiveBigIntegerField(_("căn cứ tính (đồng)"), null=True, blank=True)
    region = models.PositiveSmallIntegerField(
        _("vùng lương tối thiểu"), choices=Region.choices, null=True, blank=True
    )
    past_retirement_age = models.BooleanField(_("đã đến tuổi nghỉ hưu"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("căn cứ đóng đảng phí")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=F("valid_from")),
                name="dues_basis_period_valid",
            ),
            models.CheckConstraint(
                condition=_first_of_month("valid_from")
                & (Q(valid_to__isnull=True) | _first_of_month("valid_to")),
                name="dues_basis_whole_months",
            ),
            models.UniqueConstraint(
                fields=["member", "valid_from"], name="unique_dues_basis_start"
            ),
            models.UniqueConstraint(
                fields=["member"], condition=Q(valid_to__isnull=True), name="one_open_dues_basis"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id}: {self.category} ({self.valid_from:%m/%Y}–)"


class DuesRelief(models.Model):
    """Miễn, giảm đảng phí: a decision exempting a member, or reducing their dues, for
    months [valid_from, valid_to) (open-ended while the ground lasts)."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="dues_reliefs")
    kind = models.CharField(_("hình thức"), max_length=8, choices=ReliefKind.choices)
    ground = models.CharField(_("căn cứ miễn, giảm"), max_length=16, choices=ReliefGround.choices)
    percent = models.PositiveSmallIntegerField(_("mức giảm (%)"), default=0)
    valid_from = models.DateField(_("từ tháng"))
    valid_to = models.DateField(_("đến trước tháng"), null=True, blank=True)
    decision = models.CharField(_("quyết định"), max_length=120)
    decided_on = models.DateField(_("ngày quyết định"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("miễn, giảm đảng phí")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=F("valid_from")),
                name="dues_relief_period_valid",
            ),
            models.CheckConstraint(
                condition=_first_of_month("valid_from")
                & (Q(valid_to__isnull=True) | _first_of_month("valid_to")),
                name="dues_relief_whole_months",
            ),
            models.CheckConstraint(
                condition=Q(kind=ReliefKind.EXEMPT, percent=0)
                | Q(kind=ReliefKind.REDUCED, percent__gt=0, percent__lt=100),
                name="dues_relief_percent_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id}: {self.kind} {self.decision}"


class DuesPayment(models.Model):
    """Đảng phí đã nộp: what a member paid for one month, when, collected by which cell."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="dues_payments")
    month = models.DateField(_("tháng"))
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    paid_on = models.DateField(_("ngày nộp"))
    cell = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đảng phí đã nộp")
        constraints = [
            models.UniqueConstraint(fields=["member", "month"], name="one_dues_payment_a_month"),
            models.CheckConstraint(condition=_first_of_month("month"), name="dues_payment_month"),
        ]
        indexes = [models.Index(fields=["month", "member"], name="dues_payment_month_member")]

    def __str__(self) -> str:
        return f"{self.member_id}: {self.month:%m/%Y} {self.amount}"
