"""The database triggers that note which cells' figures a write changes (`DirtyCell`).

Triggers, not the services, because every write path must reach them: the services, the
imports' bulk inserts, an admin's revert, a restore, SQL typed by hand. They are installed
after every `migrate` rather than in a migration, because SQLite drops a table's triggers
when a later migration rebuilds the table (how it alters a column).
"""

from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper

# The member fields the figures read: the roll (`members.facts.on_roll`), the status, the
# gender, the age band and the year's admissions.
MEMBER_FIELDS = ("gender", "birth_date", "admission_date", "official_date", "exit_date")

_DIRTY = "INSERT INTO stats_dirtycell (org_id)"
_MEMBER_CELLS = f"{_DIRTY} SELECT org_id FROM organizations_membership WHERE member_id = NEW.id"

_SQLITE_TRIGGERS = {
    "stats_membership_insert": (
        "AFTER INSERT ON organizations_membership",
        f"{_DIRTY} VALUES (NEW.org_id);",
    ),
    "stats_membership_update": (
        "AFTER UPDATE ON organizations_membership",
        f"{_DIRTY} VALUES (OLD.org_id); {_DIRTY} VALUES (NEW.org_id);",
    ),
    "stats_membership_delete": (
        "AFTER DELETE ON organizations_membership",
        f"{_DIRTY} VALUES (OLD.org_id);",
    ),
    "stats_member_update": (
        "AFTER UPDATE ON members_member WHEN "
        + " OR ".join(f"OLD.{field} IS NOT NEW.{field}" for field in MEMBER_FIELDS),
        f"{_MEMBER_CELLS};",
    ),
}

# A bulk load that forgets the counted figures afterwards sets it while it writes, so that
# millions of rows do not each write a mark (bench/national.py).
MARKS_OFF = "dangvu.stats_marks_off"
_SKIP = f"IF current_setting('{MARKS_OFF}', true) = 'on' THEN RETURN NULL; END IF;"

_POSTGRES_FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION stats_membership_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {_SKIP}
    IF TG_OP <> 'INSERT' THEN {_DIRTY} VALUES (OLD.org_id); END IF;
    IF TG_OP <> 'DELETE' THEN {_DIRTY} VALUES (NEW.org_id); END IF;
    RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION stats_member_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {_SKIP}
    {_MEMBER_CELLS};
    RETURN NULL;
END $$;
"""

_POSTGRES_TRIGGERS = {
    "stats_membership_dirty": (
        "organizations_membership",
        "AFTER INSERT OR UPDATE OR DELETE ON organizations_membership FOR EACH ROW "
        "EXECUTE FUNCTION stats_membership_dirty()",
    ),
    "stats_member_dirty": (
        "members_member",
        "AFTER UPDATE ON members_member FOR EACH ROW WHEN ("
        + " OR ".join(f"OLD.{field} IS DISTINCT FROM NEW.{field}" for field in MEMBER_FIELDS)
        + ") EXECUTE FUNCTION stats_member_dirty()",
    ),
}


def sync_triggers(connection: BaseDatabaseWrapper) -> None:
    """Install the triggers where `DirtyCell`'s table exists, drop them where it does not
    (the stats app migrated back to zero), replacing any older definition. What was
    counted before is forgotten: a migration may have written while SQLite had no
    triggers."""
    # One transaction: a write meanwhile waits for the new triggers, never slips between.
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        installed = "stats_dirtycell" in connection.introspection.table_names(cursor)
        if connection.vendor == "postgresql":
            for name, (table, _definition) in _POSTGRES_TRIGGERS.items():
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            if installed:
                cursor.execute(_POSTGRES_FUNCTIONS)
                for name, (_table, definition) in _POSTGRES_TRIGGERS.items():
                    cursor.execute(f"CREATE TRIGGER {name} {definition}")
        else:
            for name, (event, body) in _SQLITE_TRIGGERS.items():
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
                if installed:
                    cursor.execute(f"CREATE TRIGGER {name} {event} BEGIN {body} END")
        if installed:
            for table in ("stats_cellcount", "stats_countedday", "stats_dirtycell"):
                cursor.execute(f"DELETE FROM {table}")
