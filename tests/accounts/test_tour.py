"""The first-run tour (issue 17): a "Zo werkt Integraal" panel per role until the user closes
it, reopened from the help menu; and the help on the method that the step pages link to."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from accounts.tour import ROLE_TOURS, tour_role
from kernbeleid.help import FIELD_HELP, STEP_HELP, step_anchor, step_help_url
from projects.constants import KERNBELEID_STEPS, Role
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

PANEL = 'id="rondleiding"'


def _panel(response) -> str:
    html = response.content.decode()
    match = re.search(r'<section id="rondleiding".*?</section>', html, re.S)
    return match.group(0) if match else ""


def test_first_visit_shows_the_panel_for_the_role(world):
    response = world.client("ambtenaar").get(world.gemeente.get_absolute_url())
    panel = _panel(response)
    assert "Zo werkt Integraal" in panel
    assert "U bent ambtenaar" in panel
    assert "Veiligheidsmonitor" in panel
    assert 'aria-labelledby="rondleiding-kop"' in panel
    assert ">Sluiten</button>" in panel


@pytest.mark.parametrize(
    ("persona", "own", "not_shown"),
    [
        ("raadslid", "U bent raadslid", "U bent ambtenaar"),
        ("partner", "U bent partner in de werkgroep", "U bent raadslid"),
        ("adviseur", "U bent adviseur", "U bent ambtenaar"),
    ],
)
def test_each_role_gets_its_own_text(world, persona, own, not_shown):
    panel = _panel(world.client(persona).get(world.gemeente.get_absolute_url()))
    assert own in panel
    assert not_shown not in panel


def test_closing_stores_it_and_the_panel_is_gone(world):
    client = world.client("raadslid")
    page = world.project.get_absolute_url()
    assert PANEL in client.get(page).content.decode()
    response = client.post(reverse("help:tour_close"), {"next": page})
    assert response.status_code == 302
    assert response["Location"] == f"{page}#inhoud"
    world.users["raadslid"].refresh_from_db()
    assert world.users["raadslid"].tour_seen_at is not None
    for url in (page, world.gemeente.get_absolute_url(), reverse("accounts:overview")):
        assert PANEL not in client.get(url).content.decode()


def test_closing_in_place_answers_without_a_page(world):
    client = world.client("partner")
    response = client.post(reverse("help:tour_close"), HTTP_X_TOUR_IN_PLACE="1")
    assert response.status_code == 204
    world.users["partner"].refresh_from_db()
    assert world.users["partner"].tour_seen_at is not None


def test_closing_never_leads_to_another_site(world):
    client = world.client("ambtenaar")
    response = client.post(reverse("help:tour_close"), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("projects:home") + "#inhoud"


def test_reopening_from_the_help_menu_shows_it_again(world):
    client = world.client("ambtenaar")
    page = world.gemeente.get_absolute_url()
    client.post(reverse("help:tour_close"), {"next": page})
    html = client.get(page).content.decode()
    assert PANEL not in html
    # The help menu on every page offers the reopen form, back to the same page.
    assert f'action="{reverse("help:tour_reopen")}"' in html
    assert f'name="next" value="{page}"' in html
    response = client.post(reverse("help:tour_reopen"), {"next": page})
    assert response["Location"] == f"{page}?rondleiding=1#rondleiding"
    assert "U bent ambtenaar" in _panel(client.get(response["Location"]))
    assert "U bent ambtenaar" in _panel(client.get(page))  # open until closed again


def test_the_panel_greets_on_starting_pages_and_leaves_a_task_page_alone(world):
    """A form or a question page keeps the user at the task; asked for, the panel shows."""
    client = world.client("ambtenaar")
    kwargs = {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid}
    assert PANEL in client.get(world.project.get_absolute_url()).content.decode()
    form_page = reverse("kernbeleid:timeline", kwargs=kwargs)
    assert PANEL not in client.get(form_page).content.decode()
    response = client.post(reverse("help:tour_reopen"), {"next": form_page + "?a=b"})
    assert response["Location"] == f"{form_page}?a=b&rondleiding=1#rondleiding"
    assert PANEL in client.get(response["Location"]).content.decode()


def test_get_writes_nothing(world):
    user = world.users["ambtenaar"]
    client = world.client("ambtenaar")
    for url in (
        world.gemeente.get_absolute_url(),
        reverse("help:index"),
        reverse("help:method"),
        reverse("help:tour_close"),
        reverse("help:tour_reopen"),
    ):
        client.get(url)
    user.refresh_from_db()
    assert user.tour_seen_at is None
    client.post(reverse("help:tour_close"))
    user.refresh_from_db()
    seen = user.tour_seen_at
    client.get(reverse("help:tour_reopen"))
    client.get(reverse("help:index"))
    user.refresh_from_db()
    assert user.tour_seen_at == seen


def test_anonymous_pages_show_no_panel(world):
    html = world.client("anonymous").get(reverse("accounts:login")).content.decode()
    assert PANEL not in html
    assert reverse("help:tour_reopen") not in html


def test_several_roles_the_gemeente_decides_else_the_highest():
    """On a gemeente's page the role there; elsewhere the highest role held."""
    from tests.factories import gemeente

    home, other = gemeente("GM0363"), gemeente("GM0034")
    user = UserFactory(email="twee-rollen@example.nl")
    MembershipFactory(user=user, gemeente=home, role=Role.RAADSLID)
    MembershipFactory(user=user, gemeente=other, role=Role.AMBTENAAR)
    assert tour_role(user) == Role.AMBTENAAR
    from django.test import Client

    client = Client()
    client.force_login(user)
    assert "U bent raadslid" in _panel(client.get(home.get_absolute_url()))
    assert "U bent ambtenaar" in _panel(client.get(other.get_absolute_url()))
    assert "U bent ambtenaar" in _panel(client.get(reverse("accounts:overview")))


