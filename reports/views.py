"""Report pages: structures, renders with progress, versions, downloads and review."""

from dataclasses import dataclass
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kernbeleid.products.opdracht import aftercare_rights
from projects.confirm import Question, Undo, ask, confirmed
from projects.constants import CONFIDENTIAL_PLACEHOLDER, KERNBELEID_STEPS
from projects.forms import add_validation_error_messages
from projects.permissions import can_edit, project_view, tenant_context
from projects.query_string import uuid_from_query_string
from projects.removal import UNDO_SECONDS, undo_deadline

from . import selectors, services
from .blocks import BLOCK_TYPES, ConfidentialBlock, Snapshot
from .common import section_numbers
from .confidential import confidential_parts, redacted
from .constants import (
    DECISION_STEP,
    RAADSVOORSTEL_DECISION_STEP,
    DocumentKind,
    PublicationPurpose,
    RenderStatus,
)
from .forms import (
    CollegeFinalizeForm,
    CommentForm,
    PublishForm,
    RenderForm,
    SectionAddForm,
    SectionForm,
    SectionMoveForm,
    SectionUpdateForm,
    StructureChooseForm,
    StructureCopyForm,
    TemplateForm,
)
from .models import ReviewComment
from .yearly_publication import COLLEGE_DOCUMENTS, yearly_besluit_of


def _overview(request, project):
    return redirect(
        "reports:overview", gemeente_slug=request.access.gemeente.slug, project_uuid=project.uuid
    )


@project_view()
@require_GET
def overview(request):
    project = request.project
    role = request.access.role
    versions = selectors.versions_listed(
        project, role, request.user, can_edit=request.access.can_edit
    )
    context = tenant_context(request, versions=versions)
    if request.access.can_edit:
        # Compare the newest version with the one before it of the same document by default.
        newest = versions[0] if versions else None
        context["diff_from"] = next(
            (
                v
                for v in versions[1:]
                if newest
                and (v.document, v.part, v.edition)
                == (newest.document, newest.part, newest.edition)
            ),
            None,
        )
        names = selectors.structure_names(project, DocumentKind.values)
        context.update(
            render_form=RenderForm(project=project),
            structures=[(kind, label, names[kind]) for kind, label in DocumentKind.choices],
            template_form=TemplateForm(),
        )
    return render(request, "reports/overview.html", context)


