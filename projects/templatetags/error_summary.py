"""The error summary: a form shown again with errors says so at the top of the page.

The GOV.UK / NL Design System pattern: a box above the content that names every error, each
linked to its field, and that takes the focus when the page opens (static/js/error-summary.js),
so a user whose form came back sees at once that it did and where. base.html asks for it once
(``{% error_summary %}``) and it finds the forms itself: every form or formset in the context
that was validated and failed. A page can also name its forms: ``{% error_summary form %}``.

Only forms that were already validated count (their errors are known): the summary never runs
a form's validation itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django import forms, template

register = template.Library()


@dataclass(frozen=True)
class ErrorItem:
    message: str
    href: str = ""  # "#id" of the field, or "" for an error that belongs to no single field
    name: str = ""  # the field's name in the form, for a page that gave it its own id


def _validated(obj) -> bool:
    """A bound form or formset whose errors are known (it was validated)."""
    return bool(getattr(obj, "is_bound", False)) and getattr(obj, "_errors", None) is not None


def _candidates(values: Iterable) -> Iterator:
    for value in values:
        if isinstance(value, forms.BaseForm | forms.BaseFormSet):
            yield value
        elif isinstance(value, list | tuple):
            yield from (v for v in value if isinstance(v, forms.BaseForm | forms.BaseFormSet))


def _field_href(bound: forms.BoundField) -> str:
    """The id a link can move to: the field's control, the first of a group of radios or
    checkboxes, or the rich-text editor that fills a hidden input."""
    widget = bound.field.widget
    if widget.is_hidden and "rich-text-input" not in widget.attrs.get("class", ""):
        return ""  # a hidden field the user cannot reach (its error names the problem)
    target = bound.id_for_label
    if not target and bound.auto_id:
        subwidgets = bound.subwidgets
        target = subwidgets[0].id_for_label if subwidgets else bound.auto_id
    return f"#{target}" if target else ""


def _form_items(form: forms.BaseForm) -> list[ErrorItem]:
    items = [ErrorItem(str(message)) for message in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name == forms.forms.NON_FIELD_ERRORS or name not in form.fields:
            continue
        bound = form[name]
        label = str(bound.label or name)
        for message in errors:
            href = _field_href(bound)
            items.append(ErrorItem(f"{label}: {message}", href, bound.html_name if href else ""))
    return items


def error_items(objects: Iterable) -> list[ErrorItem]:
    """Every error of the validated forms and formsets among `objects`, in order, once."""
    items: list[ErrorItem] = []
    seen: set[int] = set()
    for obj in _candidates(objects):
        if id(obj) in seen or not _validated(obj):
            continue
        seen.add(id(obj))
        if isinstance(obj, forms.BaseFormSet):
            items += [ErrorItem(str(message)) for message in obj.non_form_errors()]
            for form in obj.forms:
                if _validated(form):
                    items += _form_items(form)
        else:
            items += _form_items(obj)
    return list(dict.fromkeys(items))


@register.inclusion_tag("_error_summary.html", takes_context=True)
def error_summary(context, *forms_):
    """The summary of the forms given, or else of every form in the context."""
    return {"items": error_items(forms_ or context.flatten().values())}
