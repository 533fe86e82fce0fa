"""The editors' project page in one glance: what the raad decided, what it vastgesteld, and its
controle per year (the traject page has the full record)."""

from django import template

from projects.constants import ProjectScope, step_name

from ..workflow.controle_selectors import controle_overview
from ..workflow.selectors import decisions_of

register = template.Library()


@register.inclusion_tag("kernbeleid/workflow/_project_summary.html", takes_context=True)
def traject_summary(context):
    project = context.get("project")
    if project is None or project.scope == ProjectScope.ANALYSE:
        return {"lines": None}
    decisions = [d for d in reversed(decisions_of(project)) if d.superseded_at is None]
    return {
        "decisions": [(step_name(d.step, project.scope), d) for d in decisions],
        "years": controle_overview(project),
        "gemeente": context.get("gemeente"),
        "project": project,
        "lines": bool(decisions),
    }
