"""Reference lists used on party-member records, as ``(code, label)`` tuples.

Sources:

* ``ETHNIC_GROUPS`` — the 54 ethnic groups of Vietnam with their numeric codes
  and spellings from the General Statistics Office list "Danh mục các thành
  phần dân tộc Việt Nam", issued with Quyết định số 121-TCTK/PPCĐ ngày
  02/3/1979 của Tổng cục Thống kê (groups ordered by population at the time).
  Note that the later list of Quyết định 1019/QĐ-TCTK (2008) renumbers some
  groups (e.g. Mường = 04); the 1979 codes are used here.
* ``RELIGIONS`` — religions recognised by the State under Luật Tín ngưỡng,
  tôn giáo 2016 (Luật số 02/2016/QH14), following the list published by the
  Ban Tôn giáo Chính phủ (Government Committee for Religious Affairs).
* ``GENERAL_EDUCATION`` — "lớp/hệ" notation used in the party-member profile
  (mẫu 2-HSĐV): "12/12" for the 12-year system, "10/10" for the former
  10-year system of northern Vietnam.
* ``FOREIGN_LANGUAGE_LEVELS`` — legacy A/B/C certificates and the six-level
  framework of Thông tư 01/2014/TT-BGDĐT.
* ``IT_LEVELS`` — legacy A/B/C certificates and the basic/advanced IT skill
  standards of Thông tư 03/2014/TT-BTTTT.

All labels are Unicode NFC.  Codes are ASCII and stable; store the code, show
the label.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "ETHNIC_GROUPS",
    "FOREIGN_LANGUAGE_LEVELS",
    "GENERAL_EDUCATION",
    "IT_LEVELS",
    "POLITICAL_THEORY_LEVELS",
    "PROFESSIONAL_QUALIFICATIONS",
    "RELIGIONS",
    "Choice",
]

Choice = tuple[str, str]

ETHNIC_GROUPS: Final[tuple[Choice, ...]] = (
    ("01", "Kinh"),
    ("02", "Tày"),
    ("03", "Thái"),
    ("04", "Hoa"),
    ("05", "Khơ-me"),
    ("06", "Mường"),
    ("07", "Nùng"),
    ("08", "HMông"),
    ("09", "Dao"),
    ("10", "Gia-rai"),
    ("11", "Ngái"),
    ("12", "Ê-đê"),
    ("13", "Ba na"),
    ("14", "Xơ-Đăng"),
    ("15", "Sán Chay"),
    ("16", "Cơ-ho"),
    ("17", "Chăm"),
    ("18", "Sán Dìu"),
    ("19", "Hrê"),
    ("20", "Mnông"),
    ("21", "Ra-glai"),
    ("22", "Xtiêng"),
    ("23", "Bru-Vân Kiều"),
    ("24", "Thổ"),
    ("25", "Giáy"),
    ("26", "Cơ-tu"),
    ("27", "Gié Triêng"),
    ("28", "Mạ"),
    ("29", "Khơ-mú"),
    ("30", "Co"),
    ("31", "Tà-ôi"),
    ("32", "Chơ-ro"),
    ("33", "Kháng"),
    ("34", "Xinh-mun"),
    ("35", "Hà Nhì"),
    ("36", "Chu ru"),
    ("37", "Lào"),
    ("38", "La Chí"),
    ("39", "La Ha"),
    ("40", "Phù Lá"),
    ("41", "La Hủ"),
    ("42", "Lự"),
    ("43", "Lô Lô"),
    ("44", "Chứt"),
    ("45", "Mảng"),
    ("46", "Pà Thẻn"),
    ("47", "Co Lao"),
    ("48", "Cống"),
    ("49", "Bố Y"),
    ("50", "Si La"),
    ("51", "Pu Péo"),
    ("52", "Brâu"),
    ("53", "Ơ Đu"),
    ("54", "Rơ măm"),
)

RELIGIONS: Final[tuple[Choice, ...]] = (
    ("00", "Không"),
    ("PG", "Phật giáo"),
    ("CG", "Công giáo"),
    ("TL", "Tin lành"),
    ("CD", "Cao Đài"),
    ("PGHH", "Phật giáo Hòa Hảo"),
    ("HG", "Hồi giáo"),
    ("BAHAI", "Tôn giáo Baha'i"),
    ("TDCSPH", "Tịnh độ Cư sĩ Phật hội"),
    ("CDPL", "Cơ đốc Phục lâm"),
    ("TAHN", "Phật giáo Tứ Ân Hiếu Nghĩa"),
    ("MSD", "Minh Sư đạo"),
    ("MLD", "Minh Lý đạo"),
    ("BSKH", "Bửu Sơn Kỳ Hương"),
    ("BLM", "Bà-la-môn"),
    ("LDS", "Giáo hội Các Thánh hữu Ngày sau của Chúa Giê-su Ki-tô"),
    ("PDNTMSD", "Phật đường Nam Tông Minh Sư đạo"),
    ("HNTL", "Hiếu Nghĩa Tà Lơn"),
    ("PLNT7", "Giáo hội Phục lâm Ngày thứ Bảy"),
    ("KHAC", "Tôn giáo khác"),
)

GENERAL_EDUCATION: Final[tuple[Choice, ...]] = (
    ("12/12", "12/12"),
    ("11/12", "11/12"),
    ("10/12", "10/12"),
    ("9/12", "9/12"),
    ("8/12", "8/12"),
    ("7/12", "7/12"),
    ("6/12", "6/12"),
    ("10/10", "10/10"),
    ("9/10", "9/10"),
    ("8/10", "8/10"),
    ("7/10", "7/10"),
)

PROFESSIONAL_QUALIFICATIONS: Final[tuple[Choice, ...]] = (
    ("NONE", "Không"),
    ("ELEMENTARY", "Sơ cấp"),
    ("INTERMEDIATE", "Trung cấp"),
    ("COLLEGE", "Cao đẳng"),
    ("BACHELOR", "Đại học"),
    ("MASTER", "Thạc sĩ"),
    ("DOCTOR", "Tiến sĩ"),
)

POLITICAL_THEORY_LEVELS: Final[tuple[Choice, ...]] = (
    ("NONE", "Chưa qua đào tạo"),
    ("ELEMENTARY", "Sơ cấp"),
    ("INTERMEDIATE", "Trung cấp"),
    ("ADVANCED", "Cao cấp"),
    ("BACHELOR", "Cử nhân"),
)

FOREIGN_LANGUAGE_LEVELS: Final[tuple[Choice, ...]] = (
    ("NONE", "Không"),
    ("CERT_A", "Chứng chỉ A"),
    ("CERT_B", "Chứng chỉ B"),
    ("CERT_C", "Chứng chỉ C"),
    ("LEVEL_1", "Bậc 1 (A1, khung 6 bậc)"),
    ("LEVEL_2", "Bậc 2 (A2, khung 6 bậc)"),
    ("LEVEL_3", "Bậc 3 (B1, khung 6 bậc)"),
    ("LEVEL_4", "Bậc 4 (B2, khung 6 bậc)"),
    ("LEVEL_5", "Bậc 5 (C1, khung 6 bậc)"),
    ("LEVEL_6", "Bậc 6 (C2, khung 6 bậc)"),
    ("BACHELOR", "Đại học"),
)

IT_LEVELS: Final[tuple[Choice, ...]] = (
    ("NONE", "Không"),
    ("CERT_A", "Chứng chỉ A"),
    ("CERT_B", "Chứng chỉ B"),
    ("CERT_C", "Chứng chỉ C"),
    ("BASIC", "Chứng chỉ ứng dụng CNTT cơ bản"),
    ("ADVANCED", "Chứng chỉ ứng dụng CNTT nâng cao"),
    ("COLLEGE", "Cao đẳng"),
    ("BACHELOR", "Đại học"),
)
