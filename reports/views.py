"""Report pages: structures, renders with progress, versions, downloads and review."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from projects.forms import add_validation_error_messages
from projects.permissions import can_edit, project_view, tenant_context
from projects.query_string import uuid_from_query_string

from . import selectors, services
from .constants import DocumentKind, RenderStatus
from .forms import (
    CommentForm,
    PublishForm,
    RenderForm,
    SectionAddForm,
    StructureCopyForm,
    TemplateForm,
)
from .models import ReviewComment, StructureSection


def _overview(request, project):
    return redirect(
        "reports:overview", gemeente_slug=request.access.gemeente.slug, project_uuid=project.uuid
    )


@project_view()
@require_GET
def overview(request):
    project = request.project
    role = request.access.role
    versions = selectors.versions_visible(project, role).prefetch_related("renders", "publications")
    context = tenant_context(request, versions=versions)
    if request.access.can_edit:
        context.update(
            render_form=RenderForm(),
            publish_form=PublishForm(),
            structures={
                kind: services.structure_for(project, kind).name for kind in DocumentKind.values
            },
            document_labels=dict(DocumentKind.choices),
            template_form=TemplateForm(),
        )
    return render(request, "reports/overview.html", context)


@project_view(require=can_edit)
@require_POST
def render_new(request):
    project = request.project
    form = RenderForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Kies een document en een formaat.")
        return _overview(request, project)
    try:
        version = services.version_for(
            actor=request.user, project=project, document=form.cleaned_data["document"]
        )
        run = services.render_request(
            actor=request.user,
            version=version,
            fmt=form.cleaned_data["format"],
            variant=form.cleaned_data.get("variant", ""),
        )
    except ValidationError as error:
        add_validation_error_messages(request, error)
        return _overview(request, project)
    return redirect(
        "reports:run",
        gemeente_slug=request.access.gemeente.slug,
        project_uuid=project.uuid,
        run_uuid=run.uuid,
    )


@project_view(require=can_edit)
@require_GET
def run(request, run_uuid):
    project = request.project
    render_run = selectors.render_get(project, request.access.role, run_uuid)
    context = tenant_context(request, run=render_run, busy=render_run.busy)
    if request.htmx:
        if render_run.busy:
            return render(request, "reports/partials/run_progress.html", context)
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "reports/run.html", context)


@project_view()
@require_GET
def download(request, run_uuid):
    """Private files: membership, role and publication are checked on every download."""
    project = request.project
    render_run = selectors.render_get(project, request.access.role, run_uuid)
    if render_run.status != RenderStatus.DONE or not render_run.file:
        raise Http404("Dit bestand is (nog) niet klaar.")
    filename = render_run.file.name.rsplit("/", 1)[-1]
    response = FileResponse(render_run.file.open("rb"), as_attachment=True, filename=filename)
    response["Cache-Control"] = "private, no-store"
    return response


@project_view()
@require_GET
def version(request, version_uuid):
    """The accessible HTML view of a version, with questions per section."""
    project = request.project
    report = selectors.version_get(project, request.access.role, version_uuid)
    from .pdf import document_numbers

    sections = report.snapshot["sections"]
    numbers = document_numbers(sections)
    threads = selectors.comment_threads(report)
    return render(
        request,
        "reports/version.html",
        tenant_context(
            request,
            report=report,
            sections=[
                {"section": s, "number": n, "threads": threads.get(s["key"], [])}
                for s, n in zip(sections, numbers, strict=True)
            ],
            comment_form=CommentForm(),
            versions=selectors.versions_visible(project, request.access.role).exclude(pk=report.pk),
        ),
    )


@project_view(post_allowed_for=lambda role: True)
@require_POST
def comment(request, version_uuid):
    """Raadsleden and partners ask; ambtenaren and adviseurs answer. Content never changes."""
    project = request.project
    report = selectors.version_get(project, request.access.role, version_uuid)
    form = CommentForm(request.POST)
    target = reverse(
        "reports:version",
        kwargs={
            "gemeente_slug": request.access.gemeente.slug,
            "project_uuid": project.uuid,
            "version_uuid": report.uuid,
        },
    )
    if not form.is_valid():
        messages.error(request, "Schrijf een vraag of opmerking (hooguit 5.000 tekens).")
        return redirect(target)
    parent = None
    if form.cleaned_data.get("parent"):
        if not request.access.can_edit:
            raise PermissionDenied("Antwoorden geeft de ambtenaar of adviseur.")
        parent = get_object_or_404(ReviewComment, uuid=form.cleaned_data["parent"], version=report)
    try:
        services.comment_add(
            actor=request.user,
            version=report,
            section_key=form.cleaned_data["section_key"],
            body=form.cleaned_data["body"],
            parent=parent,
        )
    except ValidationError as error:
        add_validation_error_messages(request, error)
    else:
        messages.success(request, "Uw bericht is geplaatst.")
    return redirect(target + f"#{form.cleaned_data['section_key']}")


@project_view(require=can_edit)
@require_GET
def diff(request):
    project = request.project
    role = request.access.role
    visible = selectors.versions_visible(project, role)
    old_uuid = uuid_from_query_string(request, "van")
    new_uuid = uuid_from_query_string(request, "naar")
    old = visible.filter(uuid=old_uuid).first() if old_uuid is not None else None
    new = visible.filter(uuid=new_uuid).first() if new_uuid is not None else None
    if old is None or new is None or old.document != new.document:
        raise Http404("Kies twee versies van hetzelfde document.")
    return render(
        request,
        "reports/diff.html",
        tenant_context(request, old=old, new=new, rows=selectors.section_diff(old, new)),
    )


@project_view(require=can_edit)
@require_POST
def publish(request, version_uuid):
    project = request.project
    report = selectors.version_get(project, request.access.role, version_uuid)
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            services.publish(
                actor=request.user, version=report, audience=form.cleaned_data["audience"]
            )
        except ValidationError as error:
            add_validation_error_messages(request, error)
        else:
            messages.success(request, f"{report.label} staat ter inzage.")
    else:
        messages.error(request, "Kies voor wie de versie ter inzage komt.")
    return _overview(request, project)


@project_view(require=can_edit)
@require_POST
def finalize(request, version_uuid):
    project = request.project
    report = selectors.version_get(project, request.access.role, version_uuid)
    already = selectors.final_of(report)
    try:
        final = services.version_finalize(actor=request.user, version=report)
    except ValidationError as error:
        add_validation_error_messages(request, error)
    else:
        if already is not None:  # a double click or a second tab: nothing new was made
            messages.info(request, f"{report.label} was al vastgesteld als {final.label}.")
        else:
            messages.success(request, f"{final.label} is gemaakt.")
    return _overview(request, project)


@project_view(require=can_edit)
@require_http_methods(["GET", "POST"])
def structure(request, document):
    project = request.project
    if document not in DocumentKind.values:
        raise Http404("Onbekend document.")
    current = services.structure_for(project, document)
    if request.method == "POST":
        try:
            _structure_action(request, project, document, current)
        except ValidationError as error:
            add_validation_error_messages(request, error)
        return redirect(
            "reports:structure",
            gemeente_slug=request.access.gemeente.slug,
            project_uuid=project.uuid,
            document=document,
        )
    return render(
        request,
        "reports/structure.html",
        tenant_context(
            request,
            document=document,
            document_label=DocumentKind(document).label,
            current=current,
            available=services.structures_available(project, document),
            section_form=SectionAddForm(),
            copy_form=StructureCopyForm(),
        ),
    )


def _structure_action(request, project, document, current) -> None:
    action = request.POST.get("action")
    if action == "choose":
        try:
            chosen = (
                services.structures_available(project, document)
                .filter(uuid=request.POST.get("structure"))
                .first()
            )
        except ValidationError:  # not a uuid at all
            chosen = None
        if chosen is None:
            raise ValidationError("Kies een structuur uit de lijst.")
        services.structure_choose(
            actor=request.user, project=project, document=document, structure=chosen
        )
    elif action == "copy":
        form = StructureCopyForm(request.POST)
        if not form.is_valid():
            raise ValidationError("Geef de nieuwe structuur een naam.")
        services.structure_copy(
            actor=request.user,
            project=project,
            document=document,
            source=current,
            **form.cleaned_data,
        )
    elif action == "add":
        form = SectionAddForm(request.POST)
        if not form.is_valid():
            raise ValidationError("Geef een titel en kies de inhoud.")
        services.section_add(
            actor=request.user, project=project, structure=current, **form.cleaned_data
        )
    elif action in ("remove", "up", "down", "update"):
        section_id = request.POST.get("section", "")
        if not section_id.isdigit():
            raise ValidationError("Kies een hoofdstuk uit de lijst.")
        section = get_object_or_404(StructureSection, pk=int(section_id), structure=current)
        if action == "remove":
            services.section_remove(actor=request.user, project=project, section=section)
        elif action == "update":
            services.section_update(
                actor=request.user,
                project=project,
                section=section,
                title=request.POST.get("title", ""),
                fixed_text=request.POST.get("fixed_text", ""),
            )
        else:
            services.section_move(
                actor=request.user,
                project=project,
                section=section,
                offset=-1 if action == "up" else 1,
            )
    else:
        raise ValidationError("Onbekende wijziging.")
    messages.success(request, "De structuur is bijgewerkt.")


@project_view(require=can_edit)
@require_POST
def template_upload(request):
    project = request.project
    form = TemplateForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.word_template_save(
                actor=request.user,
                gemeente=request.access.gemeente,
                upload=form.cleaned_data["file"],
                project=project,
            )
        except ValidationError as error:
            add_validation_error_messages(request, error)
        else:
            messages.success(request, "Het Word-sjabloon is opgeslagen.")
    else:
        messages.error(request, "Kies een Word-bestand (.docx).")
    return _overview(request, project)
