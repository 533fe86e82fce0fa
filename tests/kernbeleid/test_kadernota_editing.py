"""Writing the kadernota's chapters (issue 13): every chapter is saved, nothing a writer typed
is lost when two people save at once, goals carry a budget and its dekking, and the
bovenlokale kaders are kept per project with their source. Bad input and other roles change
nothing."""

from decimal import Decimal

import pytest
from django.urls import reverse

from analysis.models import AnalysisTheme
from analysis.narrative import services as va_services
from kernbeleid.constants import BovenlokaalNiveau
from kernbeleid.models import BovenlokalePrioriteit, Goal, Kadernota
from kernbeleid.products import services
from kernbeleid.products.forms import KADERNOTA_CHAPTERS
from projects.models import AuditEntry

CHAPTERS = [name for name, *_rest in KADERNOTA_CHAPTERS]


def url(world, name, **kwargs):
    return reverse(
        f"kernbeleid:{name}",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid, **kwargs},
    )


def audit_actions(project) -> list[str]:
    return list(AuditEntry.objects.filter(project=project).values_list("action", flat=True))


def page_post(world, persona="ambtenaar", **changes):
    """What the page sends: every chapter as stored with its fingerprint, plus `changes`."""
    current = Kadernota.objects.filter(project=world.project).first()
    data = {}
    for name in CHAPTERS:
        text = getattr(current, name) if current else ""
        data[name] = text
        data[f"base_{name}"] = services.text_digest(text)
    return data | changes


@pytest.fixture
def priority(world) -> AnalysisTheme:
    va_services.analysis_ensure(project=world.project)
    theme = AnalysisTheme.objects.get(field__project=world.project, code="1.4")
    theme.proposed_priority = True
    theme.priority_reasoning = "Veel inwoners voelen zich onveilig."
    theme.save()
    return theme


# --- the chapters -----------------------------------------------------------------------------


def test_the_page_offers_every_chapter_in_the_order_of_the_kadernota(world):
    page = world.client("ambtenaar").get(url(world, "kadernota")).content.decode()
    positions = [page.index(f'name="{name}"') for name in CHAPTERS]
    assert positions == sorted(positions)
    # Each chapter says what belongs in it.
    assert "artikel 38b Politiewet" in page
    assert "planning- en controlcyclus" in page
    assert "Organisatie, regie en samenwerking" in page and "Financiën" in page


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_chapter_is_saved_and_leaves_the_others_alone(world, chapter):
    Kadernota.objects.create(project=world.project, visie="Bestaande visie.", aanpak="Samen.")
    text = f"Tekst voor {chapter}.\nTweede regel."
    response = world.client("ambtenaar").post(
        url(world, "kadernota"), page_post(world, **{chapter: text})
    )
    assert response.status_code == 302
    kadernota = Kadernota.objects.get(project=world.project)
    assert getattr(kadernota, chapter) == text
    for other in CHAPTERS:
        if other != chapter:
            expected = {"visie": "Bestaande visie.", "aanpak": "Samen."}.get(other, "")
            assert getattr(kadernota, other) == expected
    entry = AuditEntry.objects.filter(project=world.project, action="kadernota opgeslagen").get()
    assert entry.detail == {"velden": [chapter]}


def test_a_chapter_left_out_of_the_request_keeps_its_text(world):
    Kadernota.objects.create(project=world.project, communicatie="Via de wijkkrant.")
    world.client("ambtenaar").post(url(world, "kadernota"), {"monitoring": "Jaarlijks."})
    kadernota = Kadernota.objects.get(project=world.project)
    assert (kadernota.communicatie, kadernota.monitoring) == ("Via de wijkkrant.", "Jaarlijks.")


