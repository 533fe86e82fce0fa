from datetime import date, timedelta

import factory
from django.utils import timezone

from accounts.models import User
from analysis.catalogue import load_indicators
from analysis.models import AnalysisField, AnalysisTheme, Indicator
from kernbeleid.constants import Outcome
from kernbeleid.models import (
    Action,
    BeleidsvraagAnswer,
    BovenlokalePrioriteit,
    CollegeBesluit,
    DraagvlakResponse,
    Goal,
    Kadernota,
    Meeting,
    RaadDecision,
    RaadKennisname,
    Startnotitie,
    WerkgroepMember,
)
from kernbeleid.workflow.transitions import raad_steps_for, steps_for
from projects.constants import GEMEENTE_INDELING_YEAR, ParticipationStatus, ProjectScope, Role
from projects.gemeente_data import load_gemeenten
from projects.models import (
    Bureau,
    Gemeente,
    Membership,
    PoliceUnit,
    Project,
    ProjectParticipant,
    Provincie,
    Veiligheidsregio,
)
from projects.police_data import load_police_eenheden

PASSWORD = "Test-wachtwoord-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"persoon{n}@example.nl")
    full_name = factory.Faker("name", locale="nl_NL")
    password = factory.django.Password(PASSWORD)


class BureauFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bureau

    name = factory.Sequence(lambda n: f"Adviesbureau {n}")
    slug = factory.Sequence(lambda n: f"bureau-{n}")


def gemeente(cbs_code: str) -> Gemeente:
    """The 342 gemeenten are preloaded by a migration; tests use real ones.

    Transactional tests (browser, worker) flush the tables afterwards, so load them again
    when they are gone.
    """
    if not Indicator.objects.exists():
        load_indicators(Indicator)
    if not Gemeente.objects.exists():
        load_gemeenten(
            gemeente_model=Gemeente,
            provincie_model=Provincie,
            regio_model=Veiligheidsregio,
            indeling_year=GEMEENTE_INDELING_YEAR,
        )
        load_police_eenheden(gemeente_model=Gemeente, unit_model=PoliceUnit)
    return Gemeente.objects.get(cbs_code=cbs_code)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.AMBTENAAR


KADERNOTA_CHAPTERS = {
    "aanleiding": "Het vorige plan loopt af.",
    "evaluatie": "De meeste doelen zijn gehaald.",
    "trends": "Ondermijning neemt toe.",
    "visie": "Veilig",
    "borging": "De burgemeester voert de regie.",
    "communicatie": "Een nieuwsbrief per half jaar.",
    "budget": "Uit de begroting.",
    "monitoring": "Een jaarlijkse voortgangsrapportage.",
}


def fulfil_step(project: Project, step: int) -> None:
    """Do the work a step asks for, directly in the data."""
    from analysis.narrative.services import analysis_ensure

    yesterday = date.today() - timedelta(days=1)
    if step == 1:
        Startnotitie.objects.update_or_create(project=project, defaults={"scope": "IVP 2027"})
    elif step == 2:
        WerkgroepMember.objects.create(project=project, name="A. Agent", organisation="politie")
    elif step == 3:
        Meeting.objects.create(
            project=project,
            date=yesterday,
            title="Start",
            is_startbijeenkomst=True,
            minutes="Afspraken gemaakt",
        )
    elif step in (4, 5):
        analysis_ensure(project=project)
        # Definitief needs every worked-out theme complete: its knelpunten written.
        AnalysisTheme.objects.filter(field__project=project, knelpunten="").update(
            knelpunten="<p>Knelpunt.</p>"
        )
        AnalysisField.objects.filter(project=project).update(status="definitief")
        AnalysisTheme.objects.filter(field__project=project, code="1.3").update(
            proposed_priority=True, priority_reasoning="Veel inbraken"
        )
    elif step == 6:
        for group in ("aanpak", "borging"):
            BeleidsvraagAnswer.objects.create(
                project=project, group=group, question="?", answer="Zo"
            )
    elif step in (7, 9):
        fulfil_step(project, 4)
        # Every chapter written: an empty one would keep the raad from adopting it.
        Kadernota.objects.update_or_create(project=project, defaults=KADERNOTA_CHAPTERS)
        BovenlokalePrioriteit.objects.get_or_create(
            project=project, niveau="riec", title="Ondermijning", source="RIEC-jaarplan"
        )
        theme = AnalysisTheme.objects.get(field__project=project, code="1.3")
        Goal.objects.get_or_create(
            project=project,
            theme=theme,
            description="Minder inbraken",
            indicator=Indicator.objects.get(code="slachtoffer_woninginbraak", gemeente=None),
            baseline_year=2023,
            baseline_value=3.0,
            target_value=2.5,
            target_year=2029,
        )
    elif step == 8:
        DraagvlakResponse.objects.create(
            project=project, organisation="politie", section="visie", verdict="akkoord"
        )
    elif step in (10, 11):
        Action.objects.get_or_create(
            project=project, year=project.period_start, title="Buurtpreventie", owner="Gemeente"
        )
        # Step 10 closes with the college's besluit, step 11 with the raad's kennisname of it.
        besluit, _ = CollegeBesluit.objects.get_or_create(
            project=project,
            year=project.period_start,
            defaults={"date": yesterday, "number": f"B&W {project.period_start}-001"},
        )
        if step == 11:
            RaadKennisname.objects.get_or_create(
                college_besluit=besluit,
                defaults={"project": project, "kind": "commissie", "date": yesterday},
            )


