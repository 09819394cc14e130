"""How much of the Wagtail admin our editors see is in Vietnamese (issue 17).

Wagtail 8.0.1's own Vietnamese catalogues cover about a fifth of its English messages; the
catalogues in `dangvu/portal/wagtail_locale/vi/` (a LOCALE_PATHS entry) complete them. This counts,
per Wagtail app behind the editors' screens, the English messages that have a Vietnamese
translation: in Wagtail's catalogues alone, and as Django serves them (every catalogue
merged, ours over Wagtail's). Run it for the table:

    PYTHONPATH=$PWD .venv/bin/python -m dangvu.portal.admin_vietnamese
"""

import ast
import gettext
from dataclasses import dataclass
from pathlib import Path

import wagtail

WAGTAIL_DIR = Path(wagtail.__file__).parent
# The Wagtail apps in INSTALLED_APPS whose screens the editors use: dashboard, pages,
# workflow, images, documents, snippets, search, their account; sites and settings for the
# administrators, users for the account page's preferences.
SCREEN_APPS = {
    "wagtail.admin": WAGTAIL_DIR / "admin",
    "wagtail": WAGTAIL_DIR,
    "wagtail.images": WAGTAIL_DIR / "images",
    "wagtail.documents": WAGTAIL_DIR / "documents",
    "wagtail.snippets": WAGTAIL_DIR / "snippets",
    "wagtail.search": WAGTAIL_DIR / "search",
    "wagtail.users": WAGTAIL_DIR / "users",
    "wagtail.sites": WAGTAIL_DIR / "sites",
    "wagtail.contrib.settings": WAGTAIL_DIR / "contrib" / "settings",
}
DOMAINS = ("django", "djangojs")
# A message's key in a gettext catalogue: msgid, with its context before "\x04".
Key = str


def po_msgids(path: Path) -> set[Key]:
    """The keys of a .po file's messages (its header left out)."""
    keys: set[Key] = set()
    context: str | None = None
    msgid: str | None = None
    field = ""

    def close() -> None:
        if msgid:
            keys.add(msgid if context is None else f"{context}\x04{msgid}")

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("msgctxt "):
            close()
            context, msgid, field = ast.literal_eval(line[8:]), None, "msgctxt"
        elif line.startswith("msgid "):
            if field != "msgctxt":
                close()
                context = None
            msgid, field = ast.literal_eval(line[6:]), "msgid"
        elif line.startswith('"') and field == "msgid":
            msgid = (msgid or "") + ast.literal_eval(line)
        elif line.startswith('"') and field == "msgctxt":
            context = (context or "") + ast.literal_eval(line)
        elif line.startswith(("msgid_plural", "msgstr")):
            field = "msgstr"
    close()
    return keys


def mo_keys(paths: list[Path]) -> set[Key]:
    """The keys translated in compiled catalogues (a plural message counts once)."""
    keys: set[Key] = set()
    for path in paths:
        with path.open("rb") as handle:
            catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
        keys.update(key[0] if isinstance(key, tuple) else key for key in catalog if key)
    return keys


def served_keys(domain: str) -> set[Key]:
    """The keys Django translates into Vietnamese for the admin, every catalogue merged.

    For "djangojs" it is the catalogue Wagtail's /cms/jsi18n/ serves."""
    from django.utils.translation import trans_real

    if domain == "django":
        served = trans_real.translation("vi")
    else:
        served = trans_real.DjangoTranslation(
            "vi", domain=domain, localedirs=[str(WAGTAIL_DIR / "admin" / "locale")]
        )
    catalog = served._catalog  # type: ignore[attr-defined]
    return {key[0] if isinstance(key, tuple) else key for key, _ in catalog.items() if key}


@dataclass(frozen=True)
class Coverage:
    app: str
    domain: str
    total: int
    wagtail: int  # translated by Wagtail 8.0.1's own Vietnamese catalogues
    served: int  # translated as Django serves the admin, our catalogues included
    missing: tuple[Key, ...]


def coverage() -> list[Coverage]:
    rows = []
    for domain in DOMAINS:
        wagtail_vi = mo_keys(
            [
                path
                for directory in SCREEN_APPS.values()
                if (path := directory / "locale" / "vi" / "LC_MESSAGES" / f"{domain}.mo").exists()
            ]
        )
        served = served_keys(domain)
        for app, directory in SCREEN_APPS.items():
            english = directory / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
            if not english.exists():
                continue
            keys = po_msgids(english)
            translated = (len(keys & wagtail_vi), len(keys & served))
            rows.append(Coverage(app, domain, len(keys), *translated, tuple(sorted(keys - served))))
    return rows


def report(rows: list[Coverage]) -> str:
    lines = [f"{'app':26} {'domain':9} {'Wagtail vi':>16} {'served':>16}"]
    for row in rows:
        wagtails, served_text = f"{row.wagtail}/{row.total}", f"{row.served}/{row.total}"
        lines.append(f"{row.app:26} {row.domain:9} {wagtails:>16} {served_text:>16}")
    total = sum(row.total for row in rows)
    wagtail_vi = sum(row.wagtail for row in rows)
    served = sum(row.served for row in rows)
    lines.append(
        f"{'all':36} {f'{wagtail_vi}/{total}':>16} {f'{served}/{total}':>16}"
        f"  ({wagtail_vi / total:.1%} → {served / total:.1%})"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    django.setup()
    print(report(coverage()))
