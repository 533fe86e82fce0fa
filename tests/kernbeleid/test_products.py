"""The pages for what each step produces: startnotitie, werkgroep, meetings, beleidsvragen,
kadernota with goals, draagvlak and the uitvoeringsprogramma. Happy paths, bad input that
changes nothing, roles, and the checks the workflow guards read."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from analysis.figures.services import survey_import_now
from analysis.models import AnalysisTheme, Indicator, IndicatorResult
from analysis.narrative import services as va_services
from kernbeleid.constants import BeleidsvraagGroup, KadernotaSection, Organisation
from kernbeleid.models import (
    Action,
    ActionProgress,
    BeleidsvraagAnswer,
    DraagvlakResponse,
    Goal,
    Kadernota,
    Meeting,
    Startnotitie,
    WerkgroepMember,
)
from kernbeleid.products import selectors, services
from projects.models import AuditEntry
from tests.analysis.conftest import MAPPING, csv_upload
from tests.factories import ProjectFactory

TODAY = date.today()
# A removal asks first; this is the confirmed POST (projects/confirm.py).
CONFIRMED = {"confirmed": "1"}


def url(world, name, **kwargs):
    return reverse(
        f"kernbeleid:{name}",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid, **kwargs},
    )


def audited(project, action: str) -> bool:
    return AuditEntry.objects.filter(project=project, action=action).exists()


def member(project, organisation=Organisation.POLITIE, name="A. Agent") -> WerkgroepMember:
    return WerkgroepMember.objects.create(project=project, name=name, organisation=organisation)


@pytest.fixture
def priority(world) -> AnalysisTheme:
    va_services.analysis_ensure(project=world.project)
    theme = AnalysisTheme.objects.get(field__project=world.project, code="1.4")
    theme.proposed_priority = True
    theme.priority_reasoning = "Veel inwoners voelen zich onveilig."
    theme.save()
    return theme


@pytest.fixture
def survey(world):
    """One imported edition (2023): voelt_zich_weleens_onveilig for GM0363 is 250/6 %."""
    world.project.min_n, world.project.warn_n = 1, 3
    world.project.save()
    survey_import_now(
        actor=None, project=world.project, upload=csv_upload(), year=2023, mapping=MAPPING
    )
    return Indicator.objects.get(code="voelt_zich_weleens_onveilig", gemeente=None)


# --- startnotitie -----------------------------------------------------------------------------


def test_startnotitie_is_written_and_read(world):
    client = world.client("ambtenaar")
    assert client.get(url(world, "startnotitie")).status_code == 200
    assert not Startnotitie.objects.filter(project=world.project).exists()  # reading made none
    response = client.post(
        url(world, "startnotitie"),
        {
            "scope": "Een integraal veiligheidsplan voor 2027-2030.",
            "planning": "Kadernota in de raad van december.",
            "budget": "€ 40.000",
            "proposed_werkgroep": "Gemeente, politie, brandweer",
        },
    )
    assert response.status_code == 302
    startnotitie = Startnotitie.objects.get(project=world.project)
    assert startnotitie.scope == "Een integraal veiligheidsplan voor 2027-2030."
    assert audited(world.project, "startnotitie opgeslagen")
    page = world.client("ambtenaar").get(url(world, "startnotitie")).content.decode()
    assert "Kadernota in de raad van december." in page
    # Readers do not see the live startnotitie (only what is published to them).
    assert world.client("raadslid").get(url(world, "startnotitie")).status_code == 403


def test_startnotitie_bad_input_changes_nothing(world):
    response = world.client("ambtenaar").post(url(world, "startnotitie"), {"scope": "x" * 20_001})
    assert response.status_code == 200
    assert "niet meer dan 20000 tekens" in response.content.decode()
    assert not Startnotitie.objects.filter(project=world.project).exists()


# --- werkgroep ----------------------------------------------------------------------------------


def test_werkgroep_add_and_remove(world):
    client = world.client("ambtenaar")
    response = client.post(
        url(world, "werkgroep"),
        {"name": "Inspecteur De Vries", "organisation": "politie", "role": "wijkagent"},
    )
    assert response.status_code == 302
    client.post(
        url(world, "werkgroep"),
        {"name": "P. Bakker", "organisation": "overig", "organisation_name": "Stichting Halt"},
    )
    client.post(url(world, "werkgroep"), {"name": "Coördinator", "organisation": "gemeente"})
    assert selectors.werkgroep_external_organisations(world.project) == {"politie", "overig"}
    page = client.get(url(world, "werkgroep")).content.decode()
    assert "Inspecteur De Vries" in page and "Stichting Halt" in page

    politie = WerkgroepMember.objects.get(project=world.project, organisation="politie")
    removed = client.post(url(world, "werkgroep_remove", member_uuid=politie.uuid), CONFIRMED)
    assert removed.status_code == 302
    assert not WerkgroepMember.objects.filter(pk=politie.pk).exists()
    assert audited(world.project, "werkgroeplid toegevoegd")
    assert audited(world.project, "werkgroeplid verwijderd")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "P. Bakker", "organisation": "overig"}, "Geef de naam van de organisatie"),
        ({"name": "", "organisation": "politie"}, "Dit veld is verplicht"),
        ({"name": "P. Bakker", "organisation": "maffia"}, "Selecteer een geldige keuze"),
    ],
)
def test_werkgroep_bad_input_changes_nothing(world, data, message):
    response = world.client("ambtenaar").post(url(world, "werkgroep"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not WerkgroepMember.objects.exists()


def test_werkgroep_member_of_another_project_is_not_found(world):
    other = member(ProjectFactory(gemeente=world.gemeente))
    response = world.client("ambtenaar").post(
        url(world, "werkgroep_remove", member_uuid=other.uuid), CONFIRMED
    )
    assert response.status_code == 404
    assert WerkgroepMember.objects.filter(pk=other.pk).exists()


# --- meetings ----------------------------------------------------------------------------------


def _meeting(**extra):
    return {"date": "2027-01-20", "title": "Startbijeenkomst werkgroep", **extra}


def test_meetings_add_edit_and_only_one_startbijeenkomst(world):
    client = world.client("ambtenaar")
    response = client.post(url(world, "meetings"), _meeting(is_startbijeenkomst="on"))
    assert response.status_code == 302
    start = Meeting.objects.get(project=world.project)
    assert start.is_startbijeenkomst

    second = client.post(
        url(world, "meetings"), _meeting(title="Nog een aftrap", is_startbijeenkomst="on")
    )
    assert second.status_code == 200
    assert "Er is al een startbijeenkomst" in second.content.decode()
    assert Meeting.objects.filter(project=world.project).count() == 1

    client.post(url(world, "meetings"), _meeting(title="Tweede bijeenkomst", date="2027-02-20"))
    later = Meeting.objects.get(project=world.project, title="Tweede bijeenkomst")
    refused = client.post(
        url(world, "meeting_edit", meeting_uuid=later.uuid),
        _meeting(title="Tweede bijeenkomst", date="2027-02-20", is_startbijeenkomst="on"),
    )
    assert (
        refused.status_code == 200 and "Er is al een startbijeenkomst" in refused.content.decode()
    )
    later.refresh_from_db()
    assert not later.is_startbijeenkomst

    saved = client.post(
        url(world, "meeting_edit", meeting_uuid=start.uuid),
        _meeting(is_startbijeenkomst="on", minutes="Werkwijze en planning afgesproken."),
    )
    assert saved.status_code == 302
    start.refresh_from_db()
    assert start.minutes == "Werkwijze en planning afgesproken."
    assert audited(world.project, "bijeenkomst toegevoegd")
    assert audited(world.project, "bijeenkomst gewijzigd")
    reader = world.client("ambtenaar").get(url(world, "meeting_edit", meeting_uuid=start.uuid))
    assert (
        reader.status_code == 200
        and "Werkwijze en planning afgesproken." in reader.content.decode()
    )


@pytest.mark.parametrize(
    "data",
    [
        {"date": "20-01-2027x", "title": "Start"},
        {"date": "2027-01-20", "title": ""},
        {"date": "", "title": "Start"},
    ],
)
def test_meeting_bad_input_changes_nothing(world, data):
    response = world.client("ambtenaar").post(url(world, "meetings"), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Dit veld is verplicht" in content or "Geef een geldige datum" in content
    assert not Meeting.objects.exists()


def test_meeting_edit_bad_input_changes_nothing(world):
    meeting = Meeting.objects.create(project=world.project, date=date(2027, 1, 20), title="Start")
    response = world.client("ambtenaar").post(
        url(world, "meeting_edit", meeting_uuid=meeting.uuid), {"date": "nooit", "title": "Nieuw"}
    )
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert meeting.title == "Start"


def test_startbijeenkomst_held_needs_a_past_date_and_minutes(world):
    project = world.project
    assert not selectors.startbijeenkomst_held(project, TODAY)
    meeting = Meeting.objects.create(
        project=project, date=TODAY + timedelta(days=3), title="Start", is_startbijeenkomst=True
    )
    assert not selectors.startbijeenkomst_held(project, TODAY)
    meeting.date = TODAY
    meeting.save()
    assert not selectors.startbijeenkomst_held(project, TODAY)  # no minutes yet
    meeting.minutes = "   "
    meeting.save()
    assert not selectors.startbijeenkomst_held(project, TODAY)
    meeting.minutes = "Verslag"
    meeting.save()
    assert selectors.startbijeenkomst_held(project, TODAY)
    Meeting.objects.create(project=project, date=TODAY, title="Gewoon", minutes="x")
    assert selectors.startbijeenkomst_held(project, TODAY)


# --- beleidsvragen --------------------------------------------------------------------------------


def test_beleidsvragen_are_seeded_once_per_group(world):
    assert world.client("ambtenaar").get(url(world, "beleidsvragen")).status_code == 200
    counts = {
        group: BeleidsvraagAnswer.objects.filter(project=world.project, group=group).count()
        for group in BeleidsvraagGroup.values
    }
    assert all(2 <= count <= 3 for count in counts.values()), counts
    assert BeleidsvraagAnswer.objects.filter(
        project=world.project,
        question="Wat wil de gemeente met het veiligheidsbeleid bereiken en waarom?",
    ).exists()
    assert services.beleidsvragen_ensure(world.project) == 0
    assert BeleidsvraagAnswer.objects.filter(project=world.project).count() == sum(counts.values())


def test_beleidsvragen_answered_and_a_question_added(world):
    client = world.client("ambtenaar")
    client.get(url(world, "beleidsvragen"))
    assert not selectors.beleidsvragen_answered(world.project, ["aanpak", "borging"])
    aanpak = BeleidsvraagAnswer.objects.filter(project=world.project, group="aanpak").first()
    borging = BeleidsvraagAnswer.objects.filter(project=world.project, group="borging").first()
    response = client.post(
        url(world, "beleidsvragen_answer"),
        {
            f"answer_{aanpak.uuid}": "Per prioriteit twee doelen, met politie en corporaties.",
            f"answer_{borging.uuid}": "  ",
        },
    )
    assert response.status_code == 302
    aanpak.refresh_from_db()
    assert aanpak.answer.startswith("Per prioriteit")
    assert selectors.beleidsvragen_answered(world.project, ["aanpak"])
    assert not selectors.beleidsvragen_answered(world.project, ["aanpak", "borging"])
    assert audited(world.project, "beleidsvragen beantwoord")

    added = client.post(
        url(world, "beleidsvraag_add"), {"group": "borging", "question": "Wie is de regisseur?"}
    )
    assert added.status_code == 302
    new = BeleidsvraagAnswer.objects.get(project=world.project, question="Wie is de regisseur?")
    client.post(url(world, "beleidsvragen_answer"), {f"answer_{new.uuid}": "De burgemeester."})
    assert selectors.beleidsvragen_answered(world.project, ["aanpak", "borging"])
    assert aanpak.answer == BeleidsvraagAnswer.objects.get(pk=aanpak.pk).answer  # untouched
    page = world.client("ambtenaar").get(url(world, "beleidsvragen")).content.decode()
    assert "De burgemeester." in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"group": "", "question": "Vraag?"}, "Dit veld is verplicht"),
        ({"group": "visie", "question": ""}, "Dit veld is verplicht"),
        ({"group": "geen", "question": "Vraag?"}, "geldige keuze"),
        (
            {
                "group": "visie",
                "question": "Wat wil de gemeente met het veiligheidsbeleid bereiken en waarom?",
            },
            "Deze vraag staat al in deze groep.",
        ),
    ],
)
def test_beleidsvraag_bad_input_changes_nothing(world, data, message):
    client = world.client("ambtenaar")
    client.get(url(world, "beleidsvragen"))
    before = BeleidsvraagAnswer.objects.count()
    response = client.post(url(world, "beleidsvraag_add"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert BeleidsvraagAnswer.objects.count() == before


def test_beleidsvragen_bad_answers_change_nothing(world):
    client = world.client("ambtenaar")
    client.get(url(world, "beleidsvragen"))
    first, second = BeleidsvraagAnswer.objects.filter(project=world.project)[:2]
    response = client.post(
        url(world, "beleidsvragen_answer"),
        {
            f"answer_{first.uuid}": "Goed",
            f"answer_{second.uuid}": "x" * 20_001,
        },
    )
    assert response.status_code == 200
    assert "niet meer dan 20000 tekens" in response.content.decode()
    assert not BeleidsvraagAnswer.objects.exclude(answer="").exists()
    # One URL per action: the page itself takes no POST.
    assert client.post(url(world, "beleidsvragen"), {"action": "answers"}).status_code == 405
    assert not BeleidsvraagAnswer.objects.exclude(answer="").exists()


def test_answers_of_another_project_are_refused(world):
    other = ProjectFactory(gemeente=world.gemeente)
    services.beleidsvragen_ensure(other)
    services.beleidsvragen_ensure(world.project)
    theirs = BeleidsvraagAnswer.objects.filter(project=other).first()
    with pytest.raises(services.ValidationError):
        services.beleidsvragen_answer(
            actor=world.users["ambtenaar"],
            project=world.project,
            answers={str(theirs.uuid): "overschreven"},
        )
    theirs.refresh_from_db()
    assert theirs.answer == ""


# --- kadernota and goals --------------------------------------------------------------------------


def test_kadernota_texts_are_saved(world):
    client = world.client("ambtenaar")
    assert selectors.kadernota_ready(world.project) == [
        "de visie is nog niet geschreven.",
        "er is nog geen doel met een indicator en een streefwaarde.",
    ]
    response = client.post(
        url(world, "kadernota"),
        {"visie": "Een veilige gemeente voor iedereen.", "aanpak": "Samen met partners."},
    )
    assert response.status_code == 302
    kadernota = Kadernota.objects.get(project=world.project)
    assert kadernota.visie == "Een veilige gemeente voor iedereen." and kadernota.borging == ""
    assert audited(world.project, "kadernota opgeslagen")
    assert selectors.kadernota_ready(world.project) == [
        "er is nog geen doel met een indicator en een streefwaarde."
    ]
    bad = client.post(url(world, "kadernota"), {"visie": "x" * 50_001})
    assert bad.status_code == 200 and "niet meer dan 50000 tekens" in bad.content.decode()
    kadernota.refresh_from_db()
    assert kadernota.visie == "Een veilige gemeente voor iedereen."


def test_goals_need_priorities_from_the_veiligheidsanalyse(world):
    client = world.client("ambtenaar")
    page = client.get(url(world, "kadernota")).content.decode()
    assert "Er zijn nog geen prioriteiten" in page
    response = client.post(url(world, "goal_add"), {"description": "Minder inbraken"}, follow=True)
    assert "Er zijn nog geen prioriteiten" in response.content.decode()
    assert not Goal.objects.exists()


def test_goal_baseline_is_filled_from_the_latest_gemeente_result(world, priority, survey):
    client = world.client("ambtenaar")
    response = client.post(
        url(world, "goal_add"),
        {
            "theme": priority.pk,
            "description": "Minder inwoners voelen zich weleens onveilig",
            "indicator": survey.pk,
            "target_value": "35",
            "target_year": "2030",
            "maatregelen": "Buurtpreventie",
        },
    )
    assert response.status_code == 302, response.content.decode()
    goal = Goal.objects.get(project=world.project)
    assert goal.baseline_year == 2023
    assert goal.baseline_value == pytest.approx(250 / 6, abs=0.01)
    assert goal.target_value == 35 and goal.target_year == 2030
    assert audited(world.project, "doel toegevoegd")
    page = world.client("ambtenaar").get(url(world, "kadernota")).content.decode()
    assert "41,7%" in page and "(2023)" in page
    Kadernota.objects.create(project=world.project, visie="Veilig")
    assert selectors.kadernota_ready(world.project) == []

    # A baseline given by hand is kept.
    client.post(
        url(world, "goal_add"),
        {
            "theme": priority.pk,
            "description": "Handmatige nulmeting",
            "indicator": survey.pk,
            "baseline_value": "40",
            "baseline_year": "2022",
            "target_value": "30",
            "target_year": "2029",
        },
    )
    assert Goal.objects.get(description="Handmatige nulmeting").baseline_value == 40

    removed = client.post(url(world, "goal_remove", goal_uuid=goal.uuid), CONFIRMED)
    assert removed.status_code == 302
    assert not Goal.objects.filter(pk=goal.pk).exists()
    assert audited(world.project, "doel verwijderd")


def test_goal_refuses_a_suppressed_baseline(world, priority, survey):
    IndicatorResult.objects.filter(
        edition__projects=world.project, indicator=survey, area__kind="gemeente"
    ).update(suppressed=True, estimate=None)
    response = world.client("ambtenaar").post(
        url(world, "goal_add"),
        {
            "theme": priority.pk,
            "description": "Minder onveiligheidsgevoel",
            "indicator": survey.pk,
            "target_value": "35",
            "target_year": "2030",
        },
    )
    assert response.status_code == 200
    assert "te weinig respondenten" in response.content.decode()
    assert not Goal.objects.exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"target_year": "2031"}, "Kies een jaar van 2027 tot en met 2030."),
        ({"target_year": "2026"}, "Kies een jaar van 2027 tot en met 2030."),
        ({"target_year": ""}, "Geef het jaar waarin de streefwaarde gehaald moet zijn."),
        ({"target_value": ""}, "Geef de streefwaarde bij deze indicator."),
        ({"target_value": "veel"}, "Geef de streefwaarde als getal."),
        ({"description": ""}, "Dit veld is verplicht"),
        ({"baseline_value": "40"}, "Geef het jaar van de nulmeting."),
        ({"indicator": "999999"}, "Kies een indicator waarvan dit project cijfers heeft."),
        ({"theme": "999999"}, "Kies een van de prioriteiten van dit project."),
    ],
)
def test_goal_bad_input_changes_nothing(world, priority, survey, extra, message):
    data = {
        "theme": priority.pk,
        "description": "Minder onveiligheidsgevoel",
        "indicator": survey.pk,
        "target_value": "35",
        "target_year": "2030",
    } | extra
    response = world.client("ambtenaar").post(url(world, "goal_add"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Goal.objects.exists()


def test_goal_target_year_outside_the_period_is_refused_by_the_service(world, priority, survey):
    with pytest.raises(services.ValidationError) as error:
        services.goal_add(
            actor=world.users["ambtenaar"],
            project=world.project,
            theme=priority,
            description="Te laat",
            indicator=survey,
            target_value=30,
            target_year=2032,
        )
    assert "buiten de beleidsperiode (2027-2030)" in str(error.value)
    assert not Goal.objects.exists()


def test_goal_theme_must_be_a_proposed_priority(world, priority):
    other_theme = AnalysisTheme.objects.get(field__project=world.project, code="1.1")
    with pytest.raises(services.ValidationError):
        services.goal_add(
            actor=world.users["ambtenaar"],
            project=world.project,
            theme=other_theme,
            description="Geen prioriteit",
        )
    assert not Goal.objects.exists()


# --- draagvlak ------------------------------------------------------------------------------------


def test_draagvlak_rows_per_partner_organisation(world):
    member(world.project, Organisation.POLITIE)
    member(world.project, Organisation.POLITIE, name="Tweede agent")
    member(world.project, Organisation.BRANDWEER)
    member(world.project, Organisation.GEMEENTE)
    table = selectors.draagvlak_table(world.project)
    assert [row.organisation for row in table] == ["politie", "brandweer"]
    assert all(len(row.cells) == len(KadernotaSection.values) for row in table)
    assert selectors.draagvlak_missing(world.project) == [
        "politie",
        "brandweer / veiligheidsregio",
    ]

    client = world.client("ambtenaar")
    page = client.get(url(world, "draagvlak")).content.decode()
    assert "brandweer / veiligheidsregio" in page and '<th scope="row">gemeente' not in page
    response = client.post(
        url(world, "draagvlak"),
        {
            "politie__visie__verdict": "akkoord",
            "politie__visie__response": "Sluit aan bij de politie-prioriteiten.",
            "politie__budget__verdict": "opmerkingen",
            "brandweer__visie__verdict": "",
            "brandweer__visie__response": "",
        },
    )
    assert response.status_code == 302
    assert DraagvlakResponse.objects.filter(project=world.project).count() == 2
    assert selectors.draagvlak_missing(world.project) == ["brandweer / veiligheidsregio"]
    assert audited(world.project, "draagvlak vastgelegd")

    # Again on the same key: updated, not duplicated; an emptied verdict removes it.
    client.post(
        url(world, "draagvlak"),
        {"politie__visie__verdict": "niet_akkoord", "politie__budget__verdict": ""},
    )
    responses = DraagvlakResponse.objects.filter(project=world.project)
    assert [(r.organisation, r.section, r.verdict) for r in responses] == [
        ("politie", "visie", "niet_akkoord")
    ]
    page = world.client("ambtenaar").get(url(world, "draagvlak")).content.decode()
    assert "niet akkoord" in page


def test_draagvlak_bad_input_changes_nothing(world):
    member(world.project, Organisation.POLITIE)
    client = world.client("ambtenaar")
    response = client.post(
        url(world, "draagvlak"),
        {"politie__visie__verdict": "", "politie__visie__response": "Wij twijfelen."},
    )
    assert response.status_code == 200
    assert "Kies een oordeel bij de reactie van politie over Visie." in response.content.decode()
    wrong = client.post(url(world, "draagvlak"), {"politie__visie__verdict": "misschien"})
    assert wrong.status_code == 200 and "geldige keuze" in wrong.content.decode()
    assert not DraagvlakResponse.objects.exists()
    with pytest.raises(services.ValidationError):
        services.draagvlak_save(
            actor=None,
            project=world.project,
            entries=[("om", "visie", "akkoord", "")],  # the OM is not in the werkgroep
        )
    assert not DraagvlakResponse.objects.exists()


def test_draagvlak_without_partners_says_so(world):
    # The world's politie account is a partner, just not in the werkgroep yet (issue 14).
    page = world.client("ambtenaar").get(url(world, "draagvlak")).content.decode()
    assert "partneraccounts, maar die staan nog niet in de werkgroep" in page
    response = world.client("ambtenaar").post(url(world, "draagvlak"), {}, follow=True)
    assert "nog geen partners in de werkgroep" in response.content.decode()


# --- uitvoeringsprogramma -------------------------------------------------------------------------


def _action(**extra):
    return {
        "year": "2027",
        "title": "Buurtpreventie-app uitbreiden",
        "owner": "Team Veiligheid",
        "partners": "politie",
        "budget": "12500.50",
        "start": "2027-02-01",
        "end": "2027-11-30",
        "status": "gepland",
        **extra,
    }


def test_uitvoeringsprogramma_by_year_with_totals(world):
    client = world.client("ambtenaar")
    assert client.post(url(world, "uitvoeringsprogramma"), _action()).status_code == 302
    client.post(url(world, "uitvoeringsprogramma"), _action(title="Cameratoezicht", budget="7500"))
    client.post(
        url(world, "uitvoeringsprogramma"),
        _action(year="2028", title="Voorlichting woninginbraak", budget="", start="", end=""),
    )
    years = selectors.actions_by_year(world.project)
    assert [(entry.year, entry.budget) for entry in years] == [
        (2027, Decimal("20000.50")),
        (2028, Decimal("0")),
    ]
    assert audited(world.project, "actie toegevoegd")
    page = world.client("ambtenaar").get(url(world, "uitvoeringsprogramma")).content.decode()
    assert "Totaal 2027" in page and "20.000,50" in page and "Voorlichting woninginbraak" in page


def test_action_goal_comes_from_the_project(world, priority):
    goal = Goal.objects.create(project=world.project, theme=priority, description="Eigen doel")
    other = ProjectFactory(gemeente=world.gemeente)
    va_services.analysis_ensure(project=other)
    theirs = Goal.objects.create(
        project=other,
        theme=AnalysisTheme.objects.get(field__project=other, code="1.4"),
        description="Ander doel",
    )
    client = world.client("ambtenaar")
    refused = client.post(url(world, "uitvoeringsprogramma"), _action(goal=theirs.pk))
    assert (
        refused.status_code == 200 and "Kies een doel van dit project." in refused.content.decode()
    )
    assert client.post(url(world, "uitvoeringsprogramma"), _action(goal=goal.pk)).status_code == 302
    assert Action.objects.get(project=world.project).goal == goal


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"year": "2031"}, "Kies een jaar van 2027 tot en met 2030."),
        ({"budget": "-5"}, "Het budget is 0 of meer."),
        ({"budget": "veel"}, "Geef het budget als bedrag"),
        (
            {"start": "2027-06-01", "end": "2027-05-01"},
            "De actie is gereed op of na de startdatum.",
        ),
        ({"title": ""}, "Dit veld is verplicht"),
        ({"owner": ""}, "Dit veld is verplicht"),
        ({"status": "klaar"}, "Kies een status uit de lijst."),
    ],
)
def test_action_bad_input_changes_nothing(world, extra, message):
    response = world.client("ambtenaar").post(url(world, "uitvoeringsprogramma"), _action(**extra))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Action.objects.exists()


def test_action_edit_and_progress(world):
    action = services.action_add(
        actor=None, project=world.project, year=2027, title="Cameratoezicht", owner="Jan"
    )
    client = world.client("ambtenaar")
    edit_url = url(world, "action_edit", action_uuid=action.uuid)
    assert client.get(edit_url).status_code == 200
    saved = client.post(edit_url, _action(title="Cameratoezicht centrum", budget="900"))
    assert saved.status_code == 302
    action.refresh_from_db()
    assert action.title == "Cameratoezicht centrum" and action.budget == Decimal("900")
    assert audited(world.project, "actie gewijzigd")

    bad = client.post(edit_url, _action(end="2027-01-01"))
    assert bad.status_code == 200 and "gereed op of na de startdatum" in bad.content.decode()
    action.refresh_from_db()
    assert action.end == date(2027, 11, 30)

    progress_url = url(world, "action_progress", action_uuid=action.uuid)
    reported = client.post(
        progress_url, {"year": "2027", "text": "Camera's hangen.", "status": "lopend"}
    )
    assert reported.status_code == 302
    action.refresh_from_db()
    assert action.status == "lopend"
    client.post(progress_url, {"year": "2027", "text": "Klaar.", "status": "gereed"})
    progress = ActionProgress.objects.get(action=action)
    assert progress.text == "Klaar." and progress.status == "gereed"
    action.refresh_from_db()
    assert action.status == "gereed"
    assert audited(world.project, "voortgang gerapporteerd")
    assert audited(world.project, "voortgang bijgewerkt")
    page = world.client("ambtenaar").get(edit_url).content.decode()
    assert "Klaar." in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"year": "2035", "text": "Iets", "status": "lopend"}, "Kies een jaar van 2027"),
        ({"year": "2028", "text": "", "status": "lopend"}, "Dit veld is verplicht"),
        ({"year": "2028", "text": "Iets", "status": "onbekend"}, "Kies een status uit de lijst."),
    ],
)
def test_progress_bad_input_changes_nothing(world, data, message):
    action = services.action_add(
        actor=None, project=world.project, year=2027, title="Cameratoezicht", owner="Jan"
    )
    response = world.client("ambtenaar").post(
        url(world, "action_progress", action_uuid=action.uuid), data
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ActionProgress.objects.exists()
    action.refresh_from_db()
    assert action.status == "gepland"


# --- roles ----------------------------------------------------------------------------------------


def _writes(world):
    """(url, data) for every write; each would change something if it were allowed."""
    project = world.project
    politie = member(project)
    meeting = Meeting.objects.create(project=project, date=date(2027, 1, 1), title="Start")
    action = Action.objects.create(project=project, year=2027, title="Actie", owner="Jan")
    va_services.analysis_ensure(project=project)
    theme = AnalysisTheme.objects.get(field__project=project, code="1.4")
    theme.proposed_priority = True
    theme.save()
    goal = Goal.objects.create(project=project, theme=theme, description="Doel")
    question = BeleidsvraagAnswer.objects.create(
        project=project, group=BeleidsvraagGroup.VISIE, question="Eigen vraag?"
    )
    return [
        (url(world, "startnotitie"), {"scope": "Gewijzigd"}),
        (url(world, "werkgroep"), {"name": "Nieuw", "organisation": "om"}),
        (url(world, "werkgroep_remove", member_uuid=politie.uuid), CONFIRMED),
        (url(world, "meetings"), _meeting(title="Nieuw")),
        (url(world, "meeting_edit", meeting_uuid=meeting.uuid), _meeting(title="Gewijzigd")),
        (url(world, "beleidsvraag_add"), {"group": "visie", "question": "Nieuw?"}),
        (url(world, "beleidsvragen_answer"), {f"answer_{question.uuid}": "Gewijzigd"}),
        (url(world, "kadernota"), {"visie": "Gewijzigd"}),
        (url(world, "goal_add"), {"theme": theme.pk, "description": "Nieuw doel"}),
        (url(world, "goal_remove", goal_uuid=goal.uuid), CONFIRMED),
        (url(world, "draagvlak"), {"politie__visie__verdict": "akkoord"}),
        (url(world, "uitvoeringsprogramma"), _action(title="Nieuw")),
        (url(world, "action_edit", action_uuid=action.uuid), _action(title="Gewijzigd")),
        (
            url(world, "action_progress", action_uuid=action.uuid),
            {"year": "2027", "text": "x", "status": "gereed"},
        ),
    ]


def _state():
    return (
        list(Startnotitie.objects.values_list("scope", flat=True)),
        list(WerkgroepMember.objects.values_list("name", flat=True)),
        list(Meeting.objects.values_list("title", flat=True)),
        list(BeleidsvraagAnswer.objects.values_list("question", "answer")),
        list(Kadernota.objects.values_list("visie", flat=True)),
        list(Goal.objects.values_list("description", flat=True)),
        DraagvlakResponse.objects.count(),
        list(Action.objects.values_list("title", "status")),
        ActionProgress.objects.count(),
        AuditEntry.objects.count(),
    )


@pytest.mark.parametrize("persona", ["raadslid", "partner"])
def test_readers_may_not_change_anything(world, persona):
    writes = _writes(world)
    before = _state()
    client = world.client(persona)
    for target, data in writes:
        assert client.post(target, data).status_code == 403, target
    assert _state() == before


def test_outsiders_see_nothing(world):
    writes = _writes(world)
    before = _state()
    client = world.client("outsider")
    for target, data in writes:
        assert client.get(target).status_code in (404,), target
        assert client.post(target, data).status_code == 404, target
    assert _state() == before


def test_pages_of_another_gemeente_are_not_found_by_uuid(world):
    theirs = Meeting.objects.create(
        project=world.other_project, date=date(2027, 1, 1), title="Elders"
    )
    response = world.client("ambtenaar").get(url(world, "meeting_edit", meeting_uuid=theirs.uuid))
    assert response.status_code == 404
