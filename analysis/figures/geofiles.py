"""Reading an uploaded wijk map as the user downloaded it: GeoJSON, a GeoPackage or a
shapefile, plain or zipped, in RD New or WGS84.

The country-wide CBS wijk file is many times larger than the wijken of one gemeente, so the
file is never read whole. Its size is checked before anything is read; a zip member is inflated
through a counting reader with a cap (the sizes in the zip's headers are not believed); the
JSON is parsed feature by feature (ijson), a GeoPackage or shapefile row by row, and only the
features the caller keeps stay in memory. Those are then brought to WGS84 lon/lat (geo_crs).
Everything refused gets a Dutch message (ValueError).
"""

from __future__ import annotations

import collections
import gc
import io
import posixpath
import re
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import BinaryIO, NamedTuple

import ijson
import numpy as np
from shapely.errors import GEOSException

from . import geo_crs
from .geo_gpkg import gpkg_features
from .geo_shapefile import shapefile_features
from .geometry import (
    NO_FEATURES,
    check_feature_geometry,
    check_is_feature,
    check_lon_lat,
    feature_where,
    invalid,
    not_a_collection,
    size_text,
)

# --- Limits
# PDOK serves the CBS wijk- en buurtkaart; its country-wide wijken layer is roughly 100-250 MB
# as GeoJSON (depending on the generalisation) and about a third or a quarter of that zipped
# (coordinate text deflates 3-4 times). An upload of up to 200 MB admits that zip with more
# than twice the room, and a plain GeoJSON of the generalised versions; up to 600 MB inflated
# admits the most detailed version with more than twice the room. Anything larger is no wijk
# map. Memory stays bounded whatever the size (one feature at a time); the caps bound the time
# a request spends reading (about 3 s per 250 MB of GeoJSON).
MAX_UPLOAD_BYTES = 200_000_000
MAX_INFLATED_BYTES = 600_000_000
# A PDOK download holds the data file and perhaps a licence or a metadata file. The zip's
# directory is checked before zipfile reads it: it builds an object per member, and 200 MB of
# directory entries would be millions of them.
MAX_ZIP_MEMBERS = 20
MAX_ZIP_DIRECTORY_BYTES = MAX_ZIP_MEMBERS * 1024
# One feature is built in memory at a time, at about four times its text. The largest wijk
# of the most detailed country-wide file is a few MB.
MAX_FEATURE_BYTES = 25_000_000
# No name or value in a wijk file is longer than this; a longer string is refused as it
# streams in rather than gathered.
MAX_STRING_BYTES = 1_000_000
# GeoJSON nests about 8 deep (collection, features, feature, geometry, coordinates, polygon,
# ring, position). The parser keeps a path per level, which grows with the square of the depth:
# 30,000 levels (60 kB of brackets) took 2 GB, so depth is checked before the parser sees them.
MAX_DEPTH = 64

READ_SIZE = 256 * 1024
_HEAD_BYTES = 64 * 1024
_BOM = b"\xef\xbb\xbf"
GEOJSON, GEOPACKAGE, SHAPEFILE = "GeoJSON-bestand", "GeoPackage-bestand", "shapefile"
_KIND_BY_SUFFIX = {".geojson": GEOJSON, ".json": GEOJSON, ".gpkg": GEOPACKAGE, ".shp": SHAPEFILE}
# The files of a shapefile that are read; .shp and .dbf must be there.
_SHAPEFILE_PARTS = (".shp", ".dbf", ".shx", ".prj", ".cpg")
_SQLITE_MAGIC = b"SQLite format 3\x00"
_SHP_MAGIC = b"\x00\x00\x27\x0a"
# Possessive, so a long string costs no backtracking memory (the plain form took 120 MB per MB).
_STRING = re.compile(rb'"[^"\\]*+(?:\\.[^"\\]*+)*+"', re.DOTALL)
_NOT_BRACKETS = bytes(byte for byte in range(256) if byte not in b"[]{}")
# The zip's end-of-central-directory record (APPNOTE 4.3.16); a zip64 one says 0xFFFF members.
_END_RECORD = struct.Struct("<4s4H2LH")
_END_SIGNATURE = b"PK\x05\x06"

