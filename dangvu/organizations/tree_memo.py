"""An organization's version on a day, read from the database, or inside `tree_memo()`
from the whole tree read once.

A long run of writes that leaves the tree alone (the demo's replay of years of lifecycle
steps) asks for the same few hundred organizations' versions thousands of times, a query
each. Inside the block the first lookup reads every version with its organization and the
others are answered from that copy. Outside it, nothing is kept: two requests, or two
processes, never share a copy. A save or deletion of a version or an organization within
the block drops the copy, so a step that does change the tree is seen by the next lookup;
writes that bypass the models' signals (bulk inserts, `QuerySet.update`) are not, which is
why the block is for runs that leave the tree alone.

Small tables that such runs read at each step and leave alone as well (the authorisations
to admit, the signers of documents) are read whole once in the same way: `rows_once`."""

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.db.models import Model
from django.db.models.signals import post_delete, post_save

from dangvu.organizations.models import OrgUnit, OrgVersion

# Inside `tree_memo()`: each organization's versions by id, oldest first, once read (an
# empty copy is read again).
_tree: ContextVar[dict[int, list[OrgVersion]] | None] = ContextVar("tree_memo", default=None)
# Inside `tree_memo()`: the tables `rows_once` read, by model.
_tables: ContextVar[dict[type[Model], list[Any]] | None] = ContextVar("tables", default=None)


@contextmanager
def tree_memo() -> Iterator[None]:
    """Answer `version_on`, `versions_on` and `rows_once` from one reading of the tree and
    of each table until the block ends (see the module's docstring for when that is right)."""
    tree_token, tables_token = _tree.set({}), _tables.set({})
    try:
        yield
    finally:
        _tree.reset(tree_token)
        _tables.reset(tables_token)


def _forget(**_kwargs: Any) -> None:
    """The tree changed: the next lookup reads it again."""
    tree = _tree.get()
    if tree is not None:
        tree.clear()


def _forget_table(sender: type[Model], **_kwargs: Any) -> None:
    tables = _tables.get()
    if tables is not None:
        tables.pop(sender, None)


def _watch(model: type[Model], receiver: Any, name: str) -> None:
    post_save.connect(receiver, sender=model, dispatch_uid=f"{name}_save_{model._meta.label}")
    post_delete.connect(receiver, sender=model, dispatch_uid=f"{name}_delete_{model._meta.label}")


for _model in (OrgVersion, OrgUnit):
    _watch(_model, _forget, "tree_memo")

M = TypeVar("M", bound=Model)


def rows_once(model: type[M]) -> list[M] | None:
    """Inside `tree_memo()`, every row of MODEL in the order of their ids, read once until
    a save or deletion of one of them; None outside the block (the caller queries)."""
    tables = _tables.get()
    if tables is None:
        return None
    if model not in tables:
        _watch(model, _forget_table, "rows_once")
        tables[model] = list(model._default_manager.order_by("pk"))
    return tables[model]


def _memo() -> dict[int, list[OrgVersion]] | None:
    tree = _tree.get()
    if tree is not None and not tree:
        for version in OrgVersion.objects.select_related("org").order_by("org_id", "valid_from"):
            tree.setdefault(version.org_id, []).append(version)
    return tree


def _held(versions: Iterable[OrgVersion], on: dt.date) -> OrgVersion | None:
    return next(
        (v for v in versions if v.valid_from <= on and (v.valid_to is None or on < v.valid_to)),
        None,
    )


def version_on(org_id: int, on: dt.date) -> OrgVersion | None:
    """The version of organization ORG_ID on ON, with its organization; None if it did
    not exist that day."""
    tree = _memo()
    if tree is None:
        return OrgVersion.objects.as_of(on).filter(org_id=org_id).select_related("org").first()
    return _held(tree.get(org_id, ()), on)


def versions_on(org_ids: Iterable[int], on: dt.date) -> dict[int, OrgVersion]:
    """The versions on ON of those of ORG_IDS that existed that day, with their
    organizations, by organization id (one query outside `tree_memo()`)."""
    tree = _memo()
    if tree is None:
        found = OrgVersion.objects.as_of(on).filter(org_id__in=list(org_ids))
        return {v.org_id: v for v in found.select_related("org")}
    held = ((pk, _held(tree.get(pk, ()), on)) for pk in org_ids)
    return {pk: version for pk, version in held if version is not None}
