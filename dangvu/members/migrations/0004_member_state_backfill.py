from django.db import migrations


def backfill(apps, schema_editor):
    Member = apps.get_model("members", "Member")
    Member.objects.filter(exit_date__isnull=False).update(state="EXITED")


class Migration(migrations.Migration):
    dependencies = [("members", "0003_lifecycle")]
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
