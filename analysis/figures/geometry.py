"""Maps as server-side SVG: choropleths of wijken or gemeenten, the checks of uploaded wijk
geometry, and the simplification of geometry before it is stored.

Geometry is lon/lat (WGS84) projected equirectangularly, with longitudes scaled by the cosine of
the mid latitude so the Netherlands keeps its shape. The SVG follows the rules of
`analysis.figures.charts`: plain SVG 1.1, presentation attributes only, accessible, deterministic.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np
import shapely
from shapely.geometry import mapping, shape

from .charts.formatting import (
    UNIT_CAPTIONS,
    check_unit,
    finite,
    format_number,
    format_value,
    format_with_unit,
    unit_decimals,
)
from .charts.legend import LEGEND_SIZE, class_legend, class_legend_height
from .charts.style import WHITE
from .charts.svg import num, svg_document, svg_group, svg_path
from .charts.text import wrap_text

GEMEENTEN_PATH = Path(__file__).resolve().parent.parent / "data" / "gemeenten_2023.geojson"

# ColorBrewer YlGnBu, 5 classes from a 7-class ramp: the lightest class is still clearly tinted,
# so it never reads as "geen gegevens" (grey) or as background.
PALETTE = ("#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494")
NO_DATA = "#d9d9d9"
BORDER = WHITE
CLASSES = len(PALETTE)

Ring = list[tuple[float, float]]


# --------------------------------------------------------------------------- geometry


def _polygons(geometry: Mapping | None) -> Iterator[list[Sequence]]:
    """The polygons (lists of rings) of a Polygon or MultiPolygon; nothing for other types."""
    if not geometry:
        return
    if geometry.get("type") == "Polygon":
        yield geometry.get("coordinates") or []
    elif geometry.get("type") == "MultiPolygon":
        yield from geometry.get("coordinates") or []


def _positions(geometry: Mapping | None) -> Iterator[tuple[float, float]]:
    for polygon in _polygons(geometry):
        for ring in polygon:
            for position in ring:
                yield float(position[0]), float(position[1])


# Wijk maps are drawn 400 to 640 px wide. The smallest gemeenten span about 5 km, so a pixel
# is 8 m or more on every wijk map; 0.00005 degree is 5.6 m north-south and 3.4 m east-west at
# 52°N, under a pixel on every map. The full-resolution PDOK export has a point every metre or
# two (to the centimetre), so a wijk keeps hundreds of points instead of many thousands, and
# its area changes by a fraction of a percent (a chord cuts a curve by at most the tolerance).
SIMPLIFY_TOLERANCE = 0.00005
# Five decimals of a degree are about a metre: far below what a map shows.
COORDINATE_DECIMALS = 5


def simplify_geometry(
    geometry: Mapping,
    *,
    tolerance: float = SIMPLIFY_TOLERANCE,
    decimals: int = COORDINATE_DECIMALS,
) -> dict:
    """A (Multi)Polygon with the detail no map shows removed, as a GeoJSON geometry.

    Douglas-Peucker with `preserve_topology` (rings neither cross nor vanish), then the
    coordinates on a grid of `decimals` decimals (repaired to stay valid) and rounded, so
    the stored text is short. A shape that would vanish on the grid keeps its simplified
    form; one that shapely cannot read is returned as it was.
    """
    try:
        original = shape(geometry)
        simplified = original.simplify(tolerance, preserve_topology=True)
        gridded = shapely.set_precision(simplified, 10.0**-decimals)
        result = simplified if gridded.is_empty else gridded
        result = shapely.transform(result, lambda xy: np.round(xy, decimals))
    except (shapely.errors.GEOSException, ValueError, TypeError, AttributeError):
        return dict(geometry)
    return json.loads(json.dumps(mapping(result)))  # tuples to lists, as GeoJSON has them


class _Projection:
    """Fits lon/lat into a box: x = lon * cos(mid latitude), y flipped."""

    def __init__(self, features: Sequence[Mapping], *, box_w: float, max_h: float, pad: float):
        lons, lats = [], []
        for feature in features:
            for lon, lat in _positions(feature.get("geometry")):
                lons.append(lon)
                lats.append(lat)
        if not lons:
            lons, lats = [0.0, 1.0], [0.0, 1.0]
        self.min_lon, self.max_lat = min(lons), max(lats)
        self.kx = math.cos(math.radians((min(lats) + max(lats)) / 2))
        span_x = max((max(lons) - self.min_lon) * self.kx, 1e-9)
        span_y = max(self.max_lat - min(lats), 1e-9)
        self.scale = min((box_w - 2 * pad) / span_x, (max_h - 2 * pad) / span_y)
        self.width = span_x * self.scale + 2 * pad
        self.height = span_y * self.scale + 2 * pad
        self.pad = pad
        self.dx = 0.0

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        x = self.dx + self.pad + (lon - self.min_lon) * self.kx * self.scale
        y = self.pad + (self.max_lat - lat) * self.scale
        return round(x, 1), round(y, 1)


# Points closer than this (in user units, about a screen pixel at full width) to the previous
# kept point are dropped: detailed uploads then give small SVGs without a visible change.
_MIN_STEP = 0.6


def _apart(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return abs(a[0] - b[0]) + abs(a[1] - b[1]) >= _MIN_STEP


def _path_data(geometry: Mapping | None, project: _Projection) -> str:
    """SVG path data for all rings, rounded to 0.1, without points that would not show."""
    rings: list[str] = []
    fallback = ""
    for polygon in _polygons(geometry):
        for ring in polygon:
            projected: Ring = []
            for position in ring:
                point = project(float(position[0]), float(position[1]))
                if not projected or _apart(projected[-1], point):
                    projected.append(point)
            if len(projected) > 1 and projected[0] == projected[-1]:
                projected.pop()
            if not projected:
                continue
            text = (
                f"M{num(projected[0][0])},{num(projected[0][1])}"
                + ("L" + " ".join(f"{num(x)},{num(y)}" for x, y in projected[1:]))
                + "Z"
            )
            if len(projected) >= 3:
                rings.append(text)
            elif not fallback:
                fallback = text  # a feature too small to see still gets its path and title
    return "".join(rings) or fallback


# --------------------------------------------------------------------------- choropleth


class _Area(NamedTuple):
    feature: dict
    name: str
    value: float | None  # None: no (finite) value for this area


def _areas_with_values(
    geojson: dict, values: Mapping[str, float | None], code_property: str, name_property: str
) -> list[_Area]:
    areas = []
    for feature in geojson.get("features") or []:
        if not isinstance(feature, dict):
            continue
        properties = feature.get("properties") or {}
        code = properties.get(code_property)
        name = properties.get(name_property) or code or "onbekend gebied"
        value = values.get(str(code)) if code is not None else None
        areas.append(_Area(feature, str(name), float(value) if finite(value) else None))
    return areas


def _classes(values: Sequence[float]) -> list[float]:
    """Equal-interval class bounds (CLASSES + 1 of them) over the values."""
    low, high = min(values), max(values)
    step = (high - low) / CLASSES
    return [low + step * i for i in range(CLASSES)] + [high]


def _class_of(value: float, bounds: Sequence[float]) -> int:
    if bounds[-1] == bounds[0]:
        return CLASSES // 2
    step = (bounds[-1] - bounds[0]) / CLASSES
    return min(int((value - bounds[0]) / step), CLASSES - 1)


def _direction_note(higher_is_worse: bool | None) -> str:
    if higher_is_worse is None:
        return ""
    return "hoger is ongunstiger" if higher_is_worse else "hoger is gunstiger"


def _legend_heading(unit: str, higher_is_worse: bool | None, width: float) -> list[str]:
    """The unit, and whether higher is worse or better, wrapped to the legend's width."""
    heading = [UNIT_CAPTIONS[unit][:1].upper() + UNIT_CAPTIONS[unit][1:]]
    note = _direction_note(higher_is_worse)
    if note:
        heading.append(f"({note})")
    return [line for text in heading for line in wrap_text(text, LEGEND_SIZE, width, bold=True)]


