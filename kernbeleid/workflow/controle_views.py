"""Pages of the raad's controle: the overview per year with the collegebesluit form, one
year's kennisname, questions and moties, and the besluit's edit page and document.

Editors write; raadsleden read (it is their own controle record); partners see none of it.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from projects.forms import apply_validation_error
from projects.permissions import can_edit, project_view, tenant_context

from . import controle_selectors as selectors
from . import controle_services as services
from .controle_forms import (
    AntwoordForm,
    CollegeBesluitEditForm,
    CollegeBesluitForm,
    KennisnameForm,
    MotieForm,
    VraagForm,
)
from .models import CollegeBesluit

readers = selectors.can_see_controle


def _besluit(request, year: int) -> CollegeBesluit:
    return get_object_or_404(CollegeBesluit, project=request.project, year=year)


def _posted(request) -> tuple:
    """The data and files of a POST (even an empty one, so it shows its errors)."""
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def _to_year(request, year: int):
    return redirect(
        "kernbeleid:controle_year",
        gemeente_slug=request.access.gemeente.slug,
        project_uuid=request.project.uuid,
        year=year,
    )


# --- the overview -------------------------------------------------------------------------


@project_view(require=readers)
@require_http_methods(["GET", "POST"])
def overview(request):
    project = request.project
    form, existing = None, None
    if request.access.can_edit and project.current_step >= services.CONTROLE_FIRST_STEP:
        form = CollegeBesluitForm(*_posted(request), project=project, initial=_next_year(project))
    if request.method == "POST":
        if form is None:
            messages.error(
                request, "Het college stelt het uitvoeringsprogramma vast vanaf stap 10."
            )
        elif form.is_valid():
            try:
                besluit = services.college_besluit_record(
                    actor=request.user, project=project, **form.cleaned_data
                )
            except services.BesluitExists as error:
                apply_validation_error(form, error)
                existing = error.besluit
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(
                    request,
                    f"Het collegebesluit op het uitvoeringsprogramma {besluit.year} is vastgelegd.",
                )
                return _to_year(request, besluit.year)
    context = tenant_context(
        request,
        years=selectors.controle_overview(project),
        form=form,
        existing=existing,
    )
    return render(request, "kernbeleid/controle/overview.html", context)


def _next_year(project) -> dict:
    """Propose the first programme year that has no besluit yet."""
    taken = set(CollegeBesluit.objects.filter(project=project).values_list("year", flat=True))
    free = [y for y in range(project.period_start, project.period_end + 1) if y not in taken]
    return {"year": free[0]} if free else {}


# --- one year -----------------------------------------------------------------------------


def _render_year(request, year: int, status: int = 200, **bound):
    entry = selectors.controle_year(request.project, year)
    if entry is None:
        raise Http404("Voor dit jaar is geen collegebesluit vastgelegd.")
    forms, answer_forms = {}, {}
    if request.access.can_edit:
        kennisname = entry.kennisname
        initial = {}
        if kennisname is not None:
            initial = {
                "kind": kennisname.kind,
                "kennisname_date": kennisname.date,
                "reference": kennisname.reference,
                "notes": kennisname.notes,
            }
        forms["kennisname_form"] = KennisnameForm(initial=initial)
        if kennisname is not None:
            forms["vraag_form"] = VraagForm()
            forms["motie_form"] = MotieForm()
            answer_forms = {
                question.pk: AntwoordForm(
                    kennisname=kennisname,
                    initial={"vraag": question.pk, "answer": question.answer},
                    # One form per question on the page: distinct ids, the same names.
                    auto_id=f"id_vraag{question.pk}_%s",
                )
                for question in entry.questions
            }
    rows = [(question, answer_forms.get(question.pk)) for question in entry.questions]
    forms.update(bound)
    context = tenant_context(request, entry=entry, question_rows=rows, **forms)
    return render(request, "kernbeleid/controle/year.html", context, status=status)


@project_view(require=readers)
@require_GET
def year_detail(request, year: int):
    return _render_year(request, year)


@project_view(require=readers)
@require_POST
def kennisname(request, year: int):
    besluit = _besluit(request, year)
    form = KennisnameForm(request.POST)
    if form.is_valid():
        try:
            services.kennisname_save(actor=request.user, besluit=besluit, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, f"De kennisname van het programma {year} is vastgelegd.")
            return _to_year(request, year)
    return _render_year(request, year, kennisname_form=form)


def _kennisname_or_message(request, besluit):
    kennisname = getattr(besluit, "kennisname", None)
    if kennisname is None:
        messages.error(request, "Leg eerst vast hoe en wanneer de raad kennisnam.")
    return kennisname


@project_view(require=readers)
@require_POST
def vraag_add(request, year: int):
    kennisname_ = _kennisname_or_message(request, _besluit(request, year))
    if kennisname_ is None:
        return _to_year(request, year)
    form = VraagForm(request.POST)
    if form.is_valid():
        try:
            services.controle_vraag_add(
                actor=request.user, kennisname=kennisname_, **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, "De vraag van de raad is vastgelegd.")
            return _to_year(request, year)
    return _render_year(request, year, vraag_form=form)


@project_view(require=readers)
@require_POST
def vraag_answer(request, year: int):
    kennisname_ = _kennisname_or_message(request, _besluit(request, year))
    if kennisname_ is None:
        return _to_year(request, year)
    form = AntwoordForm(request.POST, kennisname=kennisname_)
    if not form.is_valid():
        messages.error(request, "Vul het antwoord in bij een vraag van dit programma.")
        return _to_year(request, year)
    services.controle_vraag_answer(
        actor=request.user, vraag=form.cleaned_data["vraag"], answer=form.cleaned_data["answer"]
    )
    messages.success(request, "Het antwoord is vastgelegd.")
    return _to_year(request, year)


@project_view(require=readers)
@require_POST
def motie_add(request, year: int):
    kennisname_ = _kennisname_or_message(request, _besluit(request, year))
    if kennisname_ is None:
        return _to_year(request, year)
    form = MotieForm(request.POST)
    if form.is_valid():
        try:
            motie = services.controle_motie_add(
                actor=request.user, kennisname=kennisname_, **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            text = f"Motie {motie.number} is vastgelegd"
            if motie.is_task:
                text += f"; het is een taak voor {motie.task_owner}"
            messages.success(request, text + ".")
            return _to_year(request, year)
    return _render_year(request, year, motie_form=form)


# --- the collegebesluit itself ------------------------------------------------------------


@project_view(require=can_edit)
@require_http_methods(["GET", "POST"])
def besluit_edit(request, year: int):
    besluit = _besluit(request, year)
    initial = {"besluit_date": besluit.date, "number": besluit.number, "notes": besluit.notes}
    form = CollegeBesluitEditForm(*_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.college_besluit_update(
                actor=request.user, besluit=besluit, **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, f"Het collegebesluit over {year} is gewijzigd.")
            return _to_year(request, year)
    context = tenant_context(request, besluit=besluit, form=form)
    return render(request, "kernbeleid/controle/besluit_edit.html", context)


@project_view(require=readers)
@require_GET
def besluit_document(request, year: int):
    besluit = _besluit(request, year)
    if not besluit.document:
        raise Http404("Bij dit collegebesluit is geen document vastgelegd.")
    extension = besluit.document.name.rsplit(".", 1)[-1]
    return FileResponse(
        besluit.document.open("rb"),
        as_attachment=True,
        filename=f"collegebesluit-{besluit.year}.{extension}",
    )