ZIP_BROKEN = (
    "Dit zipbestand is beschadigd of klopt niet met zijn eigen inhoudsopgave; download het "
    "opnieuw of kies het GeoJSON-bestand zelf."
)
SHAPEFILE_ALONE = (
    "Een shapefile bestaat uit meerdere bestanden (.shp, .dbf, .shx, .prj); zip ze samen en "
    "kies het zipbestand."
)
NO_MAP_IN_ZIP = (
    "Dit zipbestand bevat geen wijkkaart: geen GeoJSON (.geojson of .json), GeoPackage (.gpkg) "
    "of shapefile (.shp)."
)
TOO_DEEP = "Dit bestand is geen geldige GeoJSON: de JSON is te diep genest."


def too_large(size: int | None = None) -> str:
    found = f" ({size_text(size)})" if size else ""
    return (
        f"Dit bestand is te groot{found}; de grens is {size_text(MAX_UPLOAD_BYTES)}. Kies de "
        "wijkkaart van uw gemeente, of het landelijke bestand van PDOK als zipbestand."
    )


def inflated_too_large(kind: str = GEOJSON) -> str:
    return (
        f"Het {kind} in dit zipbestand is uitgepakt groter dan "
        f"{size_text(MAX_INFLATED_BYTES)}; dat is geen wijkkaart."
    )


def feature_too_large() -> str:
    return (
        f"Eén object in dit bestand is groter dan {size_text(MAX_FEATURE_BYTES)}; vereenvoudig "
        "de geometrie en probeer het opnieuw."
    )


class _Found(NamedTuple):
    """The features a file holds that the caller keeps, each with its number in the file,
    and the coordinate system the file declares (None when it declares none)."""

    features: list[tuple[int, dict]]
    declared: int | None  # geo_crs.RD, WGS84 or AMERSFOORT


