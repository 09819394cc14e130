"""Load the provinces and wards of both schemes: before 1/7/2025 (63 provinces, from
vietnam-provinces 0.6.0, shipped as JSON with dangvu) and from 1/7/2025 (34 provinces, from
the installed vietnam-provinces package)."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "divisions_before_2025-07-01.json"


def load(apps, schema_editor):
    from vietnam_provinces import Province, Ward

    Unit = apps.get_model("common", "AdministrativeUnit")
    before = json.loads(DATA.read_text(encoding="utf-8"))
    provinces = Unit.objects.bulk_create(
        Unit(scheme="2008", level="PROVINCE", code=code, name=name) for code, name, _ in before
    )
    Unit.objects.bulk_create(
        Unit(scheme="2008", level="WARD", code=ward_code, name=ward_name,
             district_name=district, parent_id=province.pk)
        for province, (_, _, wards) in zip(provinces, before)
        for ward_code, ward_name, district in wards
    )
    current = {
        province.code: Unit.objects.create(
            scheme="2025", level="PROVINCE", code=f"{int(province.code):02d}", name=province.name
        )
        for province in Province.iter_all()
    }
    Unit.objects.bulk_create(
        Unit(scheme="2025", level="WARD", code=f"{int(ward.code):05d}", name=ward.name,
             parent_id=current[ward.province_code].pk)
        for ward in Ward.iter_all()
    )


def unload(apps, schema_editor):
    apps.get_model("common", "AdministrativeUnit").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("common", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