def _in_workflow_state(project: Project, create: bool, extracted, **kwargs) -> None:
    """For ProjectFactory(step=N): the traject with its step records; the work of every step
    before N done, a raad step adopted by the raad, and those steps completed; N started."""
    if not create:
        return
    from kernbeleid.workflow.services import traject_ensure

    traject_ensure(project=project)
    # The route's own steps: an analysis-only commission has 1 and 4 and no raad step.
    route = steps_for(scope=project.scope, light_route=False)
    done = [step for step in route if step < project.current_step]
    for step in done:
        if project.scope == ProjectScope.ANALYSE:
            _fulfil_analyse_step(project, step)
        else:
            fulfil_step(project, step)
        if step in raad_steps_for(project.scope):
            RaadDecision.objects.create(
                project=project,
                step=step,
                date=date.today() - timedelta(days=1),
                number=f"RB-{step}",
                outcome=Outcome.AANGENOMEN,
            )
    project.step_records.filter(step__in=done).update(
        started_at=timezone.now(), completed_at=timezone.now()
    )


def _fulfil_analyse_step(project: Project, step: int) -> None:
    """Step 1 of an analysis-only commission: the opdracht and the agreed outline of the
    analysis (kernbeleid.products.opdracht.opdracht_blockers)."""
    from kernbeleid.products.models import Opdracht
    from reports.outline import outline_agree

    if step != 1:
        return
    yesterday = date.today() - timedelta(days=1)
    Opdracht.objects.update_or_create(
        project=project,
        defaults={
            "opdrachtgever": "Team Veiligheid, gemeente",
            "commissioned_on": yesterday,
            "deliverables": "Veiligheidsanalyse als PDF en Word",
        },
    )
    outline_agree(
        actor=None,
        project=project,
        document="analyse",
        agreed_by_name="M. de Boer, teamleider Veiligheid",
        agreed_on=yesterday,
    )


class ProjectFactory(factory.django.DjangoModelFactory):
    """``ProjectFactory(step=7)`` gives a project standing on step 7 of the workflow, with what
    the steps before needed (see _in_workflow_state); without ``step`` a bare project on 1."""

    class Meta:
        model = Project
        skip_postgeneration_save = True  # the hook leaves the project's own fields alone

    name = factory.Sequence(lambda n: f"Integraal Veiligheidsplan {2027 + n % 3}")
    scope = ProjectScope.KERNBELEID
    period_start = 2027
    period_end = 2030
    current_step = factory.LazyAttribute(lambda project: project.step or 1)
    workflow_state = factory.Maybe("step", factory.PostGeneration(_in_workflow_state))

    class Params:
        analyse_only = factory.Trait(scope=ProjectScope.ANALYSE)
        step = None


def join_plan(project: Project, *gemeenten: Gemeente) -> Project:
    """Make `project` a joint plan that these gemeenten joined (accepted), as the tests of
    issue 19 need it; the project is read again."""
    for joined in gemeenten:
        ProjectParticipant.objects.create(
            project=project, gemeente=joined, status=ParticipationStatus.DEELNEMER
        )
    Project.objects.filter(pk=project.pk).update(joint=True)
    project.refresh_from_db()
    return project
