"""Pages for what each Kernbeleid step produces. Everyone in the gemeente reads them; only
editing roles change them (the decorator refuses other write requests)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from projects.forms import apply_validation_error
from projects.permissions import project_view, tenant_context

from . import selectors, services
from .forms import (
    ActionForm,
    AnswersForm,
    DraagvlakForm,
    GoalForm,
    KadernotaForm,
    MeetingForm,
    ProgressForm,
    QuestionAddForm,
    StartnotitieForm,
    WerkgroepMemberForm,
)

GET_POST = ["GET", "POST"]


def _data(request):
    """Bind on POST, also when it is empty: an empty POST is bad input, not a page view."""
    return request.POST if request.method == "POST" else None


def _saved(request, form, service, success, *, data=None, **objects) -> bool:
    """Validate `form` and hand its data to `service`, with the actor, the project and the
    `objects` it acts on; a refusal lands on the form. True when saved, with the success
    message: a text, or a function of what the service returned. `data` turns the valid form
    into the service's arguments (its cleaned data by default)."""
    if not form.is_valid():
        return False
    values = data(form) if data else form.cleaned_data
    try:
        result = service(actor=request.user, project=request.project, **objects, **values)
    except ValidationError as error:
        apply_validation_error(form, error)
        return False
    messages.success(request, success(result) if callable(success) else success)
    return True


def _changed(message: str):
    """The success message of a service that returns how many things changed."""
    return lambda changed: message if changed else "Er is niets gewijzigd."


def _to(request, name: str, project, **kwargs):
    return redirect(
        f"kernbeleid:{name}",
        gemeente_slug=request.access.gemeente.slug,
        project_uuid=project.uuid,
        **kwargs,
    )


# --- startnotitie ---------------------------------------------------------------------------


@project_view(require=lambda role: role.can_edit)
@require_http_methods(GET_POST)
def startnotitie(request):
    project = request.project
    current = selectors.startnotitie_for(project)
    form = None
    if request.access.can_edit:
        form = StartnotitieForm(
            _data(request),
            initial=model_to_dict(current, fields=services.STARTNOTITIE_FIELDS),
        )
    if request.method == "POST" and _saved(
        request, form, services.startnotitie_save, "De startnotitie is opgeslagen."
    ):
        return _to(request, "startnotitie", project)
    return render(
        request,
        "kernbeleid/products/startnotitie.html",
        tenant_context(request, startnotitie=current, form=form),
    )


# --- werkgroep --------------------------------------------------------------------------------


@project_view(require=lambda role: role.can_edit)
@require_http_methods(GET_POST)
def werkgroep(request):
    project = request.project
    form = WerkgroepMemberForm(_data(request)) if request.access.can_edit else None
    if request.method == "POST" and _saved(
        request,
        form,
        services.werkgroep_member_add,
        lambda member: f"{member.name} is toegevoegd aan de werkgroep.",
    ):
        return _to(request, "werkgroep", project)
    return render(
        request,
        "kernbeleid/products/werkgroep.html",
        tenant_context(
            request,
            members=selectors.werkgroep(project),
            partners=selectors.partner_organisations(project),
            form=form,
        ),
    )


@project_view(require=lambda role: role.can_edit)
@require_POST
def werkgroep_remove(request, member_uuid):
    project = request.project
    member = selectors.werkgroep_member_get(project, member_uuid)
    services.werkgroep_member_remove(actor=request.user, project=project, member=member)
    messages.success(request, f"{member.name} is uit de werkgroep verwijderd.")
    return _to(request, "werkgroep", project)


# --- meetings -------------------------------------------------------------------------------


@project_view(require=lambda role: role.can_edit)
@require_http_methods(GET_POST)
def meetings(request):
    project = request.project
    form = MeetingForm(_data(request)) if request.access.can_edit else None
    if request.method == "POST" and _saved(
        request,
        form,
        services.meeting_add,
        lambda meeting: f"De bijeenkomst ‘{meeting.title}’ is toegevoegd.",
    ):
        return _to(request, "meetings", project)
    return render(
        request,
        "kernbeleid/products/meetings.html",
        tenant_context(
            request,
            meetings=selectors.meetings(project),
            startbijeenkomst=selectors.startbijeenkomst(project),
            form=form,
        ),
    )


