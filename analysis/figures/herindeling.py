"""Areas across a herindeling: which areas of a newer indeling continue an older one.

CBS renumbers wijken when a gemeente is re-divided; the user links old codes to new ones
(`AreaLink`: same area with a new code, merged or split). Figures across a link are never
joined into one series: pages and goals show a break there.
"""

from .models import Area, AreaLink


def areas_after(area: Area) -> list[Area]:
    """The areas of the newer indeling that continue `area` (none when it did not change)."""
    return [
        link.new_area for link in AreaLink.objects.filter(old_area=area).select_related("new_area")
    ]


def areas_before(area: Area) -> list[Area]:
    """The areas of the older indeling that `area` continues."""
    return [
        link.old_area for link in AreaLink.objects.filter(new_area=area).select_related("old_area")
    ]
