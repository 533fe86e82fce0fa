"""Pages of the veiligheidsanalyse (va): per field and theme, history, priorities, wijken."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from projects import autosave
from projects.forms import add_validation_error_messages
from projects.permissions import can_edit, project_view, tenant_context

from ..figures import presenters
from ..figures import selectors as figures
from ..figures.charts import MatrixPoint
from ..params import VERSION, query_number
from ..richtext import sanitize
from . import completion, participation, selectors, services
from .constants import PRIORITY_CRITERIA, THEME_TEXTS
from .forms import (
    FieldStatusesForm,
    FieldStatusForm,
    NameForm,
    PrioritiesForm,
    ThemeCoverageForm,
    ThemeTextsForm,
    WeightsForm,
)


def _theme_url(request, project, theme) -> str:
    return reverse(
        "analysis:va_theme",
        kwargs={
            "gemeente_slug": request.access.gemeente.slug,
            "project_uuid": project.uuid,
            "theme_uuid": theme.uuid,
        },
    )


def _overview_page(request, *, form=None, status=200):
    project = request.project
    summaries = selectors.field_summaries(project)
    if form is None and request.access.can_edit:
        form = FieldStatusesForm(fields=[summary.field for summary in summaries])
    return render(
        request,
        "analysis/narrative/overview.html",
        tenant_context(
            request,
            summaries=summaries,
            status_form=form,
            status_rows=[(summary, form.field_for(summary.field)) for summary in summaries]
            if form
            else [],
            completion_rule=completion.RULE,
            wijken=selectors.wijken(project, request.access.gemeente),
        ),
        status=status,
    )


@project_view(require=can_edit)
@require_GET
def overview(request):
    return _overview_page(request)


@project_view(require=can_edit)
@require_POST
def field_statuses(request):
    """The status of every field at once: one submit, all or nothing, each change audited.
    A refusal (definitief for a field that is not complete) shows the overview again with
    the choices made and the reason beside the field; nothing is changed."""
    project = request.project
    fields = [summary.field for summary in selectors.field_summaries(project)]
    form = FieldStatusesForm(request.POST, fields=fields)
    if not form.is_valid():
        messages.error(request, "De statussen zijn niet opgeslagen; zie de melding bij het veld.")
        return _overview_page(request, form=form)
    try:
        changed = services.field_statuses_set(
            actor=request.user, project=project, statuses=form.statuses()
        )
    except ValidationError as error:
        by_uuid = {str(field.uuid): field for field in fields}
        for key, errors in getattr(error, "error_dict", {}).items():
            if key in by_uuid:
                form.add_error(form.name_for(by_uuid[key]), errors)
        # The reasons stand in the error summary and beside each field; the message says
        # only that nothing changed.
        messages.error(request, "De statussen zijn niet opgeslagen; er is niets gewijzigd.")
        return _overview_page(request, form=form)
    if changed:
        messages.success(request, f"De statussen zijn opgeslagen ({changed} gewijzigd).")
    else:
        messages.info(request, "Er was niets te wijzigen.")
    return redirect(
        "analysis:va_overview",
        gemeente_slug=request.access.gemeente.slug,
        project_uuid=project.uuid,
    )


@project_view(require=can_edit)
@require_GET
def theme(request, theme_uuid):
    project = request.project
    theme_ = selectors.theme_get(project, theme_uuid)
    form = restored = None
    if request.access.can_edit:
        saved = {"version": str(theme_.version), **services.theme_texts(theme_)}
        restored = autosave.draft_to_restore(
            user=request.user, project=project, key=_draft_key(theme_), saved=saved
        )
        initial = dict(restored.values) if restored else saved
        if not initial.get("version", "").isdigit():
            # A draft without the version it started from meets the conflict check, never
            # passes it: version 0 matches no saved version.
            initial["version"] = "0"
        form = ThemeTextsForm(initial=initial)
    return render(
        request,
        "analysis/narrative/theme.html",
        _theme_context(request, theme_, form, restored=restored),
    )


def _draft_key(theme_) -> str:
    return f"va-theme:{theme_.uuid}"


@project_view(require=can_edit)
@require_POST
def theme_draft(request, theme_uuid):
    """Autosave: keep what this user typed in the theme's texts (static/js/autosave.js)."""
    theme_ = selectors.theme_get(request.project, theme_uuid)
    return autosave.draft_response(
        lambda: autosave.draft_store(
            user=request.user,
            project=request.project,
            key=_draft_key(theme_),
            form=ThemeTextsForm(),
            data=request.POST,
            clean=dict.fromkeys(services.TEXT_FIELDS, sanitize),
        )
    )


