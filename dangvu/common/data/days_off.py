"""Government swaps of working days (hoán đổi ngày làm việc) for public servants.

Kept by hand. Each year the Government (Thủ tướng, via Văn phòng Chính phủ; announced by
Bộ Lao động - Thương binh và Xã hội until 02/2025, by Bộ Nội vụ since 03/2025) may move a
working day next to a public holiday onto a weekend to make a longer break:

* ``EXTRA_DAYS_OFF`` — weekdays that become days off (ngày nghỉ bù / ngày nghỉ thay);
* ``MAKE_UP_WORKING_DAYS`` — Saturdays worked in exchange (ngày làm bù).

Every entry is ``(date, source, confidence)``; ``confidence`` is ``"HIGH"`` when the swap is
well documented (and also listed by the ``holidays`` package) and ``"MED"`` when the document
number or the decision itself could not be verified. Only swaps we are reasonably sure of are
listed; absence means "no swap known", not "verified none".

Years checked, 2018–2026. Years with no swap for public servants: 2020, 2021, 2022, 2023
(e.g. Tết 2023 was 20/01–26/01 with no make-up Saturday), Tết 2024, Tết 2025, Tết 2026.

UPDATE THIS FILE EVERY YEAR when the Tết and holiday schedule for the next year is announced
(usually in Q4), and whenever a mid-year swap is approved.
"""

from __future__ import annotations

from datetime import date
from typing import Literal, TypeAlias

Confidence: TypeAlias = Literal["HIGH", "MED"]
DayEntry: TypeAlias = tuple[date, str, Confidence]

_SRC_2018 = "Công văn 6519/VPCP-KGVX (2018): nghỉ Tết Dương lịch 2019 từ 29/12/2018 đến 01/01/2019"
_SRC_2019 = "Công văn 6519/VPCP-KGVX (2018): nghỉ 30/4–1/5/2019 từ 27/04 đến 01/05/2019"
_SRC_2024 = "Công văn 2450/VPCP-KGVX (04/2024): hoán đổi thứ Hai 29/04/2024 sang thứ Bảy 04/05/2024"
_SRC_2025 = (
    "Thông báo 6150/TB-LĐTBXH (11/2024): hoán đổi thứ Sáu 02/05/2025 sang thứ Bảy 26/04/2025"
)
_SRC_2026 = (
    "Lịch nghỉ Quốc khánh 2026 (Bộ Nội vụ; số văn bản chưa đối chiếu; cũng có trong gói "
    "holidays 0.109): hoán đổi thứ Hai 31/08/2026 sang thứ Bảy 22/08/2026"
)

EXTRA_DAYS_OFF: tuple[DayEntry, ...] = (
    (date(2018, 12, 31), _SRC_2018, "HIGH"),
    (date(2019, 4, 29), _SRC_2019, "HIGH"),
    (date(2024, 4, 29), _SRC_2024, "HIGH"),
    (date(2025, 5, 2), _SRC_2025, "HIGH"),
    (date(2026, 8, 31), _SRC_2026, "MED"),
)

MAKE_UP_WORKING_DAYS: tuple[DayEntry, ...] = (
    (date(2019, 1, 5), _SRC_2018, "HIGH"),
    (date(2019, 5, 4), _SRC_2019, "HIGH"),
    (date(2024, 5, 4), _SRC_2024, "HIGH"),
    (date(2025, 4, 26), _SRC_2025, "HIGH"),
    (date(2026, 8, 22), _SRC_2026, "MED"),
)
