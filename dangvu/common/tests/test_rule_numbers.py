"""No rule number is written outside its rule set: the user-facing text of templates and the
string literals of every other Python module never state a count of months, years, days,
members or percent, nor a day/month date, in figures. Such text is formatted from the rule
set's own numbers instead (`rules.message(...)`), so a new regulation changes it too.

Limits: numbers written in words ("hai đảng viên") and numbers used in code rather than in
text (``months=12``) are not seen; docstrings and comments are not scanned, as they explain
rather than tell users. Rule sets (``rulesets.py``, ``rulesets/``) and data tables
(``common/data/``) are where the numbers belong.
"""

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

PACKAGE = Path(settings.PACKAGE_DIR)
RULE_NUMBER = re.compile(
    r"(?<![\w/.])\d+\s*(?:tháng|năm|tuổi|ngày|đảng viên|%)"  # "12 tháng", "30 đảng viên"
    r"|(?<![\w/])\d{1,2}/\d{1,2}(?![\w/])",  # an occasion: "3/2", "19/5"
    re.IGNORECASE,
)
WORD = re.compile(r"[^\W\d_]{2,}")
TEMPLATE_TAG = re.compile(r"\{%.*?%\}")
TEMPLATE_CODE = re.compile(r"\{\{.*?\}\}|\{#.*?#\}")
QUOTED = re.compile(r"\"([^\"]*)\"|'([^']*)'")


def _is_rule_module(path: Path) -> bool:
    parts = path.relative_to(PACKAGE).parts
    return path.name == "rulesets.py" or "rulesets" in parts[:-1] or parts[:2] == ("common", "data")


def _skipped(path: Path) -> bool:
    parts = path.relative_to(PACKAGE).parts
    return "tests" in parts or "migrations" in parts or "static" in parts


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _python_texts(path: Path) -> Iterator[tuple[int, str]]:
    """String literals with words in them: text, not codes such as a grade "9/12"."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstrings(tree)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and WORD.search(node.value)
        ):
            yield node.lineno, node.value


def _template_texts(path: Path) -> Iterator[tuple[int, str]]:
    """Each line's text, without the template language's variables and comments, its tags
    replaced by the strings they quote ({% translate "…" %})."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        text = TEMPLATE_CODE.sub(" ", line)
        text = TEMPLATE_TAG.sub(
            lambda tag: " ".join(
                m.group(1) or m.group(2) or "" for m in QUOTED.finditer(tag.group())
            ),
            text,
        )
        yield number, text


def rule_numbers_outside_rule_sets() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*")):
        if _skipped(path):
            continue
        if path.suffix == ".py" and not _is_rule_module(path):
            texts = _python_texts(path)
        elif path.suffix in (".html", ".txt") and "templates" in path.parts:
            texts = _template_texts(path)
        else:
            continue
        for line, text in texts:
            for match in RULE_NUMBER.finditer(text):
                where = path.relative_to(PACKAGE.parent)
                found.append(f"{where}:{line}: {match.group()!r} in {text.strip()[:80]!r}")
    return found


def test_no_rule_number_appears_outside_its_rule_set() -> None:
    assert rule_numbers_outside_rule_sets() == []


def test_the_scan_sees_a_rule_number_in_text() -> None:
    assert RULE_NUMBER.search("Chưa hết 12 tháng dự bị")
    assert RULE_NUMBER.search("Chi bộ dưới 3 đảng viên chính thức")
    assert RULE_NUMBER.search("Huy hiệu trao vào 3/2, 19/5")
    assert not RULE_NUMBER.search("Chưa hết %(probation_months)s tháng dự bị (đến 19/05/2026)")
