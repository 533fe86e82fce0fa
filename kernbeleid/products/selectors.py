"""Reads of what each Kernbeleid step produces: the pages' lists and the checks the workflow
guards use ("the werkgroep has partners", "the kadernota is ready")."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from analysis.figures.constants import AreaKind
from analysis.figures.selectors import edition_filter
from analysis.models import AnalysisTheme, Indicator, IndicatorResult
from analysis.narrative.constants import ThemeCoverage
from projects.models import Gemeente, Project
from projects.removal import UNDO_WINDOW

from ..constants import BeleidsvraagGroup, KadernotaSection, Organisation
from . import goal_scope
from .models import (
    Action,
    BeleidsvraagAnswer,
    BovenlokalePrioriteit,
    DraagvlakReaction,
    DraagvlakResponse,
    Goal,
    Kadernota,
    Meeting,
    Startnotitie,
    WerkgroepMember,
)

# --- single objects, always within the project (404 otherwise) ---------------------------


def _get(queryset: QuerySet, uuid, what: str):
    obj = queryset.filter(uuid=uuid).first()
    if obj is None:
        raise Http404(f"{what} bestaat niet in dit project.")
    return obj


def werkgroep_member_get(project: Project, member_uuid) -> WerkgroepMember:
    return _get(project.werkgroep.all(), member_uuid, "Dit werkgroeplid")


def werkgroep_removed_get(project: Project, member_uuid) -> WerkgroepMember:
    """A removed member of this project (for the undo); 404 otherwise."""
    removed = WerkgroepMember.with_removed.filter(project=project, removed_at__isnull=False)
    return _get(removed, member_uuid, "Dit verwijderde werkgroeplid")


def werkgroep_undoable(project: Project, user) -> WerkgroepMember | None:
    """The member this user removed last, while they may still put it back."""
    since = timezone.now() - UNDO_WINDOW
    return (
        WerkgroepMember.with_removed.filter(project=project, removed_by=user, removed_at__gte=since)
        .order_by("-removed_at")
        .first()
    )


def meeting_get(project: Project, meeting_uuid) -> Meeting:
    return _get(project.meetings.all(), meeting_uuid, "Deze bijeenkomst")


def goal_get(project: Project, goal_uuid) -> Goal:
    return _get(project.goals.all(), goal_uuid, "Dit doel")


def bovenlokale_prioriteit_get(project: Project, prioriteit_uuid) -> BovenlokalePrioriteit:
    return _get(
        project.bovenlokale_prioriteiten.all(), prioriteit_uuid, "Deze bovenlokale prioriteit"
    )


def action_get(project: Project, action_uuid) -> Action:
    return _get(project.actions.select_related("goal"), action_uuid, "Deze actie")


# --- pages -------------------------------------------------------------------------------


def startnotitie_for(project: Project) -> Startnotitie:
    """The stored startnotitie, or an unsaved empty one (reading creates nothing)."""
    return Startnotitie.objects.filter(project=project).first() or Startnotitie(project=project)


def kadernota_for(project: Project) -> Kadernota:
    return Kadernota.objects.filter(project=project).first() or Kadernota(project=project)


def bovenlokale_prioriteiten(project: Project) -> QuerySet[BovenlokalePrioriteit]:
    """The kadernota's bovenlokale kaders, in the order the gemeente gave them."""
    return project.bovenlokale_prioriteiten.order_by("position", "id")


def werkgroep(project: Project) -> QuerySet[WerkgroepMember]:
    return project.werkgroep.all()


def meetings(project: Project) -> QuerySet[Meeting]:
    return project.meetings.all()


def startbijeenkomst(project: Project, *, exclude_uuid=None) -> Meeting | None:
    queryset = project.meetings.filter(is_startbijeenkomst=True)
    if exclude_uuid is not None:
        queryset = queryset.exclude(uuid=exclude_uuid)
    return queryset.first()


@dataclass
class QuestionGroup:
    value: str
    label: str
    questions: list[BeleidsvraagAnswer] = field(default_factory=list)


def beleidsvragen_by_group(project: Project) -> list[QuestionGroup]:
    groups = {
        value: QuestionGroup(value=value, label=label) for value, label in BeleidsvraagGroup.choices
    }
    for answer in BeleidsvraagAnswer.objects.filter(project=project).order_by("id"):
        groups[answer.group].questions.append(answer)
    return list(groups.values())


def priorities(project: Project) -> QuerySet[AnalysisTheme]:
    """The themes the werkgroep proposed as priorities: the goals hang under these."""
    return (
        AnalysisTheme.objects.filter(
            field__project=project,
            field__hidden=False,
            hidden=False,
            coverage=ThemeCoverage.UITGEWERKT,
            proposed_priority=True,
        )
        .select_related("field")
        .order_by("field__position", "position")
    )


def indicators_with_results(project: Project) -> QuerySet[Indicator]:
    """The indicators this project has stored results for (the goals' possible measures)."""
    ids = IndicatorResult.objects.filter(edition__projects=project).values("indicator_id")
    return Indicator.objects.filter(pk__in=ids).order_by("name")


def baseline_result(
    project: Project, indicator: Indicator, gemeente: Gemeente | None = None
) -> IndicatorResult | None:
    """The latest stored result of an indicator for the gemeente as a whole (the project's,
    or `gemeente`, one of a joint plan's, for its local goal)."""
    return (
        IndicatorResult.objects.filter(
            # A participant's figures are its own editions (analysis editions_read).
            **edition_filter(project, gemeente),
            indicator=indicator,
            area__gemeente=gemeente or project.gemeente,
            area__kind=AreaKind.GEMEENTE,
        )
        .select_related("edition")
        .order_by("-edition__year")
        .first()
    )


