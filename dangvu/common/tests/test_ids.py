import pytest
from django.urls import resolve

from dangvu.common.ids import ID_MAX, IdConverter, as_id


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", 1),
        (" 42 ", 42),
        (str(ID_MAX), ID_MAX),
        (str(ID_MAX + 1), None),
        (str(2**64), None),
        ("9" * 40, None),
        ("0", None),
        ("-1", None),
        ("1.5", None),
        ("0x10", None),
        ("١٢", None),  # Arabic-Indic digits: isdigit(), but not an id anyone typed
        ("", None),
        (None, None),
    ],
)
def test_as_id_takes_only_what_both_databases_hold(raw: object, expected: int | None) -> None:
    assert as_id(raw) == expected


def test_the_id_converter_refuses_an_id_past_the_largest() -> None:
    converter = IdConverter()

    assert converter.to_python(str(ID_MAX)) == ID_MAX
    with pytest.raises(ValueError):
        converter.to_python(str(ID_MAX + 1))


@pytest.mark.parametrize("pk", [str(2**63), str(2**64), "9" * 19])
def test_a_path_with_an_id_past_the_largest_matches_no_route(pk: str) -> None:
    # No route of the workspace: only the portal's page route, which takes every path left
    # (and answers 404 where no page lives).
    assert resolve(f"/app/members/{pk}/").url_name == "wagtail_serve"

    assert resolve(f"/app/members/{ID_MAX}/").kwargs == {"pk": ID_MAX}