@project_view(require=lambda role: role.can_edit)
@require_http_methods(GET_POST)
def meeting_edit(request, meeting_uuid):
    project = request.project
    meeting = selectors.meeting_get(project, meeting_uuid)
    form = MeetingForm(_data(request), instance=meeting) if request.access.can_edit else None
    if request.method == "POST" and _saved(
        request, form, services.meeting_update, "De bijeenkomst is opgeslagen.", meeting=meeting
    ):
        return _to(request, "meetings", project)
    return render(
        request,
        "kernbeleid/products/meeting_edit.html",
        tenant_context(request, meeting=meeting, form=form),
    )


# --- beleidsvragen ------------------------------------------------------------------------------


def _beleidsvragen_page(request, *, groups=None, add_form=None, answers_form=None):
    groups = groups or selectors.beleidsvragen_by_group(request.project)
    if request.access.can_edit:
        add_form = add_form or QuestionAddForm()
        answers_form = answers_form or AnswersForm(groups=groups)
    return render(
        request,
        "kernbeleid/products/beleidsvragen.html",
        tenant_context(request, groups=groups, add_form=add_form, answers_form=answers_form),
    )


@project_view(require=lambda role: role.can_edit)
@require_GET
def beleidsvragen(request):
    return _beleidsvragen_page(request)


@project_view(require=lambda role: role.can_edit)
@require_POST
def beleidsvragen_answer(request):
    project = request.project
    groups = selectors.beleidsvragen_by_group(project)
    form = AnswersForm(request.POST, groups=groups)
    if _saved(
        request,
        form,
        services.beleidsvragen_answer,
        _changed("De antwoorden zijn opgeslagen."),
        data=lambda valid: {"answers": valid.answers()},
    ):
        return _to(request, "beleidsvragen", project)
    return _beleidsvragen_page(request, groups=groups, answers_form=form)


@project_view(require=lambda role: role.can_edit)
@require_POST
def beleidsvraag_add(request):
    form = QuestionAddForm(request.POST)
    if _saved(request, form, services.beleidsvraag_add, "De beleidsvraag is toegevoegd."):
        return _to(request, "beleidsvragen", request.project)
    return _beleidsvragen_page(request, add_form=form)


# --- kadernota and goals ----------------------------------------------------------------------


def _goal_form(project, data=None) -> GoalForm:
    return GoalForm(
        data,
        project=project,
        priorities=selectors.priorities(project),
        indicators=selectors.indicators_with_results(project),
    )


def _kadernota_page(request, project, *, form=None, goal_form=None, status=200):
    current = selectors.kadernota_for(project)
    has_priorities = selectors.priorities(project).exists()
    if request.access.can_edit:
        form = form or KadernotaForm(
            initial=model_to_dict(current, fields=services.KADERNOTA_FIELDS)
        )
        if has_priorities:
            goal_form = goal_form or _goal_form(project)
    return render(
        request,
        "kernbeleid/products/kadernota.html",
        tenant_context(
            request,
            kadernota=current,
            form=form,
            goal_form=goal_form,
            has_priorities=has_priorities,
            priority_goals=selectors.goals_by_priority(project),
            missing=selectors.kadernota_ready(project),
        ),
        status=status,
    )


@project_view(require=lambda role: role.can_edit)
@require_http_methods(GET_POST)
def kadernota(request):
    project = request.project
    if request.method == "POST":
        form = KadernotaForm(request.POST)
        if _saved(request, form, services.kadernota_save, "De kadernota is opgeslagen."):
            return _to(request, "kadernota", project)
        return _kadernota_page(request, project, form=form)
    return _kadernota_page(request, project)