@project_view(require=can_edit)
@require_POST
def theme_draft_discard(request, theme_uuid):
    project = request.project
    theme_ = selectors.theme_get(project, theme_uuid)
    if autosave.draft_discard(user=request.user, project=project, key=_draft_key(theme_)):
        messages.success(request, "Het concept is verworpen; u ziet de opgeslagen tekst.")
    return redirect(_theme_url(request, project, theme_))


def _draft_version(restored) -> int | None:
    version = restored.values.get("version", "") if restored else ""
    return int(version) if version.isdigit() else None


def _theme_context(request, theme_, form, **extra):
    project = request.project
    area = figures.gemeente_area(request.access.gemeente)
    panels = (
        presenters.indicator_panels(
            project, area, list(theme_.indicator_codes), gemeente=request.access.gemeente
        )
        if area
        else []
    )
    return tenant_context(
        request,
        theme=theme_,
        form=form,
        panels=panels,
        area=area,
        texts=[(label, getattr(theme_, name)) for name, label in THEME_TEXTS],
        draft=selectors.theme_draft(project, theme_),
        crime_tables=figures.crime_for_indicators(
            project, theme_.indicator_codes, request.access.gemeente
        ),
        participations=participation.for_theme(theme_),
        draft_version=_draft_version(extra.get("restored")),
        **extra,
    )


@project_view(require=can_edit)
@require_POST
def theme_save(request, theme_uuid):
    project = request.project
    theme_ = selectors.theme_get(project, theme_uuid)
    form = ThemeTextsForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "analysis/narrative/theme.html",
            _theme_context(request, theme_, form),
            status=200,
        )
    try:
        services.theme_save(
            actor=request.user,
            theme=theme_,
            texts=form.texts(),
            base_version=form.cleaned_data["version"],
        )
    except services.EditConflict as conflict:
        # Nothing is lost: the form keeps what this user typed, and shows what the other
        # person saved. Saving again (now on the newest version) is a deliberate choice.
        data = request.POST.copy()
        data["version"] = conflict.current.version
        form = ThemeTextsForm(data)
        form.is_valid()
        other = conflict.current.updated_by
        who = other.display_name(request.access.gemeente) if other else "iemand"
        context = _theme_context(
            request,
            conflict.current,
            form,
            conflict=True,
            conflict_by=who,
            theirs=[(label, getattr(conflict.current, name)) for name, label in THEME_TEXTS],
        )
        return render(request, "analysis/narrative/theme.html", context, status=409)
    autosave.draft_discard(user=request.user, project=project, key=_draft_key(theme_))
    messages.success(request, "Het thema is opgeslagen.")
    return redirect(_theme_url(request, project, theme_))


@project_view(require=can_edit)
@require_GET
def history(request, theme_uuid):
    project = request.project
    theme_ = selectors.theme_get(project, theme_uuid)
    chosen = query_number(request, "versie", VERSION, "Deze versie bestaat niet.")
    history = selectors.theme_history(theme_, chosen)
    return render(
        request,
        "analysis/narrative/history.html",
        tenant_context(
            request,
            theme=theme_,
            revisions=history.revisions,
            selected=history.selected,
            diffs=history.diffs,
        ),
    )


@project_view(require=can_edit)
@require_POST
def restore(request, theme_uuid):
    project = request.project
    theme_ = selectors.theme_get(project, theme_uuid)
    version = request.POST.get("version", "")
    try:
        services.theme_restore(
            actor=request.user, theme=theme_, version=int(version) if version.isdigit() else -1
        )
    except ValidationError as error:
        add_validation_error_messages(request, error)
    else:
        messages.success(request, f"Versie {version} is teruggezet als nieuwe versie.")
    return redirect(_theme_url(request, project, theme_))


