"""Every deadline of a project, from one place (issue 15, part 5).

The project home, the portfolio, the deadlines page and the reminder mails all read
``project_deadlines``; none computes a deadline of its own, so they cannot disagree.

A project's deadlines:

- the planned ends of its current and later steps on its route (the analysis definitief is
  step 4's);
- for a full Kernbeleid project: the actualisatie of the kadernota (1 January two years into
  the period), the start of a traject for the new kadernota (``Project.new_nota_lead_days``
  before the end, a year by default: a traject takes about that long), the end of the nota
  (31 December of the last year), and the uitvoeringsprogramma of every later year of the
  period that the college has not adopted yet (31 December before that year; the first
  year's programme is step 10 of the traject);
- the end dates of actions that are not done or dropped, and the deadlines of adopted moties
  that ask the college for something, until they are done;
- the closing dates of consultations that are still open;
- the day the werkgroep stops and the last day of members' access;
- the team's own deadline (``Project.next_deadline``), typed on the project form.

A joint plan (issue 19) has one list, computed once: its lead's project holds every row. The
links go under the gemeente the user opens the plan from (``gemeente``; the portfolio and the
deadlines page take it from ``projects.portfolio.ReachedPlan``), because a participant's member
cannot open the lead's URL; the ending access listed is that gemeente's members'.

Who sees what: editors (ambtenaar, adviseur) and the reminder job (``user=None``) see all.
Readers get no internal planning, no live uitvoeringsprogramma and no one else's access
(``projects/reader_access.py``): a raadslid sees the raad's moties, the nota's dates, the
consultations put before the raad and their own access end; a partner only the
consultations that reach them and their own access end.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import prefetch_related_objects
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from projects.constants import ProjectScope, Role, step_name
from projects.models import Gemeente, Membership, Project
from projects.portfolio import ReachedPlan, plan_url, reached_plans
from projects.scopes import gemeente_scope

from ..constants import ActionStatus
from ..workflow.models import Traject
from ..workflow.transitions import steps_for

KIND_STEP = "step"
KIND_MIDTERM = "midterm"
KIND_NEW_NOTA = "new_nota"
KIND_NOTA_END = "nota_end"
KIND_PROGRAMME = "programme"
KIND_ACTION = "action"
KIND_MOTIE = "motie"
KIND_CONSULTATION = "consultation"
KIND_WERKGROEP = "werkgroep"
KIND_MEMBERSHIP = "membership"
KIND_OWN = "own"

OPEN_ACTION = (ActionStatus.GEPLAND, ActionStatus.LOPEND, ActionStatus.VERTRAAGD)
SOON_DAYS = 14  # the first reminder goes out this many days before

# What each reader role may see; editors and the reminder job see every kind.
READER_KINDS = {
    Role.RAADSLID: frozenset(
        {
            KIND_MIDTERM,
            KIND_NEW_NOTA,
            KIND_NOTA_END,
            KIND_MOTIE,
            KIND_CONSULTATION,
            KIND_MEMBERSHIP,
        }
    ),
    Role.PARTNER: frozenset({KIND_CONSULTATION, KIND_MEMBERSHIP}),
}


@dataclass(frozen=True)
class Deadline:
    """One deadline. ``key`` names what it is about and stays the same when its date moves,
    so pages can be compared and a reminder is sent once per date (``reminder_key``)."""

    key: str
    kind: str
    label: str
    date: datetime.date
    project: Project
    url: str
    overdue: bool = False
    soon: bool = False  # within the first reminder's 14 days, today included
    # How the user reaches the plan, on the pages that span gemeenten (the deadlines page
    # names the plan's gemeenten and links it under ``plan.url``); None elsewhere.
    plan: ReachedPlan | None = field(default=None, compare=False)


def _skipped(project: Project) -> frozenset[int]:
    try:
        return project.traject.skipped
    except Traject.DoesNotExist:
        return frozenset()


def _long(day: datetime.date) -> str:
    return date_format(day, "j F Y")


def _urls(project: Project, gemeente: Gemeente) -> dict[str, str]:
    """The pages deadlines point to, under the URL of ``gemeente`` (the one the user opens
    the plan from)."""
    return {
        "home": plan_url(project, gemeente),
        "timeline": plan_url(project, gemeente, "kernbeleid:timeline"),
        "progress": plan_url(project, gemeente, "kernbeleid:progress"),
        "controle": plan_url(project, gemeente, "kernbeleid:controle"),
        "members": reverse("projects:gemeente_members", args=[gemeente.slug]),
        "edit": plan_url(project, gemeente, "projects:project_edit"),
        "actualisatie": plan_url(project, gemeente, "kernbeleid:actualisatie"),
        # The next plan, with this one as its predecessor (its evaluation is drafted).
        "successor": reverse("projects:project_create", args=[gemeente.slug])
        + f"?vorige={project.uuid}",
    }


def _step_items(project: Project, urls: dict) -> list[tuple]:
    skipped = _skipped(project)
    route = set(steps_for(scope=project.scope, light_route=bool(skipped), skips=skipped))
    return [
        (
            f"step:{project.uuid}:{record.step}",
            KIND_STEP,
            f"Stap {record.step}: {step_name(record.step, project.scope)} klaar",
            record.planned_end,
            urls["timeline"],
        )
        for record in project.step_records.all()
        if record.planned_end is not None
        and record.step >= project.current_step
        and record.step in route
        and record.completed_at is None
    ]


def _nota_items(project: Project, urls: dict) -> list[tuple]:
    if project.scope != ProjectScope.KERNBELEID:
        return []  # an analysis-only project writes no nota
    end = datetime.date(project.period_end, 12, 31)
    start_new = end - datetime.timedelta(days=project.new_nota_lead_days)
    items = [
        (
            f"midterm:{project.uuid}",
            KIND_MIDTERM,
            "Actualisatie kadernota (na 2 jaar)",
            datetime.date(project.period_start + 2, 1, 1),
            urls["actualisatie"],
        ),
        (
            f"new_nota:{project.uuid}",
            KIND_NEW_NOTA,
            f"Traject nieuwe kadernota starten (de kadernota loopt af op {_long(end)}): "
            "nieuw project met dit plan als vorig plan",
            start_new,
            urls["successor"],
        ),
        (
            f"nota_end:{project.uuid}",
            KIND_NOTA_END,
            "Nieuwe kadernota nodig (looptijd 4 jaar)",
            end,
            urls["home"],
        ),
    ]
    adopted = {besluit.year for besluit in project.college_besluiten.all()}
    for year in range(project.period_start + 1, project.period_end + 1):
        if year not in adopted:
            items.append(
                (
                    f"programme:{project.uuid}:{year}",
                    KIND_PROGRAMME,
                    f"Uitvoeringsprogramma {year} vastgesteld door het college",
                    datetime.date(year - 1, 12, 31),
                    urls["controle"],
                )
            )
    return items


def _work_items(project: Project, urls: dict) -> list[tuple]:
    items = [
        (
            f"action:{action.uuid}",
            KIND_ACTION,
            f"Actie gereed: {action.title}",
            action.end,
            urls["progress"],
        )
        for action in project.actions.all()
        if action.end is not None and action.status in OPEN_ACTION
    ]
    items += [
        (
            f"motie:{motie.uuid}",
            KIND_MOTIE,
            f"Motie {motie.number} afgehandeld: {motie.title}",
            motie.task_deadline,
            urls["timeline"],
        )
        for motie in project.moties.all()
        if motie.task_open and motie.task_deadline is not None
    ]
    if project.werkgroep_ends_on is not None:
        items.append(
            (
                f"werkgroep:{project.uuid}",
                KIND_WERKGROEP,
                "Werkgroep stopt (toegang van de partners eindigt)",
                project.werkgroep_ends_on,
                urls["edit"],
            )
        )
    if project.next_deadline is not None:
        items.append(
            (
                f"own:{project.uuid}",
                KIND_OWN,
                project.next_deadline_label or "Eigen deadline",
                project.next_deadline,
                urls["edit"],
            )
        )
    return items


def _open_consultations(projects, today: datetime.date, user, role):
    from reports.constants import PublicationPurpose
    from reports.models import Publication
    from reports.selectors import publications_reaching

    if role is None or role.can_edit:
        publications = Publication.objects.all()
    else:
        publications = publications_reaching(role, user)
    return publications.filter(
        version__project__in=projects,
        purpose=PublicationPurpose.CONSULTATIE,
        closes_on__gte=today,  # a closed consultation is done, not late
    ).select_related("version")


def _ending_memberships(gemeenten, today: datetime.date):
    return Membership.objects.filter(
        gemeente__in=gemeenten, ends_on__isnull=False, ends_on__gte=today, user__is_active=True
    ).select_related("user")


def _consultation_items(
    project: Project, gemeente: Gemeente, today: datetime.date, user, role, known=None
) -> list[tuple]:
    """`known`: the project's open consultations as this user sees them, when the caller
    read them for several projects at once."""
    publications = known if known is not None else _open_consultations([project], today, user, role)
    kwargs = {"gemeente_slug": gemeente.slug, "project_uuid": project.uuid}
    return [
        (
            f"consultation:{publication.pk}",
            KIND_CONSULTATION,
            f"Consultatie {publication.version.document_title} "
            f"{publication.version.label} sluit ({publication.get_audience_display()})",
            publication.closes_on,
            reverse("reports:version", kwargs=kwargs | {"version_uuid": publication.version.uuid}),
        )
        for publication in publications
    ]


def _membership_items(
    gemeente: Gemeente, urls: dict, today: datetime.date, user, role, known=None
) -> list[tuple]:
    """The last day of access of the gemeente's members; a reader sees only their own.
    Gemeente-wide, so the key names no project: lists of several projects show it once.
    `known`: the gemeente's ending memberships, when the caller read them at once."""
    memberships = known if known is not None else _ending_memberships([gemeente.pk], today)
    if role is not None and not role.can_edit:
        memberships = [membership for membership in memberships if membership.user_id == user.pk]
    return [
        (
            f"membership:{membership.uuid}",
            KIND_MEMBERSHIP,
            "Uw toegang eindigt"
            if user is not None and membership.user_id == user.pk
            else f"Toegang eindigt: {membership.user.full_name or membership.user.email}, "
            f"{membership.get_role_display().lower()}",
            membership.ends_on,
            urls["members"] if role is None or role.can_edit else urls["home"],
        )
        for membership in memberships
    ]


