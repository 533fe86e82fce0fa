"""The answers of a variable on the mapping page, when the user chooses another variable.

With JavaScript, htmx swaps in the new variable's answers as the choice changes
(`mapping_answers`, a GET that reads the stored description and writes nothing). Without it,
the "Toon antwoorden" button posts the form to `mapping_answers_show`, which keeps what was
filled in (in the session, as turning a page of the variable list does) and shows the page
again with the chosen variables' answers.
"""

import re
from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from projects.permissions import can_edit, project_view, tenant_context

from . import selectors, services
from .constants import ImportKind
from .forms import SEARCH_MAX_LENGTH
from .views import _draft_key, _mapping_form, _run_url

_ROW = re.compile(r"^(ind__[a-z0-9_]{2,80}|own__\d{1,2})$")


@project_view(require=can_edit)
@require_GET
def mapping_answers(request, run_uuid, prefix):
    """One indicator's answers for the variable and kind in the query string."""
    run = selectors.import_run_get(request.project, run_uuid, request.access.gemeente)
    if run.kind != ImportKind.SURVEY or not _ROW.match(prefix):
        raise Http404("Deze indicator staat niet op de koppelpagina.")
    # As the page sends it: the row's fields, with whose answers it showed until now (none
    # when that is not said, so the new variable's own missing codes come ticked).
    data = request.GET.copy()
    data.setdefault(f"{prefix}__answers_of", "")
    form = _mapping_form(run, [], data)  # no variable choices needed: only the answers
    try:
        row = form.row(prefix, errors=False)
    except ValueError:
        raise Http404("Deze indicator staat niet op de koppelpagina.") from None
    return render(
        request,
        "analysis/figures/partials/mapping_answers.html",
        tenant_context(request, run=run, block=row.block),
    )


@project_view(require=can_edit)
@require_POST
def mapping_answers_show(request, run_uuid):
    """Keep what was filled in, then show the mapping page at the indicator asked for."""
    project = request.project
    run = selectors.import_run_get(project, run_uuid, request.access.gemeente)
    detail = _run_url(request, project, run)
    if run.kind != ImportKind.SURVEY or run.status not in services.MAPPING_OPEN:
        return redirect(detail)
    form = _mapping_form(run, [], request.POST)
    request.session[_draft_key(run)] = form.typed_values()
    query = {
        "zoek": request.POST.get("zoek", "")[:SEARCH_MAX_LENGTH],
        "pagina": request.POST.get("op_pagina", "")[:10],
    }
    query = {key: value for key, value in query.items() if value}
    row = request.POST.get("toon", "")
    anchor = f"#{row}" if _ROW.match(row) else ""
    return redirect(f"{detail}{'?' + urlencode(query) if query else ''}{anchor}")
