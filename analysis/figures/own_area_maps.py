"""The gemeente's own areas on its wijk map: an area made of wijken is drawn as the union of
those wijken. An area of buurten or of kern names has no boundaries on a wijk map, nor has one
whose wijken are not all on the map: those are listed beside the map, never drawn partly."""

from collections.abc import Iterable

import shapely
from shapely.geometry import mapping, shape

from .geometry import COORDINATE_DECIMALS

# The stored wijk maps lie on this grid (geometry.simplify_geometry): unioning on the same grid
# closes the hairline gaps between neighbouring wijken instead of drawing them as slivers.
_GRID = 10.0**-COORDINATE_DECIMALS


def _wijk_shapes(wijk_geojson: dict, code_property: str) -> dict:
    shapes = {}
    for feature in wijk_geojson.get("features") or []:
        if not isinstance(feature, dict):
            continue
        code = (feature.get("properties") or {}).get(code_property)
        if code is None or not feature.get("geometry"):
            continue
        try:
            shapes[str(code).strip().upper()] = shape(feature["geometry"])
        except (shapely.errors.GEOSException, ValueError, TypeError, AttributeError):
            continue
    return shapes


def own_area_geojson(wijk_geojson: dict, code_property: str, areas: Iterable) -> tuple[dict, list]:
    """A FeatureCollection (properties code and name) of the areas that can be drawn, and the
    areas that cannot. `areas` are own Areas (code, label, members)."""
    shapes = _wijk_shapes(wijk_geojson, code_property)
    features, unmapped = [], []
    for area in areas:
        members = [str(member).upper() for member in area.members or []]
        if not members or any(member not in shapes for member in members):
            unmapped.append(area)
            continue
        try:
            union = shapely.unary_union([shapes[member] for member in members], grid_size=_GRID)
        except shapely.errors.GEOSException:  # a wijk shapely cannot snap to the grid
            unmapped.append(area)
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {"code": area.code, "name": area.label},
                "geometry": mapping(union),
            }
        )
    return {"type": "FeatureCollection", "features": features}, unmapped