def test_a_user_without_a_role_sees_no_panel(db):
    from django.test import Client

    user = UserFactory(email="geen-rol@example.nl")
    client = Client()
    client.force_login(user)
    assert PANEL not in client.get(reverse("accounts:overview")).content.decode()
    assert client.get(reverse("help:method")).status_code == 200


def test_every_role_has_four_to_six_steps():
    assert set(ROLE_TOURS) == set(Role)
    for tour in ROLE_TOURS.values():
        assert 4 <= len(tour.steps) <= 6, tour.role


def test_every_step_has_a_text_and_an_anchor_on_the_help_page(world):
    assert sorted(STEP_HELP) == list(range(1, 13))
    html = world.client("raadslid").get(reverse("help:method")).content.decode()
    for number, name in KERNBELEID_STEPS:
        step = STEP_HELP[number]
        assert step.name == name
        assert step.asks and step.produces and step.who
        assert f'id="{step_anchor(number)}"' in html
        assert step_help_url(number) == f"{reverse('help:method')}#stap-{number}"
        assert escape(step.asks) in html
    # The raad decides at 1, 5 and 9 and says what it does there; at 11 it controls.
    assert {n for n, s in STEP_HELP.items() if s.raad_decides} == {1, 5, 9}
    for number in (1, 5, 9, 11, 12):
        assert escape(STEP_HELP[number].raad) in html
    for code, field in FIELD_HELP.items():
        assert f'id="veld-{code}"' in html
        assert escape(field.text) in html
    with pytest.raises(ValueError):
        step_help_url(13)


def test_the_help_page_lists_the_users_roles_first(world):
    html = world.client("partner").get(reverse("help:index")).content.decode()
    assert html.index('id="rol-partner"') < html.index('id="rol-ambtenaar"')
    for tour in ROLE_TOURS.values():
        assert escape(tour.intro) in html


def test_timeline_and_analysis_link_to_the_step(world):
    client = world.client("ambtenaar")
    kwargs = {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid}
    timeline = client.get(reverse("kernbeleid:timeline", kwargs=kwargs)).content.decode()
    current = world.project.current_step
    assert f'<a href="{step_help_url(current)}">Wat vraagt deze stap?</a>' in timeline
    for number in range(1, 13):
        assert f'href="{step_help_url(number)}"' in timeline
    overview = client.get(reverse("analysis:va_overview", kwargs=kwargs)).content.decode()
    assert f'<a href="{step_help_url(4)}">Wat vraagt deze stap?</a>' in overview


def test_readers_project_page_links_to_the_step_and_the_raad(world):
    html = world.client("raadslid").get(world.project.get_absolute_url()).content.decode()
    link = step_help_url(world.project.current_step)
    assert f'<a href="{link}">Wat vraagt deze stap?</a>' in html
    assert f'href="{reverse("help:method")}#kop-raad"' in html


def test_the_help_page_offers_to_reopen_a_closed_tour(world):
    client = world.client("ambtenaar")
    html = client.get(reverse("help:index")).content.decode()
    assert "Rondleiding weer bovenaan tonen" not in html
    client.post(reverse("help:tour_close"))
    html = client.get(reverse("help:index")).content.decode()
    assert "Rondleiding weer bovenaan tonen" in html
    assert PANEL not in html


def test_editors_project_page_links_to_the_step(world):
    html = world.client("ambtenaar").get(world.project.get_absolute_url()).content.decode()
    link = step_help_url(world.project.current_step)
    assert f'<a href="{link}">Wat vraagt deze stap?</a>' in html


def test_a_form_with_errors_is_not_pushed_down_by_the_panel(world):
    """A page that answers a POST (a form shown again with its errors) shows no panel."""
    client = world.client("ambtenaar")
    response = client.post(reverse("accounts:password_change"), {"old_password": "fout"})
    assert response.status_code == 200
    assert PANEL not in response.content.decode()
    assert PANEL in client.get(reverse("accounts:overview")).content.decode()
