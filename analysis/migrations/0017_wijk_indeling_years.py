"""Existing wijken get the year of their indeling: the first year they have survey results or
police counts for (imports from now on set it themselves, services/area_links.py)."""

from django.db import migrations
from django.db.models import Min


def first_years(apps, schema_editor):
    Area = apps.get_model("analysis", "Area")
    IndicatorResult = apps.get_model("analysis", "IndicatorResult")
    CrimeCount = apps.get_model("analysis", "CrimeCount")
    first: dict[int, int] = {}
    for rows in (
        IndicatorResult.objects.filter(area__kind="wijk")
        .values("area_id")
        .annotate(year=Min("edition__year")),
        CrimeCount.objects.filter(area__kind="wijk").values("area_id").annotate(year=Min("year")),
    ):
        for row in rows:
            first[row["area_id"]] = min(row["year"], first.get(row["area_id"], row["year"]))
    for area in Area.objects.filter(kind="wijk", indeling_year__isnull=True, pk__in=first):
        area.indeling_year = first[area.pk]
        area.save(update_fields=["indeling_year"])


class Migration(migrations.Migration):
    dependencies = [("analysis", "0016_areas_carry_their_indeling")]

    operations = [migrations.RunPython(first_years, migrations.RunPython.noop)]
