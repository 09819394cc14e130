"""Export of the organization tree: what the user sees on the date, in tree order."""

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from python_calamine import CalamineWorkbook

from conftest import TODAY, MakeUser, Tree
from dangvu.common.models import AuditEntry
from dangvu.organizations.access import OPERATOR, Operator
from dangvu.organizations.authorities import (
    admission_authority_grant,
    admission_authority_withdraw,
)
from dangvu.organizations.export import organizations_export
from dangvu.organizations.roles import Role
from dangvu.organizations.services import org_rename

HEADER = ["Mã", "Tên tổ chức", "Loại", "Mã tổ chức cấp trên", "Lĩnh vực", "Ngày thành lập",
          "Số QĐ ủy quyền kết nạp", "Ngày ủy quyền kết nạp"]  # fmt: skip


def test_xlsx_has_the_import_headers_a_frozen_header_dates_and_tree_order(
    tree: Tree, tmp_path: Path
) -> None:
    path = tmp_path / "tc.xlsx"

    count = organizations_export(user=Operator(), as_of=TODAY, path=path)

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert count == 5
    assert rows[0] == HEADER
    # Parents first; siblings in Vietnamese order ("Chi…" before "Đảng…", "Thanh" before "Văn").
    assert [row[0] for row in rows[1:]] == ["DBK", "CSB", "CSA", "CSA-2", "CSA-1"]
    assert rows[3] == [
        "CSA",
        "Đảng bộ Sở Tài chính",
        "Đảng bộ cơ sở",
        "DBK",
        "Cơ quan hành chính",
        dt.date(2015, 1, 1),
        "",
        "",
    ]
    sheet = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    assert re.search(
        r'<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>', sheet
    )
    assert '<col min="2" max="2" width="48.7109375"' in sheet
    styles = zipfile.ZipFile(path).read("xl/styles.xml").decode()
    assert 'formatCode="dd/mm/yyyy"' in styles


def test_csv_has_a_bom_and_dd_mm_yyyy_dates_as_of_the_date(tree: Tree, tmp_path: Path) -> None:
    org_rename(actor=OPERATOR, org=tree.cell_a1, new_name="Chi bộ Văn phòng Sở",
               effective_date=dt.date(2026, 1, 1))  # fmt: skip
    path = tmp_path / "tc.csv"

    organizations_export(user=Operator(), as_of=dt.date(2025, 12, 31), path=path)

    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == ",".join(HEADER)
    assert lines[-1] == (
        "CSA-1,Chi bộ Văn phòng,Chi bộ trực thuộc,CSA,Cơ quan hành chính,01/01/2015,,"
    )


def test_the_authorisation_to_admit_in_force_on_the_date_is_exported(
    tree: Tree, tmp_path: Path
) -> None:
    admission_authority_grant(actor=OPERATOR, org=tree.grassroots_a, on=dt.date(2024, 3, 2),
                              decision="15-QĐ/ĐUK", today=TODAY)  # fmt: skip
    admission_authority_withdraw(actor=OPERATOR, org=tree.grassroots_a, on=dt.date(2026, 1, 5),
                                 decision="40-QĐ/ĐU", today=TODAY)  # fmt: skip

    def csa_on(day: dt.date) -> list[str]:
        path = tmp_path / f"tc-{day}.csv"
        organizations_export(user=Operator(), as_of=day, path=path)
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        return next(row for row in rows if row[0] == "CSA")[-2:]

    assert csa_on(dt.date(2024, 3, 1)) == ["", ""]
    assert csa_on(dt.date(2025, 12, 31)) == ["15-QĐ/ĐUK", "02/03/2024"]
    assert csa_on(TODAY) == ["", ""]


def test_a_name_that_would_be_a_formula_is_text_in_both_formats(tree: Tree, tmp_path: Path) -> None:
    hostile = "=cmd|' /C calc'!A0"
    org_rename(actor=OPERATOR, org=tree.cell_a1, new_name=hostile,
               effective_date=dt.date(2026, 1, 1))  # fmt: skip
    csv_path, xlsx_path = tmp_path / "tc.csv", tmp_path / "tc.xlsx"

    organizations_export(user=Operator(), as_of=TODAY, path=csv_path)
    organizations_export(user=Operator(), as_of=TODAY, path=xlsx_path)

    csv_rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    assert ["CSA-1", "'" + hostile] in [row[:2] for row in csv_rows]
    with zipfile.ZipFile(xlsx_path) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()
    xlsx_rows = CalamineWorkbook.from_path(str(xlsx_path)).get_sheet_by_index(0).to_python()
    assert ["CSA-1", hostile] in [row[:2] for row in xlsx_rows]


def test_export_keeps_to_the_users_scope_and_is_audited(
    tree: Tree, tmp_path: Path, make_user: MakeUser
) -> None:
    secretary = make_user("bithu", Role.SECRETARY, tree.grassroots_a)
    path = tmp_path / "tc.csv"

    count = organizations_export(user=secretary, as_of=TODAY, path=path)

    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert count == 3
    assert [line.split(",")[0] for line in lines[1:]] == ["CSA", "CSA-2", "CSA-1"]
    entry = AuditEntry.objects.get(action="organizations.exported")
    assert (entry.actor_id, entry.data["rows"], entry.data["format"]) == (secretary.pk, 3, "csv")


def test_the_cli_exports_one_subtree(tree: Tree, tmp_path: Path) -> None:
    path = tmp_path / "tc.xlsx"
    out = io.StringIO()

    call_command("export", "organizations", "--org", "csa", "--as-of", "2025-06-01", "-o",
                 str(path), stdout=out)  # fmt: skip

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert [row[0] for row in rows[1:]] == ["CSA", "CSA-2", "CSA-1"]
    assert "Đã xuất 3 tổ chức" in out.getvalue()


def test_the_page_exports_what_the_user_sees(tree: Tree, make_user: MakeUser) -> None:
    client = Client()
    client.force_login(make_user("bithu", Role.SECRETARY, tree.grassroots_a))

    response = client.get(reverse("orgs:export", args=["csv"]), {"org": "CSA-1"})
    outside = client.get(reverse("orgs:export", args=["csv"]), {"org": "CSB"})

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="to-chuc-csa-1-')
    assert response.content.decode("utf-8-sig").splitlines()[1].startswith("CSA-1,")
    assert outside.status_code == 404
    assert client.get(reverse("orgs:export", args=["pdf"])).status_code == 404