def wijk_features(upload, *, keep: Callable[[dict], bool]) -> Iterator[dict]:
    """The features of an uploaded wijk map that `keep` accepts, in WGS84 lon/lat.

    `upload` is a Django UploadedFile: a GeoJSON, a GeoPackage, or a zip holding one of those
    or a shapefile; its size is checked before a byte is read. `keep` sees each feature's
    properties (a GeoPackage's or shapefile's geometry is read only for the features kept).
    Raises ValueError with a Dutch message.
    """
    size = upload.size
    if size is None or size > MAX_UPLOAD_BYTES:
        raise ValueError(too_large(size))
    if size == 0:
        raise ValueError("Het bestand is leeg.")
    upload.seek(0)
    magic = upload.read(len(_SQLITE_MAGIC))
    upload.seek(0)
    with _cyclic_gc_paused(), tempfile.TemporaryDirectory(prefix="wijkkaart-") as folder:
        if magic[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
            found = _zipped(upload, keep, Path(folder))
        elif magic.startswith(_SQLITE_MAGIC):
            path = Path(folder) / "wijken.gpkg"
            _copy_capped(upload, path, MAX_UPLOAD_BYTES, too_large())
            found = _geopackage(path, keep)
        elif magic.startswith(_SHP_MAGIC):
            raise ValueError(SHAPEFILE_ALONE)
        else:
            # upload.size is what the client sent; the stream is counted all the same.
            found = _geojson(_GuardedStream(upload, MAX_UPLOAD_BYTES, too_large()), keep)
    yield from _in_wgs84(found)


def _in_wgs84(found: _Found) -> Iterator[dict]:
    """Each kept feature checked, brought from RD New to lon/lat when it is in RD, and checked
    to lie in the Netherlands."""
    checked = [
        (index, feature, check_feature_geometry(index, feature))
        for index, feature in found.features
    ]
    kind = found.declared or geo_crs.kind_from_coordinates(
        position for _, _, positions in checked for position in positions
    )
    for index, feature, positions in checked:
        where = feature_where(index, feature)
        if kind == geo_crs.RD:
            geo_crs.check_rd(positions, where)
        if geo_crs.needs_moving(kind):
            try:
                geometry = geo_crs.to_wgs84(feature["geometry"], kind)
            except (GEOSException, ValueError, TypeError):
                raise ValueError(
                    f"{where[:1].upper()}{where[1:]} heeft onjuist opgebouwde coördinaten."
                ) from None
            feature = {**feature, "geometry": geometry}
            positions = list(_positions(geometry))
        check_lon_lat(positions, where)
        yield feature


def _positions(geometry: dict) -> Iterator[tuple[float, float]]:
    polygons = geometry["coordinates"]
    for polygon in [polygons] if geometry["type"] == "Polygon" else polygons:
        for ring in polygon:
            for position in ring:
                yield position[0], position[1]


def _geopackage(path: Path, keep: Callable[[dict], bool]) -> _Found:
    return _Found(
        *gpkg_features(path, keep, max_value_bytes=MAX_FEATURE_BYTES, too_large=feature_too_large())
    )


def _copy_capped(source, path: Path, limit: int, message: str, expected: int | None = None) -> int:
    """Copy a stream to a file, refusing it past `limit` bytes whatever any header said; a
    zip member must inflate to exactly the size its header states. Returns the bytes copied."""
    total = 0
    with path.open("wb") as target:
        while True:
            try:
                data = source.read(READ_SIZE)
            except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
                raise ValueError(ZIP_BROKEN) from None
            if not data:
                break
            total += len(data)
            if total > limit:
                raise ValueError(message)
            target.write(data)
    if expected is not None and total != expected:
        raise ValueError(ZIP_BROKEN)
    return total


@contextmanager
def _cyclic_gc_paused():
    """The parser builds millions of small lists, and each round of Python's cycle collector
    walks every object of the loaded app: 9.6 s instead of 3.7 s for the country-wide file.
    The lists form no cycles (reference counting frees them), so the collector rests while
    the file streams by."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _check_zip_directory(upload) -> None:
    """Count the members from the zip's last record, before zipfile reads the directory."""
    upload.seek(0, io.SEEK_END)
    end = upload.tell()
    tail_size = min(end, _END_RECORD.size + 65_535)  # the record and the longest comment
    upload.seek(end - tail_size)
    tail = upload.read(tail_size)
    upload.seek(0)
    at = tail.rfind(_END_SIGNATURE)
    if at == -1 or at + _END_RECORD.size > len(tail):
        raise ValueError(ZIP_BROKEN)
    members, directory_size = _END_RECORD.unpack_from(tail, at)[4:6]
    if members > MAX_ZIP_MEMBERS:
        raise ValueError(too_many_members(members))
    if directory_size > MAX_ZIP_DIRECTORY_BYTES:
        raise ValueError(ZIP_BROKEN)


def too_many_members(count: int) -> str:
    return (
        f"Dit zipbestand bevat {count} bestanden; een wijkkaart is één kaartbestand (GeoJSON, "
        f"GeoPackage of shapefile; hooguit {MAX_ZIP_MEMBERS} bestanden in het zipbestand)."
    )


def _zipped(upload, keep: Callable[[dict], bool], folder: Path) -> _Found:
    """The map in a zip: a GeoJSON is streamed from the zip; a GeoPackage or a shapefile is
    inflated into `folder` first (SQLite and pyshp read files), within the same caps."""
    _check_zip_directory(upload)
    try:
        archive = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise ValueError(ZIP_BROKEN) from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            raise ValueError(too_many_members(len(members)))
        member, kind = _map_member(members)
        if kind == GEOJSON:
            with _opened(archive, member, kind) as handle:
                stream = _GuardedStream(
                    handle, MAX_INFLATED_BYTES, inflated_too_large(kind), expected=member.file_size
                )
                return _geojson(stream, keep)
        if kind == GEOPACKAGE:
            path = folder / "wijken.gpkg"
            _inflate(archive, member, path, MAX_INFLATED_BYTES, kind)
            return _geopackage(path, keep)
        return _shapefile(archive, members, member, folder)(keep)


def _map_member(members: list[zipfile.ZipInfo]) -> tuple[zipfile.ZipInfo, str]:
    """The one map file in the zip; of several, the one whose name says wijk (not buurt)."""
    candidates = [
        (member, _KIND_BY_SUFFIX[_suffix(member.filename)])
        for member in members
        if not member.is_dir()
        and _suffix(member.filename) in _KIND_BY_SUFFIX
        and not member.filename.startswith("__MACOSX/")
    ]
    if not candidates:
        raise ValueError(NO_MAP_IN_ZIP)
    if len(candidates) > 1:
        named = [
            (member, kind)
            for member, kind in candidates
            if "wijk" in (name := posixpath.basename(member.filename).lower())
            and "buurt" not in name
        ]
        if len(named) != 1:
            if all(kind == GEOJSON for _, kind in candidates):
                raise ValueError(
                    "Dit zipbestand bevat meer dan één GeoJSON-bestand; zip alleen de wijkkaart."
                )
            names = ", ".join(posixpath.basename(member.filename) for member, _ in candidates)
            raise ValueError(
                f"Dit zipbestand bevat meer dan één kaartbestand ({names[:300]}); zip alleen de "
                "wijkkaart."
            )
        candidates = named
    return candidates[0]


def _suffix(name: str) -> str:
    return posixpath.splitext(name)[1].lower()


@contextmanager
def _opened(archive: zipfile.ZipFile, member: zipfile.ZipInfo, kind: str) -> Iterator[BinaryIO]:
    """A member opened for streaming, after what its header says has been checked."""
    if member.flag_bits & 0x1:
        raise ValueError("Dit zipbestand is met een wachtwoord beveiligd; pak het eerst uit.")
    if member.file_size > MAX_INFLATED_BYTES:
        raise ValueError(inflated_too_large(kind))
    try:
        handle = archive.open(member)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError):
        raise ValueError(ZIP_BROKEN) from None
    with handle:
        yield handle