def project_deadlines(
    project: Project,
    today: datetime.date | None = None,
    *,
    user=None,
    role: Role | None = None,
    gemeente: Gemeente | None = None,
    plan: ReachedPlan | None = None,
    consultations=None,
    memberships=None,
) -> list[Deadline]:
    """The project's deadlines by date; ``overdue`` when the date lies before today.

    ``user=None`` is the reminder job's view: everything. With a user, what their role in the
    project's gemeente lets them see (``role`` saves the lookup when the caller knows it);
    nothing for someone without access.

    ``gemeente``: the gemeente whose URL the links go under, the request's (a joint plan's
    participant opens it under its own); the lead by default. ``plan``: how the user reaches
    the plan, on the pages that span gemeenten; it gives the role and the gemeente, and rides
    along on every deadline."""
    from projects.selectors import role_in_project

    today = today or timezone.localdate()
    if plan is not None:
        role, gemeente = plan.role, plan.via
    if user is not None and role is None:
        role = role_in_project(user, project)
        if role is None:
            return []
    gemeente = gemeente or project.gemeente
    urls = _urls(project, gemeente)
    items = _step_items(project, urls) + _nota_items(project, urls) + _work_items(project, urls)
    items += _consultation_items(project, gemeente, today, user, role, consultations)
    items += _membership_items(gemeente, urls, today, user, role, memberships)
    if role is not None and not role.can_edit:
        allowed = READER_KINDS.get(role, frozenset())
        items = [item for item in items if item[1] in allowed]
        # A reader may not open the editors' pages a deadline points to.
        items = [
            item if item[1] == KIND_CONSULTATION else (*item[:4], urls["home"]) for item in items
        ]
    items.sort(key=lambda item: (item[3], item[2], item[0]))
    soon = today + datetime.timedelta(days=SOON_DAYS)
    return [
        Deadline(
            key=key,
            kind=kind,
            label=label,
            date=when,
            project=project,
            url=url,
            overdue=when < today,
            soon=today <= when <= soon,
            plan=plan,
        )
        for key, kind, label, when, url in items
    ]


