"""The import coercion applies the product's input policy: dates by kind of fact, text
without hidden or control characters. Each refusal is a located problem; nothing is written."""

from pathlib import Path

import pytest

from conftest import TODAY, Tree
from dangvu.imports.members import commit_members
from dangvu.imports.organizations import commit_organizations
from dangvu.imports.problems import ImportRefused
from dangvu.members.models import Member
from dangvu.organizations.access import Operator
from dangvu.organizations.models import OrgUnit

HEADER = ["Họ tên", "Ngày sinh", "Giới tính", "Số CCCD", "Ngày vào Đảng", "Mã chi bộ"]
GOOD = ["Nguyễn Văn Nhập", "15/03/1985", "Nam", "038085001001", "19/05/2010", "CSA-1"]


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("B", "01/01/0001",
         "Ngày sinh phải từ 26/11/1906 (120 năm trước) đến hôm nay (26/11/2026)."),
        ("B", "31/12/9999", "Ngày sinh phải từ 26/11/1906"),
        ("E", "31/12/9999",
         "Ngày vào Đảng phải từ 03/02/1930 (ngày thành lập Đảng) đến hôm nay (26/11/2026)."),
        ("E", "02/02/1930", "Ngày vào Đảng phải từ 03/02/1930"),
        ("A", "Nguyễn Văn \u202eNhập", "Họ và tên chứa ký tự ẩn hoặc ký tự điều khiển (U+202E)"),
        ("A", "Nguyễn\u200bVăn Nhập", "(U+200B)"),
    ],
)  # fmt: skip
def test_a_member_row_out_of_policy_is_a_located_problem(
    tree: Tree, tmp_path: Path, column: str, value: str, message: str
) -> None:
    row = list(GOOD)
    row["ABCDEF".index(column)] = value
    path = _csv(tmp_path / "ds.csv", HEADER, row)

    with pytest.raises(ImportRefused) as refused:
        commit_members(actor=Operator(), path=path, user=Operator(), today=TODAY)

    problems = refused.value.result.problems
    assert [(p.row, p.column) for p in problems] == [(2, column)], [str(p) for p in problems]
    assert message in problems[0].message
    assert not Member.objects.exists()


def _csv(path: Path, header: list[str], row: list[str]) -> Path:
    path.write_text("\n".join(",".join(cells) for cells in (header, row)) + "\n", "utf-8")
    return path


ORG_HEADER = ["Mã", "Tên tổ chức", "Loại", "Mã tổ chức cấp trên", "Ngày thành lập"]


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (["CSZ", "Chi bộ \u2067Z", "Chi bộ cơ sở", "DBK", "01/01/2020"], "B",
         "Tên tổ chức chứa ký tự ẩn hoặc ký tự điều khiển (U+2067)"),
        (["CSZ", "Chi bộ Z", "Chi bộ cơ sở", "DBK", "31/12/9999"], "E",
         "Ngày thành lập phải từ 03/02/1930 (ngày thành lập Đảng) đến 24/02/2027 (90 ngày tới)."),
    ],
)  # fmt: skip
def test_an_organization_row_out_of_policy_is_a_located_problem(
    tree: Tree, tmp_path: Path, row: list[str], column: str, message: str
) -> None:
    path = _csv(tmp_path / "tc.csv", ORG_HEADER, row)

    with pytest.raises(ImportRefused) as refused:
        commit_organizations(actor=Operator(), path=path, user=Operator(), today=TODAY)

    problems = refused.value.result.problems
    assert [(p.row, p.column) for p in problems] == [(2, column)], [str(p) for p in problems]
    assert message in problems[0].message
    assert not OrgUnit.objects.filter(code="CSZ").exists()
