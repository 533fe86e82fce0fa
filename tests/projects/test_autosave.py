"""Autosaved drafts (issue 17, "nothing typed is lost"): what a user typed in the theme editor
or the kadernota is kept as that user's draft, comes back on return with a notice, goes when
saved or discarded, and is seen by nobody else. Opening a page keeps nothing."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from analysis.models import AnalysisTheme
from analysis.narrative import services as va_services
from kernbeleid.models import Kadernota
from projects.autosave import FormDraft, draft_store
from projects.models import AuditEntry
from projects.scopes import gemeente_scope

NOTICE = "U heeft niet-opgeslagen wijzigingen van"


@pytest.fixture
def subject(world) -> AnalysisTheme:
    va_services.analysis_ensure(project=world.project)
    return AnalysisTheme.objects.get(field__project=world.project, code="1.4")


def va(world, name, subject, **extra):
    kwargs = {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid}
    return reverse(f"analysis:{name}", kwargs=kwargs | {"theme_uuid": subject.uuid} | extra)


def kb(world, name):
    kwargs = {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid}
    return reverse(f"kernbeleid:{name}", kwargs=kwargs)


def typed(subject, **texts):
    return {"version": str(subject.version), "knelpunten": "", **texts}


def test_a_draft_is_kept_and_comes_back_with_a_notice(world, subject):
    client = world.client("ambtenaar")
    response = client.post(
        va(world, "va_theme_draft", subject),
        typed(subject, knelpunten="<div>Woninginbraken in Haven<script>alert(1)</script></div>"),
    )
    assert response.status_code == 200
    assert response.json()["message"].startswith("Concept bewaard om ")
    draft = FormDraft.objects.get(user=world.users["ambtenaar"], project=world.project)
    assert draft.key == f"va-theme:{subject.uuid}"
    # Sanitised like the saved text: the script is gone before it is kept.
    assert draft.values["knelpunten"] == "<div>Woninginbraken in Haven</div>"
    subject.refresh_from_db()
    assert subject.knelpunten == "" and subject.version == 1  # the saved text is untouched

    page = client.get(va(world, "va_theme", subject)).content.decode()
    assert NOTICE in page and "Concept verwerpen" in page
    # The draft fills the form, escaped into the input's value, never as live HTML.
    assert escape("<div>Woninginbraken in Haven</div>") in page
    assert "<div>Woninginbraken in Haven</div>" not in page
    assert "alert(1)" not in page


def test_opening_the_editor_keeps_nothing(world, subject):
    client = world.client("ambtenaar")
    audits = AuditEntry.objects.count()
    for path in (va(world, "va_theme", subject), kb(world, "kadernota")):
        assert client.get(path).status_code == 200
    assert not FormDraft.objects.exists()
    assert AuditEntry.objects.count() == audits
    # A draft only for GET is refused: the endpoint takes POST only.
    assert client.get(va(world, "va_theme_draft", subject)).status_code == 405
    assert not FormDraft.objects.exists()


def test_discarding_removes_the_draft_and_shows_the_saved_text(world, subject):
    client = world.client("ambtenaar")
    va_services.theme_save(
        actor=None, theme=subject, texts={"knelpunten": "<p>Opgeslagen</p>"}, base_version=1
    )
    subject.refresh_from_db()
    client.post(va(world, "va_theme_draft", subject), typed(subject, knelpunten="<p>Concept</p>"))
    assert FormDraft.objects.count() == 1
    response = client.post(va(world, "va_theme_draft_discard", subject), follow=True)
    page = response.content.decode()
    assert "Het concept is verworpen" in page and NOTICE not in page
    assert escape("<p>Opgeslagen</p>") in page and "Concept</p>" not in page
    assert not FormDraft.objects.exists()


def test_saving_the_form_deletes_the_draft(world, subject):
    client = world.client("ambtenaar")
    client.post(va(world, "va_theme_draft", subject), typed(subject, knelpunten="<p>Concept</p>"))
    response = client.post(
        va(world, "va_theme_save", subject), typed(subject, knelpunten="<p>Concept</p>")
    )
    assert response.status_code == 302
    subject.refresh_from_db()
    assert subject.knelpunten == "<p>Concept</p>" and subject.version == 2
    assert not FormDraft.objects.exists()
    assert NOTICE not in client.get(va(world, "va_theme", subject)).content.decode()


def test_a_draft_equal_to_the_saved_text_is_no_news(world, subject):
    client = world.client("ambtenaar")
    client.post(va(world, "va_theme_draft", subject), typed(subject))
    assert FormDraft.objects.count() == 1
    assert NOTICE not in client.get(va(world, "va_theme", subject)).content.decode()


def test_only_the_author_sees_the_draft(world, subject):
    author = world.client("ambtenaar")
    author.post(va(world, "va_theme_draft", subject), typed(subject, knelpunten="<p>Geheim</p>"))
    colleague = world.client("adviseur").get(va(world, "va_theme", subject)).content.decode()
    assert NOTICE not in colleague and "Geheim" not in colleague
    # Another gemeente's member: the project does not exist for them, nothing is kept.
    outsider = world.client("outsider")
    assert outsider.get(va(world, "va_theme", subject)).status_code == 404
    response = outsider.post(va(world, "va_theme_draft", subject), typed(subject))
    assert response.status_code == 404
    assert FormDraft.objects.count() == 1
    # The tenant scope: in the other gemeente's scope the draft does not exist.
    with gemeente_scope({world.other.pk}):
        assert not FormDraft.objects.exists()
    with gemeente_scope({world.gemeente.pk}):
        assert FormDraft.objects.count() == 1


@pytest.mark.parametrize("persona", ["raadslid", "partner"])
def test_readers_cannot_keep_a_draft(world, subject, persona):
    client = world.client(persona)
    response = client.post(va(world, "va_theme_draft", subject), typed(subject, knelpunten="x"))
    assert response.status_code == 403
    assert client.post(kb(world, "kadernota_draft"), {"visie": "x"}).status_code == 403
    assert not FormDraft.objects.exists()


def test_a_draft_longer_than_the_form_accepts_is_refused(world, subject):
    client = world.client("ambtenaar")
    client.post(va(world, "va_theme_draft", subject), typed(subject, knelpunten="<p>Kort</p>"))
    response = client.post(
        va(world, "va_theme_draft", subject), typed(subject, knelpunten="x" * 100_001)
    )
    assert response.status_code == 400
    message = response.json()["message"]
    assert "niet bewaard" in message and "Belangrijkste knelpunten" in message
    assert "100.000" in message
    # The earlier draft is kept as it was.
    assert FormDraft.objects.get().values["knelpunten"] == "<p>Kort</p>"
    kadernota = client.post(kb(world, "kadernota_draft"), {"visie": "x" * 50_001})
    assert kadernota.status_code == 400
    assert FormDraft.objects.count() == 1


def test_a_draft_over_a_newer_saved_version_meets_the_conflict(world, subject):
    """The draft keeps the version it started from: someone else saves meanwhile, and saving
    the restored draft shows both versions (409) instead of overwriting theirs."""
    author = world.client("ambtenaar")
    author.post(va(world, "va_theme_draft", subject), typed(subject, knelpunten="<p>Mijn</p>"))
    va_services.theme_save(
        actor=world.users["adviseur"],
        theme=subject,
        texts={"knelpunten": "<p>Van de adviseur</p>"},
        base_version=1,
    )
    page = author.get(va(world, "va_theme", subject)).content.decode()
    assert NOTICE in page and "nieuwere versie opgeslagen (versie 2)" in page
    assert 'name="version" value="1"' in page  # the draft's base, not the newest
    response = author.post(
        va(world, "va_theme_save", subject), typed(subject, knelpunten="<p>Mijn</p>")
    )
    assert response.status_code == 409
    subject.refresh_from_db()
    assert subject.knelpunten == "<p>Van de adviseur</p>" and subject.version == 2
    assert FormDraft.objects.count() == 1  # nothing lost: the draft stays until a real save


def test_the_kadernota_keeps_a_draft_too(world):
    client = world.client("ambtenaar")
    page = client.get(kb(world, "kadernota")).content.decode()
    assert "data-autosave-url" in page and NOTICE not in page
    kept = client.post(kb(world, "kadernota_draft"), {"visie": "Een veilige <b>gemeente</b>"})
    assert kept.status_code == 200
    page = client.get(kb(world, "kadernota")).content.decode()
    assert NOTICE in page and escape("Een veilige <b>gemeente</b>") in page
    response = client.post(kb(world, "kadernota"), {"visie": "Een veilige gemeente"})
    assert response.status_code == 302
    assert Kadernota.objects.get(project=world.project).visie == "Een veilige gemeente"
    assert not FormDraft.objects.exists()
    client.post(kb(world, "kadernota_draft"), {"visie": "Nog een poging"})
    client.post(kb(world, "kadernota_draft_discard"))
    assert not FormDraft.objects.exists()


def test_the_store_keeps_one_draft_per_user_and_form(world, subject):
    from analysis.narrative.forms import ThemeTextsForm

    user = world.users["ambtenaar"]
    for text in ("een", "twee"):
        draft_store(
            user=user,
            project=world.project,
            key="va-theme:x",
            form=ThemeTextsForm(),
            data={"knelpunten": text, "onbekend": "weg"},
        )
    draft = FormDraft.objects.get()
    assert draft.values["knelpunten"] == "twee" and "onbekend" not in draft.values


def test_a_kadernota_draft_keeps_its_base_and_meets_the_conflict(world):
    author = world.client("ambtenaar")
    page = author.get(kb(world, "kadernota")).content.decode()
    bases = dict(re.findall(r'name="(base_\w+)" value="([0-9a-f]*)"', page))
    assert "base_visie" in bases
    author.post(kb(world, "kadernota_draft"), {**bases, "visie": "Mijn visie"})
    other = world.client("adviseur")
    assert other.post(kb(world, "kadernota"), {"visie": "Visie van de adviseur"}).status_code == 302
    page = author.get(kb(world, "kadernota")).content.decode()
    assert NOTICE in page and "Mijn visie" in page
    restored = dict(re.findall(r'name="(base_\w+)" value="([0-9a-f]*)"', page))
    assert restored["base_visie"] == bases["base_visie"]  # the draft's base, not the newest
    response = author.post(kb(world, "kadernota"), {**restored, "visie": "Mijn visie"})
    assert response.status_code == 409
    assert Kadernota.objects.get(project=world.project).visie == "Visie van de adviseur"