def test_a_text_that_is_too_long_is_refused_and_changes_nothing(world):
    Kadernota.objects.create(project=world.project, trends="Ondermijning neemt toe.")
    response = world.client("ambtenaar").post(
        url(world, "kadernota"), page_post(world, trends="x" * 50_001, evaluatie="Goed.")
    )
    assert response.status_code == 200
    assert "niet meer dan 50000 tekens" in response.content.decode()
    kadernota = Kadernota.objects.get(project=world.project)
    assert (kadernota.trends, kadernota.evaluatie) == ("Ondermijning neemt toe.", "")


def test_two_writers_on_different_chapters_both_keep_their_text(world):
    Kadernota.objects.create(project=world.project, visie="Oud.", budget="Oud budget.")
    first = page_post(world)  # both open the page before either saves
    second = page_post(world)
    world.client("ambtenaar").post(url(world, "kadernota"), first | {"visie": "Visie van A."})
    response = world.client("adviseur").post(
        url(world, "kadernota"), second | {"budget": "Budget van B."}, follow=True
    )
    kadernota = Kadernota.objects.get(project=world.project)
    assert (kadernota.visie, kadernota.budget) == ("Visie van A.", "Budget van B.")
    assert "Iemand anders wijzigde intussen Visie; die tekst is bewaard." in (
        response.content.decode()
    )


