import io

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse
from docx import Document

from conftest import AddMember, MakeUser, Tree
from dangvu.organizations.roles import Role


@pytest.fixture
def office(tree: Tree, signed: None, add_member: AddMember, make_user: MakeUser) -> Client:
    add_member(tree.cell_a1, full_name="Lê Thị Hoa", gender="F")
    add_member(tree.grassroots_b, full_name="Ngô Văn Tài")
    client = Client()
    client.force_login(make_user("vanphong", Role.OFFICE, tree.committee))
    return client


def test_the_page_shows_last_years_figures_of_the_readers_committee(office: Client) -> None:
    page = office.get(reverse("reports:annual")).content.decode()

    assert "Đến ngày 31/12/2025, Đảng bộ Khối thử nghiệm có 2 tổ chức cơ sở đảng" in page
    assert "tính đến ngày 31/12/2025; kết quả đánh giá" in page
    assert "?year=2025&amp;org=DBK&amp;format=pdf" in page


def test_the_downloads_are_the_report_as_docx_and_xlsx(office: Client) -> None:
    url = reverse("reports:annual_file")

    docx = office.get(url, {"year": "2025", "org": "DBK", "format": "docx"})
    xlsx = office.get(url, {"year": "2025", "org": "DBK", "format": "xlsx"})

    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "với 2 đảng viên" in text
    assert docx["Content-Disposition"] == 'attachment; filename="bao-cao-tong-ket-2025-DBK.docx"'
    assert openpyxl.load_workbook(io.BytesIO(xlsx.content)).sheetnames


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"year": "1900"}, "lớn hơn hoặc bằng 1930"),
        ({"year": "abc"}, "Hãy nhập một số nguyên"),
        ({"org": "DBX"}, "Hãy chọn một lựa chọn hợp lệ"),
    ],
)
def test_a_bad_choice_is_explained_on_the_page_and_refused_as_a_file(
    office: Client, query: dict[str, str], message: str
) -> None:
    page = office.get(reverse("reports:annual"), query)
    download = office.get(reverse("reports:annual_file"), {**query, "format": "docx"})

    assert page.status_code == 200
    assert message in page.content.decode()
    assert download.status_code == 400