@dataclass
class PriorityGoals:
    theme: AnalysisTheme
    goals: list[Goal]


def goals_by_priority(project: Project) -> list[PriorityGoals]:
    """Every goal under its priority; priorities without goals too, so the page shows them."""
    grouped: dict[int, PriorityGoals] = {
        theme.pk: PriorityGoals(theme=theme, goals=[]) for theme in priorities(project)
    }
    goals = project.goals.select_related(
        "theme", "theme__field", "indicator", "area", "own_series", "gemeente"
    ).order_by("theme__field__position", "theme__position", "id")
    for goal in goals:
        grouped.setdefault(goal.theme_id, PriorityGoals(theme=goal.theme, goals=[]))
        grouped[goal.theme_id].goals.append(goal)
    return list(grouped.values())


def goals(project: Project) -> QuerySet[Goal]:
    return project.goals.select_related("theme", "gemeente").order_by(
        "theme__field__position", "theme__position", "id"
    )


def goals_for_gemeente(project: Project, gemeente: Gemeente | None) -> QuerySet[Goal]:
    """What one gemeente of a joint plan works on: the shared goals and its own local ones
    (not another gemeente's). None, or a plan of one gemeente: every goal."""
    found = goals(project)
    if gemeente is None or not project.joint:
        return found
    return found.filter(Q(gemeente__isnull=True) | Q(gemeente=gemeente))


def editable_goal_ids(project: Project, access_gemeente: Gemeente) -> set[int]:
    """The goals this requester's gemeente may change (goal_scope.py): the lead every one,
    a participant its own local goals; the kadernota page offers buttons only for these."""
    return {
        goal.pk
        for goal in project.goals.all()
        if goal_scope.may_edit_goal(access_gemeente=access_gemeente, project=project, goal=goal)
    }


def partner_organisations(project: Project) -> list[tuple[str, str]]:
    """(value, label) of the organisations in the werkgroep other than the gemeente, in the
    order of the choices."""
    present = werkgroep_external_organisations(project)
    return [(value, label) for value, label in Organisation.choices if value in present]


@dataclass
class DraagvlakRow:
    organisation: str
    label: str
    cells: list[tuple[str, str, DraagvlakResponse | None]]  # (section, label, response)


def draagvlak_table(project: Project) -> list[DraagvlakRow]:
    """Organisation × kadernota section, with the recorded response where there is one."""
    responses = {
        (response.organisation, response.section): response
        for response in DraagvlakResponse.objects.filter(project=project)
    }
    return [
        DraagvlakRow(
            organisation=value,
            label=label,
            cells=[
                (section, section_label, responses.get((value, section)))
                for section, section_label in KadernotaSection.choices
            ],
        )
        for value, label in partner_organisations(project)
    ]


@dataclass
class YearProgramme:
    year: int
    actions: list[Action]
    budget: Decimal


def actions_by_year(project: Project) -> list[YearProgramme]:
    """The uitvoeringsprogramma per year with the total budget of each year."""
    years: dict[int, YearProgramme] = {}
    for action in project.actions.select_related("goal").prefetch_related("progress"):
        entry = years.setdefault(
            action.year, YearProgramme(year=action.year, actions=[], budget=Decimal("0"))
        )
        entry.actions.append(action)
        entry.budget += action.budget or Decimal("0")
    return [years[year] for year in sorted(years)]


# --- checks for the workflow guards --------------------------------------------------------


def werkgroep_external_organisations(project: Project) -> set[str]:
    """The organisations (Organisation values) in the werkgroep other than the gemeente."""
    return set(
        WerkgroepMember.objects.filter(project=project)
        .exclude(organisation=Organisation.GEMEENTE)
        .values_list("organisation", flat=True)
        .distinct()
    )


def startbijeenkomst_held(project: Project, today: date) -> bool:
    """A startbijeenkomst dated on or before today, with minutes."""
    return any(
        minutes.strip()
        for minutes in Meeting.objects.filter(
            project=project, is_startbijeenkomst=True, date__lte=today
        ).values_list("minutes", flat=True)
    )


def beleidsvragen_answered(project: Project, groups: Iterable[str]) -> bool:
    """Each of the groups has at least one question with a non-empty answer."""
    wanted = {str(group) for group in groups}
    answered = {
        group
        for group, answer in BeleidsvraagAnswer.objects.filter(
            project=project, group__in=wanted
        ).values_list("group", "answer")
        if answer.strip()
    }
    return wanted <= answered


def kadernota_ready(project: Project) -> list[str]:
    """What the kadernota still lacks, in Dutch; empty when it is ready for the raad."""
    missing = []
    kadernota = Kadernota.objects.filter(project=project).first()
    if kadernota is None or not kadernota.visie.strip():
        missing.append("de visie is nog niet geschreven.")
    measurable = Goal.objects.filter(
        project=project,
        indicator__isnull=False,
        target_value__isnull=False,
        target_year__isnull=False,
    )
    if not measurable.exists():
        missing.append("er is nog geen doel met een indicator en een streefwaarde.")
    return missing


def draagvlak_missing(project: Project) -> list[str]:
    """The partner organisations (their Dutch names) that have not responded at all."""
    responded = set(
        DraagvlakResponse.objects.filter(project=project).values_list("organisation", flat=True)
    )
    # A partner's own reaction to a concept version counts for their organisation.
    reacted = DraagvlakReaction.objects.filter(version__project=project).values("author")
    responded |= set(
        project.werkgroep.filter(user__in=reacted).values_list("organisation", flat=True)
    )
    return [label for value, label in partner_organisations(project) if value not in responded]
