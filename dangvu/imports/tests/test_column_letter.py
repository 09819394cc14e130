import pytest

from dangvu.imports.problems import column_letter


@pytest.mark.parametrize(
    ("index", "letters"), [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA")]
)
def test_problems_name_columns_as_spreadsheets_do(index: int, letters: str) -> None:
    assert column_letter(index) == letters
