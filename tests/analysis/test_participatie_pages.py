"""Participatie pages: editors record, change and remove what residents said; the theme page
and the wijkprofiel show what is linked to them; readers and other gemeenten get nothing."""

import datetime

import pytest
from django.urls import reverse

from analysis.figures.constants import AreaKind
from analysis.figures.models import Area
from analysis.models import AnalysisTheme, Participation
from analysis.narrative import participation as services
from analysis.narrative import services as va_services


@pytest.fixture
def setup(world):
    va_services.analysis_ensure(project=world.project)
    va_services.analysis_ensure(project=world.other_project)
    haven = Area.objects.create(
        gemeente=world.gemeente, code="WK036399", name="Haven", kind=AreaKind.WIJK
    )
    return world, haven


def url(world, name, **kwargs):
    return reverse(
        f"analysis:{name}",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid, **kwargs},
    )


def _theme(project, code="1.4"):
    return AnalysisTheme.objects.get(field__project=project, code=code)


def _post(world, haven, **changes):
    data = {
        "method": "panel",
        "title": "Inwonerspanel over overlast",
        "held_on": "2025-04-03",
        "reach": "212",
        "reach_note": "respons 31%",
        "main_points": "Overlast van scooters in de avond\nMeer handhaving gewenst",
        "themes": [str(_theme(world.project).pk)],
        "areas": [str(haven.pk)],
    }
    return data | changes


def test_an_editor_records_a_participation_and_sees_it_listed(setup):
    world, haven = setup
    client = world.client("ambtenaar")
    overview = client.get(url(world, "va_overview")).content.decode()
    assert url(world, "va_participatie") in overview  # linked from the analysis

    form = client.get(url(world, "va_participatie_add")).content.decode()
    assert 'type="checkbox"' in form and "Haven" in form
    assert "Subjectieve veiligheid (veiligheidsgevoel)" in form

    response = client.post(url(world, "va_participatie_add"), _post(world, haven))
    assert response.status_code == 302 and response.url == url(world, "va_participatie")
    made = Participation.objects.get()
    assert made.project == world.project and made.reach == 212
    assert made.held_on == datetime.date(2025, 4, 3)
    assert list(made.areas.all()) == [haven]

    page = client.get(url(world, "va_participatie")).content.decode()
    assert "Inwonerspanel over overlast" in page
    assert "3 april 2025" in page and "212 deelnemers (respons 31%)" in page
    assert "<li>Overlast van scooters in de avond</li><li>Meer handhaving gewenst</li>" in page
    assert url(world, "va_participatie_edit", participation_uuid=made.uuid) in page


def test_refused_input_keeps_what_was_typed(setup):
    world, haven = setup
    client = world.client("ambtenaar")
    future = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    response = client.post(
        url(world, "va_participatie_add"), _post(world, haven, held_on=future, main_points="")
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Schrijf de belangrijkste punten op die inwoners noemden." in page
    assert 'value="Inwonerspanel over overlast"' in page
    assert 'value="212"' in page
    assert not Participation.objects.exists()

    # The date is the service's rule: it lands on the date field.
    response = client.post(url(world, "va_participatie_add"), _post(world, haven, held_on=future))
    assert "ligt in de toekomst" in response.content.decode()
    assert not Participation.objects.exists()


def test_a_theme_of_another_project_cannot_be_posted(setup):
    world, haven = setup
    foreign = _theme(world.other_project)
    response = world.client("ambtenaar").post(
        url(world, "va_participatie_add"), _post(world, haven, themes=[str(foreign.pk)])
    )
    assert response.status_code == 200
    assert "Kies alleen thema&#x27;s van deze veiligheidsanalyse." in response.content.decode()
    assert not Participation.objects.exists()


def test_edit_and_delete_with_confirmation(setup):
    world, haven = setup
    client = world.client("adviseur")
    client.post(url(world, "va_participatie_add"), _post(world, haven))
    made = Participation.objects.get()
    edit = url(world, "va_participatie_edit", participation_uuid=made.uuid)
    page = client.get(edit).content.decode()
    assert 'value="2025-04-03"' in page and "checked" in page
    client.post(edit, _post(world, haven, reach="", reach_note="", title="Panel najaar"))
    made.refresh_from_db()
    assert made.title == "Panel najaar" and made.reach is None

    delete = url(world, "va_participatie_delete", participation_uuid=made.uuid)
    confirm = client.get(delete)
    assert confirm.status_code == 200 and "Weet u zeker" in confirm.content.decode()
    assert Participation.objects.exists()  # GET only asks
    response = client.post(delete)
    assert response.status_code == 302
    assert not Participation.objects.exists()


def test_theme_page_and_wijkprofiel_show_what_is_linked(setup):
    world, haven = setup
    services.participation_create(
        actor=None,
        project=world.project,
        method="wijkschouw",
        title="Wijkschouw Haven",
        held_on=datetime.date(2025, 3, 12),
        reach=35,
        main_points="Donkere fietsroute langs het water",
        themes=[_theme(world.project, "1.4")],
        areas=[haven],
    )
    client = world.client("ambtenaar")
    theme_page = client.get(url(world, "va_theme", theme_uuid=_theme(world.project).uuid))
    text = theme_page.content.decode()
    assert "Wat inwoners zeiden" in text
    assert "Wijkschouw · 12 maart 2025 · 35 deelnemers" in text
    assert "Donkere fietsroute langs het water" in text

    other_theme = client.get(url(world, "va_theme", theme_uuid=_theme(world.project, "1.1").uuid))
    assert "Wat inwoners zeiden" not in other_theme.content.decode()  # no empty heading

    wijk = client.get(url(world, "va_wijk", code="WK036399")).content.decode()
    assert "Wat inwoners zeiden" in wijk and "Donkere fietsroute langs het water" in wijk


def test_readers_get_403_and_another_gemeente_404(setup):
    world, haven = setup
    made = services.participation_create(
        actor=None,
        project=world.project,
        method="enquete",
        title="Enquête",
        held_on=datetime.date(2025, 1, 10),
        main_points="Punt",
    )
    for persona, status in (("raadslid", 403), ("partner", 403), ("outsider", 404)):
        client = world.client(persona)
        assert client.get(url(world, "va_participatie")).status_code == status
        response = client.post(url(world, "va_participatie_delete", participation_uuid=made.uuid))
        assert response.status_code == status
    assert Participation.objects.filter(pk=made.pk).exists()


def test_what_residents_typed_is_shown_as_text_not_markup(setup):
    world, haven = setup
    services.participation_create(
        actor=None,
        project=world.project,
        method="bijeenkomst",
        title="Avond <i>centrum</i>",
        held_on=datetime.date(2025, 2, 1),
        main_points="- <script>alert(1)</script>\n* Bord & paal",
        themes=[_theme(world.project)],
    )
    client = world.client("ambtenaar")
    for page in (
        client.get(url(world, "va_participatie")),
        client.get(url(world, "va_theme", theme_uuid=_theme(world.project).uuid)),
    ):
        text = page.content.decode()
        assert "<script>alert(1)</script>" not in text
        assert "<li>&lt;script&gt;alert(1)&lt;/script&gt;</li><li>Bord &amp; paal</li>" in text
        assert "Avond &lt;i&gt;centrum&lt;/i&gt;" in text
