"""Fill the folded names of the versions written before 0004."""

import unicodedata

from django.db import migrations


def _fold(value: str) -> str:
    # common.text.fold, repeated here: a migration never imports the app's code.
    decomposed = unicodedata.normalize("NFD", " ".join(value.split()))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d").replace("Đ", "D").lower()


def backfill(apps, schema_editor):
    OrgVersion = apps.get_model("organizations", "OrgVersion")
    versions = list(OrgVersion.objects.only("id", "name"))
    for version in versions:
        version.search_text = _fold(version.name)
    OrgVersion.objects.bulk_update(versions, ["search_text"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("organizations", "0004_orgversion_search_text")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