def _inflate(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, path: Path, limit: int, kind: str
) -> int:
    if member.file_size > limit:
        raise ValueError(inflated_too_large(kind))
    with _opened(archive, member, kind) as handle:
        return _copy_capped(
            handle, path, limit, inflated_too_large(kind), expected=member.file_size
        )


def _shapefile(
    archive: zipfile.ZipFile,
    members: list[zipfile.ZipInfo],
    shp: zipfile.ZipInfo,
    folder: Path,
) -> Callable[[Callable[[dict], bool]], _Found]:
    """The files of the shapefile set beside `shp`, inflated within one shared cap."""
    stem = posixpath.splitext(shp.filename)[0].lower()
    parts = {
        _suffix(member.filename): member
        for member in members
        if posixpath.splitext(member.filename)[0].lower() == stem
        and _suffix(member.filename) in _SHAPEFILE_PARTS
    }
    if ".dbf" not in parts:
        name = posixpath.basename(shp.filename)
        raise ValueError(
            f"Het shapefile {name} in dit zipbestand mist zijn .dbf-bestand met de wijkcodes; "
            "zip alle bestanden van het shapefile samen."
        )
    if sum(member.file_size for member in parts.values()) > MAX_INFLATED_BYTES:
        raise ValueError(inflated_too_large(SHAPEFILE))
    room = MAX_INFLATED_BYTES
    paths = {}
    for suffix, member in parts.items():
        paths[suffix] = folder / f"wijken{suffix}"
        room -= _inflate(archive, member, paths[suffix], room, SHAPEFILE)

    def read(keep: Callable[[dict], bool]) -> _Found:
        with ExitStack() as stack:
            files = {suffix: stack.enter_context(path.open("rb")) for suffix, path in paths.items()}
            return _Found(
                *shapefile_features(
                    files, keep, max_feature_bytes=MAX_FEATURE_BYTES, too_large=feature_too_large()
                )
            )

    return read


