from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Section(models.TextChoices):
    """The parts of the annual report (`annual.py`), each with the text staff write for it."""

    ORGANIZATIONS = "ORGANIZATIONS", _("Tổ chức đảng và đảng viên")
    MEMBERS = "MEMBERS", _("Công tác phát triển và quản lý đảng viên")
    EVALUATION = "EVALUATION", _("Đánh giá, xếp loại chất lượng")
    INSPECTION = "INSPECTION", _("Công tác kiểm tra, giám sát và thi hành kỷ luật đảng")
    TARGETS = "TARGETS", _("Thực hiện các chỉ tiêu chủ yếu")
    DUES = "DUES", _("Công tác đảng phí")
    NEXT_YEAR = "NEXT_YEAR", _("Phương hướng, nhiệm vụ năm tới")


class Narrative(models.Model):
    """Phần viết của báo cáo: the text staff write for one SECTION of COMMITTEE's annual
    report of YEAR. Its text is its latest version; VERSION counts the versions (the
    pages' optimistic lock). A section stays a draft (dự thảo) until marked final."""

    class Status(models.TextChoices):
        DRAFT = "DRAFT", _("Dự thảo")
        FINAL = "FINAL", _("Đã hoàn chỉnh")

    committee = models.ForeignKey(
        "organizations.OrgUnit",
        on_delete=models.PROTECT,
        related_name="narratives",
        verbose_name=_("cấp ủy"),
    )
    year = models.PositiveSmallIntegerField(_("năm báo cáo"))
    section = models.CharField(_("phần báo cáo"), max_length=20, choices=Section.choices)
    status = models.CharField(
        _("tình trạng"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveIntegerField(_("số phiên bản"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "year", "section"], name="one_narrative_per_section"
            ),
        ]

    def __str__(self) -> str:
        return f"{Section(self.section).label} ({self.year})"


class NarrativeVersion(models.Model):
    """Một lần ghi phần viết: the text of NARRATIVE as saved the NUMBERth time, by whom and
    when; RESTORED_FROM names the older version it puts back, if it does."""

    narrative = models.ForeignKey(Narrative, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("phiên bản"))
    text = models.TextField(_("nội dung"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_at = models.DateTimeField(_("thời điểm ghi"))
    restored_from = models.PositiveIntegerField(_("khôi phục từ phiên bản"), null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["narrative", "number"], name="one_narrative_number"),
        ]

    def __str__(self) -> str:
        return f"{self.narrative} #{self.number}"


class NarrativeComment(models.Model):
    """Ý kiến về phần viết: AUTHOR's TEXT on NARRATIVE, written at WRITTEN_AT."""

    narrative = models.ForeignKey(Narrative, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_at = models.DateTimeField(_("thời điểm"))
    text = models.TextField(_("ý kiến"))

    def __str__(self) -> str:
        return f"{self.narrative} {self.written_at:%d/%m/%Y %H:%M}"
