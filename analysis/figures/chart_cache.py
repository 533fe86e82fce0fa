"""Drawn charts and maps kept in the cache (Redis when configured, else per process), keyed by
a digest of everything the drawing depends on.

The charts are deterministic (analysis.figures.charts): the same input gives the same SVG. So
the key is the input itself, hashed: the chart kind, the points, labels, units and values
drawn, and a fingerprint of the drawing code. A new import, edition, mapping or wijk map
changes the input and so the key; nothing is ever deleted and no stale figure can be served.
A map's key names the stored wijk map (gemeente, row, file name and upload time) instead of
its whole GeoJSON, so a hit skips reading and parsing the file as well.

Why no figure reaches someone who may not see it: the views check access before they build
the input, and the input holds only what the caller may show. A hit returns exactly what this
caller's own input would draw, so the cache can return nothing the drawing would not have.
"""

import hashlib
from collections.abc import Callable
from pathlib import Path

from django.core.cache import cache

_SOURCES = [
    *sorted((Path(__file__).parent / "charts").glob("*.py")),
    Path(__file__).parent / "geometry.py",
    Path(__file__).parent / "own_area_maps.py",
    Path(__file__).parent / "presenters.py",
]
# Changes with the drawing code, so a deploy never serves a figure drawn by the old code.
CODE_FINGERPRINT = hashlib.sha256(b"".join(path.read_bytes() for path in _SOURCES)).hexdigest()[:16]
TIMEOUT = 60 * 60 * 24 * 7


def cached_figure(kind: str, key_parts: tuple, draw: Callable[[], str]) -> str:
    """The figure for `key_parts` (reprs of plain values and dataclasses), drawn on a miss."""
    digest = hashlib.sha256(repr((CODE_FINGERPRINT, kind, key_parts)).encode()).hexdigest()
    key = f"figure:{kind}:{digest}"
    svg = cache.get(key)
    if svg is None:
        svg = draw()
        cache.set(key, svg, TIMEOUT)
    return svg
