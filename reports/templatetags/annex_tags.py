"""The besloten bijlage on a version page: the editors' block (readers, note, downloads) and
a named reader's link. Readers not named see nothing of it. Reads only."""

from django import template

from .. import besloten_bijlage as annexes
from ..annex_forms import annex_form
from ..confidential import has_confidential

register = template.Library()

RECENT_DOWNLOADS = 10


@register.inclusion_tag("reports/_annex_panel.html", takes_context=True)
def besloten_bijlage_panel(context, version):
    request = context.get("request")
    access = getattr(request, "access", None)
    shown = {"show": False}
    if access is None or not has_confidential(version.snapshot):
        return shown
    bijlage = annexes.bijlage_of(version)
    base = {
        "show": True,
        "gemeente": context.get("gemeente"),
        "project": context.get("project"),
        "report": version,
        "bijlage": bijlage,
        "can_edit": access.can_edit,
        "csrf_token": context.get("csrf_token"),
    }
    if access.can_edit:
        downloads = annexes.downloads(bijlage) if bijlage else None
        return base | {
            "form": annex_form(version, access.gemeente),
            "readers": list(bijlage.readers.all()) if bijlage else [],
            "downloads": downloads[:RECENT_DOWNLOADS] if downloads is not None else [],
            "more_downloads": downloads.count() > RECENT_DOWNLOADS if downloads else False,
        }
    if annexes.is_named_reader(bijlage, request.user):
        return base
    return shown
