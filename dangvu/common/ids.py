"""Record ids as they arrive in paths, query strings and form values. Both databases keep
ids in signed 64-bit integers; SQLite refuses a larger Python int with an OverflowError
deep in a query, so anything larger is treated as no id at all (404, or a form error)."""

ID_MAX = 2**63 - 1


def as_id(raw: object) -> int | None:
    """RAW as a record id (1 … ID_MAX written in ASCII digits), or None."""
    text = str(raw).strip() if raw is not None else ""
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(ID_MAX)):
        return None
    number = int(text)
    return number if 0 < number <= ID_MAX else None


class IdConverter:
    """`<id:pk>` in a URL pattern: an id, so a number past ID_MAX answers 404 like any
    unknown id instead of failing in the database."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = as_id(value)
        if number is None:
            raise ValueError(value)  # the pattern does not match: 404
        return number

    def to_url(self, value: int) -> str:
        return str(value)
