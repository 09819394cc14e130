"""Templates are uploaded by staff, so their placeholders run in Jinja's sandbox: one that
reaches for Python internals is refused at upload and never runs."""

import io
from pathlib import Path

import jinja2
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from docx import Document

from conftest import AddMember, MakeUser, Tree
from dangvu.common.models import AuditEntry
from dangvu.documents.models import DocumentTemplate
from dangvu.documents.render import (
    DocumentContextError,
    DocumentError,
    UnsafeTemplateError,
    render_document,
    template_path_for,
)
from dangvu.documents.samples import sample_context
from dangvu.organizations.roles import Role


def _writes(marker: Path) -> str:
    """A placeholder that creates MARKER when a plain Jinja environment renders it."""
    return f"{{{{ cycler.__init__.__globals__.__builtins__.open('{marker}', 'w').close() }}}}"


ESCAPES = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ issue_date.__class__.__init__.__globals__ }}",
    "{{ member.full_name.__class__.__base__.__subclasses__() }}",
    "{{ issue_date|attr('__class__') }}",
    "{{ '{0.__class__}'.format(member.full_name) }}",
    "{{ self.__init__.__globals__ }}",
    "{{ place_and_date.__globals__ }}",
    "{% set _ = recipients.append('x') %}",
    "{{ 'x' * 1000000000 }}",
    "{{ 10 ** 100000000 }}",
]


def _docx_with(paragraph: str) -> bytes:
    document = Document(str(template_path_for("recognition_decision")))
    document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _render(tmp_path: Path, paragraph: str) -> None:
    path = tmp_path / "template.docx"
    path.write_bytes(_docx_with(paragraph))
    context = sample_context("recognition_decision")
    render_document("recognition_decision", context, template_path=path)


def test_the_payload_runs_outside_the_sandbox(tmp_path: Path) -> None:
    marker = tmp_path / "ran"

    jinja2.Environment().from_string(_writes(marker)).render()

    assert marker.exists()  # so its absence below means the sandbox stopped it


@pytest.mark.parametrize("placeholder", ESCAPES)
def test_a_placeholder_reaching_for_python_internals_is_refused(
    tmp_path: Path, placeholder: str
) -> None:
    with pytest.raises(UnsafeTemplateError, match="refused by the sandbox"):
        _render(tmp_path, placeholder)


@pytest.mark.parametrize("name", ["cycler", "joiner", "lipsum", "namespace", "range", "dict"])
def test_jinja_globals_are_not_offered_to_templates(tmp_path: Path, name: str) -> None:
    with pytest.raises(DocumentContextError, match=f"'{name}' is undefined"):
        _render(tmp_path, f"{{{{ {name} }}}}")


def test_a_payload_through_jinja_globals_never_runs(tmp_path: Path) -> None:
    marker = tmp_path / "ran"

    with pytest.raises(DocumentError):
        _render(tmp_path, _writes(marker))

    assert not marker.exists()


def test_the_context_holds_plain_data_only(tmp_path: Path) -> None:
    context = {**sample_context("recognition_decision"), "member": object()}

    with pytest.raises(DocumentContextError, match="member: object is not plain data"):
        render_document("recognition_decision", context)


def test_ordinary_placeholders_still_render(tmp_path: Path) -> None:
    _render(tmp_path, "{{ member.full_name|upper }} {{ recipients|join(', ') }} {{ 'ab' * 3 }}")


@pytest.fixture
def admin(client: Client, make_user: MakeUser) -> Client:
    client.force_login(make_user("admin", Role.ADMIN))
    return client


@pytest.mark.parametrize("payload", ["subclasses", "globals"])
def test_an_upload_whose_placeholder_would_run_code_is_refused_and_nothing_runs(
    admin: Client, tmp_path: Path, payload: str
) -> None:
    marker = tmp_path / "ran"
    placeholder = (
        _writes(marker)
        if payload == "globals"
        else "{{ ''.__class__.__mro__[1].__subclasses__()[0].__init__.__globals__"
        f".__builtins__.open('{marker}', 'w').close() }}}}"
    )
    upload = SimpleUploadedFile("mau.docx", _docx_with(placeholder))

    response = admin.post(
        "/app/document-templates/", {"name": "recognition_decision", "file": upload}, follow=True
    )

    page = response.content.decode()
    assert "Mẫu bị từ chối" in page or "Mẫu không dùng được" in page
    assert not marker.exists()
    assert not DocumentTemplate.objects.exists()
    assert not AuditEntry.objects.filter(action="documents.template_uploaded").exists()


def test_the_sandbox_refusal_is_explained_in_vietnamese(admin: Client) -> None:
    upload = SimpleUploadedFile("mau.docx", _docx_with(ESCAPES[0]))

    response = admin.post(
        "/app/document-templates/", {"name": "recognition_decision", "file": upload}, follow=True
    )

    assert "Mẫu bị từ chối: có chỗ điền truy cập vào thành phần nội bộ" in response.content.decode()


def test_every_document_error_is_a_document_error() -> None:
    assert issubclass(UnsafeTemplateError, DocumentError)


def test_a_stored_template_refused_by_the_sandbox_answers_a_message_when_printing(
    admin: Client, tree: Tree, add_member: AddMember
) -> None:
    member = add_member(tree.cell_a1)
    template = DocumentTemplate(name="recognition_decision")
    template.file.save("old.docx", ContentFile(_docx_with(ESCAPES[0])), save=True)

    response = admin.get(f"/app/members/documents/recognition_decision/{member.pk}.docx")

    assert response.status_code == 302 and response["Location"] == f"/app/members/{member.pk}/"
    assert not AuditEntry.objects.filter(action="documents.printed").exists()
