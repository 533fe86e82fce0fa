"""Wijk maps from the files users already have: the CBS wijk- en buurtkaart as PDOK serves it
(GeoJSON in RD New, for the whole country), as a zipped shapefile or a GeoPackage; only the
gemeente's own wijken are kept, in WGS84, and drawn one path per wijk. Until there is a wijk
map, the indicator page says so in one line instead of drawing an outline."""

import json
import re

import pytest
from django.urls import reverse

from analysis.figures import geofiles, services
from analysis.figures.services import survey_import_now
from analysis.models import WijkMap
from projects.models import AuditEntry
from tests.analysis.conftest import MAPPING, csv_upload
from tests.analysis.wijk_map_files import (
    MERCATOR_PRJ,
    WIJKEN,
    geopackage,
    pdok_feature,
    pdok_features,
    pdok_geojson,
    rd_square,
    shapefile_set,
    upload,
    zipped,
)
from tests.factories import ProjectFactory, gemeente

AMSTERDAM_WIJKEN = ["WK036300", "WK036301", "WK036302"]


def save(project, data: bytes, name: str) -> int:
    return services.wijkmap_save(actor=None, project=project, upload=upload(data, name))


def stored(gemeente_) -> list[dict]:
    with WijkMap.objects.get(gemeente=gemeente_).file.open("rb") as handle:
        return json.loads(handle.read())["features"]


def positions(feature: dict) -> list[tuple[float, float]]:
    geometry = feature["geometry"]
    polygons = geometry["coordinates"]
    polygons = [polygons] if geometry["type"] == "Polygon" else polygons
    return [(p[0], p[1]) for polygon in polygons for ring in polygon for p in ring]


def refused(project, data: bytes, name: str) -> str:
    with pytest.raises(Exception) as error:
        save(project, data, name)
    assert not WijkMap.objects.exists()
    assert not AuditEntry.objects.filter(action="wijkkaart opgeslagen").exists()
    return " ".join(error.value.messages)


@pytest.fixture
def amersfoort(db):
    return ProjectFactory(gemeente=gemeente("GM0307"))


# --------------------------------------------------------------------------- the done-when


def test_a_pdok_geojson_in_rd_for_three_gemeenten_keeps_and_draws_only_ours(world):
    """Amsterdam's three wijken of a file with Amersfoort's and Utrecht's too; each lands in
    central Amsterdam (the Dam is about 52.373 N, 4.893 E) and the map draws one path each."""
    project = world.project
    project.min_n, project.warn_n = 1, 3
    project.save()
    survey_import_now(actor=None, project=project, upload=csv_upload(), year=2023, mapping=MAPPING)

    assert save(project, pdok_geojson(), "wijken_2023.geojson") == 3
    kept = stored(world.gemeente)
    assert [f["properties"]["wijkcode"] for f in kept] == AMSTERDAM_WIJKEN
    for feature in kept:
        for lon, lat in positions(feature):
            assert 4.86 < lon < 4.92 and 52.36 < lat < 52.39, (lon, lat)

    page = reverse(
        "analysis:indicator",
        kwargs={
            "gemeente_slug": world.gemeente.slug,
            "project_uuid": project.uuid,
            "code": "voelt_zich_weleens_onveilig",
        },
    )
    html = world.client("ambtenaar").get(page).content.decode()
    assert 'aria-labelledby="map-' in html
    areas = re.search(r'<g class="areas">(.*?)</g>', html, re.S).group(1)
    titles = re.findall(r"<title>([^<]*)</title>", areas)
    # Weighted by hand from the survey (tests/analysis/conftest.py SMALL), onv_alg 1 or 2:
    # WK036300: weights 1.0 (1), 2.0 (3), 1.0 (1) -> (1.0 + 1.0) / 4.0 = 50.0 %;
    # WK036301: weights 0.5 (2), 1.5 (3), and a 99 left out -> 0.5 / 2.0 = 25.0 %;
    # WK036302 has no respondents.
    assert areas.count("<path") == 3
    assert sorted(titles) == [
        "Burgwallen-Nieuwe Zijde: 25,0%",
        "Burgwallen-Oude Zijde: 50,0%",
        "Grachtengordel-West: geen gegevens",
    ]
    assert "Geen kaart per wijk" not in html


def test_rd_is_reprojected_with_the_datum_shift(amersfoort):
    """RD (155000, 463000) is Amersfoort's Onze Lieve Vrouwetoren: 52.15517440 N,
    5.38720621 E in ETRS89/WGS84 by RDNAPTRANS. Without the datum shift it would land on
    the Bessel coordinates of the projection's origin (52.15616 N, 5.38764 E), 110 m off.
    Stored to 5 decimals (about a metre)."""
    assert save(amersfoort, pdok_geojson(), "wijken.geojson") == 2
    stadskern = stored(amersfoort.gemeente)[0]
    assert stadskern["properties"]["wijknaam"] == "Stadskern"
    corner = min(positions(stadskern), key=lambda p: (p[1], p[0]))  # the south-west corner
    assert corner[0] == pytest.approx(5.38720621, abs=1e-5)
    assert corner[1] == pytest.approx(52.15517440, abs=1e-5)


