"""Large inputs: wijk maps (GeoJSON, zipped or not) of the whole country, bombs and files whose
headers lie, and wijken drawn with far more points than a map shows.

Every refusal has its exact Dutch message and leaves nothing behind: no wijk map row, no file
in storage, no audit entry. The files are built here from small recipes.
"""

import io
import json
import math
import re
import struct
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import InMemoryUploadedFile, SimpleUploadedFile, UploadedFile
from django.test.client import BOUNDARY, encode_multipart
from django.urls import reverse
from shapely.geometry import shape

from analysis.figures import geofiles, services
from analysis.figures.geometry import size_text
from analysis.figures.services import survey_import_now
from analysis.models import ImportRun, IndicatorResult, SurveyEdition, WijkMap
from projects.models import AuditEntry
from tests.analysis.conftest import MAPPING, SMALL, csv_upload
from tests.analysis.preview_helpers import store_preview

OURS = "GM0363"

# --------------------------------------------------------------------------- recipes


def square(lon: float, lat: float, size: float = 0.01) -> list:
    return [
        [
            [lon, lat],
            [lon + size, lat],
            [lon + size, lat + size],
            [lon, lat + size],
            [lon, lat],
        ]
    ]


def jagged_circle(points: int, lon: float = 4.89, lat: float = 52.37) -> list:
    """A wijk outline surveyed to the centimetre: many points, a wobble of a few metres."""
    ring = [
        [
            lon + 0.012 * math.cos(2 * math.pi * k / points) * (1 + 0.0004 * math.sin(k * 0.7)),
            lat + 0.008 * math.sin(2 * math.pi * k / points) * (1 + 0.0004 * math.sin(k * 0.7)),
        ]
        for k in range(points)
    ]
    return [ring + [ring[0]]]


def feature(wijkcode: str, coordinates: list, name: str = "", gemeente: str | None = None):
    """Geometry before properties, in the order PDOK writes them."""
    properties = {"wijkcode": wijkcode, "wijknaam": name or wijkcode}
    if gemeente:
        properties["gemeentecode"] = gemeente
    return {
        "type": "Feature",
        "geometry": {"type": "Polygon", "coordinates": coordinates},
        "properties": properties,
    }


def our_wijken() -> list[dict]:
    return [
        feature("WK036300", square(4.89, 52.37), "Burgwallen", OURS),
        feature("WK036301", square(4.90, 52.37), "Grachtengordel", OURS),
    ]


def others(count: int, points: int = 40) -> list[dict]:
    """Wijken of other gemeenten, in the same bounding box as the Netherlands."""
    result = []
    for number in range(count):
        gemeente = 1000 + number // 10
        ring = [
            [5.0 + 0.001 * math.cos(k) + number * 1e-4, 52.0 + 0.001 * math.sin(k)]
            for k in range(points)
        ]
        result.append(
            feature(
                f"WK{gemeente:04d}{number % 10:02d}",
                [ring + [ring[0]]],
                gemeente=f"GM{gemeente:04d}",
            )
        )
    return result


def collection(features: list[dict]) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def lie_about_sizes(data: bytes, claimed: int) -> bytes:
    """Every local and central header claims `claimed` bytes inflated (CRC left as it was)."""
    data = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        while at != -1:
            struct.pack_into("<L", data, at + offset, claimed)
            at = data.find(signature, at + 4)
    return bytes(data)


def set_encrypted_flag(data: bytes) -> bytes:
    data = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        (flags,) = struct.unpack_from("<H", data, at + offset)
        struct.pack_into("<H", data, at + offset, flags | 0x1)
    return bytes(data)


def many_members(count: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("wijken.geojson", collection(our_wijken()))
        for number in range(count - 1):
            archive.writestr(f"leesmij-{number}.txt", b"")
    return buffer.getvalue()


def deflate_bomb(inflated: int) -> bytes:
    """A valid FeatureCollection padded with spaces: tiny zipped, `inflated` bytes unzipped."""
    body = collection(our_wijken())
    return zipped({"wijken.geojson": body[:-1] + b" " * (inflated - len(body)) + b"}"})


# --------------------------------------------------------------------------- helpers


def page(world, name, **kwargs):
    return reverse(
        f"analysis:{name}",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid, **kwargs},
    )


def post_map(world, data: bytes, name: str = "wijken.geojson"):
    return world.client("ambtenaar").post(
        page(world, "wijkmap"), {"file": SimpleUploadedFile(name, data)}, follow=True
    )


