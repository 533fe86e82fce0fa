"""The retention setting on the gemeente settings page, the privacy statement, and the
platform-staff pages that export and erase a gemeente."""

import hashlib
import io
import re
import zipfile

import pytest
from django.test import Client
from django.urls import reverse

from projects.models import AuditEntry, Gemeente, Project
from tests.factories import UserFactory


def _settings_url(world):
    return reverse("projects:gemeente_settings", kwargs={"gemeente_slug": world.gemeente.slug})


def test_an_editor_sets_the_retention_period(world):
    client = world.client("ambtenaar")
    page = client.get(_settings_url(world)).content.decode()
    assert "Bewaartermijn respondentenbestanden (dagen)" in page
    assert 'value="90"' in page
    response = client.post(
        _settings_url(world), {"house_colour": "#1f4e79", "raw_file_retention_days": "30"}
    )
    assert response.status_code == 302
    world.gemeente.refresh_from_db()
    assert world.gemeente.raw_file_retention_days == 30
    entry = AuditEntry.objects.get(action="instellingen gewijzigd")
    assert entry.detail["raw_file_retention_days"] == {"van": 90, "naar": 30}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "Kies minstens 1 dag."),
        ("3651", "Kies hooguit 3650 dagen (tien jaar)."),
        ("negentig", "Vul een aantal dagen in, bijvoorbeeld 90."),
    ],
)
def test_a_bad_retention_period_is_refused_and_kept_in_the_form(world, value, message):
    response = world.client("ambtenaar").post(
        _settings_url(world), {"house_colour": "#1f4e79", "raw_file_retention_days": value}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert f'value="{value}"' in page
    world.gemeente.refresh_from_db()
    assert world.gemeente.raw_file_retention_days == 90


def test_privacy_statement_shows_the_gemeentes_own_retention(world):
    world.gemeente.raw_file_retention_days = 45
    world.gemeente.save()
    client = world.client("raadslid")
    page = client.get(
        reverse("projects:gemeente_privacy", kwargs={"gemeente_slug": world.gemeente.slug})
    ).content.decode()
    for heading in ("Verwerkingen", "Uw rechten", "Contact", "Grondslag", "Bewaartermijn"):
        assert heading in page
    assert "<strong>45 dagen</strong> na een geslaagde import" in page
    assert "Autoriteit Persoonsgegevens" in page

    general = client.get(reverse("projects:privacy")).content.decode()
    assert "<strong>90 dagen</strong>" in general
    assert reverse("projects:gemeente_privacy", args=[world.gemeente.slug]) in general


def test_the_footer_links_to_the_privacy_statement(world):
    client = world.client("ambtenaar")
    home = client.get(world.gemeente.get_absolute_url()).content.decode()
    assert f'href="/g/{world.gemeente.slug}/privacy/">Privacyverklaring' in home
    anonymous = Client().get(reverse("accounts:login")).content.decode()
    assert "Privacyverklaring" not in anonymous


# --- platform staff ---------------------------------------------------------------------------


@pytest.fixture
def staff(world):
    user = UserFactory(email="beheer@example.nl", is_staff=True)
    client = Client()
    client.force_login(user)
    return client


def test_tenant_users_do_not_reach_the_platform_pages(world):
    url = reverse("projects:platform_gemeente_end", args=[world.gemeente.cbs_code])
    for persona in ("adviseur", "ambtenaar", "raadslid", "partner", "outsider"):
        assert world.client(persona).get(url).status_code == 404
        assert world.client(persona).post(url, {"maak_export": "1"}).status_code == 404
    assert not AuditEntry.objects.filter(action="export gemaakt").exists()


def test_staff_export_download_then_erase(world, staff, django_capture_on_commit_callbacks):
    listing = staff.get(reverse("projects:platform_gemeenten")).content.decode()
    assert "Amsterdam" in listing and "Almere" in listing
    url = reverse("projects:platform_gemeente_end", args=["GM0363"])
    page = staff.get(url).content.decode()
    assert "Maak eerst de export; zonder export wordt niets gewist." in page

    response = staff.post(url, {"maak_export": "1"}, follow=True)
    page = response.content.decode()
    checksum = re.search(r"controlegetal ([0-9a-f]{64})", page).group(1)
    name = re.search(r"(GM0363-\d{8}-\d{6}-[0-9a-f]{8}\.zip)", page).group(1)
    download = staff.get(reverse("projects:platform_export_download", args=["GM0363", name]))
    data = b"".join(download.streaming_content)
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert "LEESMIJ.txt" in archive.namelist()
    assert hashlib.sha256(data).hexdigest() == checksum

    # A wrong name: the form again with the message and what was typed; nothing erased.
    response = staff.post(url, {"export": name, "confirm_name": "Amstelveen"})
    assert response.status_code == 200
    assert "Typ de naam van de gemeente precies: Amsterdam." in response.content.decode()
    assert 'value="Amstelveen"' in response.content.decode()
    assert Project.objects.filter(gemeente=world.gemeente).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(url, {"export": name, "confirm_name": "Amsterdam"}, follow=True)
    assert "Gemeente Amsterdam (GM0363) is gewist" in response.content.decode()
    assert not Gemeente.objects.filter(cbs_code="GM0363").exists()
    entry = AuditEntry.objects.get(action="gemeente gewist")
    assert entry.detail["export (SHA-256)"] == checksum
    assert entry.gemeente_id is None
    # The export is still there for handing over, until staff delete it.
    assert name in response.content.decode()
    staff.post(reverse("projects:platform_export_delete", args=["GM0363", name]))
    gone = staff.get(reverse("projects:platform_export_download", args=["GM0363", name]))
    assert gone.status_code == 404
    assert Project.objects.filter(gemeente=world.other).exists()


def test_an_export_name_outside_the_list_is_refused(world, staff):
    url = reverse("projects:platform_export_download", args=["GM0363", "..%2F..%2Fsecret.zip"])
    assert staff.get(url).status_code == 404


def test_an_export_older_than_the_last_change_cannot_be_used_to_erase(world, staff):
    from projects.services import audit_record

    url = reverse("projects:platform_gemeente_end", args=["GM0363"])
    page = staff.post(url, {"maak_export": "1"}, follow=True).content.decode()
    name = re.search(r"(GM0363-\d{8}-\d{6}-[0-9a-f]{8}\.zip)", page).group(1)
    audit_record(actor=None, action="thema bewerkt", gemeente=world.gemeente)  # a later change
    response = staff.post(url, {"export": name, "confirm_name": "Amsterdam"})
    assert "Na deze export is er nog iets gewijzigd" in response.content.decode()
    assert Gemeente.objects.filter(cbs_code="GM0363").exists()
