"""RoleAssignment now belongs to the organizations app (organizations 0002); state only."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("organizations", "0002_membership_roleassignment"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="RoleAssignment")],
            database_operations=[],
        ),
    ]
