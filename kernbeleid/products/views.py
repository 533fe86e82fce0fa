"""Pages for what each Kernbeleid step produces. Everyone in the gemeente reads them; only
editing roles change them (the decorator refuses other write requests)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from projects import autosave
from projects.confirm import Question, Undo, ask, confirmed
from projects.forms import add_validation_error_messages, apply_validation_error
from projects.permissions import project_view, tenant_context
from projects.removal import UNDO_SECONDS, undo_deadline

from ..constants import Taakveld
from ..partners.selectors import partner_presence, reactions_by_version
from ..partners.views import assign_context
from . import goal_scope, local, selectors, services
from .forms import (
    KADERNOTA_CHAPTERS,
    ActionForm,
    AnswersForm,
    BovenlokaalForm,
    DraagvlakForm,
    GoalBudgetForm,
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


def _url(request, name: str, **kwargs) -> str:
    return reverse(
        f"kernbeleid:{name}",
        kwargs={
            "gemeente_slug": request.access.gemeente.slug,
            "project_uuid": request.project.uuid,
            **kwargs,
        },
    )


def _werkgroep_undo(request) -> Undo | None:
    """The undo offer after this user removed a werkgroep member, while it lasts."""
    member = selectors.werkgroep_undoable(request.project, request.user)
    if member is None:
        return None
    return Undo(
        message=f"{member.name} is uit de werkgroep verwijderd.",
        url=_url(request, "werkgroep_undo", member_uuid=member.uuid),
        until=undo_deadline(member),
    )


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
    form = WerkgroepMemberForm(_data(request), project=project) if request.access.can_edit else None
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
            presence=partner_presence(project),
            form=form,
            undo=_werkgroep_undo(request),
        ),
    )


@project_view(require=lambda role: role.can_edit)
@require_http_methods(GET_POST)
def werkgroep_remove(request, member_uuid):
    project = request.project
    member = selectors.werkgroep_member_get(project, member_uuid)
    if not confirmed(request):
        organisation = member.organisation_name or member.get_organisation_display()
        consequences = [
            f"{member.name} ({organisation}) staat niet meer in de werkgroep van dit traject.",
            "De werkgroep telt de organisatie van dit lid niet meer mee, bijvoorbeeld voor "
            "de draagvlakreacties.",
        ]
        if member.user_id:
            consequences.append(
                "Het gekoppelde account blijft bestaan, maar hoort niet meer bij deze "
                "werkgroep; de toegang intrekken doet u bij de leden van de gemeente."
            )
        return ask(
            request,
            Question(
                title="Werkgroeplid verwijderen",
                question=f"Wilt u {member.name} uit de werkgroep verwijderen?",
                consequences=consequences,
                confirm_label="Ja, verwijderen",
                cancel_url=_url(request, "werkgroep"),
                undo_note=f"Daarna kunt u dit {UNDO_SECONDS} seconden ongedaan maken.",
            ),
        )
    services.werkgroep_member_remove(actor=request.user, project=project, member=member)
    return _to(request, "werkgroep", project)


@project_view(require=lambda role: role.can_edit)
@require_POST
def werkgroep_undo(request, member_uuid):
    project = request.project
    member = selectors.werkgroep_removed_get(project, member_uuid)
    try:
        services.werkgroep_member_restore(actor=request.user, project=project, member=member)
    except ValidationError as error:
        add_validation_error_messages(request, error)
    else:
        messages.success(request, f"{member.name} staat weer in de werkgroep.")
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
        tenant_context(
            request,
            groups=groups,
            add_form=add_form,
            answers_form=answers_form,
            **assign_context(request.project, groups),
        ),
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


def _goal_form(request, project, data=None) -> GoalForm:
    return GoalForm(
        data,
        project=project,
        access_gemeente=request.access.gemeente,
        priorities=selectors.priorities(project),
        indicators=selectors.indicators_with_results(project),
    )


def _kadernota_form(current, data=None) -> KadernotaForm:
    """The chapters as stored, each with the fingerprint a later save compares against."""
    return KadernotaForm(
        data,
        initial=model_to_dict(current, fields=services.KADERNOTA_FIELDS),
        digests={
            name: services.text_digest(getattr(current, name)) for name in services.KADERNOTA_FIELDS
        },
    )


def _chapter_labels() -> dict[str, str]:
    return {name: label for name, label, _rows, _help in KADERNOTA_CHAPTERS}


def _local_chapter_links(request, project) -> list[tuple]:
    """For a joint plan's editors: (gemeente, chapter of the analysis, of the kadernota) for
    each chapter this requester may edit (their own; the lead every one)."""
    if not (project.joint and request.access.can_edit):
        return []
    analyse = local.local_chapters(project, local.Document.ANALYSE)
    kadernota = local.local_chapters(project, local.Document.KADERNOTA)
    return [
        (a.gemeente, a, k)
        for a, k in zip(analyse, kadernota, strict=True)
        if local.may_edit_chapter(
            access_gemeente=request.access.gemeente, project=project, gemeente=a.gemeente
        )
    ]


def _kadernota_page(
    request, project, *, form=None, goal_form=None, theirs=None, conflict=False, status=200
):
    current = selectors.kadernota_for(project)
    has_priorities = selectors.priorities(project).exists()
    restored = None
    if request.access.can_edit:
        if form is None:
            form = _kadernota_form(current)
            saved = {name: form[name].value() or "" for name in form.fields}
            restored = autosave.draft_to_restore(
                user=request.user, project=project, key=KADERNOTA_DRAFT, saved=saved
            )
            if restored:
                form = KadernotaForm(initial=restored.values)
        if has_priorities:
            goal_form = goal_form or _goal_form(request, project)
    theirs = theirs or {}
    return render(
        request,
        "kernbeleid/products/kadernota.html",
        tenant_context(
            request,
            kadernota=current,
            form=form,
            chapter_rows=[(field, theirs.get(field.name)) for field in form.chapters()]
            if form
            else [],
            chapters=[
                (name, label, getattr(current, name))
                for name, label, _rows, _help in KADERNOTA_CHAPTERS
            ],
            conflict=conflict,
            restored=restored,
            goal_form=goal_form,
            taakvelden=Taakveld.choices,
            has_priorities=has_priorities,
            priority_goals=selectors.goals_by_priority(project),
            editable_goals=selectors.editable_goal_ids(project, request.access.gemeente),
            bovenlokaal=selectors.bovenlokale_prioriteiten(project),
            local_chapters=_local_chapter_links(request, project),
            missing=selectors.kadernota_ready(project),
        ),
        status=status,
    )


KADERNOTA_DRAFT = "kadernota"


@project_view(require=lambda role: role.can_edit)
@require_POST
def kadernota_draft(request):
    """Autosave: keep what this user typed in the chapters (static/js/autosave.js)."""
    return autosave.draft_response(
        lambda: autosave.draft_store(
            user=request.user,
            project=request.project,
            key=KADERNOTA_DRAFT,
            form=KadernotaForm(),
            data=request.POST,
        )
    )


@project_view(require=lambda role: role.can_edit)
@require_POST
def kadernota_draft_discard(request):
    project = request.project
    if autosave.draft_discard(user=request.user, project=project, key=KADERNOTA_DRAFT):
        messages.success(request, "Het concept is verworpen; u ziet de opgeslagen teksten.")
    return _to(request, "kadernota", project)


def _kadernota_conflict(request, project, form, conflict):
    """Nothing is lost: the form keeps what this writer typed in the chapters both changed
    (beside the text now stored), and takes over the chapters only the other person changed.
    Saving again, now on the stored texts, is a deliberate choice."""
    current = conflict.current
    data = request.POST.copy()
    for name in conflict.theirs:
        data[name] = getattr(current, name)
    for name in [*conflict.theirs, *conflict.clashes]:
        data[f"base_{name}"] = services.text_digest(getattr(current, name))
    form = KadernotaForm(data)
    form.is_valid()
    labels = _chapter_labels()
    messages.warning(
        request,
        "Iemand anders heeft de kadernota opgeslagen terwijl u schreef. Niets is opgeslagen, "
        "uw tekst staat nog in het formulier. Vergelijk bij "
        f"{', '.join(labels[name] for name in conflict.clashes)} uw tekst met de opgeslagen "
        "tekst en sla dan opnieuw op.",
    )
    theirs = {name: getattr(current, name) for name in conflict.clashes}
    return _kadernota_page(request, project, form=form, theirs=theirs, conflict=True, status=409)


@project_view(require=lambda role: role.can_edit)
@require_http_methods(GET_POST)
def kadernota(request):
    project = request.project
    if request.method == "GET":
        return _kadernota_page(request, project)
    form = KadernotaForm(request.POST)
    if not form.is_valid():
        return _kadernota_page(request, project, form=form)
    try:
        saved = services.kadernota_save(
            actor=request.user, project=project, bases=form.base_digests(), **form.texts()
        )
    except services.KadernotaConflict as conflict:
        return _kadernota_conflict(request, project, form, conflict)
    autosave.draft_discard(user=request.user, project=project, key=KADERNOTA_DRAFT)
    message = "De kadernota is opgeslagen."
    if saved.kept:
        labels = _chapter_labels()
        message += (
            " Iemand anders wijzigde intussen "
            f"{', '.join(labels[name] for name in saved.kept)}; die tekst is bewaard."
        )
    messages.success(request, message)
    return _to(request, "kadernota", project)


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
    goal_form = _goal_form(request, project, request.POST)
    if _saved(
        request,
        goal_form,
        services.goal_add,
        lambda goal: f"Het doel ‘{goal.description}’ is toegevoegd.",
        access_gemeente=request.access.gemeente,
    ):
        return _to(request, "kadernota", project)
    return _kadernota_page(request, project, goal_form=goal_form)


def _goal_editable(request, goal_uuid):
    """The goal (404 when not the plan's), 403 when this requester's gemeente may not change
    it: a participant changes only its own local goals (goal_scope.py)."""
    return goal_scope.goal_editable(
        access_gemeente=request.access.gemeente,
        project=request.project,
        goal=selectors.goal_get(request.project, goal_uuid),
    )


@project_view(require=lambda role: role.can_edit)
@require_http_methods(GET_POST)
def goal_remove(request, goal_uuid):
    project = request.project
    goal = _goal_editable(request, goal_uuid)
    if not confirmed(request):
        actions = goal.actions.count()
        return ask(
            request,
            Question(
                title="Doel verwijderen",
                question=f"Wilt u het doel ‘{goal.description}’ verwijderen?",
                consequences=[
                    "Het doel verdwijnt uit de kadernota en uit nieuwe versies ervan; eerder "
                    "gemaakte versies houden het.",
                    f"Ook de acties onder dit doel ({actions}) en hun voortgang verdwijnen.",
                ],
                confirm_label="Ja, doel verwijderen",
                cancel_url=_url(request, "kadernota"),
            ),
        )
    services.goal_remove(
        actor=request.user, project=project, goal=goal, access_gemeente=request.access.gemeente
    )
    messages.success(request, f"Het doel ‘{goal.description}’ is verwijderd.")
    return _to(request, "kadernota", project)


@project_view(require=lambda role: role.can_edit)
@require_POST
def goal_budget(request, goal_uuid):
    """The budget per year and dekking of a goal added before it had one."""
    project = request.project
    goal = _goal_editable(request, goal_uuid)
    form = GoalBudgetForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        chosen = dict(form.cleaned_data)
        for name in ("begroting_programma", "taakveld"):  # left out of the form: kept
            if name not in request.POST:
                chosen.pop(name)
        services.goal_budget_set(
            actor=request.user,
            project=project,
            goal=goal,
            access_gemeente=request.access.gemeente,
            **chosen,
        )
    except ValidationError as error:
        add_validation_error_messages(request, error)
    else:
        messages.success(request, f"Budget en dekking van ‘{goal.description}’ zijn opgeslagen.")
    return _to(request, "kadernota", project)


# --- bovenlokale kaders -----------------------------------------------------------------------


@project_view(require=lambda role: role.can_edit)
@require_http_methods(GET_POST)
def bovenlokaal(request):
    project = request.project
    form = BovenlokaalForm(_data(request)) if request.access.can_edit else None
    if request.method == "POST" and _saved(
        request,
        form,
        services.bovenlokale_prioriteit_add,
        lambda prioriteit: f"De bovenlokale prioriteit ‘{prioriteit.title}’ is toegevoegd.",
    ):
        return _to(request, "bovenlokaal", project)
    return render(
        request,
        "kernbeleid/products/bovenlokaal.html",
        tenant_context(
            request, prioriteiten=selectors.bovenlokale_prioriteiten(project), form=form
        ),
    )


@project_view(require=lambda role: role.can_edit)
@require_http_methods(GET_POST)
def bovenlokaal_edit(request, prioriteit_uuid):
    project = request.project
    prioriteit = selectors.bovenlokale_prioriteit_get(project, prioriteit_uuid)
    form = BovenlokaalForm(_data(request), instance=prioriteit)
    if request.method == "POST" and _saved(
        request,
        form,
        services.bovenlokale_prioriteit_update,
        "De bovenlokale prioriteit is opgeslagen.",
        prioriteit=prioriteit,
    ):
        return _to(request, "bovenlokaal", project)
    return render(
        request,
        "kernbeleid/products/bovenlokaal_edit.html",
        tenant_context(request, prioriteit=prioriteit, form=form),
    )


@project_view(require=lambda role: role.can_edit)
@require_http_methods(GET_POST)
def bovenlokaal_remove(request, prioriteit_uuid):
    project = request.project
    prioriteit = selectors.bovenlokale_prioriteit_get(project, prioriteit_uuid)
    if not confirmed(request):
        return ask(
            request,
            Question(
                title="Bovenlokale prioriteit verwijderen",
                question=f"Wilt u de bovenlokale prioriteit ‘{prioriteit.title}’ verwijderen?",
                consequences=[
                    "De prioriteit verdwijnt uit de lijst en uit nieuwe versies van de "
                    "kadernota; de andere schuiven een plaats op.",
                ],
                confirm_label="Ja, verwijderen",
                cancel_url=_url(request, "bovenlokaal"),
            ),
        )
    services.bovenlokale_prioriteit_remove(
        actor=request.user, project=project, prioriteit=prioriteit
    )
    messages.success(request, f"De bovenlokale prioriteit ‘{prioriteit.title}’ is verwijderd.")
    return _to(request, "bovenlokaal", project)


@project_view(require=lambda role: role.can_edit)
@require_POST
def bovenlokaal_move(request, prioriteit_uuid, *, direction: str):
    """One place up or down: one URL each (`direction` comes from the URL, not the form)."""
    project = request.project
    prioriteit = selectors.bovenlokale_prioriteit_get(project, prioriteit_uuid)
    moved = services.bovenlokale_prioriteit_move(
        actor=request.user, project=project, prioriteit=prioriteit, direction=direction
    )
    if moved:
        messages.success(request, f"‘{prioriteit.title}’ is verplaatst.")
    else:
        where = "bovenaan" if direction == "up" else "onderaan"
        messages.info(request, f"‘{prioriteit.title}’ staat al {where}.")
    return _to(request, "bovenlokaal", project)


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
            presence=partner_presence(project),
            reactions_by_version=reactions_by_version(project),
        ),
    )


# --- uitvoeringsprogramma ---------------------------------------------------------------------


def _action_form(request, data=None, instance=None) -> ActionForm:
    """A participant of a joint plan links its actions to shared goals and its own."""
    project, gemeente = request.project, request.access.gemeente
    goals = (
        selectors.goals(project)
        if gemeente.pk == project.gemeente_id
        else selectors.goals_for_gemeente(project, gemeente)
    )
    return ActionForm(data, instance=instance, project=project, goals=goals)


@project_view(require=lambda role: role.can_edit)
@require_http_methods(GET_POST)
def uitvoeringsprogramma(request):
    project = request.project
    form = _action_form(request, _data(request)) if request.access.can_edit else None
    if request.method == "POST" and _saved(
        request,
        form,
        services.action_add,
        lambda action: f"De actie ‘{action.title}’ is toegevoegd.",
        access_gemeente=request.access.gemeente,
    ):
        return _to(request, "uitvoeringsprogramma", project)
    return render(
        request,
        "kernbeleid/products/uitvoeringsprogramma.html",
        tenant_context(request, years=selectors.actions_by_year(project), form=form),
    )


def _action_page(request, project, action, *, form=None, progress_form=None):
    if request.access.can_edit:
        form = form or _action_form(request, instance=action)
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
        form = _action_form(request, request.POST, instance=action)
        if _saved(
            request,
            form,
            services.action_update,
            "De actie is opgeslagen.",
            action=action,
            access_gemeente=request.access.gemeente,
        ):
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
