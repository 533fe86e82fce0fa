"""Reading an uploaded wijk map (GeoJSON, or a zip holding one) as a stream.

The country-wide CBS wijk file is many times larger than the wijken of one gemeente, so the
file is never read whole. Its size is checked before anything is read; a zip member is inflated
through a counting reader with a cap (the sizes in the zip's headers are not believed); the
JSON is parsed feature by feature (ijson) and only the features the caller keeps stay in
memory. Everything refused gets a Dutch message (ValueError).
"""

from __future__ import annotations

import collections
import gc
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import BinaryIO

import ijson
import numpy as np

from .geometry import (
    NO_FEATURES,
    check_feature_geometry,
    check_is_feature,
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
_GEOJSON_SUFFIXES = (".geojson", ".json")
_BOM = b"\xef\xbb\xbf"
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
TOO_DEEP = "Dit bestand is geen geldige GeoJSON: de JSON is te diep genest."


def too_large(size: int | None = None) -> str:
    found = f" ({size_text(size)})" if size else ""
    return (
        f"Dit bestand is te groot{found}; de grens is {size_text(MAX_UPLOAD_BYTES)}. Kies de "
        "wijkkaart van uw gemeente, of het landelijke bestand van PDOK als zipbestand."
    )


def inflated_too_large() -> str:
    return (
        "Het GeoJSON-bestand in dit zipbestand is uitgepakt groter dan "
        f"{size_text(MAX_INFLATED_BYTES)}; dat is geen wijkkaart."
    )


def feature_too_large() -> str:
    return (
        f"Eén object in dit bestand is groter dan {size_text(MAX_FEATURE_BYTES)}; vereenvoudig "
        "de geometrie en probeer het opnieuw."
    )


def wijk_features(upload, *, keep: Callable[[dict], bool]) -> Iterator[dict]:
    """The features of an uploaded wijk map that `keep` accepts, each checked as it streams by.

    `upload` is a Django UploadedFile (a .geojson/.json, or a .zip holding one); its size is
    checked before a byte is read. Raises ValueError with a Dutch message.
    """
    size = upload.size
    if size is None or size > MAX_UPLOAD_BYTES:
        raise ValueError(too_large(size))
    if size == 0:
        raise ValueError("Het bestand is leeg.")
    upload.seek(0)
    is_zip = upload.read(4) in (b"PK\x03\x04", b"PK\x05\x06")
    upload.seek(0)
    with _cyclic_gc_paused():
        if is_zip:
            with _zip_member(upload) as (member, stated_size):
                stream = _GuardedStream(
                    member, MAX_INFLATED_BYTES, inflated_too_large(), expected=stated_size
                )
                yield from _features(stream, keep)
        else:
            # upload.size is what the client sent; the stream is counted all the same.
            yield from _features(_GuardedStream(upload, MAX_UPLOAD_BYTES, too_large()), keep)


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
        f"Dit zipbestand bevat {count} bestanden; een wijkkaart is één GeoJSON-bestand "
        f"(hooguit {MAX_ZIP_MEMBERS} bestanden in het zipbestand)."
    )


@contextmanager
def _zip_member(upload) -> Iterator[tuple[BinaryIO, int]]:
    """The one GeoJSON member of a zip, opened for streaming, and its size by the header."""
    _check_zip_directory(upload)
    try:
        archive = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise ValueError(ZIP_BROKEN) from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            raise ValueError(too_many_members(len(members)))
        geojson = [
            member
            for member in members
            if not member.is_dir()
            and member.filename.lower().endswith(_GEOJSON_SUFFIXES)
            and not member.filename.startswith("__MACOSX/")
        ]
        if not geojson:
            raise ValueError("Dit zipbestand bevat geen GeoJSON-bestand (.geojson of .json).")
        if len(geojson) > 1:
            raise ValueError(
                "Dit zipbestand bevat meer dan één GeoJSON-bestand; zip alleen de wijkkaart."
            )
        member = geojson[0]
        if member.flag_bits & 0x1:
            raise ValueError("Dit zipbestand is met een wachtwoord beveiligd; pak het eerst uit.")
        if member.file_size > MAX_INFLATED_BYTES:
            raise ValueError(inflated_too_large())
        try:
            handle = archive.open(member)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError):
            raise ValueError(ZIP_BROKEN) from None
        with handle:
            yield handle, member.file_size


class _GuardedStream:
    """A read-only stream that checks what passes before the JSON parser sees it.

    Refused as it arrives: more than `limit` bytes in all (whatever a header or upload.size
    said), more than MAX_FEATURE_BYTES since the last feature, a string longer than
    MAX_STRING_BYTES, nesting deeper than MAX_DEPTH; an inflate error is a broken zip. The first
    64 kB are kept to tell what the file is when it holds no features.
    """

    def __init__(self, raw, limit: int, too_large_message: str, expected: int | None = None):
        self.raw, self.limit, self.too_large_message = raw, limit, too_large_message
        self.expected = expected  # a zip member's size by its header: it must be exactly that
        self.total = self.since_feature = self.depth = 0
        self.pending = b""  # the start of a string that continues in the next read
        self.head = b""

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


def _features(stream: _GuardedStream, keep: Callable[[dict], bool]) -> Iterator[dict]:
    count = 0
    try:
        for feature in ijson.items(stream, "features.item", use_float=True, buf_size=READ_SIZE):
            count += 1
            stream.feature_done()
            check_is_feature(count, feature)
            if keep(feature):
                check_feature_geometry(count, feature)
                yield feature
    except ijson.JSONError:
        raise invalid("de JSON-opbouw klopt niet.") from None
    kind = _top_level_type(stream.head)
    if kind is not None and kind != "FeatureCollection":
        raise not_a_collection(kind)
    if not count:
        raise ValueError(NO_FEATURES)


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
