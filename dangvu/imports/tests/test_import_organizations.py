"""Importing the organization list: located errors and nothing written, parents after
children, scope, the export round trip, undo, the command line and the pages."""

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from conftest import TODAY, AddMember, MakeUser, Tree
from dangvu.common.models import AuditEntry
from dangvu.imports.models import ImportBatch, OrgImportChange
from dangvu.imports.organizations import (
    check_organizations,
    commit_organizations,
    undo_organization_import,
)
from dangvu.imports.organizations.plan import prepare_rows
from dangvu.imports.problems import ImportRefused, UndoRefused
from dangvu.imports.reading import UnreadableFile
from dangvu.imports.tests.sheets import write_xlsx
from dangvu.organizations.access import OPERATOR, Operator
from dangvu.organizations.authorities import (
    admission_authority_grant,
    admission_authority_withdraw,
)
from dangvu.organizations.export import organizations_export
from dangvu.organizations.models import (
    AdmissionAuthority,
    OrgEvent,
    OrgKind,
    OrgUnit,
    OrgVersion,
    Sector,
)
from dangvu.organizations.roles import Role
from dangvu.organizations.services import org_rename

HEADER = ["STT", "Mã", "Tên tổ chức", "Loại", "Mã tổ chức cấp trên", "Lĩnh vực", "Ngày thành lập"]
# The cell comes before its parent; the last row is identical to what the tree holds.
GOOD: list[list[object]] = [
    [1, "csc-1", "Chi bộ Phòng Kế hoạch", "Chi bộ trực thuộc", "CSC", "", "01/03/2020"],
    [2, "CSC", "Đảng bộ Sở Xây dựng", "dang bo co so", "DBK", "Cơ quan hành chính",
     dt.date(2020, 1, 1)],
    [3, "CSB", "Chi bộ Hội Nông dân tỉnh", "Chi bộ cơ sở", "DBK",
     "Cơ quan Đảng, Mặt trận, đoàn thể", "01/01/2015"],
]  # fmt: skip


def _xlsx(path: Path, rows: list[list[object]], header: list[str] = HEADER) -> Path:
    return write_xlsx(path, header, rows, title="DANH SÁCH TỔ CHỨC ĐẢNG", sheet_name="Tổ chức")


def _snapshot() -> list[list[tuple[Any, ...]]]:
    """Everything the tree holds, for comparing before and after."""
    return [
        list(OrgUnit.objects.order_by("pk").values_list()),
        list(OrgVersion.objects.order_by("pk").values_list()),
        list(OrgEvent.objects.order_by("pk").values_list("pk", "org_id", "kind", "data")),
    ]


def _version(code: str) -> OrgVersion:
    return OrgVersion.objects.select_related("parent").get(org__code=code, valid_to__isnull=True)


def test_a_good_file_creates_parents_before_children_in_one_audited_batch(
    tree: Tree, tmp_path: Path
) -> None:
    path = _xlsx(tmp_path / "tc.xlsx", GOOD)

    batch = commit_organizations(actor=Operator(), path=path, user=Operator(), today=TODAY)

    assert (batch.kind, batch.to_create, batch.to_update, batch.skipped) == ("ORG_IMPORT", 2, 0, 1)
    cell = _version("CSC-1")
    assert (cell.name, cell.kind, cell.parent.code if cell.parent else None) == (
        "Chi bộ Phòng Kế hoạch",
        OrgKind.CELL,
        "CSC",
    )
    assert cell.org.sector == Sector.ADMINISTRATIVE  # a blank sector is the parent's
    assert _version("CSC").kind == OrgKind.GRASSROOTS_COMMITTEE
    assert cell.path == f"{_version('CSC').path}{cell.org_id}/"
    entry = AuditEntry.objects.get(action="imports.batch.committed")
    assert sorted(entry.rows.values_list("action", "object_repr")) == [
        ("organizations.org.created", "CSC"),
        ("organizations.org.created", "CSC-1"),
    ]
    assert entry.data["codes"] == ["CSC", "CSC-1"]
    assert entry.org == tree.committee  # the subtree holding every change