def test_two_writers_on_the_same_chapter_get_a_conflict_and_lose_nothing(world):
    Kadernota.objects.create(project=world.project, visie="Oud.")
    first, second = page_post(world), page_post(world)
    world.client("ambtenaar").post(url(world, "kadernota"), first | {"visie": "Visie van A."})
    response = world.client("adviseur").post(
        url(world, "kadernota"), second | {"visie": "Visie van B.", "aanpak": "Aanpak van B."}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Visie van B." in page and "Visie van A." in page and "Aanpak van B." in page
    kadernota = Kadernota.objects.get(project=world.project)
    assert (kadernota.visie, kadernota.aanpak) == ("Visie van A.", "")  # nothing saved
    # Saving the form as it came back is a deliberate choice: B's texts win now.
    form = response.context["form"]
    again = {name: form[name].value() for name in form.fields}
    assert world.client("adviseur").post(url(world, "kadernota"), again).status_code == 302
    kadernota.refresh_from_db()
    assert (kadernota.visie, kadernota.aanpak) == ("Visie van B.", "Aanpak van B.")


def test_raadsleden_partners_and_other_gemeenten_change_no_chapter(world):
    """The kadernota page is a live draft for editors: raadsleden and partners get 403,
    another gemeente's members 404."""
    Kadernota.objects.create(project=world.project, evaluatie="Doelen deels gehaald.")
    for persona in ("raadslid", "partner"):
        assert world.client(persona).get(url(world, "kadernota")).status_code == 403
        response = world.client(persona).post(url(world, "kadernota"), {"evaluatie": "Weg."})
        assert response.status_code == 403
    assert (
        world.client("outsider").post(url(world, "kadernota"), {"evaluatie": "Weg"}).status_code
        == 404
    )
    assert Kadernota.objects.get(project=world.project).evaluatie == "Doelen deels gehaald."


# --- goals: budget and dekking ----------------------------------------------------------------


def test_a_goal_gets_its_budget_and_dekking(world, priority):
    response = world.client("ambtenaar").post(
        url(world, "goal_add"),
        {
            "theme": priority.pk,
            "description": "Meer buurtpreventie",
            "budget": "25000",
            "funding": "Bestaand budget openbare orde",
        },
    )
    assert response.status_code == 302
    goal = Goal.objects.get(project=world.project)
    assert (goal.budget, goal.funding) == (Decimal("25000"), "Bestaand budget openbare orde")
    page = world.client("ambtenaar").get(url(world, "kadernota")).content.decode()
    assert "€ 25.000" in page and "Dekking: Bestaand budget openbare orde" in page


@pytest.mark.parametrize(
    ("budget", "message"),
    [
        ("-1", "Het budget is 0 of meer."),
        ("12,50", "Geef het budget als heel bedrag in euro, bijvoorbeeld 25000."),
        ("12.5", "Geef het budget in hele euro&#x27;s."),
        ("veel", "Geef het budget als heel bedrag in euro, bijvoorbeeld 25000."),
    ],
)
def test_a_bad_goal_budget_is_refused(world, priority, budget, message):
    response = world.client("ambtenaar").post(
        url(world, "goal_add"),
        {"theme": priority.pk, "description": "Doel", "budget": budget},
    )
    assert response.status_code == 200 and message in response.content.decode()
    assert not Goal.objects.exists()


def test_the_goal_service_refuses_a_negative_budget(world, priority):
    with pytest.raises(Exception, match="Het budget is 0 of meer"):
        services.goal_add(
            actor=None, project=world.project, theme=priority, description="D", budget=-5
        )
    assert not Goal.objects.exists()


def test_an_existing_goal_gets_a_budget_later(world, priority):
    goal = Goal.objects.create(project=world.project, theme=priority, description="Doel")
    client = world.client("ambtenaar")
    client.post(url(world, "goal_budget", goal_uuid=goal.uuid), {"budget": "-3", "funding": "x"})
    goal.refresh_from_db()
    assert (goal.budget, goal.funding) == (None, "")
    client.post(
        url(world, "goal_budget", goal_uuid=goal.uuid),
        {"budget": "1200", "funding": "Nog te dekken"},
    )
    goal.refresh_from_db()
    assert (goal.budget, goal.funding) == (Decimal("1200"), "Nog te dekken")
    assert "budget doel gewijzigd" in audit_actions(world.project)
    for persona in ("raadslid", "partner"):
        response = world.client(persona).post(
            url(world, "goal_budget", goal_uuid=goal.uuid), {"budget": "1"}
        )
        assert response.status_code == 403
    goal.refresh_from_db()
    assert goal.budget == Decimal("1200")


# --- bovenlokale kaders ------------------------------------------------------------------------


def _add(world, title, **extra):
    return services.bovenlokale_prioriteit_add(
        actor=world.users["ambtenaar"],
        project=world.project,
        niveau=extra.pop("niveau", BovenlokaalNiveau.REGIONAAL_BELEIDSPLAN),
        title=title,
        source=extra.pop("source", "Regionaal beleidsplan 2023-2026"),
        **extra,
    )


def titles(project) -> list[str]:
    return list(
        BovenlokalePrioriteit.objects.filter(project=project)
        .order_by("position")
        .values_list("title", flat=True)
    )


def test_bovenlokale_prioriteiten_are_added_edited_reordered_and_removed(world):
    client = world.client("ambtenaar")
    for title, niveau in (("Ondermijning", "regionaal"), ("Jeugd", "basisteam"), ("Zorg", "riec")):
        response = client.post(
            url(world, "bovenlokaal"),
            {"niveau": niveau, "title": title, "source": "Jaarplan 2025"},
        )
        assert response.status_code == 302
    assert titles(world.project) == ["Ondermijning", "Jeugd", "Zorg"]
    jeugd = BovenlokalePrioriteit.objects.get(title="Jeugd")
    client.post(url(world, "bovenlokaal_up", prioriteit_uuid=jeugd.uuid))
    assert titles(world.project) == ["Jeugd", "Ondermijning", "Zorg"]
    response = client.post(url(world, "bovenlokaal_up", prioriteit_uuid=jeugd.uuid), follow=True)
    assert "staat al bovenaan" in response.content.decode()
    client.post(url(world, "bovenlokaal_down", prioriteit_uuid=jeugd.uuid))
    assert titles(world.project) == ["Ondermijning", "Jeugd", "Zorg"]
    client.post(
        url(world, "bovenlokaal_edit", prioriteit_uuid=jeugd.uuid),
        {"niveau": "basisteam", "title": "Jeugdoverlast", "source": "Basisteamplan 2025"},
    )
    jeugd.refresh_from_db()
    assert (jeugd.title, jeugd.source) == ("Jeugdoverlast", "Basisteamplan 2025")
    client.post(url(world, "bovenlokaal_remove", prioriteit_uuid=jeugd.uuid), {"confirmed": "1"})
    assert titles(world.project) == ["Ondermijning", "Zorg"]
    assert list(
        BovenlokalePrioriteit.objects.filter(project=world.project)
        .order_by("position")
        .values_list("position", flat=True)
    ) == [1, 2]
    actions = audit_actions(world.project)
    for action in ("toegevoegd", "verplaatst", "gewijzigd", "verwijderd"):
        assert f"bovenlokale prioriteit {action}" in actions
    page = client.get(url(world, "kadernota")).content.decode()
    assert "Ondermijning" in page and "bron: Jaarplan 2025" in page


def test_a_bovenlokale_prioriteit_without_source_is_refused(world):
    response = world.client("ambtenaar").post(
        url(world, "bovenlokaal"), {"niveau": "riec", "title": "Ondermijning", "source": "  "}
    )
    assert response.status_code == 200
    assert "Geef de bron van deze prioriteit" in response.content.decode()
    assert not BovenlokalePrioriteit.objects.exists()
    with pytest.raises(Exception, match="Geef de bron"):
        _add(world, "Ondermijning", source="")
    with pytest.raises(Exception, match="Kies van welk niveau"):
        _add(world, "Ondermijning", niveau="gemeente")
    assert not BovenlokalePrioriteit.objects.exists()


def test_an_edit_without_source_changes_nothing(world):
    prioriteit = _add(world, "Ondermijning")
    response = world.client("ambtenaar").post(
        url(world, "bovenlokaal_edit", prioriteit_uuid=prioriteit.uuid),
        {"niveau": "riec", "title": "Anders", "source": ""},
    )
    assert response.status_code == 200 and "Geef de bron" in response.content.decode()
    prioriteit.refresh_from_db()
    assert (prioriteit.title, prioriteit.niveau) == ("Ondermijning", "regionaal")


def test_readers_and_other_gemeenten_never_change_the_bovenlokale_kaders(world):
    prioriteit = _add(world, "Ondermijning")
    changes = [
        (url(world, "bovenlokaal"), {"niveau": "riec", "title": "Nieuw", "source": "Bron"}),
        (
            url(world, "bovenlokaal_edit", prioriteit_uuid=prioriteit.uuid),
            {"niveau": "riec", "title": "Anders", "source": "Bron"},
        ),
        (url(world, "bovenlokaal_up", prioriteit_uuid=prioriteit.uuid), {}),
        (url(world, "bovenlokaal_remove", prioriteit_uuid=prioriteit.uuid), {"confirmed": "1"}),
    ]
    for persona, status in (("raadslid", 403), ("partner", 403), ("outsider", 404)):
        client = world.client(persona)
        assert client.get(url(world, "bovenlokaal")).status_code == status
        for address, data in changes:
            assert client.post(address, data).status_code == status
    prioriteit.refresh_from_db()
    assert titles(world.project) == ["Ondermijning"] and prioriteit.niveau == "regionaal"


def test_a_prioriteit_of_another_project_is_not_found(world):
    from tests.factories import ProjectFactory

    other = ProjectFactory(gemeente=world.gemeente)
    elsewhere = services.bovenlokale_prioriteit_add(
        actor=None, project=other, niveau="riec", title="Elders", source="Bron"
    )
    client = world.client("ambtenaar")
    address = url(world, "bovenlokaal_remove", prioriteit_uuid=elsewhere.uuid)
    assert client.post(address, {"confirmed": "1"}).status_code == 404
    with pytest.raises(Exception, match="hoort niet bij dit project"):
        services.bovenlokale_prioriteit_remove(
            actor=None, project=world.project, prioriteit=elsewhere
        )
    assert BovenlokalePrioriteit.objects.filter(pk=elsewhere.pk).exists()
