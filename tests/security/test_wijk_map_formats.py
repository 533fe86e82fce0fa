"""Hostile GeoPackages and shapefiles: the caps of a GeoJSON upload hold for them too (a zip
bomb, a header that lies, a member or a record larger than any wijk), and a file that is no
GeoPackage, or holds a view or a broken geometry, is refused in Dutch with nothing stored."""

import sqlite3
import struct
import tracemalloc
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from analysis.figures import geofiles
from analysis.figures.geometry import size_text
from analysis.models import WijkMap
from projects.models import AuditEntry
from tests.analysis.wijk_map_files import WIJKEN, geopackage, shapefile_set, zipped

BROKEN_ZIP = (
    "Dit zipbestand is beschadigd of klopt niet met zijn eigen inhoudsopgave; download het "
    "opnieuw of kies het GeoJSON-bestand zelf."
)
NOT_A_GEOPACKAGE = (
    "Dit bestand is geen leesbare GeoPackage; download het opnieuw, of kies de wijkkaart als "
    "GeoJSON."
)


def post_map(world, data: bytes, name: str) -> str:
    url = reverse(
        "analysis:wijkmap",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid},
    )
    response = world.client("ambtenaar").post(
        url, {"file": SimpleUploadedFile(name, data)}, follow=True
    )
    return " ".join(str(message) for message in response.context["messages"])


def assert_nothing_stored(private_media):
    assert not WijkMap.objects.exists()
    assert not AuditEntry.objects.filter(action="wijkkaart opgeslagen").exists()
    folder = private_media / "gemeenten" / "wijkkaarten"
    assert not folder.exists() or not any(folder.iterdir())


def lie_about_sizes(data: bytes, claimed: int) -> bytes:
    """Every local and central header claims `claimed` bytes inflated."""
    data = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        while at != -1:
            struct.pack_into("<L", data, at + offset, claimed)
            at = data.find(signature, at + 4)
    return bytes(data)


def padded_geopackage(path, padding: int) -> bytes:
    """A real GeoPackage with `padding` zero bytes of free pages: it deflates to almost
    nothing, as a bomb does."""
    data = geopackage(path)
    return data + b"\x00" * padding


def shx_claims(files: dict, length_words: int) -> dict:
    """The .shx says the first record is `length_words` 16-bit words long."""
    name = next(name for name in files if name.endswith(".shx"))
    shx = bytearray(files[name])
    struct.pack_into(">i", shx, 100 + 4, length_words)
    return files | {name: bytes(shx)}


@pytest.fixture
def gpkg(tmp_path):
    return geopackage(tmp_path / "wijken.gpkg")


def test_a_geopackage_bomb_is_stopped_by_the_inflated_cap(
    world, private_media, tmp_path, monkeypatch
):
    monkeypatch.setattr(geofiles, "MAX_INFLATED_BYTES", 1_000_000)
    data = zipped({"wijken.gpkg": padded_geopackage(tmp_path / "b.gpkg", 3_000_000)})
    assert len(data) < 50_000
    assert post_map(world, data, "wijken.zip") == (
        "Het GeoPackage-bestand in dit zipbestand is uitgepakt groter dan 1,0 MB; dat is geen "
        "wijkkaart."
    )
    assert_nothing_stored(private_media)
    assert not list(tmp_path.glob("wijkkaart-*"))


@pytest.mark.parametrize(
    ("claimed", "message"),
    [
        (2_000, BROKEN_ZIP),
        (
            4_000_000_000,
            "Het GeoPackage-bestand in dit zipbestand is uitgepakt groter dan 600,0 MB; dat is "
            "geen wijkkaart.",
        ),
    ],
)
def test_a_geopackage_whose_zip_header_lies_is_refused(
    world, private_media, tmp_path, claimed, message
):
    data = lie_about_sizes(
        zipped({"wijken.gpkg": padded_geopackage(tmp_path / "b.gpkg", 3_000_000)}), claimed
    )
    tracemalloc.start()
    try:
        assert post_map(world, data, "wijken.zip") == message
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000
    assert_nothing_stored(private_media)


def test_a_plain_geopackage_longer_than_its_stated_size_is_cut_off(
    world, private_media, monkeypatch, gpkg
):
    monkeypatch.setattr(geofiles, "MAX_UPLOAD_BYTES", 20_000)
    lying = SimpleUploadedFile("wijken.gpkg", gpkg)
    lying.size = 1_000
    with pytest.raises(ValueError, match="Dit bestand is te groot; de grens is 20 kB."):
        list(geofiles.wijk_features(lying, keep=lambda feature: True))


def test_the_shapefile_parts_share_one_inflated_cap(world, private_media, monkeypatch):
    files = shapefile_set()
    dbf = next(name for name in files if name.endswith(".dbf"))
    cap = len(files[dbf]) + 100  # each part fits on its own; together they do not
    monkeypatch.setattr(geofiles, "MAX_INFLATED_BYTES", cap)
    assert post_map(world, zipped(files), "wijken.zip") == (
        f"Het shapefile in dit zipbestand is uitgepakt groter dan {size_text(cap)}; dat is "
        "geen wijkkaart."
    )
    assert_nothing_stored(private_media)


def test_a_shapefile_record_claiming_gigabytes_is_refused_before_it_is_read(world, private_media):
    """A record of 2^31 words would be read whole into memory; it is refused as a feature
    over the cap instead."""
    files = shx_claims(shapefile_set(WIJKEN[2:3]), 2**30)
    tracemalloc.start()
    try:
        message = post_map(world, zipped(files), "wijken.zip")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert message == (
        "Eén object in dit bestand is groter dan 25,0 MB; vereenvoudig de geometrie en probeer "
        "het opnieuw."
    )
    assert peak < 20_000_000
    assert_nothing_stored(private_media)


