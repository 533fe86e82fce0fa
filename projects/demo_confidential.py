"""Demo (issue 14): in Almere's traject the RIEC's ondermijningsbeeld is vertrouwelijk. The
werkgroep marks the huidige aanpak of theme 5.2 (ondermijning) and the figure of drugshandel,
so the page "Vertrouwelijke onderdelen" and the badges have something to show. The marks
count for versions made after them; the story's versions stay as the raad read them. Then the
two-year update of the analysis goes to the raad ter informatie: readers get it without the
marked parts, and the raadslid gets them in a besloten bijlage on their name.
Runs once: a second run finds the marks and changes nothing."""

from django.core.exceptions import ValidationError

from analysis.models import AnalysisTheme

from .confidentiality import figure_key, theme_text_key
from .confidentiality_services import confidential_mark_set
from .constants import ConfidentialReason, ProjectScope
from .demo_dating import demo_user
from .models import ConfidentialMark, Project

ALMERE = "GM0034"


def demo_confidential_load() -> list[str]:
    project = (
        Project.objects.filter(
            gemeente__cbs_code=ALMERE, scope=ProjectScope.KERNBELEID, successors__isnull=True
        )
        .order_by("created_at")
        .first()
    )
    theme = AnalysisTheme.objects.filter(field__project=project, code="5.2").first()
    if project is None or theme is None:
        return []
    if ConfidentialMark.objects.filter(project=project).exists():
        return []
    actor = demo_user(f"ambtenaar@{project.gemeente.slug}.demo.nl")
    marks = [
        (
            theme_text_key(theme, "huidige_aanpak"),
            ConfidentialReason.ONDERMIJNING,
            "Noemt lopende Bibob-zaken; ter inzage bij de griffie.",
        ),
        (figure_key("drugshandel"), ConfidentialReason.POLITIE, "Cijfers van het basisteam."),
    ]
    done = 0
    for key, reason, note in marks:
        try:
            confidential_mark_set(actor=actor, project=project, key=key, reason=reason, note=note)
        except ValidationError:  # a part this demo lacks (no such figure): left out
            continue
        done += 1
    if not done:
        return []
    return [f"Almere: {done} onderdelen als vertrouwelijk gemarkeerd."] + _update_to_the_raad(
        project, actor
    )


UPDATE_NOTE = (
    "Actualisatie van de veiligheidsanalyse na twee jaar. Het ondermijningsbeeld staat in een "
    "besloten bijlage; die ligt ter inzage bij de griffie."
)


def _update_to_the_raad(project: Project, actor) -> list[str]:
    """The analysis with the marks as a new concept, sent to the raad ter informatie; its
    confidential parts in a besloten bijlage for the raadslid (projects/demo_annex.py)."""
    from reports.confidential import has_confidential
    from reports.constants import Audience, DocumentKind
    from reports.services import publish, version_for

    from .demo_annex import demo_annex_load

    version = version_for(actor=actor, project=project, document=DocumentKind.ANALYSE)
    if not has_confidential(version.snapshot):
        return []
    publish(actor=actor, version=version, audience=Audience.RAAD, note=UPDATE_NOTE)
    return [f"Almere: {version} ter informatie aan de raad."] + demo_annex_load(project)
