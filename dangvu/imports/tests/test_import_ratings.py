"""`dangvu evaluation import`: ratings from the spreadsheets organizations send, written at
the round's step through the evaluation's own service, all or nothing, every problem at its
row and column."""

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from conftest import TODAY, MakeUser, Outside, Tree
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry
from dangvu.evaluation.models import Rating, Round, Stage
from dangvu.evaluation.rules import DONE, EXCELLENT, FAILED, GOOD
from dangvu.evaluation.tests.conftest import MakeRated, advance_to
from dangvu.imports.tests.sheets import write_xlsx
from dangvu.organizations.roles import Role

TITLE = "DANH SÁCH ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN NĂM"


def xlsx(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    """A workbook as offices send it: a title row and a blank row above the header (row 3)."""
    return write_xlsx(path, header, rows, title=TITLE, sheet_name="Xếp loại")


def csv_file(path: Path, header: list[str], rows: list[list[object]], delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def run(path: Path, year: int, *extra: str) -> tuple[int, str, str]:
    """Run the command; its exit code, output and errors."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(
            "evaluation", "import", str(path), "--year", str(year), *extra, stdout=out, stderr=err
        )
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    return code, out.getvalue(), err.getvalue()


def written(year: int, field: str = "self_level") -> dict[int, str]:
    return {
        r.pk: getattr(r, field)
        for r in Rating.objects.filter(round__year=year).exclude(**{field: ""})
    }


def test_members_are_rated_by_cccd_with_levels_in_full_in_short_and_as_codes(
    rated: MakeRated, tmp_path: Path
) -> None:
    world = rated(2021)
    levels = [
        "Hoàn thành xuất sắc nhiệm vụ",
        "HOÀN THÀNH TỐT NHIỆM VỤ",
        "hoan thanh nhiem vu",
        "HT tốt NV",
        "Không HT NV",
        "HTTNV",
        "khtnv",
    ]
    rows: list[list[object]] = [
        [i + 1, m.full_name, m.national_id, level]
        for i, (m, level) in enumerate(zip(world.a1, levels, strict=False))
    ]
    path = xlsx(
        tmp_path / "chi-bo-van-phong.xlsx", ["STT", "Họ và tên", "Số CMND/CCCD", "Xếp loại"], rows
    )

    code, out, _err = run(path, 2021)

    assert code == 0, out
    assert [world.of(m).self_level for m in world.a1[:7]] == [
        EXCELLENT, GOOD, DONE, GOOD, FAILED, GOOD, FAILED
    ]  # fmt: skip
    assert "Đã đọc 7 dòng" in out and "7 xếp loại thay đổi" in out
    assert "Hoàn thành tốt nhiệm vụ: 3" in out
    entry = AuditEntry.objects.get(action=Event.EVALUATION_RATED, batch=None)
    assert entry.data["file"] == "chi-bo-van-phong.xlsx" and entry.data["count"] == 7
    assert AuditEntry.objects.filter(batch=entry).count() == 7


def test_organizations_are_rated_by_code_from_a_csv(
    rated: MakeRated, tree: Tree, tmp_path: Path
) -> None:
    world = rated(2021)
    path = csv_file(
        tmp_path / "to-chuc.csv",
        ["Mã TCĐ", "Tên tổ chức", "Mức xếp loại"],
        [["csa-1", "Chi bộ Văn phòng", "HTTNV"], ["CSB", "Chi bộ Hội Nông dân tỉnh", "HTNV"]],
        delimiter=";",
    )

    code, out, _err = run(path, 2021, "--org", "DBK")

    assert code == 0, out
    assert world.of(tree.cell_a1).self_level == GOOD
    assert world.of(tree.grassroots_b).self_level == DONE


def test_a_name_typed_in_tcvn3_is_read_as_unicode_before_it_is_compared(
    rated: MakeRated, tmp_path: Path
) -> None:
    world = rated(2021)
    member = world.of(world.b[0])
    Rating.objects.filter(pk=member.pk).update(label="Nguyễn Văn An")
    path = xlsx(
        tmp_path / "abc.xlsx",
        ["Họ tên", "Số CCCD", "Xếp loại"],
        [["NguyÔn V¨n An", world.b[0].national_id, "HTNV"]],  # TCVN3 (ABC fonts)
    )

    code, out, _err = run(path, 2021)

    assert code == 0, out
    assert world.of(world.b[0]).self_level == DONE


def test_a_2025_file_carries_scores_checked_against_the_rules(
    rated: MakeRated, tmp_path: Path
) -> None:
    world = rated(2025)
    members = world.b
    header = ["CCCD", "Xếp loại", "Tổng điểm"]
    good = csv_file(
        tmp_path / "diem.csv",
        header,
        [[members[0].national_id, "HTTNV", "85,5"], [members[1].national_id, "HTNV", 60]],
    )

    assert run(good, 2025)[0] == 0
    assert world.of(members[0]).self_score == Decimal("85.5")
    assert world.of(members[1]).self_score == Decimal(60)

    bad = csv_file(
        tmp_path / "diem-sai.csv",
        header,
        [
            [members[0].national_id, "HTTNV", ""],
            [members[1].national_id, "HTNV", "120"],
            [members[2].national_id, "HTNV", "sáu mươi"],
        ],
    )
    code, out, _err = run(bad, 2025)
    assert code == 1
    assert (
        "diem-sai.csv, dòng 2, cột C (Tổng điểm): Năm đánh giá này chấm điểm: cần nhập điểm" in out
    )
    assert "dòng 3, cột C (Tổng điểm): “120” Điểm phải từ 0 đến 100" in out
    assert "dòng 4, cột C (Tổng điểm): “sáu mươi” Điểm phải là một số" in out
    assert world.of(members[2]).self_level == ""


def test_a_year_that_does_not_score_refuses_scores_and_one_that_does_needs_the_column(
    rated: MakeRated, tmp_path: Path
) -> None:
    rated(2021)
    member = Rating.objects.filter(kind=Rating.Kind.MEMBER).select_related("member").first()
    assert member is not None and member.member is not None
    scored = csv_file(
        tmp_path / "a.csv", ["CCCD", "Xếp loại", "Điểm"], [[member.member.national_id, "HTNV", 60]]
    )

    code, out, _err = run(scored, 2021)

    assert code == 1
    assert "dòng 2, cột C (Điểm): “60” Năm 2021 không chấm điểm (Quy định 132-QĐ/TW" in out
    assert not written(2021)


def test_a_score_year_without_a_score_column_is_refused_at_the_header(
    rated: MakeRated, tmp_path: Path
) -> None:
    world = rated(2025)
    path = csv_file(tmp_path / "a.csv", ["CCCD", "Xếp loại"], [[world.b[0].national_id, "HTNV"]])

    code, out, _err = run(path, 2025)

    assert code == 1
    assert "dòng 1: Thiếu cột bắt buộc: Điểm (năm 2025 chấm điểm theo Quy định 366-QĐ/TW" in out


def test_a_quota_broken_names_the_rule_and_the_rows_until_an_override_keeps_it(
    rated: MakeRated, make_user: MakeUser, tree: Tree, tmp_path: Path
) -> None:
    world = rated(2021)
    advance_to(world, Stage.PROPOSAL)
    make_user("bithu", Role.SECRETARY, tree.grassroots_a)
    # CSA's members: 2 HTXSNV for 9 HTTNV, a fifth of 9 is 1.
    levels = [EXCELLENT, EXCELLENT] + [GOOD] * 8
    rows: list[list[object]] = [
        [m.national_id, level, ""] for m, level in zip(world.a1, levels, strict=True)
    ]
    rows.append([world.a2[0].national_id, GOOD, ""])
    header = ["Số CCCD", "Đề xuất xếp loại", "Lý do vượt quy định"]

    code, out, _err = run(xlsx(tmp_path / "csa.xlsx", header, rows), 2021, "--user", "bithu")

    assert code == 1
    assert (
        "csa.xlsx, dòng 4, cột B (Đề xuất xếp loại): “HTXSNV” Đảng viên – Đảng bộ Sở Tài chính"
        in out
    )
    assert "vượt tỷ lệ tối đa 20%" in out and "HD 21-HD/BTCTW" in out
    assert "các dòng xếp loại hoàn thành xuất sắc nhiệm vụ: 4, 5." in out
    assert not written(2021, "proposed_level")

    rows[1][2] = "Gương sáng của năm, được Bộ khen"
    code, out, _err = run(xlsx(tmp_path / "csa.xlsx", header, rows), 2021, "--user", "bithu")

    assert code == 0, out
    assert world.of(world.a1[1]).override_reason == "Gương sáng của năm, được Bộ khen"
    assert len(written(2021, "proposed_level")) == 11


def test_unknown_duplicate_unnamed_and_misnamed_rows_are_each_located(
    rated: MakeRated, outside: Outside, tmp_path: Path
) -> None:
    world = rated(2021)
    first, second = world.a1[0], world.a1[1]
    rows: list[list[object]] = [
        [first.full_name, first.national_id, "HTTNV"],
        ["Người Lạ", "001099000001", "HTTNV"],
        [first.full_name, first.national_id, "HTNV"],
        ["Trần Văn Sai", second.national_id, "HTNV"],
        [world.a1[2].full_name, world.a1[2].national_id, "Tốt"],
        [outside.member.full_name, outside.member.national_id, "HTNV"],
        ["Tổng cộng", "", "HTNV"],
        [world.a1[3].full_name, world.a1[3].national_id, ""],
    ]
    path = xlsx(tmp_path / "loi.xlsx", ["Họ và tên", "Số căn cước", "Xếp loại"], rows)

    code, out, err = run(path, 2021, "--org", "DBK")

    assert code == 1
    lines = out.splitlines()
    assert lines == [
        "loi.xlsx, dòng 5, cột B (Số căn cước): “001099000001” Không có đảng viên này "
        "trong đợt đánh giá năm 2021 của DBK, trong phạm vi của bạn.",
        f"loi.xlsx, dòng 6, cột B (Số căn cước): “{first.national_id}” Trùng với dòng 4.",
        "loi.xlsx, dòng 7, cột A (Họ và tên): “Trần Văn Sai” Họ và tên không khớp với đảng "
        f"viên mang số CCCD này: {second.full_name}.",
        "loi.xlsx, dòng 8, cột C (Xếp loại): “Tốt” Không rõ mức xếp loại; ghi một trong: "
        "Hoàn thành xuất sắc nhiệm vụ, Hoàn thành tốt nhiệm vụ, Hoàn thành nhiệm vụ, Không "
        "hoàn thành nhiệm vụ (hoặc HTXSNV, HTTNV, HTNV, KHTNV).",
        f"loi.xlsx, dòng 9, cột B (Số căn cước): “{outside.member.national_id}” Không "
        "có đảng viên này trong đợt đánh giá năm 2021 của DBK, trong phạm vi của bạn.",
        "loi.xlsx, dòng 10, cột B (Số căn cước): Thiếu số CCCD hoặc mã tổ chức.",
        "loi.xlsx, dòng 11, cột C (Xếp loại): Ô bắt buộc đang để trống.",
    ]
    assert "Có 7 lỗi; không ghi gì." in err
    assert not written(2021)


def test_a_secretary_cannot_rate_outside_their_organization(
    rated: MakeRated, make_user: MakeUser, tree: Tree, tmp_path: Path
) -> None:
    world = rated(2021)
    advance_to(world, Stage.PROPOSAL)
    make_user("bithu_b", Role.SECRETARY, tree.grassroots_b)
    rows: list[list[object]] = [
        [world.b[0].national_id, "HTTNV"],
        [world.a1[0].national_id, "HTTNV"],
    ]
    path = csv_file(tmp_path / "b.csv", ["CCCD", "Xếp loại"], rows)

    code, out, _err = run(path, 2021, "--user", "bithu_b")

    assert code == 1
    assert (
        f"b.csv, dòng 3, cột A (CCCD): “{world.a1[0].national_id}” Không có đảng viên này "
        "trong đợt đánh giá năm 2021 của DBK, trong phạm vi của bạn." in out
    )
    assert not written(2021, "proposed_level")


def test_a_subject_seen_but_not_written_at_the_step_is_named(
    rated: MakeRated, make_user: MakeUser, tree: Tree, tmp_path: Path
) -> None:
    world = rated(2021)
    advance_to(world, Stage.PROPOSAL)
    make_user("bithu_a", Role.SECRETARY, tree.grassroots_a)
    path = csv_file(tmp_path / "a.csv", ["Mã tổ chức", "Xếp loại"], [["CSA", "HTTNV"]])

    code, out, _err = run(path, 2021, "--user", "bithu_a")

    assert code == 1
    assert (
        "a.csv, dòng 2, cột A (Mã tổ chức): “CSA” Đảng bộ Sở Tài chính nằm ngoài phạm vi "
        "bạn được ghi ở bước “Thẩm định, đề xuất”." in out
    )
    assert not written(2021, "proposed_level")


def test_a_dry_run_checks_everything_and_writes_nothing(rated: MakeRated, tmp_path: Path) -> None:
    world = rated(2021)
    path = csv_file(tmp_path / "a.csv", ["CCCD", "Xếp loại"], [[world.b[0].national_id, "HTXSNV"]])

    code, out, _err = run(path, 2021, "--dry-run")

    assert code == 0
    assert (
        "Kiểm tra xong 1 dòng" in out and "1 xếp loại sẽ thay đổi" in out and "Chưa ghi gì" in out
    )
    assert not written(2021)
    assert not AuditEntry.objects.filter(action=Event.EVALUATION_RATED).exists()


def test_an_unchanged_file_changes_nothing_and_records_nothing(
    rated: MakeRated, tmp_path: Path
) -> None:
    world = rated(2021)
    path = csv_file(tmp_path / "a.csv", ["CCCD", "Xếp loại"], [[world.b[0].national_id, "HTNV"]])
    assert run(path, 2021)[0] == 0

    code, out, _err = run(path, 2021)

    assert code == 0 and "0 xếp loại thay đổi" in out
    assert AuditEntry.objects.filter(action=Event.EVALUATION_RATED, batch=None).count() == 1


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("trong.csv", b"", "tệp rỗng"),
        ("ghi-chu.txt", b"CCCD,Xep loai\n", "không phải bảng tính"),
        ("khong-tieu-de.csv", "Một,Hai\n1,2\n".encode(), "Không tìm thấy dòng tiêu đề"),
    ],
)
def test_an_unreadable_file_exits_2_with_the_readers_reason(
    rated: MakeRated, tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    rated(2021)
    path = tmp_path / name
    path.write_bytes(content)

    code, out, err = run(path, 2021)

    assert code == 2 and reason in err and not out
    assert not written(2021)


def test_a_missing_round_is_refused(rated: MakeRated, tmp_path: Path) -> None:
    path = csv_file(tmp_path / "a.csv", ["CCCD", "Xếp loại"], [["001099000001", "HTNV"]])
    rated(2021)

    with pytest.raises(CommandError, match="DBK chưa có đợt đánh giá năm 2022"):
        run(path, 2022)
    with pytest.raises(CommandError, match="chưa có đợt đánh giá năm 9999"):
        run(path, 9999)


def test_a_closed_round_is_read_only(rated: MakeRated, tmp_path: Path) -> None:
    world = rated(2021)
    Round.objects.filter(pk=world.round.pk).update(stage=Stage.CLOSED, closed_on=TODAY)
    path = csv_file(tmp_path / "a.csv", ["CCCD", "Xếp loại"], [[world.b[0].national_id, "HTNV"]])

    with pytest.raises(CommandError, match="Đợt đánh giá đã kết thúc: chỉ xem"):
        run(path, 2021)
    assert not written(2021, "level")


def test_the_decision_step_writes_the_decided_level_and_checks_organization_names(
    rated: MakeRated, make_user: MakeUser, tree: Tree, tmp_path: Path
) -> None:
    world = rated(2021)
    advance_to(world, Stage.DECISION)
    make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee)
    header = ["Mã đơn vị", "Tên đơn vị", "Quyết định xếp loại"]
    misnamed = csv_file(tmp_path / "a.csv", header, [["CSB", "Chi bộ Công ty X", "HTNV"]])

    code, out, _err = run(misnamed, 2021, "--user", "tochuc")

    assert code == 1
    assert (
        "a.csv, dòng 2, cột B (Tên đơn vị): “Chi bộ Công ty X” Tên không khớp với tổ chức "
        "mang mã này: Chi bộ Hội Nông dân tỉnh." in out
    )
    named = csv_file(tmp_path / "b.csv", header, [["CSB", "chi bo hoi nong dan tinh", "HTNV"]])
    assert run(named, 2021, "--user", "tochuc")[0] == 0
    assert world.of(tree.grassroots_b).level == DONE
    assert not world.of(tree.grassroots_b).self_level


@pytest.mark.parametrize(
    ("cccd", "score", "message"),
    [
        ("9" * 300, "", "DBK (số CCCD có 12 chữ số), trong phạm vi của bạn."),
        ("03808500123x", "", "Số CCCD chỉ gồm chữ số."),
        (None, "1e999999", "Điểm phải là một số"),
        (None, "9" * 400, "Điểm phải là một số"),
        (None, "-0,5", "Điểm phải từ 0 đến 100"),
        (None, "NaN", "Điểm phải là một số"),
    ],
)
def test_hostile_cells_are_located_problems(
    rated: MakeRated, tmp_path: Path, cccd: str | None, score: str, message: str
) -> None:
    world = rated(2025)
    row: list[object] = [cccd or world.b[0].national_id, "HTNV", score or "60"]
    path = csv_file(tmp_path / "a.csv", ["CCCD", "Xếp loại", "Điểm"], [row])

    code, out, _err = run(path, 2025)

    assert code == 1 and message in out
    assert not written(2025)
