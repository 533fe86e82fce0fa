"""The standaardindeling of the kadernota gets the chapters real kadernota's carry (issue 13).
The stored standard structure's sections are replaced; structures a gemeente copied keep theirs,
and versions keep the snapshot they were made with. The lists are written out here so the
migration keeps doing what it did when the constants change later."""

import uuid

from django.db import migrations, models

OLD = [
    ("Samenvatting", "samenvatting", True),
    ("Inleiding", "inleiding", True),
    ("Visie en uitgangspunten", "visie", True),
    ("Veiligheidsbeeld", "velden", True),
    ("Prioriteiten en doelen", "doelen", True),
    ("Aanpak op hoofdlijnen", "aanpak", True),
    ("Organisatie en borging", "borging", True),
    ("Financiën", "budget", True),
    ("Uitvoeringsprogramma", "uitvoering", True),
    ("Begrippenlijst", "begrippen", False),
]
NEW = [
    ("Samenvatting", "samenvatting", True),
    ("Inleiding", "inleiding", True),
    ("Evaluatie vorige periode", "evaluatie", True),
    ("Trends en ontwikkelingen", "trends", True),
    ("Veiligheidsbeeld in het kort", "kerncijfers", True),
    ("Visie en uitgangspunten", "visie", True),
    ("Bovenlokale kaders", "bovenlokaal", True),
    ("Prioriteiten en doelen", "doelen", True),
    ("Overige thema's (basisniveau)", "overige_themas", True),
    ("Organisatie, regie en samenwerking", "borging", True),
    ("Communicatie", "communicatie", True),
    ("Financiën", "budget", True),
    ("Monitoring en verantwoording", "monitoring", True),
    ("Bijlage 1. Veiligheidsanalyse", "bijlage_analyse", False),
    ("Bijlage 2. Amendementen en moties", "besluiten", False),
    ("Bijlage 3. Afkortingen", "afkortingen", False),
    ("Begrippenlijst", "begrippen", False),
    ("Colofon", "colofon", False),
]


def _replace(apps, sections):
    Structure = apps.get_model("reports", "ReportStructure")
    Section = apps.get_model("reports", "StructureSection")
    for structure in Structure.objects.filter(document="kadernota", is_standard=True):
        structure.sections.all().delete()
        Section.objects.bulk_create(
            Section(
                uuid=uuid.uuid4(),
                structure=structure,
                position=position,
                title=title,
                source=source,
                numbered=numbered,
            )
            for position, (title, source, numbered) in enumerate(sections, start=1)
        )


def forwards(apps, schema_editor):
    _replace(apps, NEW)


def backwards(apps, schema_editor):
    _replace(apps, OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0010_dutch_model_names"),
    ]

    operations = [
        migrations.AlterField(
            model_name="structuresection",
            name="source",
            field=models.CharField(
                choices=[
                    ("fixed", "vaste tekst (zoals voorwoord of leeswijzer)"),
                    ("samenvatting", "samenvatting"),
                    ("inleiding", "inleiding (gemeente, periode, proces)"),
                    ("methode", "bronnen en methode"),
                    ("velden", "veiligheidsvelden en thema's (teksten en cijfers)"),
                    ("prioriteiten", "prioriteiten"),
                    ("wijken", "tabellen per wijk"),
                    ("visie", "visie (kadernota)"),
                    ("doelen", "prioriteiten met doelen (kadernota)"),
                    ("aanpak", "aanpak op hoofdlijnen (kadernota)"),
                    ("borging", "organisatie en borging (kadernota)"),
                    ("budget", "financiën (kadernota)"),
                    ("uitvoering", "uitvoeringsprogramma"),
                    ("begrippen", "begrippenlijst"),
                    ("evaluatie", "evaluatie vorige periode (kadernota)"),
                    ("trends", "trends en ontwikkelingen (kadernota)"),
                    ("kerncijfers", "veiligheidsbeeld in het kort: kerncijfers (kadernota)"),
                    ("bovenlokaal", "bovenlokale kaders (kadernota)"),
                    ("overige_themas", "overige thema's: basisniveau (kadernota)"),
                    ("communicatie", "communicatie (kadernota)"),
                    ("monitoring", "monitoring en verantwoording (kadernota)"),
                    ("bijlage_analyse", "bijlage: de veiligheidsanalyse"),
                    ("besluiten", "bijlage: amendementen en moties"),
                    ("afkortingen", "afkortingen"),
                    ("colofon", "colofon met het raadsbesluit"),
                ],
                max_length=20,
                verbose_name="inhoud",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