def test_a_shapefile_with_a_broken_record_is_refused(world, private_media):
    files = shapefile_set(WIJKEN[2:3])
    shp = next(name for name in files if name.endswith(".shp"))
    broken = bytearray(files[shp])
    struct.pack_into("<i", broken, 100 + 8, 77)  # a shape type that does not exist
    assert post_map(world, zipped(files | {shp: bytes(broken)}), "wijken.zip") == (
        "Dit shapefile is beschadigd of onvolledig; download het opnieuw, of kies een GeoJSON."
    )
    assert_nothing_stored(private_media)


def test_a_geopackage_value_over_the_feature_cap_is_refused(
    world, private_media, tmp_path, monkeypatch
):
    path = tmp_path / "groot.gpkg"
    geopackage(path)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE wijken SET wijknaam = ? WHERE fid = 3", ("x" * 200_000,))
    connection.commit()
    connection.close()
    monkeypatch.setattr(geofiles, "MAX_FEATURE_BYTES", 100_000)
    assert post_map(world, path.read_bytes(), "groot.gpkg") == (
        "Eén object in dit bestand is groter dan 100 kB; vereenvoudig de geometrie en probeer "
        "het opnieuw."
    )
    assert_nothing_stored(private_media)


def test_an_sqlite_file_that_is_no_geopackage_is_refused(world, private_media, tmp_path):
    data = geopackage(tmp_path / "ander.sqlite", application_id=0)
    assert post_map(world, data, "ander.gpkg") == NOT_A_GEOPACKAGE
    truncated = geopackage(tmp_path / "kapot.gpkg")[:5_000] + b"\xff" * 3_000
    assert post_map(world, truncated, "kapot.gpkg") in (
        NOT_A_GEOPACKAGE,
        "Deze GeoPackage bevat geen kaartlaag met vlakken.",
    )
    assert_nothing_stored(private_media)


def test_a_view_is_never_read_as_the_wijken_layer(world, private_media, tmp_path):
    """A view runs whatever query its author wrote (a recursive one never ends); only tables
    are read."""
    path = tmp_path / "view.gpkg"
    geopackage(path, {"echte_tabel": WIJKEN})
    connection = sqlite3.connect(path)
    connection.executescript(
        """
        DELETE FROM gpkg_contents; DELETE FROM gpkg_geometry_columns;
        CREATE VIEW wijken AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)
            SELECT i AS fid, NULL AS geom FROM n;
        INSERT INTO gpkg_contents (table_name, data_type, srs_id)
            VALUES ('wijken', 'features', 28992);
        INSERT INTO gpkg_geometry_columns VALUES ('wijken', 'geom', 'POLYGON', 28992, 0, 0);
        """
    )
    connection.commit()
    connection.close()
    assert post_map(world, path.read_bytes(), "view.gpkg") == (
        "Deze GeoPackage bevat geen kaartlaag met vlakken."
    )
    assert_nothing_stored(private_media)


@pytest.mark.parametrize(
    "blob",
    [
        pytest.param(b"XX\x00\x01" + b"\x00" * 40, id="no-gp-magic"),
        pytest.param(b"GP\x00\x0f" + b"\x00" * 40, id="envelope-indicator-7"),
        # WKB of a polygon claiming 2^31 - 1 rings in 20 bytes.
        pytest.param(
            b"GP\x00\x01" + struct.pack("<i", 28992) + b"\x01\x03\x00\x00\x00\xff\xff\xff\x7f",
            id="wkb-claims-two-billion-rings",
        ),
    ],
)
def test_a_broken_geometry_blob_is_refused(world, private_media, tmp_path, blob):
    path = tmp_path / "kapot.gpkg"
    geopackage(path)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE wijken SET geom = ? WHERE wijkcode = 'WK036300'", (blob,))
    connection.commit()
    connection.close()
    tracemalloc.start()
    try:
        message = post_map(world, path.read_bytes(), "kapot.gpkg")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert message == "Object 3 in deze GeoPackage heeft een onleesbare geometrie."
    assert peak < 20_000_000
    assert_nothing_stored(private_media)


def test_a_zip_with_both_a_wijk_and_a_buurt_file_takes_the_wijk_file(world, tmp_path):
    files = zipped(
        {
            "wijken_2023.geojson": b"{}",
            "buurten_2023.gpkg": b"",
            "gemeenten_2023.shp": b"",
        }
    )
    # The wijk file is chosen, and read: this one is an empty object.
    assert post_map(world, files, "kaart.zip") == (
        "Deze FeatureCollection bevat geen features (geen wijken of gebieden)."
    )
    two = zipped({"a.gpkg": b"", "b.shp": b""})
    assert post_map(world, two, "kaart.zip") == (
        "Dit zipbestand bevat meer dan één kaartbestand (a.gpkg, b.shp); zip alleen de wijkkaart."
    )


def test_the_temporary_files_are_removed_after_a_refusal(world, monkeypatch):
    made = []
    real = geofiles.tempfile.TemporaryDirectory

    def recording(*args, **kwargs):
        folder = real(*args, **kwargs)
        made.append(Path(folder.name))
        return folder

    monkeypatch.setattr(geofiles.tempfile, "TemporaryDirectory", recording)
    data = zipped({"wijken.gpkg": b"SQLite format 3\x00" + b"\x00" * 500})
    assert post_map(world, data, "w.zip") == NOT_A_GEOPACKAGE
    assert made and not any(folder.exists() for folder in made)