@project_view(require=can_edit)
@require_POST
def field_status(request, field_uuid):
    project = request.project
    field = selectors.field_get(project, field_uuid)
    form = FieldStatusForm(request.POST)
    if form.is_valid():
        try:
            services.field_status_set(
                actor=request.user, field=field, status=form.cleaned_data["status"]
            )
        except ValidationError as error:
            add_validation_error_messages(request, error)
        else:
            messages.success(request, f"Status van {field.name}: {field.get_status_display()}.")
    else:
        messages.error(request, "Kies concept, ter review of definitief.")
    return redirect(
        "analysis:va_overview",
        gemeente_slug=request.access.gemeente.slug,
        project_uuid=project.uuid,
    )


def _coverage_form(theme_) -> ThemeCoverageForm:
    return ThemeCoverageForm(
        initial={"coverage": theme_.coverage, "reasoning": theme_.coverage_reasoning},
        prefix=f"cov-{theme_.uuid}",
    )


def _structure_page(request, *, bound=None, status=200):
    """The structure page; `bound` is a (theme, form) whose refused input is shown again."""
    summaries = selectors.field_summaries(request.project, include_hidden=True)
    rows = [
        (
            summary,
            [
                (theme_, bound[1] if bound and bound[0].pk == theme_.pk else _coverage_form(theme_))
                for theme_ in summary.themes
            ],
        )
        for summary in summaries
    ]
    return render(
        request,
        "analysis/narrative/structure.html",
        tenant_context(request, rows=rows),
        status=status,
    )


@project_view(require=can_edit)
@require_GET
def structure(request):
    """Rename, add and hide fields; rename, add and mark themes (basisniveau, niet van
    toepassing); other projects are untouched. Each change is a form of its own that posts to
    its own URL (the views below)."""
    return _structure_page(request)


def _back_to_structure(request):
    return redirect(
        "analysis:va_structure",
        gemeente_slug=request.access.gemeente.slug,
        project_uuid=request.project.uuid,
    )


def _named_change(request, change: Callable[[str], object]):
    """A structure change that takes a name: check the name, make the change, go back."""
    form = NameForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Geef een naam op (hooguit 200 tekens).")
        change(form.cleaned_data["name"])
    except ValidationError as error:
        add_validation_error_messages(request, error)
    else:
        messages.success(request, "Opgeslagen.")
    return _back_to_structure(request)


def _visibility_change(request, obj, hidden: bool):  # fields only: themes are marked
    services.visibility_set(actor=request.user, obj=obj, hidden=hidden)
    messages.success(request, "Verborgen." if hidden else "Weer zichtbaar.")
    return _back_to_structure(request)


def _rename(request, obj):
    return _named_change(
        request, lambda name: services.rename(actor=request.user, obj=obj, name=name)
    )


@project_view(require=can_edit)
@require_POST
def field_add(request):
    return _named_change(
        request,
        lambda name: services.field_add(actor=request.user, project=request.project, name=name),
    )


@project_view(require=can_edit)
@require_POST
def theme_add(request, field_uuid):
    field = selectors.field_get(request.project, field_uuid)
    return _named_change(
        request, lambda name: services.theme_add(actor=request.user, field=field, name=name)
    )


@project_view(require=can_edit)
@require_POST
def field_rename(request, field_uuid):
    return _rename(request, selectors.field_get(request.project, field_uuid))


@project_view(require=can_edit)
@require_POST
def theme_rename(request, theme_uuid):
    return _rename(request, selectors.theme_get(request.project, theme_uuid))


@project_view(require=can_edit)
@require_POST
def field_visibility(request, field_uuid, *, hidden: bool):
    """Hide or show a field: one URL each (`hidden` comes from the URL, not the form)."""
    return _visibility_change(request, selectors.field_get(request.project, field_uuid), hidden)