def stored_features(world) -> list[dict]:
    wijk_map = WijkMap.objects.get(gemeente=world.gemeente)
    with wijk_map.file.open("rb") as handle:
        return json.loads(handle.read())["features"]


def assert_nothing_stored(world, private_media):
    assert not WijkMap.objects.exists()
    assert not AuditEntry.objects.filter(action="wijkkaart opgeslagen").exists()
    folder = private_media / "gemeenten" / "wijkkaarten"
    assert not folder.exists() or not any(folder.iterdir())


def message_of(response) -> str:
    return " ".join(str(message) for message in response.context["messages"])


# --------------------------------------------------------------------------- size first


class Unreadable(UploadedFile):
    """A 300 MB upload by its size; reading any of it fails the test."""

    def __init__(self, size: int = 300_000_000):
        super().__init__(file=None, name="nederland.geojson", size=size)

    def _refuse(self, *args, **kwargs):
        raise AssertionError("the upload was read before its size was checked")

    read = seek = chunks = open = readline = _refuse


def test_an_oversized_map_is_refused_before_it_is_read(world, private_media):
    with pytest.raises(Exception) as refused:
        services.wijkmap_save(
            actor=world.users["ambtenaar"], project=world.project, upload=Unreadable()
        )
    assert refused.value.messages == [
        "Dit bestand is te groot (300,0 MB); de grens is 200,0 MB. Kies de wijkkaart van uw "
        "gemeente, of het landelijke bestand van PDOK als zipbestand."
    ]
    assert_nothing_stored(world, private_media)


def test_the_map_page_checks_the_size_before_reading(world, private_media, monkeypatch):
    monkeypatch.setattr(geofiles, "MAX_UPLOAD_BYTES", 20_000)
    data = collection(our_wijken() + others(40))
    body = encode_multipart(BOUNDARY, {"file": SimpleUploadedFile("wijken.geojson", data)})

    def refuse(self):
        raise AssertionError("the upload was read before its size was checked")

    # From here on, the server's copy of the upload cannot be read.
    monkeypatch.setattr(InMemoryUploadedFile, "read", property(refuse), raising=False)
    response = world.client("ambtenaar").post(
        page(world, "wijkmap"),
        body,
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
        follow=True,
    )
    assert message_of(response) == (
        f"Dit bestand is te groot ({size_text(len(data))}); de grens is 20 kB. Kies de wijkkaart "
        "van uw gemeente, of het landelijke bestand van PDOK als zipbestand."
    )
    assert_nothing_stored(world, private_media)


def test_a_stream_longer_than_its_stated_size_is_cut_off(world, private_media, monkeypatch):
    monkeypatch.setattr(geofiles, "MAX_UPLOAD_BYTES", 20_000)
    data = collection(our_wijken() + others(40))
    lying = UploadedFile(file=io.BytesIO(data), name="wijken.geojson", size=1_000)
    with pytest.raises(Exception) as refused:
        services.wijkmap_save(actor=world.users["ambtenaar"], project=world.project, upload=lying)
    assert refused.value.messages == [
        "Dit bestand is te groot; de grens is 20 kB. Kies de wijkkaart van uw gemeente, of het "
        "landelijke bestand van PDOK als zipbestand."
    ]
    assert_nothing_stored(world, private_media)


# --------------------------------------------------------------------------- streaming


def test_the_country_file_streams_by_and_only_our_wijken_are_kept(world, tmp_path):
    """The whole country as one file: memory holds a feature at a time, not the file."""
    path = tmp_path / "wijken_nederland.geojson"
    features = others(600, points=400)
    path.write_bytes(collection(features[:300] + our_wijken() + features[300:]))
    size = path.stat().st_size
    assert size > 8_000_000
    with path.open("rb") as handle:
        upload = UploadedFile(file=handle, name=path.name, size=size)
        tracemalloc.start()
        try:
            count = services.wijkmap_save(
                actor=world.users["ambtenaar"], project=world.project, upload=upload
            )
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert count == 2
    kept = stored_features(world)
    assert [f["properties"]["wijkcode"] for f in kept] == ["WK036300", "WK036301"]
    assert peak < size / 4, f"peak {peak:,} bytes for a file of {size:,}"