BAD_ROWS = [
    (["CSD", "Chi bộ X", "Tổ đảng", "DBK", "Khác", "01/01/2020"], "D",
     "Không có loại tổ chức này"),
    (["CSD", "Chi bộ X", "Chi bộ cơ sở", "KHONGCO", "Khác", "01/01/2020"], "E",
     "Không có tổ chức mã này"),
    (["CSD", "Chi bộ X", "Chi bộ trực thuộc", "DBK", "Khác", "01/01/2020"], "D",
     "Chi bộ trực thuộc không thể trực thuộc Đảng bộ cấp trên cơ sở"),
    (["CSC", "Chi bộ X", "Chi bộ cơ sở", "DBK", "Khác", "01/01/2020"], "B",
     "Trùng mã với dòng 5"),
    (["CSD", "Chi bộ X", "Chi bộ cơ sở", "DBK", "Khác", "31/02/2020"], "G",
     "Ngày không hợp lệ"),
    (["CSD", "", "Chi bộ cơ sở", "DBK", "Khác", "01/01/2020"], "C", "bắt buộc"),
    (["CSD", "Chi bộ X", "Chi bộ cơ sở", "DBK", "Sao Hỏa", "01/01/2020"], "F",
     "Không có lĩnh vực này"),
    (["CSD", "Chi bộ X", "Chi bộ cơ sở", "DBK", "Khác", "01/12/2026"], "G", "tương lai"),
    (["CSD", "Chi bộ X", "Chi bộ cơ sở", "DBK", "Khác", "01/01/2030"], "G", "đến 24/02/2027"),
    (["CSD", "Chi bộ X", "Chi bộ cơ sở", "DBK", "Khác", "01/01/0001"], "G", "từ 03/02/1930"),
    # Refused by the service itself: DBK was founded on 1/1/2015.
    (["CSD", "Chi bộ X", "Chi bộ cơ sở", "DBK", "Khác", "01/01/2010"], "E",
     "không hoạt động vào ngày 01/01/2010"),
    (["CSA-2", "Chi bộ Thanh tra", "Chi bộ trực thuộc", "CSA", "Cơ quan hành chính",
      "02/02/2016"], "G", "Khác ngày thành lập trong hệ thống (01/01/2015)"),
    # A đảng bộ cơ sở with cells cannot simply become a chi bộ.
    (["CSA", "Đảng bộ Sở Tài chính", "Chi bộ cơ sở", "DBK", "Cơ quan hành chính",
      "01/01/2015"], "D", "dùng chức năng thay đổi tổ chức"),
    (["CSD", "Chi bộ X", "Chi bộ cơ sở", "CSD", "Khác", "01/01/2020"], "E",
     "không thể trực thuộc chính nó"),
]  # fmt: skip


@pytest.mark.parametrize(("row", "column", "message"), BAD_ROWS)
def test_each_bad_row_gets_its_located_error_and_nothing_is_written(
    tree: Tree, tmp_path: Path, row: list[object], column: str, message: str
) -> None:
    path = _xlsx(tmp_path / "sai.xlsx", [*GOOD, [4, *row]])
    before = _snapshot()
    audit_before = AuditEntry.objects.count()

    with pytest.raises(ImportRefused) as refused:
        commit_organizations(actor=Operator(), path=path, user=Operator(), today=TODAY)

    problems = refused.value.result.problems
    assert [(p.row, p.column) for p in problems] == [(7, column)], [str(p) for p in problems]
    assert message in str(problems[0])
    assert _snapshot() == before
    assert AuditEntry.objects.count() == audit_before
    assert not ImportBatch.objects.exists()


