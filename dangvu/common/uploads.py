"""What an upload may weigh. Each file field names the setting that caps it and refuses a
larger file with its size and the limit; a request larger than every cap is refused by
`UploadSizeMiddleware` before Django spools it to disk."""

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from dangvu.common.numbers import grouped

MB = 1 << 20


# The portal's editors (Wagtail's admin) upload its photos and videos, larger than anything
# the workspace takes; only their paths get that cap.
EDITOR_PATH_PREFIX = "/cms/"


def largest_upload_mb(path: str = "") -> int:
    """The largest file any form at PATH takes: a request body above it (plus its other
    fields) is refused whole."""
    limits = [
        settings.IMPORT_MAX_UPLOAD_MB,
        settings.ATTACHMENT_MAX_UPLOAD_MB,
        settings.PHOTO_MAX_UPLOAD_MB,
    ]
    if path.startswith(EDITOR_PATH_PREFIX):
        limits += [settings.PORTAL_IMAGE_MAX_UPLOAD_MB, settings.PORTAL_VIDEO_MAX_UPLOAD_MB]
    return max(limits)


class _Capped:
    """Refuse a file above `settings.<limit>` MB before the field looks inside it (an image
    field would open it), with a hint the user can act on."""

    def __init__(self, *args: Any, limit: str, hint: Any = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit, self.hint = limit, hint

    def clean(self, data: Any, initial: Any = None) -> Any:
        limit = getattr(settings, self.limit) * MB
        if isinstance(data, UploadedFile) and (data.size or 0) > limit:
            message = _("Tệp “%(name)s” nặng %(size)s MB, quá giới hạn %(limit)s MB.") % {
                "name": data.name,
                "size": grouped(-(-(data.size or 0) // MB)),
                "limit": grouped(limit // MB),
            }
            raise forms.ValidationError(f"{message} {self.hint}".strip(), code="too_big")
        return super().clean(data, initial)  # type: ignore[misc]


class CappedFileField(_Capped, forms.FileField):
    pass


class CappedImageField(_Capped, forms.ImageField):
    pass