def test_the_zipped_country_file_from_pdok_is_accepted(world):
    data = zipped(
        {
            "wijken_2023_v1.geojson": collection(others(200) + our_wijken() + others(50)),
            "licentie.txt": b"CC-BY 4.0 CBS/Kadaster",
            "metadata/": b"",
        }
    )
    response = post_map(world, data, name="wijkenbuurten_2023_v1.zip")
    assert message_of(response) == "De wijkkaart is opgeslagen."
    assert [f["properties"]["wijknaam"] for f in stored_features(world)] == [
        "Burgwallen",
        "Grachtengordel",
    ]


# A wijk code of ours under another gemeente's code is not ours (a buurt file mixes levels).
def test_the_gemeente_code_must_match_too(world):
    data = collection(
        [feature("WK036300", square(4.89, 52.37), "Burgwallen", OURS)]
        + [feature("WK036399", square(4.95, 52.37), "Elders", "GM0599")]
    )
    assert message_of(post_map(world, data)) == "De wijkkaart is opgeslagen."
    assert [f["properties"]["wijknaam"] for f in stored_features(world)] == ["Burgwallen"]


# --------------------------------------------------------------------------- hostile files

BROKEN_ZIP = (
    "Dit zipbestand is beschadigd of klopt niet met zijn eigen inhoudsopgave; download het "
    "opnieuw of kies het GeoJSON-bestand zelf."
)

HOSTILE = [
    pytest.param(
        lambda: lie_about_sizes(deflate_bomb(3_000_000), claimed=2_000),
        BROKEN_ZIP,
        id="header-claims-less-than-it-inflates-to",
    ),
    pytest.param(
        lambda: lie_about_sizes(deflate_bomb(3_000_000), claimed=100_000_000),
        BROKEN_ZIP,
        id="header-claims-more-than-it-inflates-to",
    ),
    pytest.param(
        lambda: lie_about_sizes(deflate_bomb(3_000_000), claimed=4_000_000_000),
        "Het GeoJSON-bestand in dit zipbestand is uitgepakt groter dan 600,0 MB; dat is geen "
        "wijkkaart.",
        id="header-claims-4-GB",
    ),
    pytest.param(
        lambda: many_members(5_000),
        "Dit zipbestand bevat 5000 bestanden; een wijkkaart is één kaartbestand (GeoJSON, "
        "GeoPackage of shapefile; hooguit 20 bestanden in het zipbestand).",
        id="5000-members",
    ),
    pytest.param(
        lambda: zipped({"a.geojson": collection(our_wijken()), "b.json": b"{}"}),
        "Dit zipbestand bevat meer dan één GeoJSON-bestand; zip alleen de wijkkaart.",
        id="two-geojson-members",
    ),
    pytest.param(
        lambda: zipped({"leesmij.txt": b"", "wijken.zip": zipped({"w.geojson": b"{}"})}),
        "Dit zipbestand bevat geen wijkkaart: geen GeoJSON (.geojson of .json), GeoPackage "
        "(.gpkg) of shapefile (.shp).",
        id="no-map-member-nested-zip",
    ),
    pytest.param(
        lambda: zipped({"wijken.shp": b"\x00" * 100, "wijken.zip": zipped({"w.geojson": b"{}"})}),
        "Het shapefile wijken.shp in dit zipbestand mist zijn .dbf-bestand met de wijkcodes; zip "
        "alle bestanden van het shapefile samen.",
        id="shapefile-without-its-dbf",
    ),
    pytest.param(
        lambda: set_encrypted_flag(zipped({"wijken.geojson": collection(our_wijken())})),
        "Dit zipbestand is met een wachtwoord beveiligd; pak het eerst uit.",
        id="encrypted",
    ),
    pytest.param(
        lambda: b"PK\x03\x04" + b"\x00" * 5_000,
        BROKEN_ZIP,
        id="zip-signature-without-a-zip",
    ),
    pytest.param(
        lambda: zipped({"wijken.geojson": collection(our_wijken())})[:-30],
        BROKEN_ZIP,
        id="truncated-zip",
    ),
    pytest.param(
        lambda: (
            b'{"type": "FeatureCollection", "features": [' + b"[" * 30_000 + b"]" * 30_000 + b"]}"
        ),
        "Dit bestand is geen geldige GeoJSON: de JSON is te diep genest.",
        id="30000-levels-deep",
    ),
    pytest.param(
        lambda: (
            b'{"type": "FeatureCollection", "features": [{"a": {"b": "'
            + b"]" * 40
            + b'", "c": '
            + b"[" * 70
            + b"1"
            + b"]" * 70
            + b"}}]}"
        ),
        "Dit bestand is geen geldige GeoJSON: de JSON is te diep genest.",
        id="deep-behind-brackets-in-a-string",
    ),
    pytest.param(
        lambda: (
            b'{"type": "FeatureCollection", "name": "' + b"x" * 2_000_000 + b'", "features": []}'
        ),
        "Dit bestand is geen geldige GeoJSON: er staat een tekst van meer dan 1,0 MB in.",
        id="2-MB-string",
    ),
    pytest.param(
        lambda: collection([feature("WK036300", jagged_circle(10), "Burgwallen", OURS)])[:-3],
        "Dit bestand is geen geldige GeoJSON: de JSON-opbouw klopt niet.",
        id="truncated-json",
    ),
    pytest.param(
        lambda: json.dumps({"type": "Feature", "geometry": None}).encode(),
        "Dit bestand is geen GeoJSON-FeatureCollection maar Feature; exporteer alle wijken "
        "samen als één FeatureCollection.",
        id="a-feature-not-a-collection",
    ),
    pytest.param(
        lambda: b'{"type": "FeatureCollection", "features": [1e999]}',
        "Dit bestand is geen geldige GeoJSON: de JSON-opbouw klopt niet.",
        id="number-overflow",
    ),
]


