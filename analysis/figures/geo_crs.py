"""Which coordinate system a wijk map is in, and its wijken in WGS84 lon/lat.

CBS and PDOK publish the wijk- en buurtkaart in RD New (EPSG:28992); web exports are in WGS84.
Both are read: the file's own declaration decides (a GeoJSON "crs" member, a shapefile's .prj,
a GeoPackage's spatial reference), and without one the coordinates do (RD is metres from an
origin south-west of the country, WGS84 is degrees). Every other system is refused: guessing
would draw the wijken in the wrong place without anyone noticing.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import shapely
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError
from shapely.geometry import mapping, shape

# The systems read, by EPSG code.
RD = 28992  # RD New: CBS, PDOK and every Dutch GIS department
WGS84 = 4326  # lon/lat: web exports, the OGC API
AMERSFOORT = 4289  # lon/lat on RD's own datum (Bessel): some simplified CBS maps
_MOVED = (RD, AMERSFOORT)  # brought to WGS84 by pyproj (the datum differs by about 100 m)
# The CBS wijk- en buurtkaart spans x 10,425-278,026 m and y 306,838-621,876 m in RD New.
RD_X = (0.0, 300_000.0)
RD_Y = (300_000.0, 625_000.0)
# WGS84 and ETRS89 (the European frame, which PDOK also serves) differ by well under a metre
# in the Netherlands: far less than a pixel of any wijk map.
_READ_EPSG = {4326: WGS84, 4258: WGS84, 28992: RD, 4289: AMERSFOORT}
ACCEPTED = "RD New (EPSG:28992) of WGS84 (EPSG:4326)"


def crs_from_text(text: object) -> int:
    """RD or WGS84 from a declaration such as "urn:ogc:def:crs:EPSG::28992", "EPSG:4326",
    a WKT string (a shapefile's .prj) or "OGC:CRS84"; ValueError in Dutch otherwise.
    Returns RD, WGS84 or AMERSFOORT."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError(
            f"Het coördinatenstelsel in dit bestand is onleesbaar; gebruik {ACCEPTED}."
        )
    try:
        crs = CRS.from_user_input(text.strip())
    except CRSError:
        raise ValueError(
            f"Het coördinatenstelsel ‘{_short(text)}’ in dit bestand is onbekend; exporteer de "
            f"wijkkaart in {ACCEPTED}."
        ) from None
    return kind_of_crs(crs, shown=text)


def crs_from_epsg(code: int) -> int:
    return kind_of_crs(CRS.from_epsg(code), shown=f"EPSG:{code}")


def kind_of_crs(crs: CRS, *, shown: str) -> int:
    if crs.to_authority() == ("OGC", "CRS84"):
        return WGS84
    code = crs.to_epsg(min_confidence=70)
    if code in _READ_EPSG:
        return _READ_EPSG[code]
    name = f"{crs.name} (EPSG:{code})" if code else crs.name or _short(shown)
    raise ValueError(
        f"Deze wijkkaart staat in het coördinatenstelsel {name}; alleen {ACCEPTED} worden "
        "gelezen. Exporteer de kaart opnieuw in een van beide."
    )


def _short(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= 80 else text[:77] + "…"


def kind_from_coordinates(positions: Iterable[Sequence[float]]) -> int:
    """Without a declaration: RD when every position lies in RD's box over the Netherlands,
    else WGS84 when every one could be degrees; anything else is refused."""
    xy = np.asarray(list(positions), dtype=float).reshape(-1, 2)
    if xy.size and _inside(xy, RD_X, RD_Y):
        return RD
    if xy.size == 0 or np.all(np.abs(xy) <= 360):
        return WGS84  # the lon/lat check that follows tells a file outside the Netherlands
    raise ValueError(
        "De coördinaten van deze wijkkaart staan niet in RD New (EPSG:28992) of WGS84 "
        "(EPSG:4326), en het bestand zegt niet in welk stelsel wel; exporteer de kaart in RD "
        "New of WGS84."
    )


def _inside(xy: np.ndarray, xs: tuple[float, float], ys: tuple[float, float]) -> bool:
    x, y = xy[:, 0], xy[:, 1]
    return bool(np.all((x >= xs[0]) & (x <= xs[1]) & (y >= ys[0]) & (y <= ys[1])))


def check_rd(positions: Sequence[Sequence[float]], where: str) -> None:
    """A file that says RD must have RD coordinates (metres), not degrees."""
    xy = np.asarray(positions, dtype=float).reshape(-1, 2)
    if not _inside(xy, RD_X, RD_Y):
        raise ValueError(
            f"De coördinaten van {where} passen niet bij RD New (EPSG:28992), het stelsel dat "
            "het bestand opgeeft: RD-coördinaten zijn meters (x 0 tot 300.000, y 300.000 tot "
            "625.000)."
        )


def needs_moving(kind: int) -> bool:
    return kind in _MOVED


@functools.cache
def _to_wgs84(kind: int) -> Transformer:
    # always_xy: x, y (or lon, lat) in and lon, lat out, whatever axis order EPSG defines.
    return Transformer.from_crs(kind, WGS84, always_xy=True)


def to_wgs84(geometry: Mapping, kind: int) -> dict:
    """A GeoJSON geometry in RD New (or Amersfoort lon/lat) as one in WGS84 lon/lat."""
    transformer = _to_wgs84(kind)

    def transform(xy: np.ndarray) -> np.ndarray:
        lon, lat = transformer.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([lon, lat])

    moved = shapely.transform(shape(geometry), transform)
    return {"type": moved.geom_type, "coordinates": mapping(moved)["coordinates"]}