@project_view(require=lambda role: role.can_edit)
@require_POST
def goal_add(request):
    project = request.project
    if not selectors.priorities(project).exists():
        messages.error(
            request,
            "Er zijn nog geen prioriteiten. Die stelt de werkgroep eerst voor in de "
            "veiligheidsanalyse; daarna komen de doelen eronder.",
        )
        return _to(request, "kadernota", project)
    goal_form = _goal_form(project, request.POST)
    if _saved(
        request,
        goal_form,
        services.goal_add,
        lambda goal: f"Het doel ‘{goal.description}’ is toegevoegd.",
    ):
        return _to(request, "kadernota", project)
    return _kadernota_page(request, project, goal_form=goal_form)


@project_view(require=lambda role: role.can_edit)
@require_POST
def goal_remove(request, goal_uuid):
    project = request.project
    goal = selectors.goal_get(project, goal_uuid)
    services.goal_remove(actor=request.user, project=project, goal=goal)
    messages.success(request, f"Het doel ‘{goal.description}’ is verwijderd.")
    return _to(request, "kadernota", project)


# --- draagvlak --------------------------------------------------------------------------------


@project_view(require=lambda role: role.can_edit)
@require_http_methods(GET_POST)
def draagvlak(request):
    project = request.project
    table = selectors.draagvlak_table(project)
    form = None
    if request.access.can_edit and table:
        form = DraagvlakForm(_data(request), table=table)
    if request.method == "POST":
        if form is None:
            messages.error(
                request,
                "Er zijn nog geen partners in de werkgroep om een reactie van vast te leggen.",
            )
            return _to(request, "draagvlak", project)
        if _saved(
            request,
            form,
            services.draagvlak_save,
            _changed("De reacties zijn opgeslagen."),
            data=lambda valid: {"entries": valid.entries()},
        ):
            return _to(request, "draagvlak", project)
    return render(
        request,
        "kernbeleid/products/draagvlak.html",
        tenant_context(
            request,
            table=table,
            form=form,
            missing=selectors.draagvlak_missing(project),
        ),
    )


# --- uitvoeringsprogramma ---------------------------------------------------------------------


def _action_form(project, data=None, instance=None) -> ActionForm:
    return ActionForm(data, instance=instance, project=project, goals=selectors.goals(project))


@project_view(require=lambda role: role.can_edit)
@require_http_methods(GET_POST)
def uitvoeringsprogramma(request):
    project = request.project
    form = _action_form(project, _data(request)) if request.access.can_edit else None
    if request.method == "POST" and _saved(
        request,
        form,
        services.action_add,
        lambda action: f"De actie ‘{action.title}’ is toegevoegd.",
    ):
        return _to(request, "uitvoeringsprogramma", project)
    return render(
        request,
        "kernbeleid/products/uitvoeringsprogramma.html",
        tenant_context(request, years=selectors.actions_by_year(project), form=form),
    )


def _action_page(request, project, action, *, form=None, progress_form=None):
    if request.access.can_edit:
        form = form or _action_form(project, instance=action)
        progress_form = progress_form or ProgressForm(
            project=project, initial={"status": action.status}
        )
    return render(
        request,
        "kernbeleid/products/action_edit.html",
        tenant_context(
            request,
            action=action,
            progress=action.progress.order_by("-year"),
            form=form,
            progress_form=progress_form,
        ),
    )


@project_view(require=lambda role: role.can_edit)
@require_http_methods(GET_POST)
def action_edit(request, action_uuid):
    project = request.project
    action = selectors.action_get(project, action_uuid)
    if request.method == "POST":
        form = _action_form(project, request.POST, instance=action)
        if _saved(request, form, services.action_update, "De actie is opgeslagen.", action=action):
            return _to(request, "uitvoeringsprogramma", project)
        return _action_page(request, project, action, form=form)
    return _action_page(request, project, action)


@project_view(require=lambda role: role.can_edit)
@require_POST
def action_progress(request, action_uuid):
    project = request.project
    action = selectors.action_get(project, action_uuid)
    progress_form = ProgressForm(request.POST, project=project)
    if _saved(
        request,
        progress_form,
        services.action_progress_report,
        lambda progress: (
            f"De voortgang over {progress.year} is vastgelegd; de actie staat "
            f"nu op ‘{action.get_status_display()}’."
        ),
        action=action,
    ):
        return _to(request, "action_edit", project, action_uuid=action.uuid)
    return _action_page(request, project, action, progress_form=progress_form)
