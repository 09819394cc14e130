from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class LinkedWebsite(Orderable):
    """A website in the home page's "Website liên kết" block, managed by editors."""

    name = models.CharField(_("Tên"), max_length=200)
    url = models.URLField(_("Địa chỉ"), max_length=500)

    panels = [FieldPanel("name"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("Website liên kết")
        verbose_name_plural = _("Website liên kết")

    def __str__(self) -> str:
        return self.name
