"""The moved tables take the organizations app's names."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0002_membership_roleassignment"),
        ("members", "0007_membership_moved"),
        ("accounts", "0002_roleassignment_moved"),
    ]

    operations = [
        migrations.AlterModelTable(name="membership", table=None),
        migrations.AlterModelTable(name="roleassignment", table=None),
    ]
