"""A werkgroep partner writes their organisation's input on a theme (names only: no theme
texts, figures or vertrouwelijk themes reach them); the ambtenaar sees it beside the theme and
adopts a part into a theme text, with the source kept in the text, in the bronnen, in the
theme's history and on the page (issue 14)."""

import pytest
import time_machine
from django.urls import reverse

from analysis.models import AnalysisTheme, InputAdoption, PartnerInput, ThemeRevision
from analysis.narrative import services as va
from kernbeleid.constants import Organisation
from kernbeleid.models import WerkgroepMember
from projects.constants import ConfidentialReason, Role
from projects.models import AuditEntry, ConfidentialMark
from tests.factories import MembershipFactory, UserFactory, gemeente
from tests.reports.publication_helpers import at

SECRET = "Geheime knelpunttekst over de drugshandel"


@pytest.fixture
def theme(world):
    va.analysis_ensure(project=world.project)
    theme = AnalysisTheme.objects.get(field__project=world.project, code="1.4")
    va.theme_save(
        actor=world.users["ambtenaar"],
        theme=theme,
        base_version=theme.version,
        texts={"knelpunten": f"<p>{SECRET}</p>", "bronnen": "<p>Veiligheidsmonitor 2023</p>"},
    )
    theme.refresh_from_db()
    WerkgroepMember.objects.create(
        project=world.project,
        name="Petra de Vries",
        organisation=Organisation.POLITIE,
        user=world.users["partner"],
    )
    world.users["partner"].full_name = "Petra de Vries"
    world.users["partner"].save()
    return theme


def _partner_url(world, theme):
    return reverse(
        "kernbeleid:partner_theme",
        kwargs={
            "gemeente_slug": world.gemeente.slug,
            "project_uuid": world.project.uuid,
            "theme_uuid": theme.uuid,
        },
    )


def _va_url(world, name, **kwargs):
    return reverse(
        f"analysis:{name}",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid} | kwargs,
    )


INPUT = {
    "signals": "Meer meldingen van jongeren die 's avonds bij het station hangen.",
    "figures": "Basisteam: 212 meldingen overlast jeugd in 2025 (2024: 160).",
    "approach": "Wijkagenten lopen op vrijdag en zaterdag samen met het jongerenwerk.",
}


def test_a_partner_writes_input_seeing_only_the_theme_name(world, theme):
    partner = world.client("partner")
    home = partner.get(
        reverse(
            "kernbeleid:partner_home",
            kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid},
        )
    ).content.decode()
    assert theme.name in home and SECRET not in home
    page = partner.get(_partner_url(world, theme)).content.decode()
    assert theme.name in page and SECRET not in page and "Veiligheidsmonitor 2023" not in page

    saved = partner.post(_partner_url(world, theme), INPUT, follow=True)
    assert f"Uw inbreng over ‘{theme.name}’ is opgeslagen." in saved.content.decode()
    stored = PartnerInput.objects.get()
    assert (stored.signals, stored.figures, stored.approach) == tuple(INPUT.values())
    assert stored.organisation == "politie"
    assert stored.author == world.users["partner"]
    assert AuditEntry.objects.filter(action="inbreng partner opgeslagen").count() == 1


def test_bad_input_keeps_what_was_typed_and_saves_nothing(world, theme):
    too_long = "x" * 10_001
    response = world.client("partner").post(
        _partner_url(world, theme), {"signals": "Mijn tekst blijft staan", "figures": too_long}
    )
    page = response.content.decode()
    assert "Houd dit op hooguit 10000 tekens." in page
    assert "Mijn tekst blijft staan" in page
    assert not PartnerInput.objects.exists()
    empty = world.client("partner").post(_partner_url(world, theme), {})
    assert "Vul ten minste één van signalen" in empty.content.decode()


def test_a_vertrouwelijk_theme_does_not_reach_partners(world, theme):
    ConfidentialMark.objects.create(
        project=world.project, key=f"thema:{theme.uuid}", reason=ConfidentialReason.ONDERMIJNING
    )
    home = reverse(
        "kernbeleid:partner_home",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid},
    )
    assert theme.name not in world.client("partner").get(home).content.decode()
    assert world.client("partner").get(_partner_url(world, theme)).status_code == 404


