import copy
import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kernbeleid.cycle.deadlines import deadlines_for_projects, next_deadline, project_deadlines
from kernbeleid.workflow.raden import raad_statuses

from . import access, joint, reader_access, selectors, services, tasks
from .confirm import Question, ask, confirmed
from .constants import Role
from .forms import (
    GemeenteSettingsForm,
    MembershipAddForm,
    MembershipEndForm,
    ProjectForm,
    add_validation_error_messages,
    apply_validation_error,
)
from .models import Membership
from .permissions import (
    can_edit,
    can_see_audit_log,
    gemeente_view,
    portfolio_view,
    project_view,
    tenant_context,
)
from .predecessor import project_predecessor_set


@portfolio_view
@require_GET
def home(request):
    """The portfolio: every gemeente and plan the user can reach; a joint plan once, with its
    gemeenten and where each raad stands (issue 19)."""
    gemeenten = list(selectors.gemeenten_for_user(request.user))
    if len(gemeenten) == 1 and not request.GET.get("overzicht"):
        return redirect(gemeenten[0])
    plans = deadlines_for_projects(selectors.projects_for_user(request.user), request.user)
    joint = [plan for plan, _items in plans if plan.joint]
    statuses = raad_statuses(
        [plan.project for plan in joint],
        gemeenten={plan.project.pk: list(plan.gemeenten) for plan in joint},
    )
    rows = [
        {
            "plan": plan,
            "project": plan.project,
            "deadlines": items,
            "next": next_deadline(items),
            "raad": statuses.get(plan.project.pk),
        }
        for plan, items in plans
    ]
    # Soonest first; projects without a deadline ahead last.
    far = datetime.date.max
    rows.sort(key=lambda row: (row["next"].date if row["next"] else far, row["project"].name))
    return render(request, "projects/home.html", {"gemeenten": gemeenten, "rows": rows})


@gemeente_view()
@require_GET
def gemeente_home(request):
    return render(
        request,
        "projects/gemeente_home.html",
        tenant_context(
            request,
            projects=joint.projects_of_gemeente(request.access.gemeente),
            invitations=joint.invitations_for(request.access.gemeente)
            if request.access.can_edit
            else [],
        ),
    )


@gemeente_view(require=can_edit)
@require_http_methods(["GET", "POST"])
def gemeente_settings(request):
    gemeente = request.access.gemeente
    initial = {
        "inhabitants": gemeente.inhabitants,
        "house_colour": gemeente.house_colour,
        "raadsperiode_ends_on": gemeente.raadsperiode_ends_on,
        "raw_file_retention_days": gemeente.raw_file_retention_days,
    }
    form = GemeenteSettingsForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.gemeente_update_settings(
                actor=request.user, gemeente=gemeente, **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, "De instellingen zijn opgeslagen.")
            return redirect(gemeente)
    return render(request, "projects/gemeente_settings.html", tenant_context(request, form=form))


@gemeente_view()
@require_GET
def gemeente_logo(request):
    """Logos are private files: served only to members of the gemeente."""
    gemeente = request.access.gemeente
    if not gemeente.logo:
        raise Http404("Deze gemeente heeft geen logo.")
    response = FileResponse(gemeente.logo.open("rb"))
    response["Cache-Control"] = "private, max-age=300"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@gemeente_view()
