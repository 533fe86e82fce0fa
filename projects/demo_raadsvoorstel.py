"""Demo: the raadsvoorstel with which the college offered Almere's kadernota to the raad (step
9). The story (projects/demo_traject.py) has the raad adopting the kadernota with an amendment
already; this voorstel is the one it decided on. Drafted from the project's content through the
service, with the college's date and number and a few parts the ambtenaar wrote; its version
is published to the raad ter informatie (the decision is already recorded, so not ter
besluitvorming again). Runs once: a second call finds the version and changes nothing."""

from datetime import timedelta

from django.db import transaction

from kernbeleid.products.raadsvoorstel import services as raadsvoorstel
from reports.constants import Audience, DocumentKind, PublicationPurpose
from reports.kadernota_common import long_date, vaststelling_decision
from reports.models import Publication, ReportVersion
from reports.services import version_for

from .demo_dating import TUESDAY, dated, days_ago
from .demo_traject import publish_row
from .models import Project

OCCASION = "9"


def demo_raadsvoorstel_load(project: Project, actor) -> list[str]:
    """The step-9 raadsvoorstel of `project` (Almere, step 12, kadernota adopted). Returns what
    it did, in Dutch. Run inside the project's scope (or with scopes disabled)."""
    versions = ReportVersion.objects.filter(
        project=project, document=DocumentKind.RAADSVOORSTEL, part=OCCASION
    )
    if versions.exists():
        return [f"{project.name}: het raadsvoorstel voor stap 9 is er al; niets gewijzigd."]
    decision = vaststelling_decision(project)
    offered = (
        Publication.objects.filter(
            version__project=project,
            version__document=DocumentKind.KADERNOTA,
            audience=Audience.RAAD,
            decision_step=9,
        )
        .select_related("version")
        .order_by("published_at")
        .first()
    )
    if decision is None or offered is None:
        return [f"{project.name}: de raad heeft de kadernota nog niet vastgesteld; overgeslagen."]
    sent = offered.published_at.date()
    college_date = days_ago(sent, 2, TUESDAY)  # the college decided the Tuesday before
    period = f"{project.period_start}-{project.period_end}"
    with transaction.atomic(), dated(project, sent, 9):
        raadsvoorstel.raadsvoorstel_draft(project, OCCASION, actor=actor)
        raadsvoorstel.raadsvoorstel_save(
            actor=actor,
            project=project,
            occasion=OCCASION,
            texts={
                "onderwerp": f"Vaststelling Kadernota integrale veiligheid {period}",
                "voorgesteld_besluit": (
                    f"1. De Kadernota integrale veiligheid {period} 'Samen veilig in Almere' "
                    "vast te stellen.\n"
                    "2. De prioriteiten en de doelen in de kadernota vast te stellen als de "
                    "doelen van de gemeente, bedoeld in artikel 38b Politiewet 2012.\n"
                    "3. Het college te vragen de raad jaarlijks te informeren over de "
                    "voortgang, via de begroting en het jaarverslag."
                ),
                "bijlagen": (
                    f"Kadernota integrale veiligheid {period}, {offered.version.label}, zoals "
                    f"aan de raad aangeboden op {long_date(sent)}."
                ),
            },
            college_date=college_date,
            college_number=f"B&W {college_date.year}-{college_date.timetuple().tm_yday:03d}",
        )
        version = version_for(
            actor=actor, project=project, document=DocumentKind.RAADSVOORSTEL, part=OCCASION
        )
    publish_row(
        actor=actor,
        version=version,
        audience=Audience.RAAD,
        purpose=PublicationPurpose.INFORMATIE,
        step=9,
        when=decision.date + timedelta(days=1),
        note=(
            f"Het raadsvoorstel waarover de raad op {long_date(decision.date)} besloot "
            f"(raadsbesluit {decision.number})."
        ),
    )
    return [
        f"{project.name}: raadsvoorstel voor de vaststelling van de kadernota (stap 9), "
        f"{version.label}, ter informatie bij de raad."
    ]