def test_the_check_reports_every_bad_row_and_writes_nothing(tree: Tree, tmp_path: Path) -> None:
    rows = [[4, *row] for row, _column, _message in BAD_ROWS if row[0] != "CSC"]
    path = _xlsx(tmp_path / "sai.xlsx", [*GOOD, *rows])
    before = _snapshot()

    result = check_organizations(path=path, user=Operator(), today=TODAY)

    # Each row has its own problem (and the repeated "CSD" rows also a duplicate code).
    assert {p.row for p in result.problems} == set(range(7, 7 + len(rows)))
    assert _snapshot() == before


def test_a_cycle_in_the_file_is_reported_on_each_of_its_rows(tree: Tree, tmp_path: Path) -> None:
    rows = [
        [1, "CSX", "Đảng bộ X", "Đảng bộ cơ sở", "CSY", "Khác", "01/01/2020"],
        [2, "CSY", "Đảng bộ Y", "Đảng bộ cơ sở", "CSX", "Khác", "01/01/2020"],
    ]

    result = check_organizations(
        path=_xlsx(tmp_path / "vong.xlsx", rows), user=Operator(), today=TODAY
    )

    assert [(p.row, p.column) for p in result.problems] == [(4, "E"), (5, "E")]
    assert "Vòng lặp trực thuộc: CSX → CSY → CSX" in str(result.problems[0])


