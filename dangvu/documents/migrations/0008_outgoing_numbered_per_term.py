"""The register numbers per cấp ủy term (HD 36-HD/VPTW), no longer per calendar year. The
numbers already given ran per year: each keeps its year's run as its term (1 January of
its year), so no number changes; new numbers of a term continue after every number already
given within it (`documents/register.py`)."""

import datetime as dt

from django.db import migrations, models


def year_runs(apps, schema_editor):  # type: ignore[no-untyped-def]
    OutgoingDocument = apps.get_model("documents", "OutgoingDocument")
    for year in OutgoingDocument.objects.values_list("year", flat=True).distinct():
        OutgoingDocument.objects.filter(year=year).update(term_start=dt.date(year, 1, 1))


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0007_template_annual_report"),
    ]

    operations = [
        migrations.AddField(
            model_name="outgoingdocument",
            name="term_start",
            field=models.DateField(null=True, verbose_name="nhiệm kỳ từ ngày"),
        ),
        migrations.RunPython(year_runs, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="outgoingdocument",
            name="term_start",
            field=models.DateField(verbose_name="nhiệm kỳ từ ngày"),
        ),
        migrations.RemoveConstraint(
            model_name="outgoingdocument",
            name="one_number_per_register",
        ),
        migrations.AddConstraint(
            model_name="outgoingdocument",
            constraint=models.UniqueConstraint(
                fields=("committee", "kind", "term_start", "sequence"),
                name="one_number_per_term_register",
            ),
        ),
    ]
