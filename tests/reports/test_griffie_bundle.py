"""The griffie bundle: one ZIP with the voorstel, the besluit and the bijlagen as PDF and a
manifest whose checksums match the files; editors always, a raadslid only once the voorstel is
published to the raad, and then only with the bijlagen published to them as well."""

import csv
import hashlib
import io
import json
import zipfile
from decimal import Decimal

import pytest
from pypdf import PdfReader

from kernbeleid.models import Goal
from kernbeleid.products.raadsvoorstel import services as rv_services
from projects.models import AuditEntry
from reports import services
from reports.constants import Audience, DocumentKind, PublicationPurpose
from tests.factories import ProjectFactory
from tests.reports.publication_helpers import reports_url

MANIFEST_HEADER = "volgorde;bestandsnaam;titel;documentsoort;versie;datum;sha256;bytes"


@pytest.fixture
def project(world):
    project = ProjectFactory(gemeente=world.gemeente, step=10)
    Goal.objects.filter(project=project).update(budget=Decimal(12500))
    return project


@pytest.fixture
def kadernota(project):
    return services.version_for(actor=None, project=project, document=DocumentKind.KADERNOTA)


@pytest.fixture
def voorstel(world, project, kadernota):
    rv_services.raadsvoorstel_draft(project, "9")
    rv_services.raadsvoorstel_save(
        actor=world.users["ambtenaar"],
        project=project,
        occasion="9",
        texts={"onderwerp": "Vaststelling veiligheidsplan"},
        college_date=None,
        college_number="B&W 2027-042",
    )
    return services.version_for(
        actor=None, project=project, document=DocumentKind.RAADSVOORSTEL, part="9"
    )


def _download(client, project, version):
    return client.post(reports_url(project, "griffie_bundle", version_uuid=version.uuid))


def _zip(response) -> zipfile.ZipFile:
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_bundle_holds_voorstel_besluit_bijlage_and_a_matching_manifest(
    world, project, kadernota, voorstel, private_media
):
    bundle = _zip(_download(world.client("ambtenaar"), project, voorstel))
    names = bundle.namelist()
    bijlage = "03-bijlage-kadernota-integrale-veiligheid.pdf"
    assert names == [
        "01-raadsvoorstel.pdf",
        "02-raadsbesluit.pdf",
        bijlage,
        "manifest.csv",
        "manifest.json",
    ]
    manifest = bundle.read("manifest.csv").decode("utf-8")
    assert manifest.splitlines()[0] == MANIFEST_HEADER
    rows = list(csv.DictReader(io.StringIO(manifest), delimiter=";"))
    assert [(r["volgorde"], r["bestandsnaam"], r["documentsoort"]) for r in rows] == [
        ("1", "01-raadsvoorstel.pdf", "raadsvoorstel"),
        ("2", "02-raadsbesluit.pdf", "raadsbesluit"),
        ("3", bijlage, "bijlage"),
    ]
    for row in rows:
        data = bundle.read(row["bestandsnaam"])
        assert row["sha256"] == hashlib.sha256(data).hexdigest()
        assert int(row["bytes"]) == len(data)
    assert rows[2]["versie"] == kadernota.label
    assert rows[1]["titel"] == "Raadsbesluit vaststelling kadernota (stap 9)"
    assert json.loads(bundle.read("manifest.json"))[0]["sha256"] == rows[0]["sha256"]
    # The voorstel without its ontwerpbesluit; the besluit alone.
    voorstel_text = _pdf_text(bundle.read("01-raadsvoorstel.pdf"))
    besluit_text = _pdf_text(bundle.read("02-raadsbesluit.pdf"))
    assert "Vaststelling veiligheidsplan" in voorstel_text
    assert "Aldus besloten" not in voorstel_text
    assert "gelet op artikel 38b Politiewet 2012" in besluit_text
    assert "Aldus besloten" in besluit_text
    assert "Argumenten" not in besluit_text
    assert AuditEntry.objects.filter(project=project, action="griffiebundel gedownload").exists()


def test_opening_the_page_makes_nothing(world, project, voorstel):
    client = world.client("ambtenaar")
    response = client.get(reports_url(project, "griffie_bundle", version_uuid=voorstel.uuid))
    assert response.status_code == 200
    assert "Griffiebundel downloaden" in response.content.decode()
    assert not AuditEntry.objects.filter(action="griffiebundel gedownload").exists()


def test_a_raadslid_gets_the_bundle_only_once_published_to_the_raad(
    world, project, kadernota, voorstel, private_media
):
    raadslid = world.client("raadslid")
    assert _download(raadslid, project, voorstel).status_code == 404
    services.publish(
        actor=world.users["ambtenaar"],
        version=voorstel,
        audience=Audience.RAAD,
        purpose=PublicationPurpose.BESLUITVORMING,
    )
    # The kadernota version itself is not published to the raad: it stays out.
    names = _zip(_download(raadslid, project, voorstel)).namelist()
    assert names == ["01-raadsvoorstel.pdf", "02-raadsbesluit.pdf", "manifest.csv", "manifest.json"]


def test_a_partner_never_gets_the_bundle(world, project, voorstel):
    services.publish(
        actor=world.users["ambtenaar"],
        version=voorstel,
        audience=Audience.WERKGROEP,
        purpose=PublicationPurpose.INFORMATIE,
    )
    partner = world.client("partner")
    url = reports_url(project, "griffie_bundle", version_uuid=voorstel.uuid)
    assert partner.get(url).status_code == 403
    assert partner.post(url).status_code == 403


def test_only_a_raadsvoorstel_has_a_bundle(world, project, kadernota):
    client = world.client("ambtenaar")
    assert _download(client, project, kadernota).status_code == 404
