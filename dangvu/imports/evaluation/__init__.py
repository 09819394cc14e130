"""Importing ratings of an evaluation round from the spreadsheets organizations send.

The reading layer is the member import's (`reading.py`: any header row, header variants,
TCVN3/VNI, CSV/XLSX/ODS, the limits; `Problem`). A member is found by "Số CCCD", an
organization by "Mã tổ chức"; "Xếp loại" is written in full, in short or as its code;
"Điểm" where the year scores; "Lý do vượt quy định" is the override's reason. The rows are
written at the round's current step through `evaluation.services.ratings_save`, all or
nothing. `dangvu evaluation import` runs it (`cli.py`).
"""

from dangvu.imports.evaluation.check import RatingRow, read_ratings
from dangvu.imports.evaluation.write import RatingsImported, ratings_import

__all__ = ["RatingRow", "RatingsImported", "ratings_import", "read_ratings"]
