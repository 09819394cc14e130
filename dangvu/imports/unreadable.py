"""The one exception every unreadable file ends in, and the messages both sides of the
workbook reader give (`workbook_reader`, the child, and `workbook`, its parent).

Pure Python: the reader's child process raises it too, and sends its message back.
"""

from dangvu.common.numbers import grouped
from dangvu.imports.limits import ReadLimits

PREFIX = "Không đọc được tệp: "


class UnreadableFile(Exception):
    """The file cannot be read as a list; the message is one Vietnamese line."""


def corrupt(suffix: str) -> str:
    return PREFIX + f"tệp {suffix} bị hỏng hoặc không đúng định dạng bảng tính."


def too_much_memory(limits: ReadLimits) -> str:
    return (
        PREFIX + f"tệp cần hơn {grouped(limits.memory >> 20)} MB bộ nhớ để đọc; hãy chia nhỏ tệp."
    )


def too_slow(limits: ReadLimits) -> str:
    return PREFIX + f"đọc tệp quá {grouped(limits.cpu_seconds)} giây; hãy chia nhỏ tệp."
