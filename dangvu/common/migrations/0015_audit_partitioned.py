from django.db import migrations


def partition(apps, schema_editor):
    """PostgreSQL: the audit trail becomes one table partitioned by month (SQLite keeps one)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    from dangvu.common import clock
    from dangvu.common.audit_partitions import audit_partitions_ensure, audit_table_partition

    with schema_editor.connection.cursor() as cursor:
        audit_table_partition(cursor)
    audit_partitions_ensure(today=clock.today())


class Migration(migrations.Migration):
    dependencies = [
        ("common", "0014_backup_sort_keys"),
        # Their foreign keys into the trail go first: none can point into a partitioned table.
        ("imports", "0012_audit_without_constraint"),
        ("organizations", "0008_audit_without_constraint"),
    ]

    # Backwards the table stays partitioned: Django reads and writes it the same way.
    operations = [migrations.RunPython(partition, migrations.RunPython.noop)]