@pytest.mark.parametrize(("recipe", "message"), HOSTILE)
def test_hostile_map_files_are_refused(world, private_media, recipe, message):
    tracemalloc.start()
    try:
        response = post_map(world, recipe(), name="wijken.zip")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert message_of(response) == message
    assert_nothing_stored(world, private_media)
    assert peak < 60_000_000


def test_an_honest_bomb_is_stopped_by_the_inflated_cap(world, private_media, monkeypatch):
    """A header that tells the truth about a bomb is refused from the header; with the cap
    set lower than the header's claim would allow, the counting reader stops it mid-stream."""
    monkeypatch.setattr(geofiles, "MAX_INFLATED_BYTES", 1_000_000)
    response = post_map(world, deflate_bomb(3_000_000), name="wijken.zip")
    assert message_of(response) == (
        "Het GeoJSON-bestand in dit zipbestand is uitgepakt groter dan 1,0 MB; dat is geen "
        "wijkkaart."
    )
    assert_nothing_stored(world, private_media)


def test_a_feature_larger_than_the_cap_is_refused_while_it_streams(
    world, private_media, monkeypatch
):
    monkeypatch.setattr(geofiles, "MAX_FEATURE_BYTES", 500_000)
    data = collection(
        [feature("WK036300", jagged_circle(40_000), "Burgwallen", OURS)] + our_wijken()[1:]
    )
    assert message_of(post_map(world, data)) == (
        "Eén object in dit bestand is groter dan 500 kB; vereenvoudig de geometrie en probeer "
        "het opnieuw."
    )
    assert_nothing_stored(world, private_media)


# --------------------------------------------------------------------------- simplification


def test_a_detailed_wijk_is_stored_simplified_and_still_drawn(world):
    """A wijk with 200,000 points: stored with a few hundred, valid, the same area within a
    percent, and the indicator page draws it."""
    project = world.project
    project.min_n, project.warn_n = 1, 3
    project.save()
    survey_import_now(actor=None, project=project, upload=csv_upload(), year=2023, mapping=MAPPING)
    detailed = jagged_circle(200_000)
    hole = [list(reversed(square(4.888, 52.368, 0.004)[0]))]
    data = collection(
        [
            feature("WK036300", detailed + hole, "Burgwallen", OURS),
            feature("WK036301", square(4.91, 52.37), "Grachtengordel", OURS),
        ]
    )
    assert message_of(post_map(world, data)) == "De wijkkaart is opgeslagen."
    stored = stored_features(world)[0]["geometry"]
    points = sum(len(ring) for ring in stored["coordinates"])
    assert points < 2_000, points
    before, after = shape({"type": "Polygon", "coordinates": detailed + hole}), shape(stored)
    assert after.is_valid and after.geom_type == "Polygon"
    assert len(stored["coordinates"]) == 2  # the hole is still there
    assert abs(after.area - before.area) / before.area < 0.01
    assert all(
        round(value, 5) == value
        for ring in stored["coordinates"]
        for position in ring
        for value in position
    )
    response = world.client("ambtenaar").get(
        page(world, "indicator", code="voelt_zich_weleens_onveilig")
    )
    text = response.content.decode()
    assert "Burgwallen: 50,0%" in text and "Grachtengordel: 25,0%" in text


