"""Numbers as Vietnamese readers write them. Plain Python: the spreadsheet reader's child
process imports it without Django."""


def grouped(value: int) -> str:
    """VALUE with Vietnamese digit grouping: 1048576 → "1.048.576"."""
    return f"{value:,}".replace(",", ".")
