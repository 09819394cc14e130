"""The import page lists the rows not read as members, with their number and kind, and lets
the user correct a kind in the mapping step; problems are grouped by sheet."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from dangvu.common.models import AuditEntry
from dangvu.imports.models import ImportBatch
from dangvu.imports.tests.office_lists import sheet_per_cell_xlsx, two_row_header_xlsx


def _upload(client: Client, path: Path) -> ImportBatch:
    client.post(
        reverse("imports:upload"), {"file": SimpleUploadedFile(path.name, path.read_bytes())}
    )
    return ImportBatch.objects.latest("pk")


def _remap(client: Client, batch: ImportBatch, **kinds: str) -> ImportBatch:
    mapping = {f"col-{index}": field for index, field in batch.mapping.items()}
    posted = {**mapping, "row-kinds": "1", **{k.replace("_", "-"): v for k, v in kinds.items()}}
    client.post(reverse("imports:remap", args=[batch.pk]), posted)
    batch.refresh_from_db()
    return batch


def test_the_page_lists_the_rows_read_as_groups_totals_and_notes(
    admin: Client, tmp_path: Path
) -> None:
    path, _expected = two_row_header_xlsx(tmp_path / "ds.xlsx")

    batch = _upload(admin, path)
    page = admin.get(reverse("imports:detail", args=[batch.pk])).content.decode()

    assert (batch.state, batch.problems, batch.to_create) == ("CHECKED", [], 5)
    assert '<tr data-row="9">' in page and "I ĐẢNG VIÊN CHÍNH THỨC" in page
    assert '<select class="form-select form-select-sm" name="kind-0-16"' in page
    assert '<option value="total" selected>Dòng cộng</option>' in page
    assert "Ngày vào Đảng / Chính thức" in page


def test_a_corrected_row_kind_is_kept_audited_and_can_be_set_back(
    admin: Client, tmp_path: Path
) -> None:
    path, _expected = two_row_header_xlsx(tmp_path / "ds.xlsx")
    batch = _upload(admin, path)

    corrected = _remap(admin, batch, kind_0_13="note")
    kinds, problem_rows = corrected.row_kinds, [p["row"] for p in corrected.problems]
    page = admin.get(reverse("imports:detail", args=[batch.pk])).content.decode()
    entry = AuditEntry.objects.filter(action="imports.batch.remapped").latest("pk")
    restored = _remap(admin, corrected, kind_0_13="group")

    assert kinds == [[0, 13, "note"]]
    assert problem_rows == [14, 15]  # now under "chính thức"
    assert "đã sửa" in page
    assert entry.changes["row_kinds"] == [[], [[0, 13, "note"]]]
    assert (restored.row_kinds, restored.problems, restored.to_create) == ([], [], 5)


def test_a_member_row_can_be_named_by_its_number_to_be_read_as_a_note(
    admin: Client, tmp_path: Path
) -> None:
    path, _expected = two_row_header_xlsx(tmp_path / "ds.xlsx")
    workbook = load_workbook(path)
    workbook.active["B17"] = "Danh sách kèm theo công văn số 12"  # under the total
    workbook.save(path)
    batch = _upload(admin, path)
    problem_rows = {p["row"] for p in batch.problems}

    corrected = _remap(admin, batch, other_row="17", other_kind="note")

    assert problem_rows == {17}
    assert corrected.row_kinds == [[0, 17, "note"]]
    assert (corrected.problems, corrected.to_create) == ([], 5)


def test_problems_are_grouped_by_sheet(admin: Client, tmp_path: Path) -> None:
    path, _expected = sheet_per_cell_xlsx(tmp_path / "dang-bo.xlsx")
    workbook = load_workbook(path)
    workbook["Thanh tra"]["C11"] = "31/02/1985"
    workbook.save(path)

    batch = _upload(admin, path)
    page = admin.get(reverse("imports:detail", args=[batch.pk])).content.decode()

    assert batch.problems[0]["sheet"] == "Thanh tra"
    assert "Trang “Thanh tra”" in page
    assert "<td>Hướng dẫn</td>" in page  # the sheet without a table, listed


def test_the_preview_names_each_rows_sheet(admin: Client, tmp_path: Path) -> None:
    path, _expected = sheet_per_cell_xlsx(tmp_path / "dang-bo.xlsx")

    batch = _upload(admin, path)
    page = admin.get(reverse("imports:detail", args=[batch.pk])).content.decode()

    assert (batch.problems, batch.to_create) == ([], 10)
    assert "<td>CB Văn phòng, 10</td>" in page and "<td>Thanh tra, 15</td>" in page