# --------------------------------------------------------------------------- how it says so


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(lambda: pdok_geojson(at_end=True), id="crs-after-the-features"),
        pytest.param(lambda: pdok_geojson(crs=None), id="no-crs-rd-by-its-ranges"),
        pytest.param(lambda: pdok_geojson(crs="EPSG:28992"), id="crs-as-epsg-code"),
    ],
)
def test_rd_is_recognised_however_the_file_says_it(amersfoort, data):
    save(amersfoort, data(), "wijken.geojson")
    corner = min(positions(stored(amersfoort.gemeente)[0]), key=lambda p: (p[1], p[0]))
    assert corner == pytest.approx((5.38720621, 52.15517440), abs=1e-5)


def test_a_wgs84_file_is_kept_as_it_is(world):
    """The OGC API gives lon/lat without a crs member (RFC 7946)."""
    ring = [[4.89, 52.37], [4.9, 52.37], [4.9, 52.38], [4.89, 52.38], [4.89, 52.37]]
    features = [pdok_feature("WK036300", "Burgwallen-Oude Zijde", "GM0363", ring)]
    corners = {tuple(p) for p in ring}  # simplifying may start the ring at another corner
    save(world.project, pdok_geojson(features, crs=None), "wijken.json")
    assert set(positions(stored(world.gemeente)[0])) == corners
    save(world.project, pdok_geojson(features, crs="urn:ogc:def:crs:OGC:1.3:CRS84"), "w.json")
    assert set(positions(stored(world.gemeente)[0])) == corners


def test_a_zipped_shapefile_of_the_older_cbs_kaart_gives_the_same_wijken(world, amersfoort):
    files = shapefile_set()
    # The older CBS zip held the gemeenten, wijken and buurten side by side.
    buurten = shapefile_set(stem="buurt_2021_v1")
    files |= {name: data for name, data in buurten.items() if ".shp" in name or ".dbf" in name}
    files["leesmij.txt"] = b"Bron: CBS, Kadaster"
    assert save(world.project, zipped(files), "wijkbuurtkaart_2021_v1.zip") == 3
    assert [f["properties"]["WK_CODE"] for f in stored(world.gemeente)] == AMSTERDAM_WIJKEN
    assert stored(world.gemeente)[0]["properties"]["PEILDATUM"] == "2021-01-01"
    save(amersfoort, zipped(shapefile_set()), "wijken.zip")
    corner = min(positions(stored(amersfoort.gemeente)[0]), key=lambda p: (p[1], p[0]))
    assert corner == pytest.approx((5.38720621, 52.15517440), abs=1e-5)


def test_a_shapefile_without_prj_is_read_by_its_ranges(amersfoort):
    files = {k: v for k, v in shapefile_set().items() if not k.endswith(".prj")}
    assert save(amersfoort, zipped(files), "wijken.zip") == 2


def test_a_geopackage_as_cbs_ships_it_gives_the_layer_wijken(world, amersfoort, tmp_path):
    """Gemeenten, wijken and buurten in one GeoPackage: the layer wijken is read. A buurt of
    ours carries our wijk's code too, so reading the buurten would draw them as wijken."""
    buurten = [("BU03630000", "Kop Zeedijk", "GM0363", (121400, 487000))]
    data = geopackage(
        tmp_path / "wijkenbuurten_2023_v1.gpkg",
        {"gemeenten": [], "wijken": WIJKEN, "buurten": buurten},
    )
    assert save(world.project, data, "wijkenbuurten_2023_v1.gpkg") == 3
    assert [f["properties"]["wijkcode"] for f in stored(world.gemeente)] == AMSTERDAM_WIJKEN
    assert stored(world.gemeente)[0]["properties"]["aantal_inwoners"] == 4125
    save(amersfoort, zipped({"wijkenbuurten_2023_v1.gpkg": data}), "wijkbuurtkaart.zip")
    corner = min(positions(stored(amersfoort.gemeente)[0]), key=lambda p: (p[1], p[0]))
    assert corner == pytest.approx((5.38720621, 52.15517440), abs=1e-5)


# --------------------------------------------------------------------------- refused