def test_the_ambtenaar_adopts_input_with_its_source_kept_and_shown(world, theme):
    world.client("partner").post(_partner_url(world, theme), INPUT)
    partner_input = PartnerInput.objects.get()
    ambtenaar = world.client("ambtenaar")
    page = ambtenaar.get(_va_url(world, "va_theme", theme_uuid=theme.uuid)).content.decode()
    assert "Inbreng van de partners" in page and INPUT["figures"] in page

    prefix = f"inbreng-{partner_input.uuid}"
    with time_machine.travel(at(2026, 12, 3), tick=False):
        ambtenaar = world.client("ambtenaar")
        response = ambtenaar.post(
            _va_url(
                world, "va_partner_adopt", theme_uuid=theme.uuid, input_uuid=partner_input.uuid
            ),
            {
                f"{prefix}-version": theme.version,
                f"{prefix}-input_field": "figures",
                f"{prefix}-theme_field": "knelpunten",
                f"{prefix}-text": "212 meldingen overlast jeugd in 2025 (2024: 160).",
            },
            follow=True,
        )
    source = "inbreng politie (Petra de Vries), 3 december 2026"
    text = response.content.decode()
    assert f"Bron: {source}" in text
    theme.refresh_from_db()
    assert theme.knelpunten == (
        f"<p>{SECRET}</p><p>212 meldingen overlast jeugd in 2025 (2024: 160).</p>"
        f"<p><em>Bron: {source}</em></p>"
    )
    assert theme.bronnen == (
        "<p>Veiligheidsmonitor 2023</p><p>Inbreng politie (Petra de Vries), 3 december 2026</p>"
    )
    adoption = InputAdoption.objects.get()
    assert (adoption.partner_input, adoption.input_field, adoption.theme_field) == (
        partner_input,
        "figures",
        "knelpunten",
    )
    assert adoption.source_label == source
    revision = ThemeRevision.objects.get(theme=theme, version=theme.version)
    assert revision.note == f"{source} overgenomen in belangrijkste knelpunten"
    assert AuditEntry.objects.filter(action="inbreng partner overgenomen").count() == 1
    assert "Overgenomen in dit thema" in text


def test_adopting_on_a_stale_version_adopts_nothing(world, theme):
    world.client("partner").post(_partner_url(world, theme), INPUT)
    partner_input = PartnerInput.objects.get()
    stale = theme.version
    va.theme_save(
        actor=world.users["adviseur"],
        theme=theme,
        base_version=stale,
        texts={"knelpunten": "<p>Intussen herschreven</p>"},
    )
    prefix = f"inbreng-{partner_input.uuid}"
    response = world.client("ambtenaar").post(
        _va_url(world, "va_partner_adopt", theme_uuid=theme.uuid, input_uuid=partner_input.uuid),
        {
            f"{prefix}-version": stale,
            f"{prefix}-input_field": "signals",
            f"{prefix}-theme_field": "verbeterpunten",
        },
    )
    assert response.status_code == 409
    assert "Iemand anders heeft dit thema opgeslagen" in response.content.decode()
    theme.refresh_from_db()
    assert theme.verbeterpunten == "" and theme.knelpunten == "<p>Intussen herschreven</p>"
    assert not InputAdoption.objects.exists()


def test_a_partner_cannot_touch_theme_texts_or_another_partners_input(world, theme):
    partner = world.client("partner")
    saved = partner.post(
        _va_url(world, "va_theme_save", theme_uuid=theme.uuid),
        {"version": theme.version, "knelpunten": "Overschreven"},
    )
    assert saved.status_code == 403
    assert partner.get(_va_url(world, "va_theme", theme_uuid=theme.uuid)).status_code == 403

    other = UserFactory(email="brandweer@example.nl", full_name="Bram Brand")
    MembershipFactory(
        user=other, gemeente=world.gemeente, role=Role.PARTNER, organisation="Brandweer"
    )
    other_client = world.client("anonymous")
    other_client.force_login(other)
    other_client.post(_partner_url(world, theme), {"signals": "Brandgevaar in de schuren."})
    partner.post(_partner_url(world, theme), INPUT)
    politie = PartnerInput.objects.get(author=world.users["partner"])
    brandweer = PartnerInput.objects.get(author=other)
    assert brandweer.signals == "Brandgevaar in de schuren." and brandweer.figures == ""
    assert politie.signals == INPUT["signals"]

    adopt = _va_url(world, "va_partner_adopt", theme_uuid=theme.uuid, input_uuid=politie.uuid)
    assert partner.post(adopt, {}).status_code == 403


def test_raadslid_403_and_partner_elsewhere_404_on_theme_input(world, theme):
    raadslid = world.client("raadslid")
    assert raadslid.get(_partner_url(world, theme)).status_code == 403
    assert raadslid.post(_partner_url(world, theme), INPUT).status_code == 403
    elsewhere = UserFactory(email="politie@almere.example.nl")
    MembershipFactory(user=elsewhere, gemeente=gemeente("GM0034"), role=Role.PARTNER)
    client = world.client("anonymous")
    client.force_login(elsewhere)
    assert client.get(_partner_url(world, theme)).status_code == 404
    assert client.post(_partner_url(world, theme), INPUT).status_code == 404
    assert not PartnerInput.objects.exists()
