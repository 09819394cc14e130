"""Government swaps of working days (hoán đổi ngày làm việc) for public servants that the
``holidays`` package's Vietnam calendar does not know yet.

Each year the Government (Văn phòng Chính phủ; announced by Bộ Lao động - Thương binh và Xã
hội until 02/2025, by Bộ Nội vụ since 03/2025) may move a working day next to a public
holiday onto a weekend to make a longer break:

* ``EXTRA_DAYS_OFF`` — weekdays that become days off (ngày nghỉ bù / ngày nghỉ thay);
* ``MAKE_UP_WORKING_DAYS`` — Saturdays worked in exchange (ngày làm bù).

The package (0.109) already lists the swaps of 2010–2015, 31/12/2018 ↔ 05/01/2019,
29/04/2019 ↔ 04/05/2019, 29/04/2024 ↔ 04/05/2024, 02/05/2025 ↔ 26/04/2025 and
31/08/2026 ↔ 22/08/2026; they are not repeated here. Every entry is
``(date, source, confidence)`` (docs/rules.md marks). ``test_workdays`` pins this list as
exactly what the package lacks: when an upgrade of the package learns an entry, the test
fails and the entry goes.

UPDATE EVERY YEAR when the next year's Tết and holiday schedule is announced (usually in Q4),
and whenever a mid-year swap is approved — or upgrade the package if it has them.
"""

from __future__ import annotations

from datetime import date
from typing import Literal, TypeAlias

Confidence: TypeAlias = Literal["HIGH", "MED"]
DayEntry: TypeAlias = tuple[date, str, Confidence]

_SRC_2026_NEW_YEAR = (
    "Công văn 12729/VPCP-KGVX (25/12/2025): nghỉ Tết Dương lịch 2026 từ 01/01 đến 04/01, "
    "hoán đổi thứ Sáu 02/01/2026 sang thứ Bảy 10/01/2026 (vietnamnet.vn, 26/12/2025)"
)

EXTRA_DAYS_OFF: tuple[DayEntry, ...] = ((date(2026, 1, 2), _SRC_2026_NEW_YEAR, "HIGH"),)

MAKE_UP_WORKING_DAYS: tuple[DayEntry, ...] = ((date(2026, 1, 10), _SRC_2026_NEW_YEAR, "HIGH"),)