def test_a_file_in_another_crs_is_refused(world, tmp_path):
    mercator = "urn:ogc:def:crs:EPSG::3857"
    assert refused(world.project, pdok_geojson(crs=mercator), "wijken.geojson") == (
        "Deze wijkkaart staat in het coördinatenstelsel WGS 84 / Pseudo-Mercator (EPSG:3857); "
        "alleen RD New (EPSG:28992) of WGS84 (EPSG:4326) worden gelezen. Exporteer de kaart "
        "opnieuw in een van beide."
    )
    files = shapefile_set(prj=MERCATOR_PRJ)
    assert "staat in het coördinatenstelsel WGS 84 / Pseudo-Mercator (EPSG:3857)" in refused(
        world.project, zipped(files), "wijken.zip"
    )
    data = geopackage(tmp_path / "w.gpkg", srs=("EPSG", 3035))
    assert "ETRS89-extended / LAEA Europe (EPSG:3035)" in refused(world.project, data, "w.gpkg")


def test_an_unknown_crs_name_and_undeclared_metres_are_refused(world):
    assert refused(world.project, pdok_geojson(crs="urn:ogc:def:crs:EPSG::999999"), "w.json") == (
        "Het coördinatenstelsel ‘urn:ogc:def:crs:EPSG::999999’ in dit bestand is onbekend; "
        "exporteer de wijkkaart in RD New (EPSG:28992) of WGS84 (EPSG:4326)."
    )
    # Web Mercator metres without a declaration: neither RD nor degrees.
    ring = [[544000, 6868000], [545000, 6868000], [545000, 6869000], [544000, 6868000]]
    features = [pdok_feature("WK036300", "Burgwallen-Oude Zijde", "GM0363", ring)]
    assert refused(world.project, pdok_geojson(features, crs=None), "w.json") == (
        "De coördinaten van deze wijkkaart staan niet in RD New (EPSG:28992) of WGS84 "
        "(EPSG:4326), en het bestand zegt niet in welk stelsel wel; exporteer de kaart in RD "
        "New of WGS84."
    )


def test_a_file_that_says_rd_but_holds_degrees_is_refused(world):
    ring = [[4.89, 52.37], [4.9, 52.37], [4.9, 52.38], [4.89, 52.37]]
    features = [pdok_feature("WK036300", "Burgwallen-Oude Zijde", "GM0363", ring)]
    assert refused(world.project, pdok_geojson(features), "w.json") == (
        "De coördinaten van object 1 (Burgwallen-Oude Zijde) passen niet bij RD New "
        "(EPSG:28992), het stelsel dat het bestand opgeeft: RD-coördinaten zijn meters (x 0 "
        "tot 300.000, y 300.000 tot 625.000)."
    )


def test_the_buurten_layer_is_refused_with_a_pointer_to_wijken(world):
    buurt = pdok_feature("WK036300", "Kop Zeedijk", "GM0363", rd_square(121400, 487000))
    buurt["properties"]["buurtcode"] = "BU03630000"
    assert refused(world.project, pdok_geojson([buurt]), "buurten.geojson") == (
        "Dit bestand bevat buurten, geen wijken; kies de laag ‘wijken’ van de wijk- en buurtkaart."
    )


def test_a_file_without_our_wijken_names_the_codes_it_looked_for(world):
    others = [w for w in WIJKEN if w[2] != "GM0363"]
    assert refused(world.project, pdok_geojson(pdok_features(others)), "w.json") == (
        "De wijkkaart bevat geen wijken van Amsterdam (codes WK0363xx)."
    )


# --------------------------------------------------------------------------- validation
# The checks of every wijk file, GeoJSON or not, on the path an upload takes.


def square(lon: float, lat: float, d: float = 0.01) -> list:
    return [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]]


