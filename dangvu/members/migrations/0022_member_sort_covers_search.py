"""On PostgreSQL, `member_sort` (sort key, id) also carries the folded name (INCLUDE), so
a search's page walks the index and tests the name there, reading only the rows it keeps:
at 5.6 million members 19,000 index entries instead of 19,000 rows (70 ms to 5 ms,
docs/performance.md). Same name and key columns, so the model's index is unchanged; SQLite
has no INCLUDE."""

from django.db import migrations


def _sort_index(schema_editor, include: str) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS member_sort")
    schema_editor.execute(f"CREATE INDEX member_sort ON members_member (sort_key, id){include}")


def cover(apps, schema_editor):
    _sort_index(schema_editor, " INCLUDE (search_text)")


def uncover(apps, schema_editor):
    _sort_index(schema_editor, "")


class Migration(migrations.Migration):
    dependencies = [("members", "0021_member_recognition_route")]
    operations = [migrations.RunPython(cover, uncover)]