def test_simplify_keeps_small_wijken_and_is_reusable():
    from analysis.figures.geometry import simplify_geometry

    tiny = {"type": "Polygon", "coordinates": square(4.9, 52.37, 0.00002)}  # about 2 m
    kept = simplify_geometry(tiny)
    assert kept["type"] == "Polygon" and shape(kept).area > 0
    islands = {
        "type": "MultiPolygon",
        "coordinates": [jagged_circle(5_000), square(4.95, 52.40)],
    }
    simple = simplify_geometry(islands)
    assert simple["type"] == "MultiPolygon" and len(simple["coordinates"]) == 2
    assert shape(simple).is_valid


# --------------------------------------------------------------------------- the mapping page


def wide_survey(extra: int) -> str:
    """The hand-sized survey with `extra` more columns in front of its questions, as a .sav
    with thousands of columns has: the questions are then on a later page of the list."""
    lines = SMALL.strip().splitlines()
    cells = [line.split(";") for line in lines]
    header = cells[0][:3] + [f"x{number:05d}" for number in range(extra)] + cells[0][3:]
    rows = [row[:3] + ["1"] * extra + row[3:] for row in cells[1:]]
    return "\n".join(";".join(row) for row in [header, *rows]) + "\n"


@pytest.fixture
def wide_run(world, django_capture_on_commit_callbacks):
    project = world.project
    project.min_n, project.warn_n = 1, 3
    project.save()
    client = world.client("ambtenaar")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            page(world, "import_new"),
            {"kind": "survey", "file": csv_upload(wide_survey(1_200)), "year": 2023},
        )
    run = ImportRun.objects.get(project=project)
    assert run.status == "mapping" and len(run.variables) == 1_205
    return run


def options(html: str, field: str) -> list[str]:
    select = re.search(rf'<select[^>]* name="{field}"[^>]*>(.*?)</select>', html, re.S)
    return re.findall(r'<option value="([^"]*)"', select.group(1))


def selected(html: str, field: str) -> str:
    select = re.search(rf'<select[^>]* name="{field}"[^>]*>(.*?)</select>', html, re.S)
    found = re.search(r'<option value="([^"]*)" selected>', select.group(1))
    return found.group(1) if found else ""


def text_value(html: str, field: str) -> str:
    tag = re.search(rf'<input[^>]* name="{field}"[^>]*>', html).group(0)
    value = re.search(r'value="([^"]*)"', tag)
    return value.group(1) if value else ""


FEELING = "ind__voelt_zich_weleens_onveilig__variable"


def test_many_variables_are_listed_a_page_at_a_time_with_a_search(world, wide_run):
    client = world.client("ambtenaar")
    target = page(world, "import_detail", run_uuid=wide_run.uuid)
    response = client.get(target)
    html = response.content.decode()
    assert response.status_code == 200
    assert len(response.content) < 1_000_000
    assert "Zoek een variabele" in html and "1–50 van 1205" in html
    assert html.count('<th scope="row" class="fw-normal"><code>') == 50
    # The suggestion is offered; the page's variables are; a variable on a later page is not.
    assert selected(html, "weight") == "weegfactor" and selected(html, "wijk") == "wijk"
    assert "x00010" in options(html, FEELING) and "onv_alg" not in options(html, FEELING)
    found = client.get(target, {"zoek": "ONV_a"}).content.decode()
    assert "<code>onv_alg</code>" in found and "1–1 van 1" in found
    assert options(found, FEELING) == ["", "onv_alg"]
    assert selected(found, "weight") == "weegfactor"  # the suggestion stays on every page
    last = client.get(target, {"pagina": "25"}).content.decode()
    assert "<code>cijfer</code>" in last and "1201–1205 van 1205" in last
    nothing = client.get(target, {"zoek": "bestaat niet"}).content.decode()
    assert "Geen variabelen met ‘bestaat niet’ in naam of omschrijving." in nothing


