"""The aftercare of a delivered analysis, shown where people look: the project page, the
traject and the delivered version. Reads only."""

from django import template

from ..products.opdracht import aftercare_for_version, aftercare_state

register = template.Library()


@register.inclusion_tag("kernbeleid/opdracht/_aftercare.html", takes_context=True)
def aftercare_panel(context, version=None):
    """The project's aftercare; with `version`, only if that version is the delivered one."""
    project = context.get("project")
    if version is not None:
        aftercare = aftercare_for_version(version)
    else:
        aftercare = aftercare_state(project) if project is not None else None
    return {
        "aftercare": aftercare,
        "gemeente": context.get("gemeente"),
        "project": project,
        "on_version": version is not None,
        "can_edit": getattr(getattr(context.get("request"), "access", None), "can_edit", False),
    }