def _legend_classes(bounds: Sequence[float], unit: str, missing: int) -> list[tuple[str, str]]:
    """(fill, "from – to") per class; one class when every value is the same."""
    if bounds and bounds[0] == bounds[-1]:
        classes = [(PALETTE[CLASSES // 2], format_value(bounds[0], unit))]
    elif bounds:
        decimals = unit_decimals(unit)
        classes = [
            (
                PALETTE[i],
                f"{format_with_unit(bounds[i], decimals, unit)} – "
                f"{format_with_unit(bounds[i + 1], decimals, unit)}",
            )
            for i in range(CLASSES)
        ]
    else:
        classes = []
    if missing:
        classes.append((NO_DATA, "geen gegevens"))
    return classes


def _shaded_areas(
    areas: Sequence[_Area], bounds: Sequence[float], project: _Projection, unit: str
) -> list[str]:
    """Each area filled by its class, with "Naam: 23,4%" as its tooltip."""
    paths = []
    for area in areas:
        if area.value is None:
            fill, shown = NO_DATA, "geen gegevens"
        else:
            fill, shown = PALETTE[_class_of(area.value, bounds)], format_value(area.value, unit)
        d = _path_data(area.feature.get("geometry"), project)
        tip = f"{area.name}: {shown}"
        paths.append(svg_path(d, fill=fill, stroke=BORDER, stroke_width=0.5, area=True, title=tip))
    return paths


def choropleth_svg(
    geojson: dict,
    values: Mapping[str, float | None],
    *,
    code_property: str,
    name_property: str,
    title: str,
    unit: str,
    higher_is_worse: bool | None,
    width: int = 640,
) -> str:
    """A map of the features shaded in 5 equal-interval classes (darker = higher).

    Features without a value are light grey ("geen gegevens"). Each area carries a <title>
    "Naam: 23,4%"; the legend states whether higher is worse or better (nothing when neutral).
    The legend goes on the right; the map fills the room left of it.
    """
    check_unit(unit)
    areas = _areas_with_values(geojson, values, code_property, name_property)
    known = [area.value for area in areas if area.value is not None]
    bounds = _classes(known) if known else []
    missing = len(areas) - len(known)

    legend_w = min(210, width * 0.36)
    heading = _legend_heading(unit, higher_is_worse, legend_w)
    classes = _legend_classes(bounds, unit, missing)
    legend_h = class_legend_height(heading, classes)
    map_w = width - legend_w - 24
    project = _Projection([a.feature for a in areas], box_w=map_w, max_h=map_w * 1.3, pad=8)
    project.dx = (map_w - project.width) / 2
    height = max(project.height, legend_h + 16)
    legend_top = 8 + max((height - 16 - legend_h) / 2, 0)
    key = class_legend(heading, classes, x=width - legend_w - 8, y=legend_top, size=LEGEND_SIZE)
    body = [
        svg_group(_shaded_areas(areas, bounds, project, unit), css="areas"),
        svg_group(key, css="legend"),
    ]
    desc = _map_desc(areas, unit, missing)
    return svg_document("map", width=width, height=height, title=title, desc=desc, body=body)


def _map_desc(rows: Sequence[_Area], unit: str, missing: int) -> str:
    count = len(rows)
    text = f"Kaart van {count} {'gebied' if count == 1 else 'gebieden'}"
    shown = [(name, value) for _, name, value in rows if value is not None]
    if shown:
        low = min(shown, key=lambda row: row[1])
        high = max(shown, key=lambda row: row[1])
        if low[1] == high[1]:
            text += f": overal {format_value(low[1], unit)}"
        else:
            text += (
                f": van {format_value(low[1], unit)} ({low[0]}) tot "
                f"{format_value(high[1], unit)} ({high[0]}), donkerder is hoger"
            )
    if missing:
        text += f"; {missing} zonder gegevens"
    return text + "."


# --------------------------------------------------------------------------- gemeenten


@functools.cache
def load_gemeente_outlines() -> dict:
    """The 342 gemeenten (CBS 2023), read once per process. Shared: do not modify."""
    return json.loads(GEMEENTEN_PATH.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- validation

_GEOMETRY_TYPES = ("Polygon", "MultiPolygon")
# Lists as JSON gives them; tuples as shapely gives them for GeoPackage and shapefile geometry.
_ARRAY = (list, tuple)
_LON_RANGE = (2.0, 8.0)
_LAT_RANGE = (50.0, 54.0)


def invalid(reason: str) -> ValueError:
    return ValueError(f"Dit bestand is geen geldige GeoJSON: {reason}")


def _feature_name(index: int, feature: Mapping) -> str:
    properties = feature.get("properties")
    if isinstance(properties, dict):
        for key in ("wijknaam", "naam", "name", "statnaam", "gemeenteNaam", "buurtnaam"):
            if isinstance(properties.get(key), str) and properties[key].strip():
                return f"object {index} ({properties[key].strip()})"
    return f"object {index}"


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _check_coordinates(geometry: Mapping, where: str) -> list[tuple[float, float]]:
    polygons = geometry.get("coordinates")
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    problem = invalid(f"{where} heeft onjuist opgebouwde coördinaten.")
    if not isinstance(polygons, _ARRAY) or not polygons:
        raise problem
    positions = []
    for polygon in polygons:
        if not isinstance(polygon, _ARRAY) or not polygon:
            raise problem
        for ring in polygon:
            if not isinstance(ring, _ARRAY) or len(ring) < 4:
                raise problem
            for position in ring:
                if (
                    not isinstance(position, _ARRAY)
                    or len(position) < 2
                    or not all(_is_number(c) for c in position[:2])
                ):
                    raise problem
                positions.append((float(position[0]), float(position[1])))
    return positions


def _check_range(positions: Sequence[tuple[float, float]], where: str) -> None:
    lon_ok = all(_LON_RANGE[0] <= lon <= _LON_RANGE[1] for lon, _ in positions)
    lat_ok = all(_LAT_RANGE[0] <= lat <= _LAT_RANGE[1] for _, lat in positions)
    if lon_ok and lat_ok:
        return
    if any(abs(lon) > 360 or abs(lat) > 360 for lon, lat in positions):
        raise ValueError(
            f"De coördinaten van {where} zijn geen lengte- en breedtegraden, terwijl het bestand "
            "WGS84 opgeeft; exporteer de wijkkaart opnieuw in RD New (EPSG:28992) of WGS84 "
            "(EPSG:4326)."
        )
    if all(
        _LAT_RANGE[0] <= lon <= _LAT_RANGE[1] and _LON_RANGE[0] <= lat <= _LON_RANGE[1]
        for lon, lat in positions
    ):
        raise ValueError(
            f"De coördinaten van {where} lijken verwisseld: GeoJSON zet de lengtegraad vóór de "
            "breedtegraad; exporteer in WGS84/EPSG:4326 met de volgorde lengte, breedte."
        )
    raise ValueError(
        f"De coördinaten van {where} liggen buiten Nederland (lengtegraad 2 tot 8, breedtegraad "
        "50 tot 54); exporteer in WGS84/EPSG:4326."
    )


def size_text(size: int) -> str:
    if size >= 1_000_000:
        return f"{format_number(size / 1_000_000, 1)} MB"
    if size >= 1_000:
        return f"{format_number(size / 1_000, 0)} kB"
    return f"{size} bytes"


NO_FEATURES = "Deze FeatureCollection bevat geen features (geen wijken of gebieden)."


def not_a_collection(found: object = None) -> ValueError:
    detail = f" maar {found}" if isinstance(found, str) and found else ""
    return ValueError(
        f"Dit bestand is geen GeoJSON-FeatureCollection{detail}; exporteer alle wijken samen "
        "als één FeatureCollection."
    )


def check_is_feature(index: int, feature: object) -> None:
    """The index-th item of `features` is a Feature (ValueError in Dutch if not)."""
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise invalid(f"object {index} in de lijst features is geen Feature.")


def feature_where(index: int, feature: Mapping) -> str:
    """How a message names a feature: "object 3 (Centrum)"."""
    return _feature_name(index, feature)


def check_feature_geometry(index: int, feature: Mapping) -> list[tuple[float, float]]:
    """A Feature's geometry is a well-formed (Multi)Polygon; returns its positions, whose
    coordinate system is decided afterwards (geo_crs) before `check_lon_lat` checks them."""
    where = _feature_name(index, feature)
    geometry = feature.get("geometry")
    if not isinstance(geometry, dict) or not geometry.get("type"):
        raise ValueError(f"{where[:1].upper()}{where[1:]} heeft geen geometrie.")
    if geometry["type"] not in _GEOMETRY_TYPES:
        raise ValueError(
            f"{where[:1].upper()}{where[1:]} heeft een geometrie van type "
            f"{geometry['type']}; alleen vlakken (Polygon of MultiPolygon) zijn toegestaan."
        )
    return _check_coordinates(geometry, where)


def check_lon_lat(positions: Sequence[tuple[float, float]], where: str) -> None:
    """Positions in WGS84 lon/lat lie in the Netherlands (ValueError in Dutch if not)."""
    _check_range(positions, where)
