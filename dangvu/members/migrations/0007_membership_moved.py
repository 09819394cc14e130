"""Membership now belongs to the organizations app (organizations 0002); state only."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0006_membership_key_indexes"),
        ("organizations", "0002_membership_roleassignment"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Membership")], database_operations=[]
        ),
    ]
