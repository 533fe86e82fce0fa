"""The outline agreement's state where the structure is edited. Reads only."""

from django import template

from ..outline import outline_current

register = template.Library()


@register.inclusion_tag("reports/outline/_status.html", takes_context=True)
def outline_status(context, document: str):
    project = context["project"]
    return {
        "current": outline_current(project, document),
        "document": document,
        "gemeente": context["gemeente"],
        "project": project,
    }