@require_http_methods(["GET", "POST"])
def gemeente_members(request):
    gemeente = request.access.gemeente
    form = MembershipAddForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            membership, created = services.membership_add(
                actor=request.user, gemeente=gemeente, **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            if created:
                _enqueue_invitation(request, membership)
                messages.success(
                    request,
                    f"{membership.user.email} is toegevoegd en krijgt een e-mail om "
                    "een wachtwoord te kiezen.",
                )
            else:
                messages.success(request, f"{membership.user.email} is toegevoegd.")
            return redirect("projects:gemeente_members", gemeente_slug=gemeente.slug)
    members = selectors.gemeente_members(gemeente, include_ended=request.access.can_edit)
    return render(
        request,
        "projects/gemeente_members.html",
        tenant_context(request, members=members, form=form),
    )


def _enqueue_invitation(request, membership: Membership) -> None:
    uuid, domain, https = str(membership.uuid), request.get_host(), request.is_secure()
    transaction.on_commit(lambda: tasks.membership_send_invitation.delay(uuid, domain, https))


@gemeente_view(require=can_edit)
@require_http_methods(["GET", "POST"])
def member_remove(request, membership_uuid):
    gemeente = request.access.gemeente
    membership = get_object_or_404(Membership, uuid=membership_uuid, gemeente=gemeente)
    if not confirmed(request):
        return ask(
            request,
            Question(
                title="Toegang intrekken",
                question=f"Wilt u de toegang van {membership.user.email} tot {gemeente.name} "
                "intrekken?",
                consequences=[
                    f"{membership.user.email} kan de projecten van {gemeente.name} niet meer "
                    "openen.",
                    "Wat deze persoon schreef, blijft staan; het account zelf blijft bestaan.",
                    "Wilt u de toegang terug, dan voegt u de persoon opnieuw toe.",
                ],
                confirm_label="Ja, toegang intrekken",
                cancel_url=reverse("projects:gemeente_members", args=[gemeente.slug]),
            ),
        )
    try:
        services.membership_remove(actor=request.user, membership=membership)
    except ValidationError as error:
        add_validation_error_messages(request, error)
    else:
        messages.success(request, f"{membership.user.email} heeft geen toegang meer.")
    return redirect("projects:gemeente_members", gemeente_slug=gemeente.slug)


@gemeente_view(require=can_edit)
@require_POST
def member_end(request, membership_uuid):
    """Set or clear the last day of a member's access."""
    gemeente = request.access.gemeente
    membership = get_object_or_404(Membership, uuid=membership_uuid, gemeente=gemeente)
    form = MembershipEndForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Vul een geldige datum in, of laat het veld leeg.")
        return redirect("projects:gemeente_members", gemeente_slug=gemeente.slug)
    ends_on = form.cleaned_data["ends_on"]
    try:
        changed = access.membership_end_set(
            actor=request.user, membership=membership, ends_on=ends_on
        )
    except ValidationError as error:
        add_validation_error_messages(request, error)
    else:
        if changed and ends_on:
            when = date_format(ends_on, "j F Y")
            messages.success(request, f"{membership.user.email} heeft toegang tot en met {when}.")
        elif changed:
            messages.success(
                request, f"De toegang van {membership.user.email} heeft geen einddatum meer."
            )
    return redirect("projects:gemeente_members", gemeente_slug=gemeente.slug)


@gemeente_view(require=can_edit)
@require_http_methods(["GET", "POST"])
def project_create(request):
    gemeente = request.access.gemeente
    # ?vorige=<uuid>: the deadline "Traject nieuwe kadernota starten" proposes this plan's
    # successor with this plan as its predecessor.
    initial = {"predecessor": request.GET.get("vorige", "")}
    form = ProjectForm(
        request.POST if request.method == "POST" else None, gemeente=gemeente, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        predecessor = fields.pop("predecessor")
        try:
            with transaction.atomic():
                project = services.project_create(actor=request.user, gemeente=gemeente, **fields)
                if predecessor is not None:
                    project_predecessor_set(
                        actor=request.user, project=project, predecessor=predecessor
                    )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, f"Project ‘{project.name}’ is aangemaakt.")
            return redirect(project)
    return render(request, "projects/project_form.html", tenant_context(request, form=form))


@project_view()
@require_GET
def project_home(request):
    if not request.access.can_edit:
        return _reader_project_home(request)
    recent = (
        selectors.audit_entries_for_project(request.project)[:5]
        if request.access.role.can_see_audit_log
        else []
    )
    return render(
        request,
        "projects/project_home.html",
        tenant_context(
            request,
            members=selectors.gemeente_members(request.access.gemeente),
            recent_entries=recent,
            plan_gemeenten=joint.plan_gemeenten(request.project) if request.project.joint else None,
            **_deadline_context(request),
        ),
    )


def _deadline_context(request) -> dict:
    """The project's deadlines as this user may see them (the list every page shares), linked
    under the request's gemeente (a joint plan's participant opens it under its own)."""
    items = project_deadlines(
        request.project,
        user=request.user,
        role=request.access.role,
        gemeente=request.access.gemeente,
    )
    return {"deadlines": items, "next_deadline": next_deadline(items)}


def _reader_project_home(request):
    """A reader's view of the project: where the traject stands and what was published to
    them; no live drafts, no blockers, no internal notes."""
    project, role = request.project, request.access.role
    return render(
        request,
        "projects/project_home_reader.html",
        tenant_context(
            request,
            publications=reader_access.publications_for_reader(project, request.user, role),
            is_raadslid=role == Role.RAADSLID,
            plan_gemeenten=joint.plan_gemeenten(project) if project.joint else None,
            **reader_access.raad_record_for_reader(project, role),
            **_deadline_context(request),
        ),
    )


@project_view(require=can_edit)
@require_http_methods(["GET", "POST"])
def project_edit(request):
    project = request.project
    # Bind to a copy so a refused save does not leave the instance half-changed.
    form = ProjectForm(
        request.POST if request.method == "POST" else None, instance=copy.copy(project)
    )
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        predecessor = fields.pop("predecessor")
        try:
            with transaction.atomic():
                services.project_update(actor=request.user, project=project, **fields)
                project_predecessor_set(
                    actor=request.user, project=project, predecessor=predecessor
                )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, "Het project is opgeslagen.")
            return redirect(
                "projects:project_home",
                gemeente_slug=request.access.gemeente.slug,
                project_uuid=project.uuid,
            )
    return render(request, "projects/project_form.html", tenant_context(request, form=form))


@project_view(require=can_see_audit_log)
@require_GET
def project_audit(request):
    page = Paginator(selectors.audit_entries_for_project(request.project), 25).get_page(
        request.GET.get("pagina")
    )
    template = (
        "projects/partials/audit_rows.html" if request.htmx else "projects/project_audit.html"
    )
    return render(request, template, tenant_context(request, page=page))
