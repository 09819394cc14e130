"""Mutation testing of the modules whose numbers and conditions carry the rules: make one
small change at a time to a module (a number off by one, a comparison flipped, `and` for
`or`…), run the tests that cover it, and report every change the tests did not notice.

A small AST mutator rather than mutmut or cosmic-ray: those mutate function bodies only,
and the rule sets keep their numbers in class and module level tables too.

Usage: .venv/bin/python scripts/mutation.py [--workers N] [--only MODULE_SUBSTRING]
Runs from the repository root; `make mutation` calls it. Not part of CI: it takes a while.
"""

from __future__ import annotations

import argparse
import ast
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Module → the tests that state its rules. Each mutant runs only these (-x: the first
# failure kills it).
TARGETS: dict[str, list[str]] = {
    "dangvu/organizations/access.py": [
        "dangvu/organizations/tests/test_access.py",
        "dangvu/organizations/tests/test_services_scope.py",
        "dangvu/members/tests/test_services_scope.py",
    ],
    "dangvu/common/workdays.py": ["dangvu/common/tests/test_workdays.py"],
    "dangvu/common/months.py": ["dangvu/common/tests/test_months.py"],
    "dangvu/common/rulesets.py": ["dangvu/common/tests/test_rulesets.py"],
    "dangvu/members/rulesets/lifecycle.py": [
        "dangvu/members/tests/test_rules_lifecycle.py",
        "dangvu/members/tests/test_services_admission.py",
        "dangvu/members/tests/test_services_recognition.py",
        "dangvu/members/tests/test_services_transfer.py",
    ],
    "dangvu/members/rulesets/badges.py": [
        "dangvu/members/tests/test_rules_badges.py",
        "dangvu/members/tests/test_selectors_badges.py",
    ],
    "dangvu/organizations/rulesets.py": ["dangvu/organizations/tests/test_rulesets.py"],
    "dangvu/members/facts.py": ["dangvu/members/tests/test_facts.py"],
    "dangvu/members/rules.py": ["dangvu/members/tests/test_rules.py"],
    "dangvu/members/lifecycle.py": ["dangvu/members/tests/test_rules_lifecycle.py"],
}

_COMPARE_SWAPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In,
    ast.Is: ast.IsNot, ast.IsNot: ast.Is,
}  # fmt: skip
_BINOP_SWAPS: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.FloorDiv, ast.FloorDiv: ast.Mult,
}  # fmt: skip


@dataclass(frozen=True)
class Mutant:
    path: str
    line: int
    description: str
    source: str  # the whole mutated module


def _mutations(node: ast.AST) -> Iterator[tuple[str, ast.AST]]:
    """The one-step changes of NODE: a description and the replacement node."""
    if isinstance(node, ast.Constant) and type(node.value) is int:
        for delta in (1, -1):
            yield f"{node.value} → {node.value + delta}", ast.Constant(node.value + delta)
    elif isinstance(node, ast.Constant) and type(node.value) is bool:
        yield f"{node.value} → {not node.value}", ast.Constant(not node.value)
    elif isinstance(node, ast.Compare) and len(node.ops) == 1:
        swapped = _COMPARE_SWAPS.get(type(node.ops[0]))
        if swapped is not None:
            new = ast.Compare(node.left, [swapped()], node.comparators)
            yield f"{type(node.ops[0]).__name__} → {swapped.__name__}", new
    elif isinstance(node, ast.BoolOp):
        other = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        yield f"{type(node.op).__name__} → {type(other).__name__}", ast.BoolOp(other, node.values)
    elif isinstance(node, ast.BinOp):
        swapped_op = _BINOP_SWAPS.get(type(node.op))
        if swapped_op is not None:
            new_op = ast.BinOp(node.left, swapped_op(), node.right)
            yield f"{type(node.op).__name__} → {swapped_op.__name__}", new_op
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        yield "not x → x", node.operand


