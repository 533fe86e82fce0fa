"""Adopting a partner's input into a theme text (the form sits beside the theme's texts)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from projects.forms import apply_validation_error
from projects.permissions import can_edit, project_view

from . import selectors, services
from .forms import ThemeTextsForm
from .partner_forms import AdoptForm
from .partner_input import (
    THEME_TEXT_LABELS,
    input_adopt,
    partner_input_get,
    theme_adoptions,
    theme_partner_inputs,
)
from .views import _theme_context, _theme_url


def partner_context(theme, adopt_bound=None) -> dict:
    """The theme page's partner part: each partner's input with an adopt form (the refused
    one bound, with what was typed), and the adoptions with their source."""
    rows = []
    for row in theme_partner_inputs(theme):
        if adopt_bound and adopt_bound[0] == row.partner_input.pk:
            form = adopt_bound[1]
        else:
            first = row.parts[0][0] if row.parts else None
            form = AdoptForm(
                partner_input=row.partner_input,
                initial={"version": theme.version, "input_field": first},
            )
        rows.append((row, form))
    adoptions = theme_adoptions(theme)
    for adoption in adoptions:
        adoption.theme_field_label = THEME_TEXT_LABELS.get(adoption.theme_field, "")
    return {"partner_rows": rows, "adoptions": adoptions}


@project_view(require=can_edit)
@require_POST
def adopt(request, theme_uuid, input_uuid):
    project = request.project
    theme = selectors.theme_get(project, theme_uuid)
    partner_input = partner_input_get(theme, input_uuid)
    form = AdoptForm(request.POST, partner_input=partner_input)
    error_status = 200
    if form.is_valid():
        data = form.cleaned_data
        try:
            adoption = input_adopt(
                actor=request.user,
                theme=theme,
                partner_input=partner_input,
                input_field=data["input_field"],
                theme_field=data["theme_field"],
                text=data["text"],
                base_version=data["version"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        except services.EditConflict as conflict:
            theme = conflict.current
            error_status = 409
            data = form.data.copy()
            data[form.add_prefix("version")] = theme.version
            form = AdoptForm(data, partner_input=partner_input)
            form.is_valid()
            form.add_error(
                None,
                "Iemand anders heeft dit thema opgeslagen sinds u de pagina opende. Er is "
                "niets overgenomen; bekijk de nieuwe tekst en kies dan opnieuw ‘Overnemen’.",
            )
        else:
            messages.success(
                request,
                f"Overgenomen in {THEME_TEXT_LABELS[adoption.theme_field].lower()}, met de "
                f"bron: {adoption.source_label}.",
            )
            return redirect(_theme_url(request, project, theme) + "#inbreng-partners")
    messages.error(request, "Er is niets overgenomen; zie de melding bij de inbreng.")
    texts_form = ThemeTextsForm(initial={"version": theme.version, **services.theme_texts(theme)})
    return render(
        request,
        "analysis/narrative/theme.html",
        _theme_context(request, theme, texts_form, adopt_bound=(partner_input.pk, form)),
        status=error_status,
    )
