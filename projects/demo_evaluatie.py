"""Demo of the evaluation of the previous plan (issue 16): the demo's new plan names the plan
before it as its predecessor, its Evaluatie vorige periode is drafted from that plan's goals,
measurements and actions, and the kadernota gets a short evaluatie text of its own when it
has none yet (what a gemeente writes above the drafted tables).

The lead creates the predecessor project with its goals, measurements and actions, then
calls ``demo_evaluatie_load(project, predecessor, actor)``. Running it twice changes nothing
the second time except the draft's timestamp.
"""

from django.db import transaction

from kernbeleid.cycle.evaluation import evaluation_draft
from kernbeleid.models import Kadernota

from .models import Project
from .predecessor import project_predecessor_set

EVALUATIE_TEXT = (
    "Het vorige integraal veiligheidsplan liep vier jaar. Van de doelen is het grootste deel "
    "gehaald; waar een doel niet is gehaald, staat hieronder of de verandering sinds de "
    "nulmeting groter is dan toeval en of de cijfers nog met de nulmeting te vergelijken zijn.\n"
    "De werkgroep leerde vooral dat acties met één trekker en een vaste planning het best "
    "uitgevoerd werden. Acties die op meerdere partners leunden, liepen vaker vertraging op. "
    "In dit plan krijgt elke actie daarom één trekker en een jaarlijkse voortgangsrapportage."
)


@transaction.atomic
def demo_evaluatie_load(project: Project, predecessor: Project, actor) -> list[str]:
    """Name `predecessor` as the plan before `project`, draft the evaluation, and write a
    short evaluatie text when the kadernota has none. Returns what it did, in Dutch."""
    done = []
    if project_predecessor_set(actor=actor, project=project, predecessor=predecessor):
        done.append(f"Vorig plan van {project.name}: {predecessor.name}.")
    else:
        evaluation_draft(project=project, actor=actor)
    done.append("Evaluatie vorige periode opgesteld.")
    kadernota, _ = Kadernota.objects.get_or_create(project=project)
    if not kadernota.evaluatie.strip():
        kadernota.evaluatie = EVALUATIE_TEXT
        kadernota.save(update_fields=["evaluatie"])
        done.append("Eigen tekst van de evaluatie in de kadernota geschreven.")
    return done
