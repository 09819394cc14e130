"""A document lacking data names, in Vietnamese, every fact it lacks, and prints nothing
(no "……" in a final document, HD 36-HD/VPTW)."""

import datetime as dt

import pytest

from dangvu.members.documents import DocumentNotReady, require_data


@pytest.mark.parametrize(
    ("needed", "message"),
    [
        (
            [("quê quán", "")],
            "Chưa in được quyết định xóa tên đảng viên: hồ sơ còn thiếu quê quán.",
        ),
        (
            [("quê quán", None), ("số văn bản", ""), ("nơi sinh", "Thanh Hóa")],
            "Chưa in được quyết định xóa tên đảng viên: hồ sơ còn thiếu quê quán, số văn bản.",
        ),
    ],
)
def test_what_is_missing_is_named(needed: list[tuple[str, object]], message: str) -> None:
    with pytest.raises(DocumentNotReady) as refused:
        require_data("Quyết định xóa tên đảng viên", needed)

    assert str(refused.value) == message


@pytest.mark.parametrize("value", ["Thanh Hóa", dt.date(2025, 1, 2), 12])
def test_data_present_prints(value: object) -> None:
    require_data("Phiếu đảng viên", [("quê quán", value)])
