"""The wijken of a GeoPackage, the format CBS ships its wijk- en buurtkaart in.

A GeoPackage is an SQLite database (OGC 12-128r18). It is read with Python's own sqlite3 and
shapely, without GDAL: the file is opened read-only and immutable, schema code that is not
innocuous is not run (trusted_schema off), a value longer than one feature's cap is an error,
and a read that runs past its time is stopped. Only a real table is read, never a view, and
a feature's geometry is parsed only when the caller keeps its properties.
"""

from __future__ import annotations

import sqlite3
import struct
import time
from collections.abc import Callable
from pathlib import Path

import shapely
from shapely.errors import GEOSException
from shapely.geometry import mapping

from .geo_crs import crs_from_epsg, crs_from_text

# 'GPKG' (version 1.2 and later), 'GP10' and 'GP11' (1.0 and 1.1).
_APPLICATION_IDS = {0x47504B47, 0x47503130, 0x47503131}
# Bytes of the envelope after the 8-byte header, by the flags' envelope indicator.
_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}
READ_SECONDS = 120
_WIJK_LAYER_NAMES = ("wijken", "wijk", "cbs_wijken")

NOT_A_GEOPACKAGE = (
    "Dit bestand is geen leesbare GeoPackage; download het opnieuw, of kies de wijkkaart als "
    "GeoJSON."
)


def gpkg_features(
    path: Path, keep: Callable[[dict], bool], *, max_value_bytes: int, too_large: str
) -> tuple[list[tuple[int, dict]], int | None]:
    """The kept features of the GeoPackage's wijken layer, numbered from 1, and the
    coordinate system it declares (a geo_crs kind; None when it declares none).
    A value longer than `max_value_bytes` is refused with `too_large`."""
    connection = _open(path, max_value_bytes)
    try:
        table, column, srs_id = _wijk_layer(connection)
        declared = _declared_crs(connection, srs_id)
        return _features(connection, table, column, keep), declared
    except sqlite3.DataError:  # a value over the length limit
        raise ValueError(too_large) from None
    except sqlite3.Error:
        raise ValueError(NOT_A_GEOPACKAGE) from None
    finally:
        connection.close()


def _open(path: Path, max_value_bytes: int) -> sqlite3.Connection:
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
        connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, max_value_bytes)
        connection.execute("PRAGMA trusted_schema = OFF")
        connection.execute("PRAGMA cell_size_check = ON")
        deadline = time.monotonic() + READ_SECONDS
        connection.set_progress_handler(lambda: time.monotonic() > deadline, 100_000)
        (application_id,) = connection.execute("PRAGMA application_id").fetchone()
    except sqlite3.Error:
        raise ValueError(NOT_A_GEOPACKAGE) from None
    if application_id not in _APPLICATION_IDS:
        connection.close()
        raise ValueError(NOT_A_GEOPACKAGE)
    return connection


def _wijk_layer(connection: sqlite3.Connection) -> tuple[str, str, int]:
    """The layer with the wijken: the only one, or the one called wijken (CBS ships gemeenten,
    wijken and buurten in one file)."""
    layers = connection.execute(
        "SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c "
        "JOIN gpkg_geometry_columns g ON g.table_name = c.table_name "
        "JOIN sqlite_master m ON m.name = c.table_name AND m.type = 'table' "
        "WHERE c.data_type = 'features' AND m.sql NOT LIKE 'CREATE VIRTUAL%' "
        "ORDER BY c.table_name"
    ).fetchall()
    if not layers:
        raise ValueError("Deze GeoPackage bevat geen kaartlaag met vlakken.")
    if len(layers) == 1:
        return layers[0]
    named = [layer for layer in layers if str(layer[0]).lower() in _WIJK_LAYER_NAMES]
    if len(named) == 1:
        return named[0]
    names = ", ".join(str(layer[0]) for layer in layers[:10])
    raise ValueError(
        f"Deze GeoPackage bevat meerdere kaartlagen ({names}) en geen laag met de naam "
        "‘wijken’; exporteer alleen de laag met de wijken."
    )


def _declared_crs(connection: sqlite3.Connection, srs_id: int) -> int | None:
    row = connection.execute(
        "SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys "
        "WHERE srs_id = ?",
        (srs_id,),
    ).fetchone()
    if row is None or srs_id in (-1, 0):  # the GeoPackage's own 'undefined' systems
        return None
    organization, code, definition = row
    if str(organization).upper() == "EPSG" and isinstance(code, int):
        return crs_from_epsg(code)
    return crs_from_text(definition)


def _quoted(name: str) -> str:
    return '"' + str(name).replace('"', '""') + '"'


def _features(
    connection: sqlite3.Connection, table: str, column: str, keep: Callable[[dict], bool]
) -> list[tuple[int, dict]]:
    cursor = connection.execute(f"SELECT * FROM {_quoted(table)}")  # noqa: S608 - quoted name
    names = [description[0] for description in cursor.description]
    geometry_at = names.index(column) if column in names else None
    if geometry_at is None:
        raise ValueError(NOT_A_GEOPACKAGE)
    kept = []
    for index, row in enumerate(cursor, start=1):
        properties = {
            name: value
            for name, value in zip(names, row, strict=True)
            if name != column and not isinstance(value, bytes)
        }
        feature = {"type": "Feature", "properties": properties, "geometry": None}
        if keep(feature):
            feature["geometry"] = _geometry(row[geometry_at], index)
            kept.append((index, feature))
    return kept


def _geometry(blob: object, index: int) -> dict | None:
    """A GeoPackage geometry blob (a small header, then standard WKB) as GeoJSON."""
    if blob is None:
        return None
    unreadable = ValueError(f"Object {index} in deze GeoPackage heeft een onleesbare geometrie.")
    if not isinstance(blob, bytes) or len(blob) < 8 or blob[:2] != b"GP":
        raise unreadable
    flags = blob[3]
    if flags & 0b0010_0000:  # an extension geometry type, not standard WKB
        raise unreadable
    envelope = _ENVELOPE_BYTES.get((flags >> 1) & 0b111)
    if envelope is None:
        raise unreadable
    if flags & 0b0001_0000:  # an empty geometry
        return None
    try:
        geometry = shapely.from_wkb(blob[8 + envelope :])
    except (GEOSException, ValueError, TypeError, struct.error):
        raise unreadable from None
    return mapping(geometry)
