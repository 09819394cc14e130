"""Uploaded files (member lists, photos, document templates) are personal data: they live in a
private storage root that no web server publishes, under random names, and reach a browser
only through a view that has checked the user's scope (`private_file_response`)."""

import mimetypes
import secrets
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path, PurePath

from django.conf import settings
from django.core.files.storage import FileSystemStorage, InMemoryStorage
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpResponse, HttpResponseBase
from django.utils.cache import patch_cache_control
from django.utils.deconstruct import deconstructible
from django.utils.http import content_disposition_header


class NoPublicURL:
    """A storage whose files have no URL: a template that asks for one fails loudly instead
    of linking to a file nobody checked the reader's scope for. NotImplementedError is what
    Django's own Storage raises there, and what callers such as Wagtail's document view
    expect from a storage without URLs."""

    def url(self, name: str | None) -> str:
        raise NotImplementedError(f"{name}: private files are served by views, not by URL")


class PrivateFileStorage(NoPublicURL, FileSystemStorage):
    """The storage of uploads: `settings.UPLOAD_ROOT`, outside every served directory."""


class PrivateMemoryStorage(NoPublicURL, InMemoryStorage):
    """The tests' storage: in memory, and as URL-less as the real one."""


@deconstructible
class RandomName:
    """`upload_to` giving FOLDER/<32 random hex digits><extension>: the uploader's file name
    (kept in the model for display) never becomes a path, and names cannot be guessed."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def __call__(self, instance: object, filename: str) -> str:
        suffix = PurePath(filename).suffix.lower()
        if not (1 < len(suffix) <= 8 and suffix[1:].isalnum()):
            suffix = ""
        return f"{self.folder}/{secrets.token_hex(16)}{suffix}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RandomName) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)


def private_file_response(
    file: FieldFile, *, filename: str, content_type: str | None = None, inline: bool = False
) -> HttpResponseBase:
    """The stored FILE for a reader the caller has checked: streamed by Django, or handed to
    the web server in front (`PRIVATE_FILES_SERVER`: "nginx" answers an X-Accel-Redirect
    to an internal location, "apache" an X-Sendfile of the file's path)."""
    server = settings.PRIVATE_FILES_SERVER
    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    response: HttpResponseBase
    if server in ("nginx", "apache"):
        response = HttpResponse(content_type=content_type)
        if server == "nginx":
            response["X-Accel-Redirect"] = f"{settings.PRIVATE_FILES_NGINX_LOCATION}{file.name}"
        else:
            response["X-Sendfile"] = file.path
        response["Content-Disposition"] = content_disposition_header(not inline, filename) or ""
    else:
        response = FileResponse(
            file.open("rb"), as_attachment=not inline, filename=filename, content_type=content_type
        )
    patch_cache_control(response, private=True, no_store=True)
    return response


def written_file_response(
    write: Callable[[Path], object], *, filename: str, content_type: str
) -> FileResponse:
    """A download of the file WRITE makes, streamed from disk in chunks: an export of a
    million rows never sits in memory. The file has no name on disk once it is open, so it
    disappears when the response is closed, whatever happens to the request."""
    folder = tempfile.mkdtemp(prefix="dangvu-export-")
    path = Path(folder) / filename
    try:
        write(path)
        handle = path.open("rb")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    patch_cache_control(response, private=True, no_store=True)
    return response
