"""An evaluation round (đợt đánh giá, xếp loại) of one committee and year, and the rating
of each organization and member in it."""

import datetime as dt

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dangvu.evaluation import rules


class Stage(models.TextChoices):
    """A round's steps (HD 25-HD/BTCTW; HD 43-HD/BTCTW): each organization and member rates
    itself, the cell and the grassroots committee propose, the competent level decides."""

    SELF = "SELF", _("Tự đánh giá, xếp loại")
    PROPOSAL = "PROPOSAL", _("Thẩm định, đề xuất")
    DECISION = "DECISION", _("Quyết định xếp loại")
    CLOSED = "CLOSED", _("Đã kết thúc")


STAGES = list(Stage)


class Level(models.TextChoices):
    EXCELLENT = rules.EXCELLENT, _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = rules.GOOD, _("Hoàn thành tốt nhiệm vụ")
    DONE = rules.DONE, _("Hoàn thành nhiệm vụ")
    FAILED = rules.FAILED, _("Không hoàn thành nhiệm vụ")


class Round(models.Model):
    """Đợt đánh giá, xếp loại: the COMMITTEE (a đảng bộ cấp trên cơ sở) rates the year's
    TCCSĐ, their subordinate organizations and their members, as the tree and the registry
    stood on AS_OF. The rules are those of YEAR (`rulesets.rules_for_year`)."""

    committee = models.ForeignKey(
        "organizations.OrgUnit",
        on_delete=models.PROTECT,
        related_name="evaluation_rounds",
        verbose_name=_("cấp ủy"),
    )
    year = models.PositiveSmallIntegerField(_("năm đánh giá"))
    as_of = models.DateField(_("danh sách tính đến ngày"))
    stage = models.CharField(_("bước"), max_length=16, choices=Stage.choices, default=Stage.SELF)
    opened_on = models.DateField(_("ngày mở đợt"))
    self_due = models.DateField(_("hạn tự đánh giá"))
    proposal_due = models.DateField(_("hạn đề xuất"))
    decision_due = models.DateField(_("hạn quyết định"))
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["committee", "year"], name="one_round_a_year"),
        ]

    def __str__(self) -> str:
        return _("Đánh giá, xếp loại năm %(year)s") % {"year": self.year}

    def get_absolute_url(self) -> str:
        return reverse("evaluation:round", args=[self.pk])

    @property
    def closed(self) -> bool:
        return self.stage == Stage.CLOSED

    @property
    def step_due(self) -> dt.date:
        """The deadline of the step the round is at (a closed round: its decision's)."""
        return {Stage.SELF: self.self_due, Stage.PROPOSAL: self.proposal_due}.get(
            Stage(self.stage), self.decision_due
        )


class Rating(models.Model):
    """The rating of one organization or member in a round: what it gave itself, what the
    level below proposed, and what the competent level DECIDER decided, with the facts the
    caps read and, where the rules refuse a level that is kept, the override's reason.

    ORG is the organization rated or the member's cell; PARENT the organization directly
    above it (for a member, the cell), so an organization's subordinates are the ratings
    whose parent it is; UNIT the TCCSĐ it belongs to (a TCCSĐ's own). Members and the
    organizations inside a TCCSĐ are decided by the TCCSĐ, a TCCSĐ by the committee."""

    class Kind(models.TextChoices):
        ORG = rules.ORG, _("Tổ chức đảng")
        MEMBER = rules.MEMBER, _("Đảng viên")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="ratings")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    org = models.ForeignKey("organizations.OrgUnit", on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(
        "members.Member", null=True, blank=True, on_delete=models.PROTECT, related_name="ratings"
    )
    parent = models.ForeignKey("organizations.OrgUnit", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("organizations.OrgUnit", on_delete=models.PROTECT, related_name="+")
    decider = models.ForeignKey("organizations.OrgUnit", on_delete=models.PROTECT, related_name="+")
    label = models.CharField(max_length=255)  # the name on AS_OF, as lists show it

    self_level = models.CharField(_("tự xếp loại"), max_length=8, choices=Level.choices, blank=True)
    self_score = models.DecimalField(
        _("tự chấm điểm"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    proposed_level = models.CharField(
        _("đề xuất xếp loại"), max_length=8, choices=Level.choices, blank=True
    )
    proposed_score = models.DecimalField(
        _("điểm đề xuất"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    level = models.CharField(_("xếp loại"), max_length=8, choices=Level.choices, blank=True)
    score = models.DecimalField(_("điểm"), max_digits=4, decimal_places=1, null=True, blank=True)

    # The facts the caps read, as recorded here; `evaluation.facts` providers (discipline,
    # plans) supply what they know on top.
    disciplined = models.BooleanField(_("bị kỷ luật trong năm"), default=False)
    self_corrected = models.BooleanField(_("tự phát hiện, khắc phục"), default=False)
    leadership_disciplined = models.BooleanField(_("lãnh đạo bị kỷ luật"), default=False)
    targets_total = models.PositiveSmallIntegerField(_("số chỉ tiêu"), null=True, blank=True)
    targets_met = models.PositiveSmallIntegerField(_("chỉ tiêu đạt"), null=True, blank=True)
    tasks_total = models.PositiveSmallIntegerField(_("số nhiệm vụ"), null=True, blank=True)
    tasks_done = models.PositiveSmallIntegerField(_("nhiệm vụ hoàn thành"), null=True, blank=True)
    tasks_exceeded = models.PositiveSmallIntegerField(_("nhiệm vụ vượt"), null=True, blank=True)
    override_reason = models.TextField(_("lý do giữ xếp loại trái quy định"), blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "member"],
                condition=Q(member__isnull=False),
                name="one_rating_per_member",
            ),
            models.UniqueConstraint(
                fields=["round", "org"],
                condition=Q(member__isnull=True),
                name="one_rating_per_org",
            ),
            models.CheckConstraint(
                condition=Q(kind=rules.MEMBER, member__isnull=False)
                | Q(kind=rules.ORG, member__isnull=True),
                name="rating_kind_matches_subject",
            ),
        ]
        indexes = [
            models.Index(fields=["round", "decider", "kind"], name="rating_group"),
            models.Index(fields=["round", "parent"], name="rating_parent"),
            models.Index(fields=["round", "unit"], name="rating_unit"),
        ]

    def __str__(self) -> str:
        return self.label


class Commendation(models.Model):
    """Khen thưởng: an organization or member rated HTXSNV, commended by the decision
    numbered DECISION_NUMBER of DECISION_DATE (HD 21-HD/BTCTW: "Trong sạch, vững mạnh tiêu
    biểu" for an organization, "Hoàn thành xuất sắc nhiệm vụ" for a member), with its
    certificate (giấy khen) numbered CERTIFICATE_NUMBER in the committee's register."""

    rating = models.OneToOneField(Rating, on_delete=models.CASCADE, related_name="commendation")
    decision_number = models.CharField(_("số quyết định"), max_length=40)
    decision_date = models.DateField(_("ngày quyết định"))
    certificate_number = models.CharField(_("số giấy khen"), max_length=40, blank=True)

    def __str__(self) -> str:
        return f"{self.decision_number} – {self.rating.label}"
