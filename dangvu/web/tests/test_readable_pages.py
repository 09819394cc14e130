"""Every page of the route tests' world, as every role, reads as Vietnamese for people:
dates as dd/mm/yyyy, enum values and audit action codes as their labels, empty values
as "—" (never "None")."""

import datetime as dt
import re
from html.parser import HTMLParser

from django.db import models
from django.test import Client
from django.urls import reverse

from conftest import FOUNDED, MakeUser, Tree
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.models import OrgKind, OrgVersion, Sector
from dangvu.organizations.roles import Role
from dangvu.organizations.services import org_create, org_merge, org_move
from dangvu.web.tests.conftest import ROLES, World
from dangvu.web.tests.test_route_access import EXPECTED, POST_ROUTES, address

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
NONE = re.compile(r"\bNone\b|∅")
# One-letter codes are too short to look for everywhere: the gender's, after its label.
GENDER = re.compile(r"[Gg]iới tính:?\s+[MF]\b")
# The rating levels' official abbreviations (HTXSNV, HTTNV, HTNV, KHTNV: Quy định 366,
# HD 43-HD/BTCTW) are the words clerks use for them, not codes.
WORDS = {"HTXSNV", "HTTNV", "HTNV", "KHTNV"}


class _Visible(HTMLParser):
    """The text a reader sees (element text outside scripts and styles; no attributes),
    and the labels of record fields (<dt>) whose value (<dd>) shows nothing."""

    def __init__(self) -> None:
        super().__init__()
        self.hidden = 0
        self.parts: list[str] = []
        self.label = ""
        self.in_label = False
        self.value: list[str] | None = None
        self.empty: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in ("script", "style", "template"):
            self.hidden += 1
        elif tag == "dt":
            self.label = ""
            self.in_label = True
        elif tag == "dd":
            self.value = []
        elif tag in ("img", "input", "select", "textarea", "svg", "progress"):
            self.value = None  # a value that is not text

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template"):
            self.hidden -= 1
        elif tag == "dt":
            self.in_label = False
        elif tag == "dd" and self.value is not None:
            if not "".join(self.value).strip(" ,/–-\n\t"):
                self.empty.append(self.label.strip())
            self.value = None

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        self.parts.append(data)
        if self.in_label:
            self.label += data
        if self.value is not None:
            self.value.append(data)


def read(html: str) -> _Visible:
    parser = _Visible()
    parser.feed(html)
    return parser


def visible_text(html: str) -> str:
    return " ".join(" ".join(read(html).parts).split())


def _choices(cls: type[models.TextChoices]) -> set[type[models.TextChoices]]:
    found: set[type[models.TextChoices]] = set()
    for sub in cls.__subclasses__():
        found |= {sub} | _choices(sub)
    return found


def raw_codes() -> re.Pattern[str]:
    """The project's enum values that a page could leak instead of their labels: the
    upper-case codes of its TextChoices (three letters or more) and its dotted audit
    action codes."""
    codes = {
        str(value)
        for enum in _choices(models.TextChoices)
        if enum.__module__.startswith("dangvu.")
        for value in enum.values
        if re.fullmatch(r"[A-Z][A-Z0-9_]{2,}|[a-z_]+(\.[a-z_]+){2,}", str(value))
    } - WORDS
    alternatives = "|".join(sorted((re.escape(code) for code in codes), key=len, reverse=True))
    return re.compile(rf"(?<![\w.])({alternatives})(?![\w.])")


def org_names() -> dict[str, set[str]]:
    """Each organization's code, with every name it has had."""
    names: dict[str, set[str]] = {}
    for code, name in OrgVersion.objects.values_list("org__code", "name"):
        names.setdefault(code, set()).add(name)
    return names


def _codes_without_names(text: str, names: dict[str, set[str]]) -> list[str]:
    """Organization codes on a page that names the organization nowhere."""
    found = []
    for code, known in names.items():
        match = re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", text)
        if match and not any(name in text for name in known):
            found.append(f"mã {code} «{text[max(match.start() - 40, 0) : match.end() + 20]}»")
    return found


def test_no_page_shows_an_iso_date_a_raw_code_none_or_an_empty_value(world: World) -> None:
    codes = raw_codes()
    names = org_names()
    problems: dict[str, set[str]] = {}
    for route in sorted(set(EXPECTED) - POST_ROUTES):
        for role in ROLES:
            client = world.clients[role]
            if route in world.args:
                response = client.get(reverse(route, kwargs=world.args[route][0]))
            else:
                response = client.get(address(route), world.queries.get(route, {}))
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            page = read(response.content.decode())
            text = " ".join(" ".join(page.parts).split())
            found = ISO_DATE.findall(text) + NONE.findall(text) + GENDER.findall(text)
            found += [f"{label}: (trống)" for label in page.empty]
            found += _codes_without_names(text, names)
            found += [match.group(0) for match in codes.finditer(text)]
            problems.setdefault(route, set()).update(found)

    shown = [f"{route}: {sorted(found)}" for route, found in problems.items() if found]
    assert shown == [], "\n".join(shown)


def test_an_organizations_history_names_the_organizations_it_moved_between_and_merged_into(
    tree: Tree, make_user: MakeUser
) -> None:
    other = org_create(actor=OPERATOR, code="CSC", name="Đảng bộ Sở Xây dựng",
                       kind=OrgKind.GRASSROOTS_COMMITTEE, sector=Sector.ADMINISTRATIVE,
                       parent=tree.committee, established_date=FOUNDED)  # fmt: skip
    org_move(actor=OPERATOR, org=tree.cell_a2, new_parent=other,
             effective_date=dt.date(2024, 1, 1), decision="")  # fmt: skip
    org_merge(actor=OPERATOR, sources=[tree.cell_a2], into=tree.cell_a1,
              effective_date=dt.date(2025, 1, 1), decision="")  # fmt: skip
    client = Client()
    client.force_login(make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee))

    moved = visible_text(client.get("/app/orgs/CSA-2/").content.decode())
    received = visible_text(client.get("/app/orgs/CSA-1/").content.decode())

    assert "Chuyển từ Đảng bộ Sở Tài chính → Đảng bộ Sở Xây dựng" in moved
    assert "Vào Chi bộ Văn phòng" in moved
    assert "Tiếp nhận Chi bộ Thanh tra" in received
    history = moved.split("Lịch sử tổ chức")[1]
    assert [code for code in ("CSA", "CSC", "CSA-1") if re.search(rf"(?<![\w-]){code}(?![\w-])",
                                                                  history)] == []  # fmt: skip
