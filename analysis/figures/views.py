from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from projects.forms import add_validation_error_messages, apply_validation_error
from projects.permissions import can_edit, project_view, tenant_context

from ..params import (
    AREA_CODE,
    INDICATOR_CODE,
    THEME_CODE,
    YEAR,
    query_id,
    query_number,
    well_formed,
)
from . import presenters, preview, preview_text, selectors, services
from .area_link_selectors import area_changes, indeling_notice
from .constants import ImportKind, ImportStatus, Source
from .exports import to_csv, to_xlsx
from .forms import (
    MAPPING_LIST_ALL_UP_TO,
    SEARCH_MAX_LENGTH,
    VARIABLES_PER_PAGE,
    BenchmarkColumnsForm,
    ComparableGemeentenForm,
    ImportStartForm,
    InhabitantsForm,
    MappingForm,
    ThresholdsForm,
    WijkMapForm,
    search_variables,
)
from .herindeling_panels import police_tables_marked
from .mapping import MappingError
from .models import ImportRun
from .preview_forms import FlagConfirmForm
from .services.raw_files import raw_file_context, raw_file_deleted_message


@project_view(require=can_edit)
@require_GET
def overview(request):
    project = request.project
    gemeente = request.access.gemeente
    participant = selectors.is_participant(project, gemeente)
    context = tenant_context(
        request,
        editions=selectors.editions_read(project, gemeente),
        # A participant reads its newest edition of each year; choosing is the lead's.
        participant=participant,
        unused_editions=0
        if participant
        else selectors.gemeente_editions(gemeente).exclude(projects=project).count(),
        fields=selectors.fields_with_data(project, gemeente),
        custom_codes=selectors.custom_indicator_codes(project, gemeente),
        has_crime=selectors.has_crime_counts(project, gemeente),
        indeling_notice=indeling_notice(gemeente),
    )
    if request.access.can_edit:
        context.update(
            runs=selectors.project_import_runs(project, gemeente)[:10],
            thresholds_form=ThresholdsForm(
                initial={
                    "min_n": project.min_n,
                    "warn_n": project.warn_n,
                    "flag_change_points": project.flag_change_points,
                    "flag_change_margins": project.flag_change_margins,
                }
            ),
            comparables_form=ComparableGemeentenForm(
                initial={"gemeenten": selectors.comparable_gemeenten(project)}
            ),
            wijkmap_form=WijkMapForm(),
        )
    return render(request, "analysis/figures/overview.html", context)


