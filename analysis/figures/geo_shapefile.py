"""The wijken of a shapefile (older CBS wijk- en buurtkaarten, most GIS exports).

Read with pyshp (pure Python, no GDAL) from the files of the set that the caller has already
taken out of the zip within its caps: .shp and .dbf, and the .shx, .prj and .cpg when they are
there. The attribute rows are read first; a wijk's geometry is read only when the caller keeps
its row, and no single read of the .shp may be larger than one feature's cap (a record's header
can claim any length).
"""

from __future__ import annotations

import codecs
import struct
from collections.abc import Callable
from typing import BinaryIO

import shapefile

from .geo_crs import crs_from_text

_SIDE_FILE_BYTES = 64 * 1024  # a .prj or .cpg is a line of text

BROKEN = "Dit shapefile is beschadigd of onvolledig; download het opnieuw, of kies een GeoJSON."
_PYSHP_ERRORS = (
    shapefile.ShapefileException,
    struct.error,
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    OverflowError,
    EOFError,
)


class _TooLarge(Exception):
    pass


class _CappedReads:
    """A file whose every read is at most `cap` bytes; a larger one is refused, not made."""

    def __init__(self, raw: BinaryIO, cap: int):
        self.raw, self.cap = raw, cap

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0 or size > self.cap:
            raise _TooLarge
        return self.raw.read(size)

    def seek(self, offset: int, whence: int = 0) -> int:
        return self.raw.seek(offset, whence)

    def tell(self) -> int:
        return self.raw.tell()


def shapefile_features(
    files: dict[str, BinaryIO],
    keep: Callable[[dict], bool],
    *,
    max_feature_bytes: int,
    too_large: str,
) -> tuple[list[tuple[int, dict]], int | None]:
    """The kept features, numbered from 1, and the declared coordinate system (None without a
    .prj). `files` maps ".shp", ".dbf" and optionally ".shx", ".prj", ".cpg" to open files."""
    declared = crs_from_text(_text(files[".prj"])) if ".prj" in files else None
    encoding = _encoding(files.get(".cpg"))
    try:
        reader = shapefile.Reader(
            shp=_CappedReads(files[".shp"], max_feature_bytes),
            shx=files.get(".shx"),
            dbf=files[".dbf"],
            encoding=encoding,
            encodingErrors="replace",
        )
        with reader:
            return _features(reader, keep), declared
    except _TooLarge:
        raise ValueError(too_large) from None
    except _PYSHP_ERRORS:
        raise ValueError(BROKEN) from None


def _features(reader: shapefile.Reader, keep: Callable[[dict], bool]) -> list[tuple[int, dict]]:
    kept = []
    for record in reader.iterRecords():
        if record is None:
            continue
        properties = {key: _plain(value) for key, value in record.as_dict().items()}
        feature = {"type": "Feature", "properties": properties, "geometry": None}
        if keep(feature):
            shape = reader.shape(record.oid)
            if shape is not None and shape.shapeType != shapefile.NULL:
                feature["geometry"] = shape.__geo_interface__
            kept.append((record.oid + 1, feature))
    return kept


def _plain(value: object) -> object:
    """A .dbf value as JSON can store it: dates (type D) as ISO text."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _text(handle: BinaryIO) -> str:
    return handle.read(_SIDE_FILE_BYTES).decode("utf-8", "replace")


def _encoding(handle: BinaryIO | None) -> str:
    """The .dbf's text encoding as its .cpg names it ("UTF-8", "1252", ...); UTF-8 without."""
    if handle is None:
        return "utf-8"
    name = _text(handle).strip()
    if name.isdigit():
        name = f"cp{name}"
    try:
        return codecs.lookup(name).name
    except (LookupError, ValueError):
        return "utf-8"
