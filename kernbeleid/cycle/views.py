"""Pages of the yearly cycle (step 12): goals with their whole series, the yearly progress of
the actions, every deadline of the user's projects, and the gemeente's own registered series
(the only pages here that change anything; editing roles only)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from projects.confirm import Question, ask, confirmed
from projects.forms import apply_validation_error
from projects.permissions import portfolio_view, project_view, tenant_context

from ..products.models import Goal
from . import own_series, selectors
from .deadlines import deadline_overview, next_deadline
from .forms import OwnSeriesForm, OwnSeriesPointForm, OwnSeriesUploadForm, YearTextsForm
from .models import OwnSeries
from .year_texts import year_range, year_texts_get, year_texts_save


def _participant(request):
    """A joint plan's participant under its own URL, or None (the lead sees every goal)."""
    gemeente = request.access.gemeente
    return None if gemeente.pk == request.project.gemeente_id else gemeente


@project_view(require=lambda role: role.can_edit)
@require_GET
def goals(request):
    return render(
        request,
        "kernbeleid/cycle/goals.html",
        tenant_context(
            request,
            rows=selectors.goals_overview(request.project, _participant(request)),
        ),
    )


@project_view(require=lambda role: role.can_edit)
@require_GET
def progress(request):
    return render(
        request,
        "kernbeleid/cycle/progress.html",
        tenant_context(request, years=selectors.progress_overview(request.project)),
    )


@project_view(require=lambda role: role.can_edit)
@require_http_methods(["GET", "POST"])
def jaardocumenten(request, year):
    """The texts users write for one programme year's uitvoeringsprogramma and
    voortgangsrapportage; the document itself is made on the reports page."""
    project = request.project
    if year not in year_range(project):
        raise Http404("Dit jaar valt buiten de looptijd van de kadernota.")
    form = YearTextsForm(
        request.POST if request.method == "POST" else None,
        initial=year_texts_get(project, year),
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = year_texts_save(
                actor=request.user, project=project, year=year, texts=form.texts()
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request,
                f"De teksten voor {year} zijn opgeslagen."
                if changed
                else f"Er was niets veranderd aan de teksten voor {year}.",
            )
            return redirect(
                "kernbeleid:jaardocumenten",
                gemeente_slug=request.access.gemeente.slug,
                project_uuid=project.uuid,
                year=year,
            )
    return render(
        request,
        "kernbeleid/cycle/jaardocumenten.html",
        tenant_context(request, year=year, years=list(year_range(project)), form=form),
    )


@portfolio_view
@require_GET
def deadlines(request):
    today = timezone.localdate()
    items = deadline_overview(request.user, today)
    return render(
        request,
        "kernbeleid/cycle/deadlines.html",
        {
            "today": today,
            "overdue": [item for item in items if item.overdue],
            "upcoming": [item for item in items if not item.overdue],
            "next_item": next_deadline(items),
        },
    )


@project_view(require=lambda role: role.can_edit)
@require_GET
def goal(request, goal_uuid):
    """One goal with its whole series, for following it between survey editions."""
    return render(
        request,
        "kernbeleid/cycle/goal.html",
        tenant_context(request, row=selectors.goal_detail(request.project, goal_uuid)),
    )


# --- Own registration -------------------------------------------------------------------


def _own_series(request, series_uuid) -> OwnSeries:
    """A series of the project's gemeente (404 for another gemeente's)."""
    return get_object_or_404(
        OwnSeries.objects.filter(gemeente=request.project.gemeente), uuid=series_uuid
    )


def _to_series(request, series):
    project = request.project
    return redirect(
        "kernbeleid:own_series_detail",
        gemeente_slug=project.gemeente.slug,
        project_uuid=project.uuid,
        series_uuid=series.uuid,
    )


@project_view(require=lambda role: role.can_edit)
@require_http_methods(["GET", "POST"])
def own_series_list(request):
    project = request.project
    areas = own_series.area_choices(project.gemeente)
    form = OwnSeriesForm(request.POST or None, areas=areas)
    if request.method == "POST" and form.is_valid():
        try:
            series = own_series.own_series_create(
                actor=request.user, project=project, **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, f"De registratie ‘{series.name}’ is aangemaakt.")
            return _to_series(request, series)
    listing = own_series.own_series_listing(project.gemeente)
    return render(
        request,
        "kernbeleid/cycle/own_series_list.html",
        tenant_context(request, listing=listing, form=form),
    )


def _detail_page(request, series, *, point_form=None, upload_form=None):
    return render(
        request,
        "kernbeleid/cycle/own_series_detail.html",
        tenant_context(
            request,
            series=series,
            points=list(series.points.all()),
            point_form=point_form or OwnSeriesPointForm(),
            upload_form=upload_form or OwnSeriesUploadForm(),
            goals=Goal.objects.filter(own_series=series).select_related("project"),
        ),
    )


@project_view(require=lambda role: role.can_edit)
@require_GET
def own_series_detail(request, series_uuid):
    return _detail_page(request, _own_series(request, series_uuid))


@project_view(require=lambda role: role.can_edit)
@require_POST
def own_series_point(request, series_uuid):
    series = _own_series(request, series_uuid)
    form = OwnSeriesPointForm(request.POST)
    if form.is_valid():
        try:
            own_series.own_series_point_set(
                actor=request.user, project=request.project, series=series, **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, f"{form.cleaned_data['year']} is opgeslagen.")
            return _to_series(request, series)
    return _detail_page(request, series, point_form=form)


@project_view(require=lambda role: role.can_edit)
@require_http_methods(["GET", "POST"])
def own_series_point_remove(request, series_uuid, year):
    series = _own_series(request, series_uuid)
    if not confirmed(request):
        return ask(
            request,
            Question(
                title="Jaar verwijderen",
                question=f"Wilt u de waarde van {year} uit ‘{series.name}’ verwijderen?",
                consequences=[
                    f"De reeks heeft dan geen waarde meer voor {year}.",
                    "Doelen die op deze reeks meten, worden opnieuw beoordeeld.",
                ],
                confirm_label="Ja, verwijderen",
                cancel_url=_to_series(request, series).url,
            ),
        )
    if own_series.own_series_point_remove(
        actor=request.user, project=request.project, series=series, year=year
    ):
        messages.success(request, f"{year} is verwijderd.")
    return _to_series(request, series)


@project_view(require=lambda role: role.can_edit)
@require_POST
def own_series_upload(request, series_uuid):
    series = _own_series(request, series_uuid)
    form = OwnSeriesUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            stored = own_series.own_series_upload(
                actor=request.user,
                project=request.project,
                series=series,
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, f"{stored} jaren ingelezen.")
            return _to_series(request, series)
    return _detail_page(request, series, upload_form=form)
