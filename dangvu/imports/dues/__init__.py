"""Importing a month's dues from the cells' collection sheets (bảng thu đảng phí).

The reading layer is the member import's (`reading.py`: any header row, header variants,
CSV/XLSX/ODS, the limits; `Problem`). A member is found by "Số CCCD" among those the user
may change in the month; "Đối tượng" and "Căn cứ tính" are the basis (the recorded one when
absent; a different one is recorded from the month); "Số tiền nộp" is checked against what
the month's rule set makes the member owe; "Ngày nộp" follows the date policy. The rows are
written through `dues.services.dues_collect_cells`, all or nothing. `dangvu dues import`
runs it (`cli.py`).
"""

from dangvu.imports.dues.check import DuesRow, read_dues
from dangvu.imports.dues.write import DuesImported, dues_import

__all__ = ["DuesImported", "DuesRow", "dues_import", "read_dues"]