def test_a_refusal_in_the_middle_of_the_commit_leaves_nothing_written(
    tree: Tree, tmp_path: Path
) -> None:
    # CSC and CSC-1 are created first; the last row fails only when the service runs.
    late = [4, "CSD", "Chi bộ X", "Chi bộ cơ sở", "DBK", "Khác", "01/01/2010"]
    path = _xlsx(tmp_path / "sai.xlsx", [*GOOD, late])

    with pytest.raises(ImportRefused):
        commit_organizations(actor=Operator(), path=path, user=Operator(), today=TODAY)

    assert not OrgUnit.objects.filter(code__in=["CSC", "CSC-1", "CSD"]).exists()
    assert not AuditEntry.objects.filter(action__startswith="imports.").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("rong.xlsx", b"", "Không đọc được"),
        ("hong.xlsx", b"PK\x03\x04 not really a zip", "Không đọc được"),
        ("anh.png", b"\x89PNG\r\n\x1a\n", "Không đọc được"),
        ("ds.csv", "Tiêu đề\nkhông có cột nào\n".encode(), r"Không tìm thấy dòng tiêu đề \(Mã,"),
    ],
)
def test_an_unreadable_file_gets_a_one_line_reason(
    tree: Tree, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(UnreadableFile, match=message):
        check_organizations(path=path, user=Operator(), today=TODAY)


def test_a_missing_required_column_is_named(tree: Tree, tmp_path: Path) -> None:
    path = tmp_path / "thieu.csv"
    path.write_text("Mã,Tên tổ chức\nCSD,Chi bộ X\n", encoding="utf-8")

    result = check_organizations(path=path, user=Operator(), today=TODAY)

    assert [str(p) for p in result.problems] == [
        "dòng 1: Thiếu cột bắt buộc: Loại, Ngày thành lập."
    ]


def test_names_typed_in_tcvn3_come_out_as_unicode(tree: Tree, tmp_path: Path) -> None:
    rows = [list(GOOD[0]), list(GOOD[1])]
    rows[0][2] = "Chi bé Phßng KÕ ho¹ch"
    rows[1][2] = "§¶ng bé Së X©y dùng"

    commit_organizations(
        actor=Operator(), path=_xlsx(tmp_path / "cu.xlsx", rows), user=Operator(), today=TODAY
    )

    assert _version("CSC-1").name == "Chi bộ Phòng Kế hoạch"
    assert _version("CSC").name == "Đảng bộ Sở Xây dựng"


def test_an_organization_board_changes_only_its_own_subtree(
    tree: Tree, tmp_path: Path, make_user: MakeUser
) -> None:
    board = make_user("tochuc", Role.ORGANIZATION_BOARD, tree.grassroots_a)
    rows = [
        [1, "CSA-3", "Chi bộ Kho bạc", "Chi bộ trực thuộc", "CSA", "", "01/01/2020"],
        [2, "CSD", "Chi bộ X", "Chi bộ cơ sở", "DBK", "Khác", "01/01/2020"],
        [3, "CSB", "Chi bộ Hội Nông dân", "Chi bộ cơ sở", "DBK",
         "Cơ quan Đảng, Mặt trận, đoàn thể", "01/01/2015"],
    ]  # fmt: skip

    path = _xlsx(tmp_path / "tc.xlsx", rows)
    result = check_organizations(path=path, user=board, today=TODAY)

    assert [(p.row, p.column, p.message) for p in result.problems] == [
        (5, "E", "Tổ chức cấp trên nằm ngoài phạm vi của bạn."),
        (6, "B", "Tổ chức này nằm ngoài phạm vi của bạn."),
    ]
    _result, planned = prepare_rows(path=path, user=board, today=TODAY, mapping=None)
    assert [org_row.code for org_row in planned] == ["CSA-3"]


def test_an_organization_boards_import_is_in_its_own_audit_log(
    tree: Tree, tmp_path: Path, make_user: MakeUser
) -> None:
    from dangvu.web.selectors import audit_entries_visible_to

    board = make_user("tochuc", Role.ORGANIZATION_BOARD, tree.grassroots_a)
    rows = [[1, "CSA-3", "Chi bộ Kho bạc", "Chi bộ trực thuộc", "CSA", "", "01/01/2020"]]

    commit_organizations(
        actor=board, path=_xlsx(tmp_path / "tc.xlsx", rows), user=board, today=TODAY
    )

    entry = audit_entries_visible_to(board).get(action="imports.batch.committed")
    assert (entry.org, entry.actor_id) == (tree.grassroots_a, board.pk)
    assert list(entry.rows.values_list("object_repr", flat=True)) == ["CSA-3"]


def test_changes_are_renames_moves_and_reclassifications_on_the_effective_date(
    tree: Tree, tmp_path: Path
) -> None:
    header = [*HEADER, "Ngày hiệu lực", "Số quyết định"]
    rows = [
        *GOOD,
        [4, "CSA-1", "Chi bộ Văn phòng Sở", "Chi bộ trực thuộc", "CSA", "Cơ quan hành chính",
         "01/01/2015", "01/06/2026", "15-QĐ/ĐU"],
        [5, "CSA-2", "Chi bộ Thanh tra", "Chi bộ trực thuộc", "CSC", "Cơ quan hành chính",
         "01/01/2015", "", ""],
    ]  # fmt: skip

    batch = commit_organizations(
        actor=Operator(),
        path=_xlsx(tmp_path / "tc.xlsx", rows, header),
        user=Operator(),
        today=TODAY,
    )

    assert (batch.to_create, batch.to_update, batch.skipped) == (2, 2, 1)
    renamed = OrgEvent.objects.get(org=tree.cell_a1, kind=OrgEvent.Kind.RENAMED)
    assert (renamed.effective_date, renamed.decision) == (dt.date(2026, 6, 1), "15-QĐ/ĐU")
    moved = _version("CSA-2")
    assert (moved.valid_from, moved.parent.code if moved.parent else None) == (TODAY, "CSC")
    actions = dict(batch.org_changes.values_list("code", "action"))
    assert actions == {
        "CSC": OrgImportChange.Action.CREATED,
        "CSC-1": OrgImportChange.Action.CREATED,
        "CSA-1": OrgImportChange.Action.CHANGED,
        "CSA-2": OrgImportChange.Action.MOVED,
    }


def test_undo_restores_the_exact_previous_state(tree: Tree, tmp_path: Path) -> None:
    rows = [
        *GOOD,
        [4, "CSA-1", "Chi bộ Văn phòng Sở", "Chi bộ trực thuộc", "CSA", "Cơ quan hành chính",
         "01/01/2015"],
        [5, "CSA-2", "Chi bộ Thanh tra", "Chi bộ trực thuộc", "CSC", "Cơ quan hành chính",
         "01/01/2015"],
        [6, "CSB", "Chi bộ Hội Nông dân tỉnh", "Đảng bộ cơ sở", "DBK",
         "Cơ quan Đảng, Mặt trận, đoàn thể", "01/01/2015"],
    ]  # fmt: skip
    rows = [row for row in rows if row[0] != 3]  # CSB is reclassified instead
    before = _snapshot()
    batch = commit_organizations(
        actor=Operator(), path=_xlsx(tmp_path / "tc.xlsx", rows), user=Operator(), today=TODAY
    )
    assert _snapshot() != before

    undo_organization_import(actor=Operator(), batch=batch)

    after = _snapshot()
    assert after[:2] == before[:2]
    assert after[2][: len(before[2])] == before[2]
    undo = AuditEntry.objects.get(action="imports.batch.undone")
    imported = OrgEvent.objects.filter(pk__gt=before[2][-1][0])
    assert imported.count() == len(after[2]) - len(before[2]) > 0
    assert set(imported.values_list("undone_by", flat=True)) == {undo.pk}
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.UNDONE
    assert undo.data["deleted"] == 2
    with pytest.raises(UndoRefused, match="đã hoàn tác"):
        undo_organization_import(actor=Operator(), batch=batch)


def test_undo_is_refused_once_a_member_is_placed_in_a_created_cell(
    tree: Tree, tmp_path: Path, add_member: AddMember
) -> None:
    batch = commit_organizations(
        actor=Operator(), path=_xlsx(tmp_path / "tc.xlsx", GOOD), user=Operator(), today=TODAY
    )
    add_member(OrgUnit.objects.get(code="CSC-1"), joined_on=dt.date(2021, 1, 1))
    before = _snapshot()

    with pytest.raises(UndoRefused, match="đã có đảng viên sinh hoạt ở tổ chức CSC-1"):
        undo_organization_import(actor=Operator(), batch=batch)

    assert _snapshot() == before
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.COMMITTED


def test_undo_is_refused_after_a_later_change(tree: Tree, tmp_path: Path) -> None:
    batch = commit_organizations(
        actor=Operator(), path=_xlsx(tmp_path / "tc.xlsx", GOOD), user=Operator(), today=TODAY
    )
    org_rename(
        actor=OPERATOR,
        org=OrgUnit.objects.get(code="CSC"),
        new_name="Đảng bộ Sở Xây dựng tỉnh",
        effective_date=TODAY,
    )

    with pytest.raises(UndoRefused, match="tổ chức CSC đã thay đổi sau lần nhập này"):
        undo_organization_import(actor=Operator(), batch=batch)


def test_undo_is_refused_once_a_child_is_added_under_a_created_organization(
    tree: Tree, tmp_path: Path
) -> None:
    from dangvu.organizations.services import org_create

    batch = commit_organizations(
        actor=Operator(), path=_xlsx(tmp_path / "tc.xlsx", GOOD), user=Operator(), today=TODAY
    )
    org_create(actor=OPERATOR, code="CSC-2", name="Chi bộ Kỹ thuật", kind=OrgKind.CELL,
               sector=Sector.ADMINISTRATIVE, parent=OrgUnit.objects.get(code="CSC"),
               established_date=TODAY)  # fmt: skip

    with pytest.raises(UndoRefused, match="CSC-2 đã được đặt trực thuộc CSC"):
        undo_organization_import(actor=Operator(), batch=batch)


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_export_then_import_of_the_same_file_changes_nothing(
    tree: Tree, tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"tc.{suffix}"
    organizations_export(user=Operator(), as_of=TODAY, path=path)
    before = _snapshot()

    result = check_organizations(path=path, user=Operator(), today=TODAY)

    assert (result.problems, result.to_create, result.to_update) == ([], 0, 0)
    assert result.skipped == 5
    assert _snapshot() == before


def test_a_scoped_export_imports_back_unchanged_by_the_same_user(
    tree: Tree, tmp_path: Path, make_user: MakeUser
) -> None:
    board = make_user("tochuc", Role.ORGANIZATION_BOARD, tree.grassroots_a)
    path = tmp_path / "tc.xlsx"
    organizations_export(user=board, as_of=TODAY, path=path)

    batch = commit_organizations(actor=board, path=path, user=board, today=TODAY)

    assert (batch.rows_total, batch.to_create, batch.to_update, batch.skipped) == (3, 0, 0, 3)


def _run(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import", "organizations", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue() + err.getvalue()
    return 0, out.getvalue() + err.getvalue()


def test_the_cli_exits_0_1_or_2(tree: Tree, tmp_path: Path) -> None:
    good = _xlsx(tmp_path / "tot.xlsx", GOOD)
    bad = _xlsx(tmp_path / "sai.xlsx", [*GOOD, [4, *BAD_ROWS[0][0]]])
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"garbage")

    code, text = _run(str(good), "--dry-run")
    assert code == 0 and "2 tạo mới" in text and not OrgUnit.objects.filter(code="CSC").exists()
    code, text = _run(str(bad))
    assert code == 1 and "sai.xlsx, dòng 7, cột D (Loại)" in text
    assert not OrgUnit.objects.filter(code="CSC").exists()
    code, text = _run(str(broken))
    assert code == 2 and "Traceback" not in text and len(text.strip().splitlines()) == 1
    code, text = _run(str(good))
    assert code == 0 and OrgUnit.objects.filter(code__in=["CSC", "CSC-1"]).count() == 2


def test_the_cli_imports_with_a_users_scope(
    tree: Tree, tmp_path: Path, make_user: MakeUser
) -> None:
    make_user("bithu", Role.SECRETARY, tree.grassroots_b)

    code, text = _run(str(_xlsx(tmp_path / "tc.xlsx", GOOD)), "--user", "bithu")

    assert code == 1 and "ngoài phạm vi của bạn" in text


def test_the_pages_upload_check_commit_and_undo(
    tree: Tree, tmp_path: Path, make_user: MakeUser
) -> None:
    client = Client()
    client.force_login(make_user("quantri", Role.ADMIN))
    content = _xlsx(tmp_path / "tc.xlsx", GOOD).read_bytes()

    response = client.post(
        reverse("imports:org_upload"), {"file": SimpleUploadedFile("tc.xlsx", content)}
    )
    batch = ImportBatch.objects.get(kind=ImportBatch.Kind.ORG_IMPORT)
    assert response.url == reverse("imports:org_detail", args=[batch.pk])  # type: ignore[attr-defined]
    page = client.get(response.url).content.decode()  # type: ignore[attr-defined]
    assert "3 dòng: 2 tạo mới, 0 thay đổi, 1 không đổi." in page

    client.post(reverse("imports:org_commit", args=[batch.pk]))
    assert OrgUnit.objects.filter(code__in=["CSC", "CSC-1"]).count() == 2
    page = client.get(reverse("imports:org_detail", args=[batch.pk])).content.decode()
    assert "CSC-1" in page and "Hoàn tác lần nhập" in page

    client.post(reverse("imports:undo", args=[batch.pk]))
    assert not OrgUnit.objects.filter(code__in=["CSC", "CSC-1"]).exists()


def test_the_page_shows_the_problems_and_offers_no_commit(
    tree: Tree, tmp_path: Path, make_user: MakeUser
) -> None:
    client = Client()
    client.force_login(make_user("quantri", Role.ADMIN))
    content = _xlsx(tmp_path / "sai.xlsx", [*GOOD, [4, *BAD_ROWS[1][0]]]).read_bytes()

    response = client.post(
        reverse("imports:org_upload"), {"file": SimpleUploadedFile("sai.xlsx", content)}
    )
    page = client.get(response.url).content.decode()  # type: ignore[attr-defined]

    assert "Không có tổ chức mã này" in page and "KHONGCO" in page
    assert reverse("imports:org_commit", args=[response.url.split("/")[-2]]) not in page  # type: ignore[attr-defined]


def test_the_page_maps_an_unknown_header_and_the_commit_keeps_the_mapping(
    tree: Tree, tmp_path: Path, make_user: MakeUser
) -> None:
    client = Client()
    client.force_login(make_user("quantri", Role.ADMIN))
    header = [*HEADER[:5], HEADER[5], "Thời điểm ra đời"]  # "Ngày thành lập" written otherwise
    content = _xlsx(tmp_path / "tc.xlsx", GOOD, header=header).read_bytes()
    response = client.post(
        reverse("imports:org_upload"), {"file": SimpleUploadedFile("tc.xlsx", content)}
    )
    batch = ImportBatch.objects.get(kind=ImportBatch.Kind.ORG_IMPORT)
    page = client.get(response.url).content.decode()  # type: ignore[attr-defined]
    assert "Thiếu cột bắt buộc: Ngày thành lập" in page and "Thời điểm ra đời" in page

    mapped = {f"col-{i}": name for i, name in {int(k): v for k, v in batch.mapping.items()}.items()}
    client.post(
        reverse("imports:org_remap", args=[batch.pk]), mapped | {"col-6": "established_date"}
    )

    batch.refresh_from_db()
    assert (batch.problems, batch.to_create) == ([], 2)
    client.post(reverse("imports:org_commit", args=[batch.pk]))
    assert _version("CSC-1").org.established_date == dt.date(2020, 3, 1)


AUTHORITY_HEADER = [*HEADER, "Số QĐ ủy quyền kết nạp", "Ngày ủy quyền kết nạp"]
CSA_ROW = [1, "CSA", "", "Đảng bộ cơ sở", "DBK", "", "01/01/2015"]  # the name: today's


def _authorising(tmp_path: Path, *rows: list[object]) -> Path:
    return _xlsx(tmp_path / "uq.xlsx", list(rows), header=AUTHORITY_HEADER)


def test_an_authorisation_to_admit_is_recorded_audited_and_undone(
    tree: Tree, tmp_path: Path
) -> None:
    csa = [*CSA_ROW[:2], _version("CSA").name, *CSA_ROW[3:]]  # changes nothing else
    path = _authorising(tmp_path, [*csa, "15-QĐ/ĐUK", "02/03/2024"])

    batch = commit_organizations(actor=Operator(), path=path, user=Operator(), today=TODAY)

    authority = AdmissionAuthority.objects.get(org=tree.grassroots_a)
    assert (authority.valid_from, authority.decision_number) == (dt.date(2024, 3, 2), "15-QĐ/ĐUK")
    assert (batch.to_create, batch.to_update) == (0, 1)
    entry = AuditEntry.objects.get(action="imports.batch.committed")
    assert list(entry.rows.values_list("action", flat=True)) == [
        "organizations.admission_authority.granted"
    ]
    assert OrgImportChange.objects.get(batch=batch).authority_ids == [authority.pk]

    undo_organization_import(actor=Operator(), batch=batch)

    assert not AdmissionAuthority.objects.exists()
    undone = AuditEntry.objects.get(action="imports.batch.undone").rows.get()
    assert undone.data["authorities"] == 1


def test_an_exported_authorisation_imports_back_unchanged(tree: Tree, tmp_path: Path) -> None:
    admission_authority_grant(actor=OPERATOR, org=tree.grassroots_a, on=dt.date(2024, 3, 2),
                              decision="15-QĐ/ĐUK", today=TODAY)  # fmt: skip
    path = tmp_path / "tc.xlsx"
    organizations_export(user=Operator(), as_of=TODAY, path=path)
    before = _snapshot(), list(AdmissionAuthority.objects.values_list())

    result = check_organizations(path=path, user=Operator(), today=TODAY)

    assert (result.problems, result.to_create, result.to_update) == ([], 0, 0)
    assert (_snapshot(), list(AdmissionAuthority.objects.values_list())) == before


def test_an_authorisation_is_refused_where_the_rules_refuse_it(
    tree: Tree, tmp_path: Path, make_user: MakeUser
) -> None:
    admission_authority_grant(actor=OPERATOR, org=tree.grassroots_a, on=dt.date(2024, 3, 2),
                              decision="15-QĐ/ĐUK", today=TODAY)  # fmt: skip
    csa = [*CSA_ROW[:2], _version("CSA").name, *CSA_ROW[3:]]
    csb = [2, "CSB", _version("CSB").name, "Chi bộ cơ sở", "DBK", "", "01/01/2015"]
    path = _authorising(
        tmp_path,
        [*csa, "16-QĐ/ĐUK", "02/03/2024"],  # the same day, another decision
        [*csb, "17-QĐ/ĐUK", "02/03/2024"],  # a chi bộ cơ sở
        [3, "CSN", "Đảng bộ Công ty N", "Đảng bộ cơ sở", "DBK", "Doanh nghiệp nhà nước",
         "01/01/2020", "18-QĐ/ĐUK", ""],  # no date
        [4, "CSM", "Đảng bộ Công ty M", "Đảng bộ cơ sở", "DBK", "Doanh nghiệp nhà nước",
         "01/01/2020", "1" * 121, "02/03/2024"],  # longer than the column keeps
    )  # fmt: skip

    result = check_organizations(path=path, user=Operator(), today=TODAY)

    assert [(p.row, p.column) for p in result.problems] == [(4, "H"), (5, "H"), (6, "I"),
                                                            (7, "H")]  # fmt: skip
    first, second, third, fourth = (p.message for p in result.problems)
    assert fourth == "Dài quá 120 ký tự."
    assert first.startswith("Đã có ủy quyền kết nạp theo quyết định 15-QĐ/ĐUK từ ngày 02/03/2024")
    assert second.startswith("Chỉ đảng ủy cơ sở")
    assert third.startswith("Ghi cả số và ngày quyết định ủy quyền")
    # The grassroots organization's own board may not authorise itself: the committee
    # above it does (its scope is checked on the day of the decision).
    board = make_user("tochuc", Role.ORGANIZATION_BOARD, tree.grassroots_a)
    AdmissionAuthority.objects.all().delete()
    mine = _authorising(tmp_path, [*csa, "19-QĐ/ĐUK", "02/03/2024"])

    result = check_organizations(path=mine, user=board, today=TODAY)

    assert [(p.row, p.column) for p in result.problems] == [(4, "H")]
    assert not AdmissionAuthority.objects.exists()


def test_undo_is_refused_once_the_imported_authorisation_is_withdrawn(
    tree: Tree, tmp_path: Path
) -> None:
    csa = [*CSA_ROW[:2], _version("CSA").name, *CSA_ROW[3:]]
    path = _authorising(tmp_path, [*csa, "15-QĐ/ĐUK", "02/03/2024"])
    batch = commit_organizations(actor=Operator(), path=path, user=Operator(), today=TODAY)
    admission_authority_withdraw(actor=OPERATOR, org=tree.grassroots_a, on=dt.date(2026, 1, 5),
                                 decision="40-QĐ/ĐU", today=TODAY)  # fmt: skip

    with pytest.raises(UndoRefused, match="ủy quyền kết nạp của tổ chức CSA đã bị thu hồi"):
        undo_organization_import(actor=Operator(), batch=batch)

    assert AdmissionAuthority.objects.get().valid_to == dt.date(2026, 1, 5)
