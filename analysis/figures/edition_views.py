"""The page where editors choose which of the gemeente's editions the project uses."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from projects.forms import add_validation_error_messages
from projects.permissions import can_edit, project_view, tenant_context

from . import selectors
from .edition_forms import EditionsChoiceForm
from .services.project_editions import project_editions_set


@project_view(require=can_edit)
@require_http_methods(["GET", "POST"])
def editions_choose(request):
    project = request.project
    gemeente = request.access.gemeente
    if selectors.is_participant(project, gemeente):
        # A participant's pages read its own newest edition of each year; which editions
        # the plan itself uses is the lead's choice.
        raise PermissionDenied("Alleen de penvoerder kiest de edities van het plan.")
    form = EditionsChoiceForm(
        request.POST if request.method == "POST" else None,
        gemeente=gemeente,
        initial={"editions": list(project.editions.all())},
    )
    if request.method == "POST" and form.is_valid():
        try:
            project_editions_set(
                actor=request.user, project=project, editions=list(form.cleaned_data["editions"])
            )
        except ValidationError as error:
            add_validation_error_messages(request, error)
        else:
            messages.success(request, "De keuze van de edities is opgeslagen.")
            return redirect(
                "analysis:overview", gemeente_slug=gemeente.slug, project_uuid=project.uuid
            )
    elsewhere = selectors.editions_used_elsewhere(project)
    return render(
        request,
        "analysis/figures/editions_choose.html",
        tenant_context(
            request,
            form=form,
            used_elsewhere=[
                (edition, names)
                for edition in form.fields["editions"].queryset
                if (names := elsewhere.get(edition.pk))
            ],
        ),
    )