@project_view(require=can_edit)
@require_http_methods(["GET", "POST"])
def import_new(request):
    project = request.project
    form = ImportStartForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        templates=selectors.mapping_templates_for(request.access.gemeente),
    )
    if request.method == "POST" and form.is_valid():
        try:
            run = services.import_run_start(
                actor=request.user,
                project=project,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                year=form.cleaned_data.get("year"),
                template=form.cleaned_data.get("template"),
                # Whose figures: in a joint plan each gemeente reads in its own.
                gemeente=request.access.gemeente,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            return redirect(_run_url(request, project, run))
    return render(request, "analysis/figures/import_new.html", tenant_context(request, form=form))


def _run_url(request, project, run) -> str:
    return reverse(
        "analysis:import_detail",
        kwargs={
            "gemeente_slug": request.access.gemeente.slug,
            "project_uuid": project.uuid,
            "run_uuid": run.uuid,
        },
    )


def _variable_page(run: ImportRun, search: str, number) -> Page | None:
    """A page of the file's variables when there are too many to list in every choice."""
    if len(run.variables) <= MAPPING_LIST_ALL_UP_TO:
        return None
    found = search_variables(run.variables, search)
    return Paginator(found, VARIABLES_PER_PAGE).get_page(number)


def _draft_key(run: ImportRun) -> str:
    """What the user typed on the mapping page, kept in their session between list pages."""
    return f"koppeling-concept-{run.uuid}"


def _mapping_form(run: ImportRun, shown: list | None, data=None, files=None, draft=None):
    return MappingForm(
        data,
        files,
        variables=run.variables,
        indicators=selectors.catalogue_indicators(source=Source.VM),
        initial_mapping=run.mapping or {},
        shown=shown,
        initial=draft,
    )


def _mapping_context(request, run, *, search, page_number, data=None, files=None) -> dict:
    """The form and, for a long list, the page of variables and the search: from the query
    string, or from the form itself when it comes back with an error."""
    search = search[:SEARCH_MAX_LENGTH]
    page = _variable_page(run, search, page_number)
    draft = None if data is not None else request.session.get(_draft_key(run))
    form = _mapping_form(run, None if page is None else list(page), data, files, draft=draft)
    pages = [] if page is None else list(page.paginator.get_elided_page_range(page.number))
    return {"form": form, "variable_page": page, "variable_pages": pages, "search": search}


def _columns_form(run: ImportRun, data=None) -> BenchmarkColumnsForm:
    return BenchmarkColumnsForm(
        data,
        columns=[variable["name"] for variable in run.variables],
        indicators=selectors.catalogue_indicators(),
        suggested=(run.mapping or {}).get("suggested", {}),
    )


@project_view(require=can_edit)
@require_GET
def import_detail(request, run_uuid):
    project = request.project
    run = selectors.import_run_get(project, run_uuid, request.access.gemeente)
    context = tenant_context(request, run=run, busy=run.status_enum.busy)
    if request.htmx:
        if run.status_enum.busy:
            return render(request, "analysis/figures/partials/import_progress.html", context)
        # Done waiting: tell htmx to load the whole page, which shows the next step.
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    context.update(raw_file_context(run))
    if run.status == ImportStatus.DONE and run.kind in (ImportKind.SURVEY, ImportKind.CRIME):
        context["indeling_notice"] = indeling_notice(request.access.gemeente)
    can_map = run.status in (ImportStatus.MAPPING, ImportStatus.FAILED) and run.variables
    if run.file_deleted_at is not None:
        pass  # nothing to map or check without the file: the page says so (raw_file_context)
    elif can_map and run.kind == ImportKind.SURVEY:
        context.update(
            _mapping_context(
                request,
                run,
                search=request.GET.get("zoek", ""),
                page_number=request.GET.get("pagina"),
            )
        )
    elif run.status == ImportStatus.MAPPING:
        context["columns_form"] = _columns_form(run)
    elif run.status == ImportStatus.PREVIEW:
        context.update(_preview_context(run))
    return render(request, "analysis/figures/import_detail.html", context)


@project_view(require=can_edit)
@require_POST
def import_mapping(request, run_uuid):
    project = request.project
    run = selectors.import_run_get(project, run_uuid, request.access.gemeente)
    open_states = (
        services.MAPPING_OPEN if run.kind == ImportKind.SURVEY else (ImportStatus.MAPPING,)
    )
    if run.status not in open_states:
        # A second submit (a double click, the back button): the first one's import is under
        # way or done, and the run's page shows how it went.
        return redirect(_run_url(request, project, run))
    if run.file_deleted_at is not None:  # the page says so and offers a new upload
        messages.error(request, raw_file_deleted_message(run))
        return redirect(_run_url(request, project, run))
    context = tenant_context(request, run=run, busy=False)
    if run.kind != ImportKind.SURVEY:
        form = _columns_form(run, request.POST)
        context["columns_form"] = form
        if form.is_valid():
            try:
                services.benchmark_mapping_submit(
                    actor=request.user, run=run, columns=form.to_columns()
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                return redirect(_run_url(request, project, run))
        return render(request, "analysis/figures/import_detail.html", context, status=200)
    if "navigeer" in request.POST or "pagina" in request.POST:
        return _mapping_navigate(request, project, run)
    context.update(
        _mapping_context(
            request,
            run,
            search=request.POST.get("zoek", ""),
            page_number=request.POST.get("op_pagina"),
            data=request.POST,
            files=request.FILES,
        )
    )
    form = context["form"]
    if form.is_valid():
        try:
            services.survey_mapping_submit(
                actor=request.user,
                run=run,
                mapping=form.to_mapping(),
                template_name=form.cleaned_data.get("template_name", ""),
            )
        except MappingError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            request.session.pop(_draft_key(run), None)
            return redirect(_run_url(request, project, run))
    return render(request, "analysis/figures/import_detail.html", context)


def _mapping_navigate(request, project, run):
    """Search or turn a page of the variable list: keep what was typed, then show the page."""
    form = _mapping_form(run, [], request.POST)  # no options needed to keep what was typed
    request.session[_draft_key(run)] = form.typed_values()
    query = {"zoek": request.POST.get("zoek", "")[:SEARCH_MAX_LENGTH]}
    if "pagina" in request.POST:
        query["pagina"] = request.POST["pagina"][:10]
    return redirect(f"{_run_url(request, project, run)}?{urlencode(query)}#variabelen")


# --- the preview: check before storing -------------------------------------------------------


def _preview_context(run: ImportRun, *, form: FlagConfirmForm | None = None) -> dict:
    return {
        "preview_rows": preview_text.page_rows(run.preview),
        "preview_open": len(preview.unconfirmed(run.preview)),
        "preview_flagged": len(preview.flagged(run.preview)),
        "confirm_form": form,
    }


@project_view(require=can_edit)
@require_POST
def import_flag(request, run_uuid):
    """Confirm one flagged indicator with a reason."""
    project = request.project
    run = selectors.import_run_get(project, run_uuid, request.access.gemeente)
    if run.status != ImportStatus.PREVIEW:
        messages.error(request, "Deze import wacht niet op controle; er is niets te bevestigen.")
        return redirect(_run_url(request, project, run))
    form = FlagConfirmForm(request.POST)
    if form.is_valid():
        code = form.cleaned_data["indicator"]
        try:
            services.preview_flag_confirm(
                actor=request.user, run=run, code=code, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            return redirect(f"{_run_url(request, project, run)}#signaal-{code}")
    context = tenant_context(request, run=run, busy=False) | _preview_context(run, form=form)
    return render(request, "analysis/figures/import_detail.html", context)


@project_view(require=can_edit)
@require_POST
def import_store(request, run_uuid):
    """ "Opslaan": store the checked edition (replacing the year's edition if there is one)."""
    project = request.project
    run = selectors.import_run_get(project, run_uuid, request.access.gemeente)
    try:
        services.preview_store(actor=request.user, run=run)
    except ValidationError as error:
        add_validation_error_messages(request, error)
    return redirect(_run_url(request, project, run))


@project_view(require=can_edit)
@require_POST
def import_back(request, run_uuid):
    """Back from the preview to the mapping, which is kept."""
    project = request.project
    run = selectors.import_run_get(project, run_uuid, request.access.gemeente)
    try:
        services.preview_back_to_mapping(actor=request.user, run=run)
    except ValidationError as error:
        add_validation_error_messages(request, error)
    return redirect(_run_url(request, project, run))


def _theme(code: str):
    return selectors.catalogue_theme_get(well_formed(code, THEME_CODE, "Dit thema bestaat niet."))


@project_view(require=can_edit)
@require_GET
def theme(request, theme_code):
    project = request.project
    field, theme_ = _theme(theme_code)
    asked = query_id(request, "gebied", AREA_CODE, "Dit gebied bestaat niet.")
    area = selectors.area_for_page(request.access.gemeente, asked)
    panels = presenters.indicator_panels(
        project, area, list(theme_.indicator_codes), gemeente=request.access.gemeente
    )
    return render(
        request,
        "analysis/figures/theme.html",
        tenant_context(
            request,
            field=field,
            theme=theme_,
            area=area,
            panels=panels,
            areas=selectors.areas_with_results(project, request.access.gemeente),
            missing=[
                code
                for code in theme_.indicator_codes
                if code not in {p["view"].indicator.code for p in panels}
            ],
        ),
    )


@project_view(require=can_edit)
@require_GET
def indicator(request, code):
    project = request.project
    indicator_ = selectors.indicator_get(request.access.gemeente, code)
    years = selectors.project_years(project, request.access.gemeente)
    if not years:
        raise Http404("Voor dit project zijn nog geen cijfers ingelezen.")
    year = _edition(request, years) or years[-1]
    results = selectors.wijk_table(project, indicator_, year, request.access.gemeente)
    title = f"{indicator_.name} per wijk, {year}"
    # A wijk with a new code has no previous edition of its own: say why, not just nothing.
    changes = area_changes(request.access.gemeente)
    shown_areas = {r.area_id for r in results}
    relevant = [c for c in changes if shown_areas & {a.pk for a in [*c.old, *c.new]}]
    new_codes = {area.pk for change in relevant for area in change.new}
    return render(
        request,
        "analysis/figures/indicator.html",
        tenant_context(
            request,
            indicator=indicator_,
            year=year,
            years=years,
            rows=[
                {
                    "result": r,
                    "shown": presenters.shown(r, indicator_.unit),
                    "interval": presenters.interval(r, indicator_.unit),
                    "herindeling": r.area_id in new_codes and r.previous_year is None,
                }
                for r in results
            ],
            herindeling_notes=[change.text for change in relevant],
            bars_svg=presenters.wijk_bars_svg(results, title=title, unit=indicator_.unit)
            if results
            else "",
            map_svg=presenters.indicator_map_svg(
                request.access.gemeente, indicator_, results, year
            ),
            own_map=presenters.own_area_map(request.access.gemeente, indicator_, results, year),
        ),
    )


def _edition(request, years: list[int]) -> int | None:
    """The edition asked for in ?editie=, if any; one the project does not have is a 404."""
    year = query_number(request, "editie", YEAR, "Deze editie is niet ingelezen.")
    if year is not None and year not in years:
        raise Http404("Deze editie is niet ingelezen.")
    return year


@project_view(require=can_edit)
@require_GET
def export(request, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404("Kies csv of xlsx.")
    project = request.project
    edition = _edition(request, selectors.project_years(project, request.access.gemeente))
    code = query_id(request, "indicator", INDICATOR_CODE, "Deze indicator bestaat niet.")
    theme_code = request.GET.get("thema")
    codes = None
    if code:
        selectors.indicator_get(request.access.gemeente, code)  # a 404 for no indicator
        codes = [code]
    elif theme_code:
        _field, theme_ = _theme(theme_code)
        codes = theme_.indicator_codes
    rows = selectors.export_rows(
        project, edition=edition, indicator_codes=codes, gemeente=request.access.gemeente
    )
    name = slugify(f"indicatoren {request.access.gemeente.name} {code or theme_code or ''}")
    if fmt == "xlsx":
        data = to_xlsx(selectors.EXPORT_COLUMNS, rows, title="Indicatoren")
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        data = to_csv(selectors.EXPORT_COLUMNS, rows)
        content_type = "text/csv; charset=utf-8"
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@project_view(require=can_edit)
@require_POST
def thresholds(request):
    project = request.project
    form = ThresholdsForm(request.POST)
    if form.is_valid():
        try:
            services.project_thresholds_update(
                actor=request.user, project=project, **form.cleaned_data
            )
        except ValidationError as error:
            add_validation_error_messages(request, error)
        else:
            messages.success(request, "De drempels zijn aangepast; de cijfers zijn bijgewerkt.")
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(
        "analysis:overview", gemeente_slug=request.access.gemeente.slug, project_uuid=project.uuid
    )


@project_view(require=can_edit)
@require_POST
def comparables(request):
    project = request.project
    form = ComparableGemeentenForm(request.POST)
    if form.is_valid():
        services.project_comparables_set(
            actor=request.user, project=project, gemeenten=list(form.cleaned_data["gemeenten"])
        )
        messages.success(request, "De vergelijkbare gemeenten zijn opgeslagen.")
    else:
        messages.error(request, "Kies gemeenten uit de lijst.")
    return redirect(
        "analysis:overview", gemeente_slug=request.access.gemeente.slug, project_uuid=project.uuid
    )


@project_view(require=can_edit)
@require_POST
def wijkmap(request):
    project = request.project
    form = WijkMapForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.wijkmap_save(
                actor=request.user, project=project, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            add_validation_error_messages(request, error)
        else:
            messages.success(request, "De wijkkaart is opgeslagen.")
    else:
        messages.error(
            request, "Kies een wijkkaart: een GeoJSON-bestand, een GeoPackage of een zipbestand."
        )
    return redirect(
        "analysis:overview", gemeente_slug=request.access.gemeente.slug, project_uuid=project.uuid
    )


def _inhabitants_form(request, data=None) -> InhabitantsForm:
    return InhabitantsForm(data, areas=selectors.gemeente_areas(request.access.gemeente))


@project_view(require=can_edit)
@require_GET
def crime(request):
    project = request.project
    tables = police_tables_marked(
        selectors.crime_overview(project, request.access.gemeente),
        area_changes(request.access.gemeente),
    )
    context = tenant_context(request, tables=tables)
    if request.access.can_edit:
        context["inhabitants_form"] = _inhabitants_form(request)
    return render(request, "analysis/figures/crime.html", context)


@project_view(require=can_edit)
@require_POST
def inhabitants(request):
    project = request.project
    form = _inhabitants_form(request, request.POST)
    if form.is_valid():
        count = services.area_inhabitants_set(
            actor=request.user, project=project, values=form.values()
        )
        messages.success(request, f"Inwonertallen opgeslagen ({count} gewijzigd).")
        return redirect(
            "analysis:crime", gemeente_slug=request.access.gemeente.slug, project_uuid=project.uuid
        )
    tables = police_tables_marked(
        selectors.crime_overview(project, request.access.gemeente),
        area_changes(request.access.gemeente),
    )
    context = tenant_context(request, tables=tables, inhabitants_form=form)
    return render(request, "analysis/figures/crime.html", context)
