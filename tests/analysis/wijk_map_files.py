"""Wijk map files as CBS, PDOK and GIS programs write them, built here from small recipes:
PDOK-style GeoJSON, zipped shapefiles (pyshp) and GeoPackages (sqlite3), in RD New or WGS84."""

import io
import json
import sqlite3
import struct
import zipfile
from datetime import date
from pathlib import Path

import shapefile
import shapely
from django.core.files.uploadedfile import SimpleUploadedFile
from shapely.geometry import Polygon

RD_NEW = "urn:ogc:def:crs:EPSG::28992"
# The .prj that ArcGIS and QGIS write for RD New (Esri WKT).
RD_PRJ = (
    'PROJCS["RD_New",GEOGCS["GCS_Amersfoort",DATUM["D_Amersfoort",SPHEROID["Bessel_1841",'
    '6377397.155,299.1528128]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],'
    'PROJECTION["Double_Stereographic"],PARAMETER["False_Easting",155000.0],'
    'PARAMETER["False_Northing",463000.0],PARAMETER["Central_Meridian",5.38763888888889],'
    'PARAMETER["Scale_Factor",0.9999079],PARAMETER["Latitude_Of_Origin",52.15616055555555],'
    'UNIT["Meter",1.0]]'
)
MERCATOR_PRJ = (
    'PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",'
    'SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],'
    'UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator_Auxiliary_Sphere"],'
    'PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],'
    'PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",0.0],'
    'PARAMETER["Auxiliary_Sphere_Type",0.0],UNIT["Meter",1.0]]'
)


def rd_square(x: float, y: float, size: float = 800) -> list[list[float]]:
    """A wijk of `size` metres square with its south-west corner at RD (x, y), clockwise as
    a shapefile's outer ring is (GeoJSON readers take either way round)."""
    return [[x, y], [x, y + size], [x + size, y + size], [x + size, y], [x, y]]


# (wijkcode, wijknaam, gemeentecode, south-west corner in RD): three gemeenten, as in the
# country-wide file. Amsterdam's Dam lies near RD (121400, 487400); Amersfoort's Onze Lieve
# Vrouwetoren, the origin of RD, is RD (155000, 463000); Utrecht's Dom near (136900, 455900).
WIJKEN = [
    ("WK030700", "Stadskern", "GM0307", (155000, 463000)),
    ("WK030701", "Binnenstad-Oost", "GM0307", (155800, 463000)),
    ("WK036300", "Burgwallen-Oude Zijde", "GM0363", (121400, 487000)),
    ("WK036301", "Burgwallen-Nieuwe Zijde", "GM0363", (120600, 487000)),
    ("WK036302", "Grachtengordel-West", "GM0363", (120600, 487800)),
    ("WK034400", "Binnenstad", "GM0344", (136500, 455500)),
    ("WK034401", "Oost", "GM0344", (137300, 455500)),
]
GEMEENTE_NAMES = {"GM0307": "Amersfoort", "GM0363": "Amsterdam", "GM0344": "Utrecht"}


def pdok_feature(code: str, name: str, gemeente: str, ring: list) -> dict:
    """A wijk as the PDOK download writes it: geometry first, then CBS's own property names."""
    return {
        "type": "Feature",
        "geometry": {"type": "Polygon", "coordinates": [ring]},
        "properties": {
            "wijkcode": code,
            "wijknaam": name,
            "gemeentecode": gemeente,
            "gemeentenaam": GEMEENTE_NAMES.get(gemeente, ""),
            "water": "NEE",
            "aantalInwoners": 4125,
        },
    }


def pdok_features(wijken=WIJKEN) -> list[dict]:
    return [pdok_feature(code, name, gm, rd_square(*corner)) for code, name, gm, corner in wijken]


