"""Drafts of long forms, kept while the user types, so nothing typed is lost (issue 17).

A draft is what one user typed in one form of one project and has not saved yet. It lives
beside the saved texts, never in their version history: only its author sees it, saving the
real form deletes it, and "Concept verwerpen" removes it. The form's own version fields
(a theme's ``version``, the kadernota's base digests) are kept in the draft too, so a draft
restored over a text that someone saved since still meets the editor's compare-and-set
conflict, never overwrites it silently.

The editors call these functions from their own views (``analysis/narrative/views.py``,
``kernbeleid/products/views.py``); ``static/js/autosave.js`` posts the form a few seconds
after the last keystroke to the URL in the form's ``data-autosave-url``.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpResponse, JsonResponse
from django.utils import timezone

from .scopes import tenant_manager

# Form fields that are never part of a draft.
_SKIPPED = frozenset({"csrfmiddlewaretoken"})
# A form without max_length on a text field still gets a bound.
DEFAULT_MAX_CHARS = 100_000


class FormDraft(models.Model):
    """One user's unsaved input of one form (``key``) in one project."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField("formulier", max_length=120)
    values = models.JSONField("ingevulde waarden", default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    objects = tenant_manager("project__gemeente")

    class Meta:
        app_label = "projects"
        verbose_name = "concept van een formulier"
        verbose_name_plural = "concepten van formulieren"
        constraints = [
            models.UniqueConstraint(fields=["project", "user", "key"], name="form_draft_unique")
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.user_id})"


@dataclass(frozen=True)
class Restored:
    """A draft to show in the form, and when it was kept."""

    values: dict[str, str]
    updated_at: datetime


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")  # Dutch: 100.000


@transaction.atomic
def draft_store(
    *,
    user,
    project,
    key: str,
    form: forms.Form,
    data: Mapping[str, str],
    clean: Mapping[str, Callable[[str], str]] | None = None,
) -> FormDraft:
    """Keep what ``user`` typed in ``form`` (the unbound form of the page, for its fields and
    their bounds). Refuses, and keeps nothing, a value longer than the form would accept."""
    values = {}
    for name, field in form.fields.items():
        if name in _SKIPPED:
            continue
        value = str(data.get(name, ""))
        bound = getattr(field, "max_length", None) or DEFAULT_MAX_CHARS
        if len(value) > bound:
            label = field.label or name
            raise ValidationError(
                f"Het concept is niet bewaard: ‘{label}’ is langer dan {_thousands(bound)} "
                f"tekens (nu {_thousands(len(value))}). Maak de tekst korter."
            )
        if clean and name in clean:
            value = clean[name](value)
        values[name] = value
    draft, _created = FormDraft.objects.update_or_create(
        project=project, user=user, key=key, defaults={"values": values}
    )
    return draft


def draft_discard(*, user, project, key: str) -> bool:
    """Remove the user's draft of this form; True when there was one."""
    deleted, _ = FormDraft.objects.filter(project=project, user=user, key=key).delete()
    return bool(deleted)


def draft_get(*, user, project, key: str) -> FormDraft | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return FormDraft.objects.filter(project=project, user=user, key=key).first()


def draft_to_restore(*, user, project, key: str, saved: Mapping[str, str]) -> Restored | None:
    """The user's draft of this form when it differs from what is saved (``saved``: the
    values the form shows without a draft). A draft equal to the saved text is no news."""
    draft = draft_get(user=user, project=project, key=key)
    if draft is None:
        return None
    values = {name: str(value) for name, value in draft.values.items()}
    if all(values.get(name, "") == str(saved.get(name, "")) for name in set(values) | set(saved)):
        return None
    return Restored(values=values, updated_at=draft.updated_at)


def draft_response(store: Callable[[], FormDraft]) -> HttpResponse:
    """The answer to an autosave POST: 200 with the time it was kept, or 400 with the reason
    in Dutch (the page shows it beside the form)."""
    try:
        draft = store()
    except ValidationError as error:
        return JsonResponse({"ok": False, "message": " ".join(error.messages)}, status=400)
    local = timezone.localtime(draft.updated_at)
    return JsonResponse({"ok": True, "message": f"Concept bewaard om {local:%H:%M}."})


__all__ = [
    "FormDraft",
    "Restored",
    "draft_discard",
    "draft_get",
    "draft_response",
    "draft_store",
    "draft_to_restore",
]
