"""Existing publications and final versions in the terms of the publication model.

A version published to the raad while the project stood at step 5 or 9 went there to be
decided on; every other one was for information. A final kadernota was vastgesteld by the
raad; a final veiligheidsanalyse, which the raad does not vaststellen, by the college.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    Publication = apps.get_model("reports", "Publication")
    ReportVersion = apps.get_model("reports", "ReportVersion")
    for publication in Publication.objects.filter(audience="raad", step__in=(5, 9)):
        publication.purpose = "besluitvorming"
        publication.decision_step = publication.step
        publication.save(update_fields=["purpose", "decision_step"])
    finals = ReportVersion.objects.filter(major__gte=1, minor=0, finalized_as="")
    finals.filter(document="kadernota").update(finalized_as="raad")
    finals.filter(document="analyse").update(finalized_as="college")


class Migration(migrations.Migration):
    dependencies = [("reports", "0006_publication_by_purpose")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