@project_view(require=can_edit)
@require_POST
def theme_coverage(request, theme_uuid):
    """Mark a theme basisniveau or niet van toepassing (with one sentence why), or set it back
    to uitgewerkt. A refusal shows the structure page again with what was typed."""
    theme_ = selectors.theme_get(request.project, theme_uuid)
    form = ThemeCoverageForm(request.POST, prefix=f"cov-{theme_.uuid}")
    try:
        if not form.is_valid():
            raise ValidationError(dict(form.errors))
        updated = services.theme_coverage_set(
            actor=request.user,
            theme=theme_,
            coverage=form.cleaned_data["coverage"],
            reasoning=form.cleaned_data["reasoning"],
        )
    except ValidationError as error:
        if form.is_bound and hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                if name in form.fields and name not in form.errors:
                    form.add_error(name, errors)
        messages.error(request, f"‘{theme_.name}’ is niet gewijzigd: " + " ".join(error.messages))
        return _structure_page(request, bound=(theme_, form))
    messages.success(request, f"‘{updated.name}’: {updated.get_coverage_display()}.")
    return _back_to_structure(request)


@project_view(require=can_edit)
@require_http_methods(["GET", "POST"])
def priorities(request):
    project = request.project
    settings_ = selectors.analysis_settings(project)
    ranked = selectors.ranking(project, settings_)
    themes = [item.theme for item in ranked]
    form = PrioritiesForm(request.POST if request.method == "POST" else None, themes=themes)
    if request.method == "POST" and form.is_valid():
        services.priorities_save(actor=request.user, project=project, scores=form.scores())
        messages.success(request, "De scores zijn opgeslagen.")
        return redirect(
            "analysis:va_priorities",
            gemeente_slug=request.access.gemeente.slug,
            project_uuid=project.uuid,
        )
    points = [
        MatrixPoint(
            label=item.theme.name,
            x=item.problem,
            y=item.theme.beinvloedbaarheid,
            highlight=item.theme.proposed_priority,
        )
        for item in ranked
        if item.problem is not None and item.theme.beinvloedbaarheid
    ]
    return render(
        request,
        "analysis/narrative/priorities.html",
        tenant_context(
            request,
            ranked=ranked,
            form=form,
            criteria=PRIORITY_CRITERIA,
            weights_form=WeightsForm(settings_=settings_),
            settings=settings_,
            matrix_svg=presenters.priority_matrix(points, title="Prioriteitenmatrix", width=480),
            proposed=[item for item in ranked if item.theme.proposed_priority],
            marked=selectors.marked_themes(project),
        ),
    )


@project_view(require=can_edit)
@require_POST
def weights(request):
    project = request.project
    settings_ = selectors.analysis_settings(project)
    form = WeightsForm(request.POST, settings_=settings_)
    if form.is_valid():
        try:
            services.weights_save(actor=request.user, project=project, weights=form.cleaned_data)
        except ValidationError as error:
            add_validation_error_messages(request, error)
        else:
            messages.success(request, "De weging is opgeslagen.")
    else:
        # One message per distinct error: five invalid weights say the same thing once.
        errors = dict.fromkeys(e for errors in form.errors.values() for e in errors)
        messages.error(request, " ".join(errors))
    return redirect(
        "analysis:va_priorities",
        gemeente_slug=request.access.gemeente.slug,
        project_uuid=project.uuid,
    )


@project_view(require=can_edit)
@require_GET
def wijkprofiel(request, code):
    project = request.project
    gemeente = request.access.gemeente
    wijk = selectors.wijk_get(project, code, gemeente)
    gemeente_area = figures.gemeente_area(gemeente)
    panels = presenters.indicator_panels(project, wijk, None, with_charts=False, gemeente=gemeente)
    comparison = {
        view["view"].indicator.code: view
        for view in (
            presenters.indicator_panels(
                project, gemeente_area, None, with_charts=False, gemeente=gemeente
            )
            if gemeente_area
            else []
        )
    }
    rows = [
        {"panel": panel, "gemeente": comparison.get(panel["view"].indicator.code)}
        for panel in panels
    ]
    return render(
        request,
        "analysis/narrative/wijkprofiel.html",
        tenant_context(
            request,
            wijk=wijk,
            rows=rows,
            draft=selectors.wijk_draft(project, wijk),
            wijken=selectors.wijken(project, request.access.gemeente),
            participations=participation.for_area(project, wijk),
        ),
    )