def pdok_geojson(features: list[dict] | None = None, crs: str | None = RD_NEW, at_end=False):
    """A FeatureCollection with the "crs" member before the features (GDAL, MapServer) or
    after them (GeoServer); none at all when `crs` is None."""
    body: dict = {"type": "FeatureCollection", "name": "wijken"}
    member = {"crs": {"type": "name", "properties": {"name": crs}}} if crs else {}
    if not at_end:
        body |= member
    body["features"] = pdok_features() if features is None else features
    if at_end:
        body |= {"totalFeatures": len(body["features"])} | member
    return json.dumps(body).encode()


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def shapefile_set(wijken=WIJKEN, *, stem="wijk_2021_v1", prj: str | None = RD_PRJ) -> dict:
    """The files of a shapefile with the field names of the older CBS wijk- en buurtkaart."""
    shp, shx, dbf = io.BytesIO(), io.BytesIO(), io.BytesIO()
    with shapefile.Writer(shp=shp, shx=shx, dbf=dbf, shapeType=shapefile.POLYGON) as writer:
        writer.field("WK_CODE", "C", 10)
        writer.field("WK_NAAM", "C", 60)
        writer.field("GM_CODE", "C", 10)
        writer.field("GM_NAAM", "C", 60)
        writer.field("PEILDATUM", "D")
        for code, name, gemeente, corner in wijken:
            writer.poly([rd_square(*corner)])
            writer.record(code, name, gemeente, GEMEENTE_NAMES.get(gemeente, ""), date(2021, 1, 1))
    files = {
        f"SHP/{stem}.shp": shp.getvalue(),
        f"SHP/{stem}.shx": shx.getvalue(),
        f"SHP/{stem}.dbf": dbf.getvalue(),
        f"SHP/{stem}.cpg": b"UTF-8",
    }
    if prj is not None:
        files[f"SHP/{stem}.prj"] = prj.encode()
    return files


def gpkg_blob(ring: list, srs_id: int = 28992) -> bytes:
    """A GeoPackage geometry: 'GP', version 0, flags (little-endian, a 32-byte envelope),
    the srs id, the envelope (min x, max x, min y, max y), then the WKB."""
    polygon = Polygon(ring)
    min_x, min_y, max_x, max_y = polygon.bounds
    header = b"GP" + bytes([0, 0b0000_0011]) + struct.pack("<i", srs_id)
    return header + struct.pack("<4d", min_x, max_x, min_y, max_y) + shapely.to_wkb(polygon)


def geopackage(
    path: Path,
    layers: dict[str, list] | None = None,
    *,
    srs: tuple[str, int] = ("EPSG", 28992),
    application_id: int = 0x47504B47,
) -> bytes:
    """A GeoPackage with the CBS layers (each a list of wijk tuples as WIJKEN)."""
    layers = {"wijken": WIJKEN} if layers is None else layers
    connection = sqlite3.connect(path)
    connection.executescript(
        f"""
        PRAGMA application_id = {application_id};
        CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT, srs_id INTEGER PRIMARY KEY,
            organization TEXT, organization_coordsys_id INTEGER, definition TEXT,
            description TEXT);
        CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT,
            identifier TEXT, description TEXT, last_change TEXT, min_x REAL, min_y REAL,
            max_x REAL, max_y REAL, srs_id INTEGER);
        CREATE TABLE gpkg_geometry_columns (table_name TEXT, column_name TEXT,
            geometry_type_name TEXT, srs_id INTEGER, z INTEGER, m INTEGER);
        """
    )
    connection.execute(
        "INSERT INTO gpkg_spatial_ref_sys VALUES ('Amersfoort / RD New', 28992, ?, ?, ?, '')",
        (srs[0], srs[1], RD_PRJ),
    )
    for layer, wijken in layers.items():
        connection.execute(
            f'CREATE TABLE "{layer}" (fid INTEGER PRIMARY KEY, geom BLOB, wijkcode TEXT, '
            "wijknaam TEXT, gemeentecode TEXT, aantal_inwoners INTEGER)"
        )
        connection.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, srs_id) "
            "VALUES (?, 'features', 28992)",
            (layer,),
        )
        connection.execute(
            "INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'MULTIPOLYGON', 28992, 0, 0)",
            (layer,),
        )
        connection.executemany(
            f'INSERT INTO "{layer}" (geom, wijkcode, wijknaam, gemeentecode, aantal_inwoners) '
            "VALUES (?, ?, ?, ?, 4125)",
            [(gpkg_blob(rd_square(*corner)), code, name, gm) for code, name, gm, corner in wijken],
        )
    connection.commit()
    connection.close()
    return path.read_bytes()


def upload(data: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)
