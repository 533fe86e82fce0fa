"""The gemeente's areas: its wijk map (streamed in, simplified when stored) and the
inhabitants per area that turn police counts into rates."""

import json

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from projects.models import Project
from projects.services import audit_record

from ..geofiles import wijk_features
from ..geometry import simplify_geometry
from ..models import WijkMap

WIJK_CODE_PROPERTIES = ("wijkcode", "statcode", "WK_CODE", "code", "wijk_code")
WIJK_NAME_PROPERTIES = ("wijknaam", "statnaam", "WK_NAAM", "naam", "name", "wijk_naam")
GEMEENTE_CODE_PROPERTIES = ("gemeentecode", "GM_CODE", "gemeenteCode", "gm_code", "gemeente_code")
# A buurt of the CBS buurten layer carries its wijk's code too: it is no wijk.
BUURT_CODE_PROPERTIES = ("buurtcode", "BU_CODE", "bu_code", "buurt_code")


def _wijk_code_property(properties: dict) -> str | None:
    """The property holding the wijk code: a known name, else the first value like WKxxxxyy."""
    known = next((key for key in WIJK_CODE_PROPERTIES if key in properties), None)
    return known or next(
        (key for key, value in properties.items() if str(value).startswith("WK")), None
    )


class _OwnWijken:
    """Which features of a wijk file are wijken of this gemeente (a CBS file has them all)."""

    def __init__(self, gemeente):
        self.gemeente_code = gemeente.cbs_code
        self.prefix = "WK" + gemeente.cbs_code[2:]
        self.any_code = False
        self.buurten = False

    def __call__(self, feature: dict) -> bool:
        properties = feature.get("properties")
        if not isinstance(properties, dict):
            return False
        if any(key in properties for key in BUURT_CODE_PROPERTIES):
            self.buurten = True
            return False
        key = _wijk_code_property(properties)
        if key is None:
            return False
        self.any_code = True
        gemeente = next((properties[k] for k in GEMEENTE_CODE_PROPERTIES if k in properties), None)
        if gemeente is not None and str(gemeente) != self.gemeente_code:
            return False
        return str(properties[key]).startswith(self.prefix)


def wijkmap_save(*, actor, project: Project, upload: UploadedFile) -> int:
    """Keep this gemeente's wijken of an uploaded wijk map: a GeoJSON, a GeoPackage or a
    shapefile, plain or zipped, in RD New or WGS84, of the gemeente or the whole country.

    The file streams by feature by feature (figures.geofiles): the size is checked before
    anything is read, and only this gemeente's wijken stay in memory, brought to WGS84 lon/lat
    and each simplified (geometry.simplify_geometry) so the maps drawn from it stay fast.
    Returns the number of wijken.
    """
    gemeente = project.gemeente
    own = _OwnWijken(gemeente)
    try:
        features = [
            {**feature, "geometry": simplify_geometry(feature["geometry"])}
            for feature in wijk_features(upload, keep=own)
        ]
    except ValueError as error:
        raise ValidationError(str(error)) from error
    if not features:
        if own.buurten and not own.any_code:
            raise ValidationError(
                "Dit bestand bevat buurten, geen wijken; kies de laag ‘wijken’ van de wijk- en "
                "buurtkaart."
            )
        if not own.any_code:
            raise ValidationError(
                "In de wijkkaart staat geen eigenschap met de wijkcode (zoals wijkcode of "
                "statcode)."
            )
        raise ValidationError(
            f"De wijkkaart bevat geen wijken van {gemeente.name} (codes {own.prefix}xx)."
        )
    _wijkmap_store(actor=actor, project=project, features=features, name=upload.name)
    return len(features)


@transaction.atomic
def _wijkmap_store(*, actor, project: Project, features: list[dict], name: str) -> None:
    gemeente = project.gemeente
    properties = features[0].get("properties") or {}
    code_property = _wijk_code_property(properties)
    name_property = next((key for key in properties if key in WIJK_NAME_PROPERTIES), code_property)
    content = ContentFile(
        json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))
    )
    wijk_map = WijkMap.objects.filter(gemeente=gemeente).first() or WijkMap(gemeente=gemeente)
    old_name = wijk_map.file.name if wijk_map.pk else ""
    wijk_map.code_property, wijk_map.name_property = code_property, name_property
    wijk_map.file.save(f"{gemeente.cbs_code}-wijken.geojson", content, save=False)
    wijk_map.save()
    if old_name and old_name != wijk_map.file.name:
        storage = wijk_map.file.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    audit_record(
        actor=actor,
        action="wijkkaart opgeslagen",
        obj=wijk_map,
        project=project,
        detail={"bestand": name[:255], "wijken": len(features)},
    )


@transaction.atomic
def area_inhabitants_set(*, actor, project: Project, values: dict) -> int:
    changed = {}
    for area, inhabitants in values.items():
        if area.gemeente_id != project.gemeente_id:
            raise ValidationError("Dit gebied hoort niet bij deze gemeente.")
        if area.inhabitants != inhabitants:
            changed[area.code] = {"van": area.inhabitants, "naar": inhabitants}
            area.inhabitants = inhabitants
            area.save(update_fields=["inhabitants"])
    if changed:
        audit_record(
            actor=actor,
            action="inwonertallen gewijzigd",
            obj=project,
            project=project,
            detail=changed,
        )
        # Police goals are rates per 1,000 inhabitants of their area.
        from kernbeleid.cycle.services import goals_measure_gemeente

        goals_measure_gemeente(gemeente=project.gemeente)
    return len(changed)