class _GuardedStream:
    """A read-only stream that checks what passes before the JSON parser sees it.

    Refused as it arrives: more than `limit` bytes in all (whatever a header or upload.size
    said), more than MAX_FEATURE_BYTES since the last feature, a string longer than
    MAX_STRING_BYTES, nesting deeper than MAX_DEPTH; an inflate error is a broken zip. The first
    64 kB are kept to tell what the file is when it holds no features, and the first and last
    64 kB to find the coordinate system it declares.
    """

    def __init__(self, raw, limit: int, too_large_message: str, expected: int | None = None):
        self.raw, self.limit, self.too_large_message = raw, limit, too_large_message
        self.expected = expected  # a zip member's size by its header: it must be exactly that
        self.total = self.since_feature = self.depth = 0
        self.pending = b""  # the start of a string that continues in the next read
        self.head = b""
        self.tail = b""  # the last 64 kB: GeoServer writes the "crs" after the features

    def read(self, size: int = -1) -> bytes:
        if size == 0:
            return b""  # ijson asks for nothing first, to learn that this stream gives bytes
        try:
            data = self.raw.read(size if size > 0 else READ_SIZE)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
            raise ValueError(ZIP_BROKEN) from None
        if not data and self.expected is not None and self.total != self.expected:
            raise ValueError(ZIP_BROKEN)
        if not self.total and data.startswith(_BOM):
            data = data[len(_BOM) :]
            self.total = len(_BOM)
        self.total += len(data)
        self.since_feature += len(data)
        if self.total > self.limit:
            raise ValueError(self.too_large_message)
        if self.since_feature > MAX_FEATURE_BYTES:
            raise ValueError(feature_too_large())
        self._check_depth(data)
        if len(self.head) < _HEAD_BYTES:
            self.head += data[: _HEAD_BYTES - len(self.head)]
        self.tail = (self.tail + data[-_HEAD_BYTES:])[-_HEAD_BYTES:]
        return data

    def feature_done(self) -> None:
        self.since_feature = 0

    def _check_depth(self, data: bytes) -> None:
        """Track the bracket depth outside strings; all of it at C speed (regex, numpy)."""
        data = self.pending + data
        last = collections.deque(_STRING.finditer(data), maxlen=1)
        open_quote = data.find(b'"', last[0].end() if last else 0)
        if open_quote == -1:
            scan, self.pending = data, b""
        else:
            scan, self.pending = data[:open_quote], data[open_quote:]
            if len(self.pending) > MAX_STRING_BYTES:
                raise invalid(f"er staat een tekst van meer dan {size_text(MAX_STRING_BYTES)} in.")
        brackets = _STRING.sub(b"", scan).translate(None, _NOT_BRACKETS)
        if not brackets:
            return
        codes = np.frombuffer(brackets, dtype=np.uint8)
        levels = self.depth + np.cumsum(np.where((codes == 91) | (codes == 123), 1, -1))
        if int(levels.max()) > MAX_DEPTH:
            raise ValueError(TOO_DEEP)
        self.depth = int(levels[-1])


def _geojson(stream: _GuardedStream, keep: Callable[[dict], bool]) -> _Found:
    """The kept features of a streamed GeoJSON and the "crs" it declares: before the features,
    as GDAL and MapServer (PDOK) write it, or after them, as GeoServer does."""
    kept, count = [], 0
    try:
        for feature in ijson.items(stream, "features.item", use_float=True, buf_size=READ_SIZE):
            count += 1
            stream.feature_done()
            check_is_feature(count, feature)
            if keep(feature):
                kept.append((count, feature))
    except ijson.JSONError:
        raise invalid("de JSON-opbouw klopt niet.") from None
    kind = _top_level_type(stream.head)
    if kind is not None and kind != "FeatureCollection":
        raise not_a_collection(kind)
    if not count:
        raise ValueError(NO_FEATURES)
    declared = _declared_crs(stream.head, before="features") or _declared_crs(_crs_tail(stream))
    return _Found(kept, None if declared is None else geo_crs.crs_from_text(declared))


_CRS_NAMES = ("crs.properties.name", "coordRefSys")  # GeoJSON 2008; JSON-FG (OGC API)


def _declared_crs(text: bytes, *, before: str | None = None) -> str | None:
    """The top-level "crs" name in a piece of JSON, if it comes before the key `before`."""
    try:
        for prefix, event, value in ijson.parse(io.BytesIO(text)):
            if prefix == before:
                return None
            if prefix in _CRS_NAMES and event == "string":
                return value
    except ijson.JSONError:
        pass  # the piece ends mid-file
    return None


def _crs_tail(stream: _GuardedStream) -> bytes:
    """The file's end from its last "crs" key on, made an object of its own to parse."""
    at = stream.tail.rfind(b'"crs"')
    return b"{" + stream.tail[at:] if at != -1 else b""


def _top_level_type(head: bytes) -> str | None:
    """The top-level "type" when the first 64 kB tell it; "" when the file is no JSON object."""
    try:
        for prefix, event, value in ijson.parse(io.BytesIO(head)):
            if prefix == "" and event not in ("start_map", "map_key", "end_map"):
                return ""
            if prefix == "type":
                return value if isinstance(value, str) else ""
    except ijson.JSONError:
        pass  # the head ends mid-file
    return None