def _skipped(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """Imports, type annotations, decorators and keyword switches of calls (`flat=True`,
    `frozen=True`) carry no rule."""
    parent = parents.get(node)
    if isinstance(parent, ast.keyword):
        return True
    while parent is not None:
        if isinstance(parent, ast.Import | ast.ImportFrom):
            return True
        if isinstance(parent, ast.arg | ast.AnnAssign) and node is not getattr(
            parent, "value", None
        ):
            return True
        if isinstance(parent, ast.FunctionDef | ast.ClassDef) and node in parent.decorator_list:
            return True
        node, parent = parent, parents.get(parent)
    return False


def mutants(path: str) -> Iterator[Mutant]:
    source = (ROOT / path).read_text()
    tree = ast.parse(source)
    parents = {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
    for node in list(ast.walk(tree)):
        if _skipped(node, parents) or not hasattr(node, "lineno"):
            continue
        parent = parents.get(node)
        for description, replacement in _mutations(node):
            if parent is None:
                continue
            for field, value in ast.iter_fields(parent):
                if value is node:
                    setattr(parent, field, ast.copy_location(replacement, node))
                    yield Mutant(path, node.lineno, description, ast.unparse(tree))
                    setattr(parent, field, node)
                elif isinstance(value, list) and node in value:
                    index = value.index(node)
                    value[index] = ast.copy_location(replacement, node)
                    yield Mutant(path, node.lineno, description, ast.unparse(tree))
                    value[index] = node


def _workspace(number: int) -> Path:
    """A copy of the repository's code for one worker, sharing the virtualenv."""
    folder = Path(tempfile.mkdtemp(prefix=f"dangvu-mutation-{number}-"))
    for name in ("dangvu", "config", "docs", "conftest.py", "pyproject.toml", "manage.py"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, folder / name)
    (folder / "var").mkdir()
    return folder


def _run_tests(folder: Path, tests: list[str], timeout: float) -> bool:
    """Whether the tests pass in FOLDER (a surviving mutant) within TIMEOUT seconds."""
    env = os.environ | {
        "PYTHONPATH": str(folder),
        "DATABASE_URL": f"sqlite:///{folder / 'var' / 'mutation.sqlite3'}",
        "PYTHONDONTWRITEBYTECODE": "1",
        # No deadlines: a slow example on a busy machine must not pass for a killed mutant.
        "HYPOTHESIS_PROFILE": "ci",
    }
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider",
               "--reuse-db", *tests]  # fmt: skip
    try:
        result = subprocess.run(command, cwd=folder, env=env, capture_output=True,
                                timeout=timeout, check=False)  # fmt: skip
    except subprocess.TimeoutExpired:
        return False  # an endless loop is noticed
    return result.returncode == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", default="")
    options = parser.parse_args()
    targets = {path: tests for path, tests in TARGETS.items() if options.only in path}
    folders = [_workspace(n) for n in range(options.workers)]
    free = list(folders)
    results: dict[str, list[tuple[Mutant, bool]]] = {}
    try:
        for path, tests in targets.items():
            started = time.monotonic()
            if not all(_run_tests(folder, tests, 900) for folder in folders):
                print(f"{path}: the tests fail without any mutation; fix them first")
                return 2
            timeout = max(60.0, 4 * (time.monotonic() - started) / len(folders))

            def run(mutant: Mutant, tests: list[str] = tests, timeout: float = timeout) -> bool:
                folder = free.pop()
                target = folder / mutant.path
                original = target.read_text()
                try:
                    target.write_text(mutant.source)
                    return _run_tests(folder, tests, timeout)
                finally:
                    target.write_text(original)
                    free.append(folder)

            found = list(mutants(path))
            with ThreadPoolExecutor(options.workers) as pool:
                survived = list(pool.map(run, found))
            results[path] = list(zip(found, survived, strict=True))
            _report(path, results[path])
    finally:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
    total = sum(len(rows) for rows in results.values())
    killed = sum(not survived for rows in results.values() for _m, survived in rows)
    print(f"\nAll modules: {killed}/{total} mutants killed ({100 * killed / max(total, 1):.1f} %)")
    return 0


def _report(path: str, rows: list[tuple[Mutant, bool]]) -> None:
    killed = sum(not survived for _mutant, survived in rows)
    print(f"\n{path}: {killed}/{len(rows)} killed ({100 * killed / max(len(rows), 1):.1f} %)")
    for mutant, survived in rows:
        if survived:
            line = (ROOT / path).read_text().splitlines()[mutant.line - 1].strip()
            print(f"  survived  line {mutant.line}: {mutant.description}    {line}")


if __name__ == "__main__":
    sys.exit(main())