def next_deadline(deadlines: list[Deadline]) -> Deadline | None:
    """The nearest deadline still ahead (today included); None when all have passed."""
    return next((d for d in deadlines if not d.overdue), None)


# What project_deadlines reads of a project besides its own row.
DEADLINE_RELATED = ("step_records", "actions", "moties", "college_besluiten")


def with_deadline_data(projects):
    return projects.select_related("gemeente", "traject").prefetch_related(*DEADLINE_RELATED)


def deadlines_for_projects(
    projects, user, today: datetime.date | None = None
) -> list[tuple[ReachedPlan, list[Deadline]]]:
    """Per plan the user reaches: (how they reach it, its deadlines as they see them there).

    A fixed number of queries however many plans: the plans, the joint plans' participants,
    the user's roles, the plans' related rows, the consultations (one query per role the user
    has) and the ending memberships."""
    today = today or timezone.localdate()
    plans = reached_plans(user, projects.select_related("gemeente", "traject"))
    # A plan's rows belong to its lead, and a joint plan reached through a participant has
    # its lead outside the request's scope (the user's own gemeenten). Read them in the
    # scope of exactly these plans' leads: the plans are the ones the user reaches.
    with gemeente_scope({plan.project.gemeente_id for plan in plans}):
        prefetch_related_objects([plan.project for plan in plans], *DEADLINE_RELATED)
        consultations: dict[int, list] = {plan.project.pk: [] for plan in plans}
        for role in {plan.role for plan in plans}:
            chosen = [plan.project for plan in plans if plan.role == role]
            for publication in _open_consultations(chosen, today, user, role):
                consultations[publication.version.project_id].append(publication)
    memberships: dict[int, list] = {plan.via.pk: [] for plan in plans}
    for membership in _ending_memberships(list(memberships), today):
        memberships[membership.gemeente_id].append(membership)
    return [
        (
            plan,
            project_deadlines(
                plan.project,
                today,
                user=user,
                plan=plan,
                consultations=consultations[plan.project.pk],
                memberships=memberships[plan.via.pk],
            ),
        )
        for plan in plans
    ]


def deadline_overview(user, today: datetime.date | None = None) -> list[Deadline]:
    """Every deadline of every plan the user can reach, as they may see it; a joint plan's
    once, and a gemeente-wide deadline (a member's access) once, not once per project."""
    from projects.selectors import projects_for_user

    seen: set[str] = set()
    deadlines = []
    for _plan, items in deadlines_for_projects(projects_for_user(user), user, today):
        for deadline in items:
            if deadline.key not in seen:
                seen.add(deadline.key)
                deadlines.append(deadline)
    return sorted(deadlines, key=lambda d: (d.date, d.project.gemeente.name, d.label))