@project_view(require=can_edit)
@require_POST
def render_new(request):
    project = request.project
    form = RenderForm(request.POST, project=project)
    if not form.is_valid():
        messages.error(
            request, "Kies een document, een jaar of besluit uit de lijst en een formaat."
        )
        return _overview(request, project)
    try:
        version = services.version_for(
            actor=request.user,
            project=project,
            document=form.cleaned_data["document"],
            part=form.cleaned_data["part"],
            edition_gemeente=form.edition_gemeente(),
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
    render_run = selectors.render_get(project, request.access.role, request.user, run_uuid)
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
    render_run = selectors.render_get(project, request.access.role, request.user, run_uuid)
    # An outdated concept file (an older house style) is still the version's content.
    if render_run.status not in (RenderStatus.DONE, RenderStatus.OUTDATED) or not render_run.file:
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
    role = request.access.role
    report = selectors.version_get(project, role, request.user, version_uuid)
    # Editors read what they made, the confidential parts marked; every reader the redacted.
    snapshot = Snapshot.from_json(report.snapshot) if role.can_edit else redacted(report.snapshot)
    closed_on = (
        None if role.can_edit else selectors.consultation_closed_on(report, role, request.user)
    )
    # A delivered analysis: questions and answers only in the aftercare, answers by the adviseur.
    aftercare = aftercare_rights(report, role)
    return render(
        request,
        "reports/version.html",
        tenant_context(
            request,
            report=report,
            snapshot=snapshot,
            sections=_page_sections(snapshot, selectors.comment_threads(report)),
            comment_form=CommentForm(),
            placeholder=CONFIDENTIAL_PLACEHOLDER,
            publications=selectors.publications_shown(report, role, request.user),
            closed_on=closed_on,
            can_ask=not closed_on and (aftercare is None or aftercare.ask),
            can_answer=role.can_edit and (aftercare is None or aftercare.answer),
            aftercare_ended=aftercare.ended if aftercare else "",
            files=report.renders.filter(status__in=[RenderStatus.DONE, RenderStatus.OUTDATED]),
            files_missing=selectors.final_files_missing(report) if role.can_edit else [],
        ),
    )


def _page_sections(snapshot: Snapshot, threads: dict[str, list]) -> list[dict]:
    """The sections for the web page: number, questions, and each block with its template
    (``reports/blocks/<type>.html``); a block of a type this code does not know is left out."""
    return [
        {
            "section": section,
            "number": number,
            "threads": threads.get(section.key, []),
            "blocks": _page_blocks(section.blocks),
        }
        for section, number in zip(
            snapshot.sections, section_numbers(snapshot.sections), strict=True
        )
    ]


@dataclass(frozen=True)
class _ConfidentialPart:
    """A ConfidentialBlock on an editor's page: its reason and its blocks with templates."""

    reason: str
    inner: list


def _page_blocks(blocks) -> list[tuple[str, object]]:
    """Each block with its template; a confidential run (only in an editor's snapshot) as one
    item holding its own blocks, shown with a label."""
    items: list[tuple[str, object]] = []
    for block in blocks:
        if isinstance(block, ConfidentialBlock):
            part = _ConfidentialPart(block.reason, _page_blocks(block.blocks))
            items.append(("reports/blocks/confidential.html", part))
        elif block.type in BLOCK_TYPES:
            items.append((f"reports/blocks/{block.type}.html", block))
    return items


@project_view(post_allowed_for=lambda role: True)
@require_POST
def comment(request, version_uuid):
    """Raadsleden and partners ask; ambtenaren and adviseurs answer. Content never changes."""
    project = request.project
    report = selectors.version_get(project, request.access.role, request.user, version_uuid)
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
    visible = selectors.versions_visible(project, role, request.user)
    old_uuid = uuid_from_query_string(request, "van")
    new_uuid = uuid_from_query_string(request, "naar")
    old = visible.filter(uuid=old_uuid).first() if old_uuid is not None else None
    new = visible.filter(uuid=new_uuid).first() if new_uuid is not None else None
    if old is None or new is None or old.document != new.document:
        raise Http404("Kies twee versies van hetzelfde document.")
    return render(
        request,
        "reports/diff.html",
        tenant_context(
            request,
            old=old,
            new=new,
            # Editors only (can_edit above): they see the confidential parts, marked.
            rows=selectors.section_diff(old, new, redact=not role.can_edit),
        ),
    )


def _version_url(request, report) -> str:
    return reverse(
        "reports:version",
        kwargs={
            "gemeente_slug": request.access.gemeente.slug,
            "project_uuid": request.project.uuid,
            "version_uuid": report.uuid,
        },
    )


def _show_errors(form, error: ValidationError) -> None:
    """The service's Dutch messages beside the fields they name; the rest above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@project_view(require=can_edit)
@require_http_methods(["GET", "POST"])
def publish(request, version_uuid):
    """Put a version before the raad, the werkgroep or named partners, with a purpose."""
    project = request.project
    report = selectors.version_get(project, request.access.role, request.user, version_uuid)
    partners = selectors.partner_users(request.access.gemeente)
    data = request.POST if request.method == "POST" else None
    form = PublishForm(
        data,
        partners=partners,
        project=project,
        version=report,
        gemeente=request.access.gemeente,
        initial={"purpose": PublicationPurpose.INFORMATIE},
    )
    if data is not None and form.is_valid():
        chosen = form.cleaned_data
        try:
            publication = services.publish(
                actor=request.user,
                version=report,
                audience=chosen["audience"],
                purpose=chosen["purpose"],
                closes_on=chosen["closes_on"],
                recipients=list(chosen["recipients"]),
                note=chosen["note"],
                # In a joint plan each raad gets its own publication: the one chosen, by
                # default the raad of the gemeente whose URL this is (or the edition's).
                gemeente=form.raad_gemeente(request.access.gemeente),
            )
        except ValidationError as error:
            _show_errors(form, error)
        else:
            messages.success(
                request,
                f"{report.label} is gepubliceerd {publication.get_purpose_display()} voor "
                f"{publication.get_audience_display()}.",
            )
            return _overview(request, project)
    if report.document == DocumentKind.RAADSVOORSTEL:  # its own occasion's step
        step = RAADSVOORSTEL_DECISION_STEP.get(report.part)
    else:  # none: the raad does not decide on it (the yearly documents)
        step = DECISION_STEP.get(report.document)
    return render(
        request,
        "reports/publish.html",
        tenant_context(
            request,
            report=report,
            form=form,
            decision_step=step,
            decision_step_name=dict(KERNBELEID_STEPS).get(step, ""),
            publications=selectors.publications_shown(report, request.access.role, request.user),
            confidential=len(confidential_parts(report.snapshot)),
            placeholder=CONFIDENTIAL_PLACEHOLDER,
        ),
    )


@project_view(require=can_edit)
@require_http_methods(["GET", "POST"])
def finalize(request, version_uuid):
    """Record that the college vastgesteld a concept of the veiligheidsanalyse, the
    uitvoeringsprogramma or the voortgangsrapportage. The kadernota is vastgesteld by the
    raad, through its raadsbesluit in the traject; not here."""
    project = request.project
    report = selectors.version_get(project, request.access.role, request.user, version_uuid)
    if report.document not in COLLEGE_DOCUMENTS or report.final:
        raise Http404("Alleen een concept dat het college vaststelt, stelt het college hier vast.")
    data = request.POST if request.method == "POST" else None
    form = CollegeFinalizeForm(data, version=report)
    if data is not None and form.is_valid():
        already = selectors.final_of(report)
        try:
            final = services.version_finalize_by_college(
                actor=request.user, version=report, **form.cleaned_data
            )
        except ValidationError as error:
            _show_errors(form, error)
        else:
            if already is not None:  # a double click or a second tab: nothing new was made
                messages.info(request, f"{report.label} was al vastgesteld als {final.label}.")
            else:
                messages.success(request, f"{final.label} is gemaakt.")
            return _overview(request, project)
    return render(
        request,
        "reports/finalize.html",
        tenant_context(
            request,
            report=report,
            form=form,
            besluit=yearly_besluit_of(report),
        ),
    )


@project_view(require=can_edit)
@require_POST
def final_files(request, version_uuid):
    """Make the PDF and DOCX a vastgestelde version lacks (a failed or missing render)."""
    report = selectors.version_get(request.project, request.access.role, request.user, version_uuid)
    try:
        runs = services.final_files_ensure(actor=request.user, version=report)
    except ValidationError as error:
        add_validation_error_messages(request, error)
    else:
        if runs:
            messages.success(request, "De bestanden worden gemaakt.")
        else:
            messages.info(request, "De bestanden zijn er al of worden al gemaakt.")
    return redirect(_version_url(request, report))


def _current_structure(project, document: str):
    """The structure the project uses for `document`; 404 for an unknown document (or a
    standard deleted by hand)."""
    if document not in DocumentKind.values:
        raise Http404("Onbekend document.")
    try:
        return selectors.structure_for(project, document)
    except ValidationError as error:
        raise Http404(error.messages[0]) from error


@project_view(require=can_edit)
@require_GET
def structure(request, document):
    project = request.project
    current = _current_structure(project, document)
    return render(
        request,
        "reports/structure.html",
        tenant_context(
            request,
            document=document,
            document_label=DocumentKind(document).label,
            current=current,
            available=selectors.structures_available(project, document),
            section_form=SectionAddForm(),
            copy_form=StructureCopyForm(),
            undo=_section_undo_offer(request, document, current),
        ),
    )


def _structure_action(action):
    """A POST that changes the structure of `document`: `action(request, document, current)`
    validates its form and calls a service. Invalid input (a ValidationError with Dutch
    messages) changes nothing and is shown as messages; either way back to the structure."""

    @project_view(require=can_edit)
    @require_POST
    @wraps(action)
    def view(request, document):
        current = _current_structure(request.project, document)
        try:
            action(request, document, current)
        except ValidationError as error:
            add_validation_error_messages(request, error)
        else:
            messages.success(request, "De structuur is bijgewerkt.")
        return redirect(
            "reports:structure",
            gemeente_slug=request.access.gemeente.slug,
            project_uuid=request.project.uuid,
            document=document,
        )

    return view


def _cleaned(form, message: str | None = None) -> dict:
    """The form's data; else its field messages (or `message`) as a ValidationError."""
    if form.is_valid():
        return form.cleaned_data
    raise ValidationError(message or form.errors.as_data())


@_structure_action
def structure_choose(request, document, current) -> None:
    available = selectors.structures_available(request.project, document)
    data = _cleaned(StructureChooseForm(request.POST, available=available))
    services.structure_choose(
        actor=request.user, project=request.project, document=document, **data
    )


@_structure_action
def structure_copy(request, document, current) -> None:
    data = _cleaned(StructureCopyForm(request.POST), "Geef de nieuwe structuur een naam.")
    services.structure_copy(
        actor=request.user, project=request.project, document=document, source=current, **data
    )


@_structure_action
def section_add(request, document, current) -> None:
    data = _cleaned(SectionAddForm(request.POST), "Geef een titel en kies de inhoud.")
    services.section_add(actor=request.user, project=request.project, structure=current, **data)


@_structure_action
def section_update(request, document, current) -> None:
    data = _cleaned(SectionUpdateForm(request.POST, structure=current))
    services.section_update(actor=request.user, project=request.project, **data)


@_structure_action
def section_move(request, document, current) -> None:
    form = SectionMoveForm(request.POST, structure=current)
    data = _cleaned(form)
    services.section_move(
        actor=request.user, project=request.project, section=data["section"], offset=form.offset
    )


@project_view(require=can_edit)
@require_http_methods(["GET", "POST"])
def section_remove(request, document):
    """Asks first (GET ?section=<uuid>, or a POST without the confirmation); the confirmed
    POST removes the section, which its remover can undo for a short while."""
    project = request.project
    current = _current_structure(project, document)
    form = SectionForm(request.POST if request.method == "POST" else request.GET, structure=current)
    back = _structure_url(request, document)
    if not form.is_valid():
        if request.method == "GET":  # a page view changes nothing, not even the messages
            raise Http404("Dit hoofdstuk staat niet in deze structuur.")
        messages.error(request, "Kies een hoofdstuk uit de lijst.")
        return redirect(back)
    section = form.cleaned_data["section"]
    if not confirmed(request):
        return ask(
            request,
            Question(
                title="Hoofdstuk verwijderen",
                question=f"Wilt u het hoofdstuk ‘{section.title}’ uit de structuur "
                f"‘{current.name}’ verwijderen?",
                consequences=[
                    "Nieuwe versies van het document hebben dit hoofdstuk niet meer; de "
                    "nummering van de volgende hoofdstukken schuift op.",
                    "Eerder gemaakte versies houden het hoofdstuk.",
                    "Gebruiken andere projecten deze structuur, dan verdwijnt het hoofdstuk "
                    "daar ook.",
                ],
                confirm_label="Ja, verwijderen",
                cancel_url=back,
                undo_note=f"Daarna kunt u dit {UNDO_SECONDS} seconden ongedaan maken.",
                fields={"section": str(section.uuid)},
            ),
        )
    try:
        services.section_remove(actor=request.user, project=project, section=section)
    except ValidationError as error:
        add_validation_error_messages(request, error)
    return redirect(back)


@project_view(require=can_edit)
@require_POST
def section_undo(request, document, section_uuid):
    current = _current_structure(request.project, document)
    section = selectors.section_removed_get(current, section_uuid)
    try:
        services.section_restore(actor=request.user, project=request.project, section=section)
    except ValidationError as error:
        add_validation_error_messages(request, error)
    else:
        messages.success(request, f"Het hoofdstuk ‘{section.title}’ staat weer in de structuur.")
    return redirect(_structure_url(request, document))


def _structure_url(request, document) -> str:
    return reverse(
        "reports:structure",
        kwargs={
            "gemeente_slug": request.access.gemeente.slug,
            "project_uuid": request.project.uuid,
            "document": document,
        },
    )


def _section_undo_offer(request, document, current) -> Undo | None:
    section = selectors.section_undoable(current, request.user)
    if section is None:
        return None
    return Undo(
        message=f"Het hoofdstuk ‘{section.title}’ is verwijderd.",
        url=reverse(
            "reports:section_undo",
            kwargs={
                "gemeente_slug": request.access.gemeente.slug,
                "project_uuid": request.project.uuid,
                "document": document,
                "section_uuid": section.uuid,
            },
        ),
        until=undo_deadline(section),
    )


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
