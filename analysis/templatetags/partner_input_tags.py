"""The partners' input beside a theme (analysis/narrative/partner_input.py) as one tag, so the
theme page shows it without its views having to know about it. Editors only: the theme page
itself is for editing roles."""

from django import template

register = template.Library()


@register.inclusion_tag("analysis/narrative/_partner_inputs.html", takes_context=True)
def partner_inputs(context):
    """Each partner's input on the page's theme with an adopt form, and what was adopted. A
    refused adopt form comes back as the context's `adopt_bound` (input pk, bound form)."""
    from analysis.narrative.partner_views import partner_context

    request = context["request"]
    theme = context["theme"]
    shared = {
        "request": request,
        "gemeente": context["gemeente"],
        "project": context["project"],
        "theme": theme,
        "form": context.get("form"),
    }
    if not request.access.can_edit:
        return shared | {"partner_rows": [], "adoptions": [], "hidden": True}
    return shared | partner_context(theme, context.get("adopt_bound"))