def collection(*geometries, name="Centrum") -> bytes:
    features = [
        {"type": "Feature", "properties": {"wijknaam": name}, "geometry": g} for g in geometries
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


def read_all(data: bytes, name: str = "wijken.geojson") -> list[dict]:
    return list(geofiles.wijk_features(upload(data, name), keep=lambda feature: True))


def test_wijken_and_the_bundled_gemeenten_file_are_read():
    data = collection(
        {"type": "Polygon", "coordinates": square(4.9, 52.37)},
        {"type": "MultiPolygon", "coordinates": [square(4.8, 52.3), square(4.85, 52.3)]},
    )
    assert [f["geometry"]["type"] for f in read_all(data)] == ["Polygon", "MultiPolygon"]
    from analysis.figures.geometry import GEMEENTEN_PATH

    assert len(read_all(GEMEENTEN_PATH.read_bytes())) == 342
    bom = b"\xef\xbb\xbf" + collection({"type": "Polygon", "coordinates": square(5, 52)})
    assert len(read_all(bom)) == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"{dit is geen json", "Dit bestand is geen geldige GeoJSON: de JSON-opbouw klopt niet."),
        (b"\xff\xfe\x00{", "Dit bestand is geen geldige GeoJSON: de JSON-opbouw klopt niet."),
        (
            b'{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": NaN}]}',
            "Dit bestand is geen geldige GeoJSON: de JSON-opbouw klopt niet.",
        ),
        (b"[1, 2]", "Dit bestand is geen GeoJSON-FeatureCollection"),
        (
            json.dumps({"type": "Feature", "geometry": None}).encode(),
            "Dit bestand is geen GeoJSON-FeatureCollection maar Feature",
        ),
        (b'{"type": "FeatureCollection", "features": []}', "bevat geen features"),
        (b'{"type": "FeatureCollection"}', "bevat geen features"),
        (
            b'{"type": "FeatureCollection", "features": [1]}',
            "object 1 in de lijst features is geen Feature",
        ),
        (collection(None), "Object 1 (Centrum) heeft geen geometrie."),
        (
            collection({"type": "Point", "coordinates": [4.9, 52.3]}),
            "Object 1 (Centrum) heeft een geometrie van type Point; alleen vlakken (Polygon of "
            "MultiPolygon) zijn toegestaan.",
        ),
        (
            collection({"type": "Polygon", "coordinates": [[4.9, 52.3]]}),
            "object 1 (Centrum) heeft onjuist opgebouwde coördinaten.",
        ),
        (
            collection({"type": "Polygon", "coordinates": square(52.37, 4.9)}),
            "De coördinaten van object 1 (Centrum) lijken verwisseld",
        ),
        (
            collection({"type": "Polygon", "coordinates": square(13.4, 52.5)}),
            "De coördinaten van object 1 (Centrum) liggen buiten Nederland",
        ),
        (
            b"\x00\x00\x27\x0a" + b"\x00" * 96,
            "Een shapefile bestaat uit meerdere bestanden (.shp, .dbf, .shx, .prj); zip ze "
            "samen en kies het zipbestand.",
        ),
    ],
)
def test_unusable_files_are_refused_with_a_dutch_message(data, message):
    with pytest.raises(ValueError) as error:
        read_all(data)
    assert message in str(error.value)


def test_rd_coordinates_once_refused_are_now_read():
    """validate_geojson told users to export in WGS84; RD is now read and reprojected."""
    ring = [rd_square(121000, 487000, 500)]
    (feature,) = read_all(collection({"type": "Polygon", "coordinates": ring}))
    lon, lat = feature["geometry"]["coordinates"][0][0]
    assert 4.8 < lon < 5.0 and 52.3 < lat < 52.4


# --------------------------------------------------------------------------- indicator page


def indicator_page(world, persona: str) -> str:
    project = world.project
    project.min_n, project.warn_n = 1, 3
    project.save()
    survey_import_now(actor=None, project=project, upload=csv_upload(), year=2023, mapping=MAPPING)
    url = reverse(
        "analysis:indicator",
        kwargs={
            "gemeente_slug": world.gemeente.slug,
            "project_uuid": project.uuid,
            "code": "voelt_zich_weleens_onveilig",
        },
    )
    response = world.client(persona).get(url)
    assert response.status_code == 200
    return response.content.decode()


MISSING = "Geen kaart per wijk: er is nog geen wijkkaart met de wijkgrenzen van Amsterdam."


def test_without_a_wijk_map_an_editor_reads_one_line_with_the_way_to_add_one(world):
    html = indicator_page(world, "ambtenaar")
    line = re.search(r'<p[^>]*id="geen-wijkkaart">(.*?)</p>', html, re.S).group(1)
    overview = reverse(
        "analysis:overview",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid},
    )
    assert line.startswith(MISSING)
    assert f'<a href="{overview}#kop-kaart">Wijkkaart toevoegen</a>' in line
    # No map drawn: neither a wijk map nor the gemeente's outline as if it were one.
    assert 'aria-labelledby="map-' not in html and 'aria-labelledby="outline-' not in html


def test_lon_lat_on_the_amersfoort_datum_is_moved_to_wgs84(amersfoort):
    """Some simplified CBS maps are lon/lat on RD's own datum (EPSG:4289). RD's origin is
    5.38763889 E, 52.15616056 N there (5°23'15.500", 52°09'22.178"), and in WGS84 the same
    RDNAPTRANS point as above."""
    lon, lat, d = 5.38763888888889, 52.15616055555555, 0.01
    ring = [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]
    features = [pdok_feature("WK030700", "Stadskern", "GM0307", ring)]
    save(amersfoort, pdok_geojson(features, crs="urn:ogc:def:crs:EPSG::4289"), "w.json")
    corner = min(positions(stored(amersfoort.gemeente)[0]), key=lambda p: (p[1], p[0]))
    assert corner == pytest.approx((5.38720621, 52.15517440), abs=1e-5)
