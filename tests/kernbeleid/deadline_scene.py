"""A project with one deadline of every kind (issue 15, part 5), for the deadline tests and
the browser check of the deadline pages."""

from dataclasses import dataclass
from datetime import date

from kernbeleid.constants import ActionStatus
from kernbeleid.models import Action, Motie, StepRecord
from reports.models import Publication
from tests.reports.publication_helpers import stored_version


@dataclass
class Scene:
    world: object
    project: object
    action: Action
    motie: Motie
    raad_consultation: Publication
    werkgroep_consultation: Publication


def build_scene(world) -> Scene:
    """world.project (2027-2030, step 3) with one deadline of every kind, all after TODAY."""
    project = world.project
    StepRecord.objects.filter(project=project, step=4).update(planned_end=date(2027, 4, 1))
    StepRecord.objects.filter(project=project, step=5).update(planned_end=date(2027, 6, 1))
    action = Action.objects.create(
        project=project,
        year=2027,
        title="Buurtpreventie opzetten",
        owner="OOV",
        end=date(2027, 8, 1),
    )
    Action.objects.create(
        project=project,
        year=2027,
        title="Al gereed",
        owner="OOV",
        end=date(2027, 5, 1),
        status=ActionStatus.GEREED,
    )
    motie = Motie.objects.create(
        project=project,
        step=1,
        number="M-3",
        title="Cameratoezicht evalueren",
        text="Verzoekt het college te evalueren.",
        outcome="aangenomen",
        asks_action=True,
        task_deadline=date(2027, 7, 1),
    )
    version = stored_version(project, document="analyse", minor=2)
    raad = Publication.objects.create(
        version=version, audience="raad", purpose="consultatie", closes_on=date(2027, 3, 30), step=3
    )
    werkgroep = Publication.objects.create(
        version=version,
        audience="werkgroep",
        purpose="consultatie",
        closes_on=date(2027, 3, 26),
        step=3,
    )
    # A consultation that closed is done, not late: it shows nowhere.
    Publication.objects.create(
        version=version, audience="raad", purpose="consultatie", closes_on=date(2027, 3, 1), step=3
    )
    world.memberships["raadslid"].ends_on = date(2027, 10, 31)
    world.memberships["raadslid"].save()
    world.memberships["partner"].ends_on = date(2027, 9, 30)
    world.memberships["partner"].save()
    project.next_deadline = date(2027, 3, 20)
    project.next_deadline_label = "Veiligheidsanalyse definitief"
    project.werkgroep_ends_on = date(2027, 9, 30)
    project.save()
    return Scene(world, project, action, motie, raad, werkgroep)
