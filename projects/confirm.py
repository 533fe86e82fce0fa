"""One way to ask before a destructive or irreversible action.

A destructive URL answers a GET, and a POST without the confirmation field, with the same
question page (``templates/_confirm.html``): what will be done, what will happen, a button
that posts again with ``confirmed=1`` and an "Annuleren" link back. Only a POST carrying the
field does the thing, so an old form or a crafted POST without it changes nothing. Without
JavaScript the page is the question; static/js/confirm.js shows the same question in a
dialog on the page the user came from.

A view reads::

    if not confirmed(request):
        return ask(request, Question(title=..., question=..., consequences=[...],
                                     confirm_label=..., cancel_url=...))
    services.thing_remove(...)
"""

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.shortcuts import render

from .permissions import tenant_context

CONFIRM_FIELD = "confirmed"


@dataclass(frozen=True)
class Question:
    """What the confirmation page says. Plain text: the template escapes it."""

    title: str  # the page title and heading: "Werkgroeplid verwijderen"
    question: str  # "Wilt u Jan Jansen uit de werkgroep verwijderen?"
    consequences: Sequence[str]  # what will happen, one sentence each
    confirm_label: str  # the button: "Ja, verwijderen"
    cancel_url: str  # where "Annuleren" goes back to
    # How final it is: "U kunt dit 30 seconden ongedaan maken." / "Dit kan niet ongedaan ..."
    undo_note: str = "Dit kan niet ongedaan worden gemaakt."
    # Form fields posted again with the confirmation (the section, the step and reason, ...).
    fields: Mapping[str, str] = field(default_factory=dict)


def confirmed(request) -> bool:
    """Whether this request is the confirmed POST (the only one that may act)."""
    return request.method == "POST" and request.POST.get(CONFIRM_FIELD) == "1"


def ask(request, question: Question) -> HttpResponse:
    """The question page, posting back to the URL it was asked on."""
    return render(
        request,
        "_confirm.html",
        tenant_context(
            request,
            q=question,
            action=request.path,
            confirm_field=CONFIRM_FIELD,
            hidden=sorted(question.fields.items()),
        ),
    )


@dataclass(frozen=True)
class Undo:
    """The offer shown after a removal that can be undone (templates/_undo.html): what was
    removed, the URL that puts it back (POST), and until when."""

    message: str  # "Jan Jansen is uit de werkgroep verwijderd."
    url: str
    until: datetime.datetime