def test_what_was_chosen_is_kept_across_searches_and_pages(world, wide_run):
    client = world.client("ambtenaar")
    post = page(world, "import_mapping", run_uuid=wide_run.uuid)
    detail = page(world, "import_detail", run_uuid=wide_run.uuid)
    typed = {
        "weight": "weegfactor",
        "wijk": "wijk",
        "respondent_id": "respnr",
        "missing_codes": "99",
        "ind__voelt_zich_weleens_onveilig__codes": "1, 2",
        "own__0__name": "Voorstander van cameratoezicht",
        "zoek": "onv",
        "navigeer": "zoeken",
        "op_pagina": "1",
    }
    response = client.post(post, typed)
    assert response.status_code == 302
    assert response["Location"] == f"{detail}?zoek=onv#variabelen"
    found = client.get(response["Location"]).content.decode()
    assert text_value(found, "missing_codes") == "99"
    assert text_value(found, "own__0__name") == "Voorstander van cameratoezicht"
    assert text_value(found, "ind__voelt_zich_weleens_onveilig__codes") == "1, 2"
    assert "onv_alg" in options(found, FEELING)
    # Choose the found variable, then turn to page 3: the choice stays, offered and selected.
    typed |= {FEELING: "onv_alg", "pagina": "3"}
    del typed["navigeer"]
    response = client.post(post, typed)
    assert response["Location"] == f"{detail}?zoek=onv&pagina=3#variabelen"
    third = client.get(f"{detail}?pagina=3").content.decode()
    assert "101–150 van 1205" in third
    assert selected(third, FEELING) == "onv_alg"
    assert text_value(third, "missing_codes") == "99"
    assert not SurveyEdition.objects.exists()  # turning pages imports nothing


def test_a_mapping_chosen_from_the_long_list_imports_correctly(
    world, wide_run, django_capture_on_commit_callbacks
):
    client = world.client("ambtenaar")
    data = {
        "weight": "weegfactor",
        "wijk": "wijk",
        "respondent_id": "respnr",
        "missing_codes": "99",
        FEELING: "onv_alg",
        "ind__voelt_zich_weleens_onveilig__kind": "proportion",
        "ind__voelt_zich_weleens_onveilig__codes": "1, 2",
        "ind__rapportcijfer_veiligheid_buurt__variable": "cijfer",
        "ind__rapportcijfer_veiligheid_buurt__kind": "mean",
        "ind__rapportcijfer_veiligheid_buurt__range": "1-10",
        "zoek": "",
        "op_pagina": "7",
    }
    bad = client.post(
        page(world, "import_mapping", run_uuid=wide_run.uuid), data | {FEELING: "x99999"}
    )
    assert bad.status_code == 200 and "x99999 is geen beschikbare keuze" in bad.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page(world, "import_mapping", run_uuid=wide_run.uuid), data)
    assert response.status_code == 302
    store_preview(client, world, wide_run)
    assert wide_run.status == "done", wide_run.message
    total = IndicatorResult.objects.get(
        edition__year=2023, area__code="GM0363", indicator__code="voelt_zich_weleens_onveilig"
    )
    assert total.estimate == pytest.approx(250 / 6)
    mark = IndicatorResult.objects.get(
        edition__year=2023, area__code="GM0363", indicator__code="rapportcijfer_veiligheid_buurt"
    )
    assert mark.n == 5  # the 99 was left out


# --------------------------------------------------------------------------- maps stored before

BEFORE = [("analysis", "0005_alter_importrun_file")]
AFTER = [("analysis", "0006_simplify_stored_wijk_maps")]


@pytest.mark.django_db(transaction=True)
def test_wijk_maps_stored_before_are_simplified_by_the_migration(private_media):
    """A map kept with all its points before simplification existed stops slowing pages."""
    from django.core.files.base import ContentFile
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from tests.factories import gemeente

    home = gemeente(OURS)
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    OldWijkMap = old_apps.get_model("analysis", "WijkMap")
    detailed = jagged_circle(100_000)
    stored = OldWijkMap(gemeente_id=home.pk, code_property="wijkcode", name_property="wijknaam")
    data = collection([feature("WK036300", detailed, "Burgwallen", OURS)])
    stored.file.save("GM0363-wijken.geojson", ContentFile(data), save=False)
    stored.save()
    old_name = stored.file.name

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    # Going back to analysis 0005 also took back the migrations of other apps that depend on
    # later analysis ones; put the whole schema back, so the test database ends as it began.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    wijk_map = WijkMap.objects.get(pk=stored.pk)
    with wijk_map.file.open("rb") as handle:
        geometry = json.loads(handle.read())["features"][0]["geometry"]
    assert sum(len(ring) for ring in geometry["coordinates"]) < 1_000
    before, after = shape({"type": "Polygon", "coordinates": detailed}), shape(geometry)
    assert after.is_valid and abs(after.area - before.area) / before.area < 0.01
    assert not wijk_map.file.storage.exists(old_name) or wijk_map.file.name == old_name
