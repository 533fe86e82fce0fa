"""The outline page of a document: agree the opzet, propose a change, see what changed."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from projects.forms import apply_validation_error
from projects.permissions import can_edit, project_view, tenant_context

from . import outline
from .constants import AgreementStatus, DocumentKind
from .outline_forms import OutlineAgreeForm, OutlineProposeForm
from .selectors import structure_for


def _document(document: str) -> str:
    if document not in DocumentKind.values:
        raise Http404("Onbekend document.")
    return document


def _page(request, document: str, **forms):
    project = request.project
    current = outline.outline_current(project, document)
    try:
        structure = structure_for(project, document)
    except ValidationError as error:  # a standard deleted by hand: say so instead of failing
        raise Http404(error.messages[0]) from error
    history = [
        (agreement, outline.outline_changes(agreement))
        for agreement in outline.outline_history(project, document)
    ]
    locked = current is not None and current.status == AgreementStatus.AGREED
    context = tenant_context(
        request,
        document=document,
        document_label=DocumentKind(document).label,
        structure=structure,
        current=current,
        locked=locked,
        history=history,
        agree_form=None if locked else forms.get("agree_form") or OutlineAgreeForm(),
        propose_form=forms.get("propose_form") or OutlineProposeForm() if locked else None,
    )
    return render(request, "reports/outline/page.html", context)


def _back(request, document: str):
    return redirect(
        "reports:outline",
        gemeente_slug=request.access.gemeente.slug,
        project_uuid=request.project.uuid,
        document=document,
    )


@project_view(require=can_edit)
@require_GET
def outline_page(request, document):
    return _page(request, _document(document))


@project_view(require=can_edit)
@require_POST
def outline_agree(request, document):
    document = _document(document)
    form = OutlineAgreeForm(request.POST)
    if form.is_valid():
        try:
            agreement = outline.outline_agree(
                actor=request.user, project=request.project, document=document, **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request,
                f"De opzet (versie {agreement.number}) is afgesproken; de structuur ligt vast.",
            )
            return _back(request, document)
    return _page(request, document, agree_form=form)


@project_view(require=can_edit)
@require_POST
def outline_propose(request, document):
    document = _document(document)
    form = OutlineProposeForm(request.POST)
    if form.is_valid():
        try:
            proposal = outline.outline_propose_change(
                actor=request.user, project=request.project, document=document, **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request,
                f"Wijziging voorgesteld (versie {proposal.number}): u kunt de structuur "
                "aanpassen en daarna het akkoord vastleggen.",
            )
            return _back(request, document)
    return _page(request, document, propose_form=form)
