"""An import's uploaded file, downloaded again by those who may see the batch, while it is
kept (imports/files.py deletes it once the batch is committed, undone or abandoned)."""

from django.http import Http404, HttpRequest, HttpResponseBase

from dangvu.common.files import private_file_response
from dangvu.common.http import authenticated
from dangvu.imports.models import ImportBatch
from dangvu.organizations.access import may
from dangvu.organizations.roles import Action, Resource


@authenticated
def batch_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The file as uploaded, to the batch's creator or an administrator; 404 to anyone else,
    as for a missing batch."""
    batch = ImportBatch.objects.filter(pk=pk).first()
    if (
        batch is None
        or not batch.file
        or (
            batch.created_by_id != request.user.pk
            and not may(request.user, Resource.AUDIT, Action.REVERT)
        )
    ):
        raise Http404
    return private_file_response(batch.file, filename=batch.file_name)
