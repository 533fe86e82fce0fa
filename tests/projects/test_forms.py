"""Bad input on every form gets a Dutch message and changes nothing; good input works."""

import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects.models import AuditEntry, Gemeente, Membership, Project


def png_bytes(width: int = 2, height: int = 2) -> bytes:
    """A real, minimal PNG (no Pillow needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _errors(response) -> str:
    return response.content.decode()


# --- project -------------------------------------------------------------------------

VALID_PROJECT = {
    "name": "Integraal Veiligheidsplan 2027-2030",
    "scope": "kernbeleid",
    "period_start": "2027",
    "period_end": "2030",
    "next_deadline": "2027-03-01",
    "next_deadline_label": "Startnotitie in de raad",
}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Dit veld is verplicht"),
        ({"period_end": "2025"}, "Het laatste beleidsjaar ligt vóór het eerste"),
        ({"period_start": "1999"}, "Kies een jaar tussen 2000 en"),
        ({"period_start": "twintig"}, "Voer een geheel getal in"),
        ({"scope": "alles"}, "Selecteer een geldige keuze"),
        ({"next_deadline": "31-02-2027"}, "Voer een geldige datum in"),
        ({"next_deadline": ""}, "Geef ook de datum van deze deadline"),
    ],
)
def test_project_create_bad_input(world, changes, message):
    client = world.client("ambtenaar")
    url = reverse("projects:project_create", kwargs={"gemeente_slug": world.gemeente.slug})
    before = Project.objects.count()
    response = client.post(url, VALID_PROJECT | changes)
    assert response.status_code == 200
    assert message in _errors(response)
    assert Project.objects.count() == before


def test_project_create_and_edit(world):
    client = world.client("adviseur")
    url = reverse("projects:project_create", kwargs={"gemeente_slug": world.gemeente.slug})
    response = client.post(url, VALID_PROJECT)
    project = Project.objects.get(name=VALID_PROJECT["name"])
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    assert project.gemeente == world.gemeente
    edit = reverse(
        "projects:project_edit",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": project.uuid},
    )
    response = client.post(edit, VALID_PROJECT | {"period_end": "2020"})
    assert "Het laatste beleidsjaar ligt vóór het eerste" in _errors(response)
    project.refresh_from_db()
    assert project.period_end == 2030
    client.post(edit, VALID_PROJECT | {"name": "IVP 2027-2030"})
    project.refresh_from_db()
    assert project.name == "IVP 2027-2030"
    assert list(AuditEntry.objects.filter(project=project).values_list("action", flat=True)) == [
        "project gewijzigd",
        "project aangemaakt",
    ]


def test_project_of_another_gemeente_cannot_be_edited_through_this_one(world):
    client = world.client("ambtenaar")
    edit = reverse(
        "projects:project_edit",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.other_project.uuid},
    )
    assert client.post(edit, VALID_PROJECT).status_code == 404
    world.other_project.refresh_from_db()
    assert world.other_project.name != VALID_PROJECT["name"]


def test_raadslid_post_changes_nothing(world):
    client = world.client("raadslid")
    url = reverse("projects:project_create", kwargs={"gemeente_slug": world.gemeente.slug})
    response = client.post(url, VALID_PROJECT)
    assert response.status_code == 403
    assert "Uw rol" in response.content.decode()
    assert not Project.objects.filter(name=VALID_PROJECT["name"]).exists()


# --- gemeente settings and logo ------------------------------------------------------


def _settings_url(world) -> str:
    return reverse("projects:gemeente_settings", kwargs={"gemeente_slug": world.gemeente.slug})


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"house_colour": "rood"}, "Gebruik een kleur als #1f4e79"),
        ({"house_colour": "#12345"}, "Gebruik een kleur als #1f4e79"),
        (
            {"house_colour": "#123456", "inhabitants": "-5"},
            "Zorg ervoor dat deze waarde minstens 1 is",
        ),
        (
            {
                "house_colour": "#123456",
                "logo": SimpleUploadedFile("logo.png", b"<script>alert(1)</script>"),
            },
            "geen PNG- of JPEG-afbeelding",
        ),
        (
            {"house_colour": "#123456", "logo": SimpleUploadedFile("logo.svg", b"<svg/>")},
            "geen PNG- of JPEG-afbeelding",
        ),
    ],
)
def test_gemeente_settings_bad_input(world, data, message):
    before = Gemeente.objects.filter(pk=world.gemeente.pk).values().get()
    response = world.client("ambtenaar").post(_settings_url(world), data)
    assert response.status_code == 200
    assert message in _errors(response)
    assert Gemeente.objects.filter(pk=world.gemeente.pk).values().get() == before


def test_logo_over_the_limit_is_refused(world, settings):
    settings.LOGO_MAX_BYTES = 100
    logo = SimpleUploadedFile("logo.png", png_bytes() + b"\x00" * 200)
    response = world.client("ambtenaar").post(
        _settings_url(world), {"house_colour": "#123456", "logo": logo}
    )
    assert "groter dan 2 MB" in _errors(response)
    world.gemeente.refresh_from_db()
    assert not world.gemeente.logo


def test_logo_is_private_to_members(world, private_media):
    response = world.client("ambtenaar").post(
        _settings_url(world),
        {
            "house_colour": "#AA0000",
            "inhabitants": "931298",
            "logo": SimpleUploadedFile("wapen.png", png_bytes()),
        },
    )
    assert response.status_code == 302
    world.gemeente.refresh_from_db()
    assert world.gemeente.house_colour == "#aa0000"
    assert world.gemeente.inhabitants == 931298
    stored = private_media / world.gemeente.logo.name
    assert stored.read_bytes().startswith(b"\x89PNG")  # re-encoded (tests/security/test_logo.py)
    logo_url = reverse("projects:gemeente_logo", kwargs={"gemeente_slug": world.gemeente.slug})
    for persona in ("raadslid", "partner", "adviseur"):
        response = world.client(persona).get(logo_url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == stored.read_bytes()
    assert world.client("outsider").get(logo_url).status_code == 404
    assert world.client("anonymous").get(logo_url).status_code == 302
    audit = AuditEntry.objects.get(gemeente=world.gemeente, action="instellingen gewijzigd")
    assert audit.detail["house_colour"] == {"van": "#1f4e79", "naar": "#AA0000"}


def test_replacing_the_logo_removes_the_old_file_after_commit(
    world, private_media, django_capture_on_commit_callbacks
):
    client = world.client("ambtenaar")
    client.post(
        _settings_url(world),
        {"house_colour": "#123456", "logo": SimpleUploadedFile("a.png", png_bytes())},
    )
    world.gemeente.refresh_from_db()
    first = private_media / world.gemeente.logo.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            _settings_url(world),
            {"house_colour": "#123456", "logo": SimpleUploadedFile("b.png", png_bytes(3, 3))},
        )
    world.gemeente.refresh_from_db()
    assert not first.exists()
    assert (private_media / world.gemeente.logo.name).exists()


# --- members -------------------------------------------------------------------------


def _members_url(world) -> str:
    return reverse("projects:gemeente_members", kwargs={"gemeente_slug": world.gemeente.slug})


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "geen-adres", "role": "raadslid"}, "Voer een geldig e-mailadres in"),
        ({"email": "agent@politie.nl", "role": "partner"}, "Vul de organisatie van deze partner"),
        ({"email": "a@b.nl", "role": "burgemeester"}, "Selecteer een geldige keuze"),
        ({"email": "raadslid@example.nl", "role": "raadslid"}, "al lid van deze gemeente"),
    ],
)
def test_member_add_bad_input(world, data, message):
    before = Membership.objects.count()
    response = world.client("ambtenaar").post(_members_url(world), data)
    assert response.status_code == 200
    assert message in _errors(response)
    assert Membership.objects.count() == before


def test_member_add_invites_a_new_person(world, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = world.client("ambtenaar").post(
            _members_url(world),
            {"email": "brandweer@vrh.nl", "role": "partner", "organisation": "Brandweer"},
        )
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="brandweer@vrh.nl")
    assert membership.gemeente == world.gemeente and membership.organisation == "Brandweer"
    assert [mail.to for mail in mailoutbox] == [["brandweer@vrh.nl"]]
    assert "Uitnodiging" in mailoutbox[0].subject


def test_member_remove(world):
    url = reverse(
        "projects:member_remove",
        kwargs={
            "gemeente_slug": world.gemeente.slug,
            "membership_uuid": world.memberships["raadslid"].uuid,
        },
    )
    assert world.client("partner").post(url, {"confirmed": "1"}).status_code == 403
    assert Membership.objects.filter(pk=world.memberships["raadslid"].pk).exists()
    response = world.client("ambtenaar").post(url, {"confirmed": "1"}, follow=True)
    assert "heeft geen toegang meer" in response.content.decode()
    assert not Membership.objects.filter(pk=world.memberships["raadslid"].pk).exists()
    # The removed raadslid now sees nothing of the gemeente.
    home = reverse("projects:gemeente_home", kwargs={"gemeente_slug": world.gemeente.slug})
    assert world.client("raadslid").get(home).status_code == 404


def test_membership_of_another_gemeente_cannot_be_removed_here(world):
    url = reverse(
        "projects:member_remove",
        kwargs={
            "gemeente_slug": world.gemeente.slug,
            "membership_uuid": world.memberships["outsider"].uuid,
        },
    )
    assert world.client("ambtenaar").post(url, {"confirmed": "1"}).status_code == 404
    assert Membership.objects.filter(pk=world.memberships["outsider"].pk).exists()


def test_audit_log_pages_with_htmx(world):
    from projects.services import audit_record

    for number in range(30):
        audit_record(
            actor=world.users["ambtenaar"], action=f"actie {number}", project=world.project
        )
    url = reverse(
        "projects:project_audit",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid},
    )
    client = world.client("adviseur")
    first = client.get(url).content.decode()
    assert "actie 29" in first and "actie 4" not in first and "Oudere regels tonen" in first
    rest = client.get(url + "?pagina=2", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in rest and "actie 4" in rest and "actie 29" not in rest
