"""Staff replace a template with their own Word file; a broken one is refused."""

import datetime as dt
import io
import subprocess
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from docx import Document
from pytest_django.fixtures import Settings

from conftest import AddMember, MakeUser, Tree
from dangvu.common.models import AdministrativeUnit, AuditEntry
from dangvu.common.uploads import MB
from dangvu.documents.pdf import docx_to_pdf
from dangvu.documents.render import template_path_for
from dangvu.organizations.roles import Role


def _docx_with(paragraph: str) -> bytes:
    document = Document(str(template_path_for("recognition_decision")))
    document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def admin(client: Client, make_user: MakeUser) -> Client:
    client.force_login(make_user("admin", Role.ADMIN))
    return client


def _upload(client: Client, data: bytes) -> str:
    upload = SimpleUploadedFile("mau.docx", data)
    response = client.post(
        "/app/document-templates/", {"name": "recognition_decision", "file": upload}, follow=True
    )
    return response.content.decode()


def test_an_uploaded_template_is_used_for_the_next_print(
    admin: Client, tree: Tree, add_member: AddMember, signed: None
) -> None:
    thanh_hoa = AdministrativeUnit.objects.get(scheme="2008", level="PROVINCE", code="38")
    member = add_member(tree.cell_a1, full_name="Nguyễn Thị Mẫu", gender="F",
                        official_decision_date=dt.date(2011, 5, 25),
                        official_decision_number="5-QĐ/ĐUK",
                        admission_decision_date=dt.date(2010, 5, 3),
                        hometown_province=thanh_hoa)  # fmt: skip

    page = _upload(admin, _docx_with("Mẫu riêng của Văn phòng Đảng ủy"))
    document = admin.get(f"/app/members/documents/recognition_decision/{member.pk}.docx")

    assert "Đã dùng mẫu mới." in page
    text = subprocess.run(["pdftotext", "-", "-"], input=docx_to_pdf(document.content),
                          capture_output=True, check=True).stdout.decode()  # fmt: skip
    assert "Mẫu riêng của Văn phòng Đảng ủy" in " ".join(text.split())
    assert AuditEntry.objects.filter(action="documents.template_uploaded").count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not a word file", "Tệp không phải văn bản Word (.docx)."),
        (_docx_with("{{ truong_khong_co }}"), "Mẫu không dùng được"),
    ],
)
def test_a_broken_template_is_refused_and_the_old_one_stays(
    admin: Client, data: bytes, message: str
) -> None:
    page = _upload(admin, data)

    assert message in page
    assert not AuditEntry.objects.filter(action="documents.template_uploaded").exists()
    current = admin.get("/app/document-templates/recognition_decision.docx")
    assert current.getvalue() == template_path_for("recognition_decision").read_bytes()


def _bomb(unpacked: int) -> bytes:
    """A real template with one part of UNPACKED zeros: a few kilobytes packed."""
    buffer = io.BytesIO(_docx_with("Mẫu"))
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/media/zeros.bin", bytes(unpacked))
    return buffer.getvalue()


def test_a_template_that_unpacks_past_the_limit_or_weighs_too_much_is_refused(
    admin: Client, settings: Settings
) -> None:
    settings.DOCUMENT_TEMPLATE_MAX_UNPACKED_MB = 2
    settings.ATTACHMENT_MAX_UPLOAD_MB = 1
    bomb = _bomb(3 * MB)
    assert len(bomb) < 100_000

    assert "Tệp giải nén ra 4 MB, quá giới hạn 2 MB của một mẫu." in _upload(admin, bomb)
    heavy = _upload(admin, b"x" * (MB + 1))
    assert "Tệp “mau.docx” nặng 2 MB, quá giới hạn 1 MB." in heavy
    assert not AuditEntry.objects.filter(action="documents.template_uploaded").exists()
