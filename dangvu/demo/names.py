"""Deterministic Vietnamese person-name generator for demo data.

Faker's ``vi_VN`` provider produces implausible combinations, so demo data uses
this small, self-contained generator instead.  A name is built as
``<family> <middle> <given>``:

* Family names are drawn with weights close to the commonly cited Vietnamese
  surname distribution (Nguyễn ≈ 38 %, Trần ≈ 11 %, Lê ≈ 9.5 %, Phạm ≈ 7 %,
  Hoàng/Huỳnh ≈ 5 %, Phan ≈ 4.5 %, Vũ/Võ ≈ 3.9 %, Đặng ≈ 2.1 %, Bùi ≈ 2 %,
  Đỗ ≈ 1.4 %, Hồ ≈ 1.3 %, Ngô ≈ 1.3 %, Dương ≈ 1 %, Lý ≈ 0.5 %) plus a long
  tail of less common real surnames sharing the remaining ≈ 11.5 %.
* Middle names are gendered ("Văn" ≈ 40 % of men, "Thị" ≈ 45 % of women);
  about 10 % of people get a two-word middle name such as "Văn Minh" or
  "Thị Thu".
* Given names are one syllable, drawn uniformly from pools of well over 150
  real names per gender.

All randomness comes from the :class:`random.Random` instance passed in, so a
given seed always yields the same sequence of names.  All strings are Unicode
NFC, using the traditional tone-mark placement ("Hòa", "Thùy").
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

__all__ = [
    "FAMILY_NAMES",
    "FEMALE_GIVEN_NAMES",
    "FEMALE_MIDDLE_NAMES",
    "MALE_GIVEN_NAMES",
    "MALE_MIDDLE_NAMES",
    "PersonName",
    "random_name",
]


@dataclass(frozen=True)
class PersonName:
    """A Vietnamese personal name split into its three conventional parts."""

    family: str
    middle: str
    given: str

    @property
    def full(self) -> str:
        """The name in Vietnamese order, e.g. ``"Nguyễn Văn An"``."""
        return " ".join(part for part in (self.family, self.middle, self.given) if part)


# (surname, weight in percent of the population)
FAMILY_NAMES: Final[tuple[tuple[str, float], ...]] = (
    ("Nguyễn", 38.0),
    ("Trần", 11.0),
    ("Lê", 9.5),
    ("Phạm", 7.0),
    ("Hoàng", 3.0),
    ("Huỳnh", 2.0),
    ("Phan", 4.5),
    ("Vũ", 2.2),
    ("Võ", 1.7),
    ("Đặng", 2.1),
    ("Bùi", 2.0),
    ("Đỗ", 1.4),
    ("Hồ", 1.3),
    ("Ngô", 1.3),
    ("Dương", 1.0),
    ("Lý", 0.5),
    # Long tail: together ≈ 11.5 %.
    ("Đinh", 0.9),
    ("Đào", 0.8),
    ("Đoàn", 0.8),
    ("Trịnh", 0.7),
    ("Lương", 0.6),
    ("Mai", 0.5),
    ("Cao", 0.5),
    ("Hà", 0.5),
    ("Lâm", 0.4),
    ("Phùng", 0.4),
    ("Tạ", 0.3),
    ("Chu", 0.3),
    ("Lưu", 0.3),
    ("Tô", 0.3),
    ("Vương", 0.3),
    ("Châu", 0.25),
    ("Kiều", 0.25),
    ("Triệu", 0.25),
    ("Quách", 0.25),
    ("Thái", 0.25),
    ("Lại", 0.25),
    ("Nông", 0.25),
    ("Tăng", 0.2),
    ("Từ", 0.2),
    ("Tống", 0.2),
    ("Văn", 0.15),
    ("La", 0.15),
    ("Mạc", 0.15),
    ("Hứa", 0.15),
    ("Thân", 0.15),
    ("Nghiêm", 0.15),
    ("Khúc", 0.1),
    ("Diệp", 0.1),
    ("Giang", 0.1),
    ("Khổng", 0.1),
    ("Âu", 0.1),
    ("Lò", 0.1),
    ("Hầu", 0.1),
    ("Doãn", 0.1),
    ("Ninh", 0.1),
    ("Bạch", 0.1),
    ("Cù", 0.1),
    ("Lã", 0.1),
)

# (middle name, weight in percent) — single-word middle names.
MALE_MIDDLE_NAMES: Final[tuple[tuple[str, float], ...]] = (
    ("Văn", 48.0),
    ("Đức", 7.0),
    ("Minh", 7.0),
    ("Quang", 5.0),
    ("Hữu", 5.0),
    ("Công", 4.0),
    ("Thanh", 4.0),
    ("Xuân", 3.0),
    ("Ngọc", 3.0),
    ("Tiến", 2.0),
    ("Mạnh", 2.0),
    ("Trọng", 2.0),
    ("Duy", 2.0),
    ("Hoàng", 2.0),
    ("Quốc", 2.0),
    ("Anh", 2.0),
    ("Đình", 2.0),
    ("Bá", 1.5),
    ("Trung", 1.5),
    ("Việt", 1.5),
    ("Thành", 1.0),
    ("Tuấn", 1.0),
    ("Hồng", 1.0),
    ("Kim", 0.5),
    ("Gia", 0.5),
    ("Nhật", 0.5),
    ("Thế", 0.5),
    ("Khắc", 0.5),
    ("Phú", 0.5),
    ("Bảo", 0.5),
)

FEMALE_MIDDLE_NAMES: Final[tuple[tuple[str, float], ...]] = (
    ("Thị", 45.0),
    ("Ngọc", 7.0),
    ("Thu", 5.0),
    ("Thanh", 5.0),
    ("Minh", 4.0),
    ("Phương", 3.0),
    ("Hồng", 3.0),
    ("Thùy", 3.0),
    ("Kim", 3.0),
    ("Mai", 2.0),
    ("Bích", 2.0),
    ("Hải", 2.0),
    ("Diệu", 2.0),
    ("Khánh", 2.0),
    ("Bảo", 2.0),
    ("Quỳnh", 2.0),
    ("Hoài", 1.5),
    ("Thảo", 1.0),
    ("Thúy", 1.0),
    ("Lan", 1.0),
    ("Hoàng", 1.0),
    ("Tuyết", 1.0),
    ("Xuân", 1.0),
    ("Huyền", 0.5),
    ("Cẩm", 0.5),
    ("Mỹ", 0.5),
    ("Kiều", 0.5),
    ("Vân", 0.5),
)

# Two-word middle names are built as "<first> <second>" from these parts.
# fmt: off
_MALE_DOUBLE_FIRST: Final[tuple[str, ...]] = (
    "Văn", "Đức", "Hữu", "Công", "Đình", "Quang", "Ngọc", "Minh", "Xuân",
)
_MALE_DOUBLE_SECOND: Final[tuple[str, ...]] = (
    "Minh", "Quang", "Thanh", "Đức", "Anh", "Hoàng", "Bảo", "Gia", "Nhật",
    "Thành", "Trung", "Hải", "Tuấn", "Việt",
)
_FEMALE_DOUBLE_FIRST: Final[tuple[str, ...]] = (
    "Thị", "Ngọc", "Thanh", "Hoàng", "Thu", "Kim",
)
_FEMALE_DOUBLE_SECOND: Final[tuple[str, ...]] = (
    "Thu", "Minh", "Bảo", "Ngọc", "Thanh", "Hồng", "Kim", "Phương", "Mai",
    "Diệu", "Khánh", "Hoài", "Lan", "Quỳnh", "Thùy", "Bích",
)

# fmt: on

_DOUBLE_MIDDLE_SHARE: Final = 0.10
# First part of a two-word female middle name is "Thị" this often, keeping the
# overall "Thị" share near 45 %.
_FEMALE_DOUBLE_THI_SHARE: Final = 0.45

# fmt: off
MALE_GIVEN_NAMES: Final[tuple[str, ...]] = (
    "An", "Anh", "Ân", "Bách", "Bảo", "Bằng", "Bắc", "Biên", "Bình", "Bính",
    "Cảnh", "Cần", "Chiến", "Chính", "Chung", "Chương", "Công", "Cương",
    "Cường", "Danh", "Doanh", "Du", "Duy", "Dũng", "Dương", "Đại", "Đan",
    "Đạo", "Đạt", "Đăng", "Đắc", "Điền", "Điệp", "Định", "Đoàn", "Đông",
    "Đồng", "Đức", "Gia", "Giang", "Hà", "Hải", "Hào", "Hậu", "Hiển", "Hiền",
    "Hiệp", "Hiếu", "Hiệu", "Hòa", "Hoài", "Hoan", "Hoàng", "Hoạt", "Học",
    "Hội", "Hợi", "Hồng", "Hùng", "Hưng", "Hướng", "Huy", "Huân", "Huấn",
    "Khải", "Khang", "Khanh", "Khánh", "Khiêm", "Khoa", "Khôi", "Khương",
    "Kiên", "Kiệt", "Kỳ", "Lạc", "Lâm", "Lân", "Lập", "Lễ", "Linh", "Lịch",
    "Lộc", "Lợi", "Long", "Luân", "Luật", "Lực", "Lương", "Mạnh", "Mẫn",
    "Minh", "Nam", "Năng", "Nghĩa", "Nghiêm", "Ngọc", "Nguyên", "Nhân",
    "Nhật", "Nhất", "Ninh", "Phát", "Phi", "Phong", "Phú", "Phúc", "Phụng",
    "Phước", "Phương", "Quang", "Quảng", "Quân", "Quốc", "Quý", "Quyền",
    "Quyết", "Sang", "Sáng", "Sâm", "Sinh", "Sơn", "Sỹ", "Tài", "Tạo", "Tâm",
    "Tân", "Tấn", "Thạch", "Thái", "Thành", "Thanh", "Thạnh", "Thao", "Thắng",
    "Thiên", "Thiện", "Thiệu", "Thịnh", "Thọ", "Thông", "Thuận", "Thức",
    "Tiến", "Tiệp", "Tín", "Tịnh", "Toàn", "Toản", "Tôn", "Trí", "Triết",
    "Triều", "Triệu", "Trọng", "Trực", "Trung", "Trường", "Tú", "Tuấn",
    "Tùng", "Tuyên", "Tuyển", "Tường", "Tư", "Tứ", "Uy", "Việt", "Vinh",
    "Vĩnh", "Vĩ", "Vũ", "Vương", "Vượng", "Xuân", "Xuyên", "Yên",
)

FEMALE_GIVEN_NAMES: Final[tuple[str, ...]] = (
    "An", "Anh", "Ánh", "Ân", "Âu", "Bích", "Bình", "Băng", "Cầm", "Cẩm",
    "Chi", "Châu", "Chinh", "Chúc", "Cúc", "Diễm", "Diệp", "Diệu", "Dịu",
    "Dung", "Duyên", "Dương", "Đan", "Đào", "Điệp", "Đoan", "Đông", "Gấm",
    "Giang", "Giao", "Hà", "Hạ", "Hải", "Hân", "Hằng", "Hạnh", "Hảo", "Hậu",
    "Hiền", "Hiên", "Hoa", "Hòa", "Hoài", "Hoan", "Hồng", "Hợp", "Huế",
    "Huệ", "Hương", "Hường", "Huyền", "Khanh", "Khánh", "Khuê", "Khuyên",
    "Kiều", "Kim", "Lài", "Lam", "Lan", "Lành", "Lâm", "Lệ", "Liên", "Liễu",
    "Linh", "Loan", "Lụa", "Luyến", "Lựu", "Ly", "Lý", "Mai", "Mận", "Mến",
    "Miên", "Minh", "Mơ", "Mùi", "My", "Mỹ", "Na", "Nga", "Ngà", "Ngân",
    "Ngần", "Ngát", "Nghi", "Ngoan", "Ngọc", "Nguyệt", "Nhã", "Nhàn",
    "Nhạn", "Nhài", "Nhi", "Nhiên", "Nhung", "Như", "Nhụy", "Nương", "Nụ",
    "Oanh", "Phấn", "Phúc", "Phụng", "Phước", "Phượng", "Phương", "Quế",
    "Quý", "Quyên", "Quỳnh", "Sa", "Sâm", "Sen", "Son", "Sương", "Tâm",
    "Thanh", "Thảo", "Thắm", "Thêu", "Thi", "Thoa", "Thơ", "Thơm", "Thu",
    "Thuần", "Thuận", "Thúy", "Thủy", "Thùy", "Thư", "Thương", "Thục",
    "Thuyên", "Tiên", "Tình", "Trà", "Trang", "Trâm", "Trân", "Trầm",
    "Trinh", "Trúc", "Tú", "Tuyền", "Tuyết", "Tươi", "Uyên", "Uyển", "Vân",
    "Vi", "Viên", "Vui", "Vy", "Xinh", "Xoan", "Xuân", "Xuyến", "Yên", "Yến",
)
# fmt: on


def _cumulative(weights: Sequence[float]) -> tuple[float, ...]:
    return tuple(itertools.accumulate(weights))


_FAMILY_VALUES: Final = tuple(name for name, _ in FAMILY_NAMES)
_FAMILY_CUM: Final = _cumulative([weight for _, weight in FAMILY_NAMES])
_MALE_MIDDLE_VALUES: Final = tuple(name for name, _ in MALE_MIDDLE_NAMES)
_MALE_MIDDLE_CUM: Final = _cumulative([weight for _, weight in MALE_MIDDLE_NAMES])
_FEMALE_MIDDLE_VALUES: Final = tuple(name for name, _ in FEMALE_MIDDLE_NAMES)
_FEMALE_MIDDLE_CUM: Final = _cumulative([weight for _, weight in FEMALE_MIDDLE_NAMES])


def _pick_weighted(rng: random.Random, values: Sequence[str], cum_weights: Sequence[float]) -> str:
    return rng.choices(values, cum_weights=cum_weights)[0]


def _middle_name(rng: random.Random, gender: str) -> str:
    if rng.random() < _DOUBLE_MIDDLE_SHARE:
        if gender == "M":
            first = rng.choice(_MALE_DOUBLE_FIRST)
            seconds = _MALE_DOUBLE_SECOND
        else:
            if rng.random() < _FEMALE_DOUBLE_THI_SHARE:
                first = "Thị"
            else:
                first = rng.choice(_FEMALE_DOUBLE_FIRST)
            seconds = _FEMALE_DOUBLE_SECOND
        second = rng.choice([s for s in seconds if s != first])
        return f"{first} {second}"
    if gender == "M":
        return _pick_weighted(rng, _MALE_MIDDLE_VALUES, _MALE_MIDDLE_CUM)
    return _pick_weighted(rng, _FEMALE_MIDDLE_VALUES, _FEMALE_MIDDLE_CUM)


def random_name(rng: random.Random, gender: str) -> PersonName:
    """Draw a plausible Vietnamese name for ``gender`` (``"M"`` or ``"F"``).

    The result depends only on the state of ``rng``: the same seed gives the
    same sequence of names.  The given name never repeats the family name or a
    word of the middle name (no "Nguyễn Minh Minh").
    """
    if gender not in ("M", "F"):
        raise ValueError(f"gender must be 'M' or 'F', got {gender!r}")
    family = _pick_weighted(rng, _FAMILY_VALUES, _FAMILY_CUM)
    middle = _middle_name(rng, gender)
    pool = MALE_GIVEN_NAMES if gender == "M" else FEMALE_GIVEN_NAMES
    taken = {family, *middle.split()}
    given = rng.choice(pool)
    while given in taken:
        given = rng.choice(pool)
    return PersonName(family=family, middle=middle, given=given)
