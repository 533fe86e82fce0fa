"""The veiligheidsanalyse: structure per project, edit conflicts, history and restore, status,
priorities and the generated drafts after an import."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from analysis.figures.services import survey_import_now
from analysis.models import AnalysisField, AnalysisTheme, GeneratedDraft, ThemeRevision
from analysis.narrative import services as va_services
from projects.models import AuditEntry
from tests.factories import ProjectFactory

from .conftest import MAPPING, csv_upload


@pytest.fixture
def analysis(world):
    va_services.analysis_ensure(project=world.project)
    return world.project


def theme(project, code="1.4") -> AnalysisTheme:
    return AnalysisTheme.objects.get(field__project=project, code=code)


def url(world, name, **kwargs):
    return reverse(
        f"analysis:{name}",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid, **kwargs},
    )


def test_catalogue_fields_themes_and_cross_cutting(analysis):
    codes = list(AnalysisField.objects.filter(project=analysis).values_list("code", flat=True))
    assert codes == ["1", "2", "3", "4", "5", "X"]
    assert theme(analysis, "1.4").name == "Subjectieve veiligheid (veiligheidsgevoel)"
    assert "voelt_zich_weleens_onveilig" in theme(analysis, "1.4").indicator_codes
    cross = [t.name for t in AnalysisTheme.objects.filter(field__project=analysis, field__code="X")]
    assert cross == ["Gedigitaliseerde criminaliteit", "Zorg en veiligheid", "Informatiepositie"]
    assert analysis.analysis_settings.catalogue_version == "0.1-draft"
    va_services.analysis_ensure(project=analysis)  # idempotent
    assert AnalysisField.objects.filter(project=analysis).count() == 6


def test_structure_changes_stay_within_the_project(analysis, world):
    other = ProjectFactory(gemeente=world.gemeente)
    va_services.analysis_ensure(project=other)
    actor = world.users["ambtenaar"]
    va_services.rename(actor=actor, obj=theme(analysis, "1.1"), name="Woonoverlast")
    sixth = va_services.field_add(actor=actor, project=analysis, name="Terrorisme")
    assert sixth.code == "6" and sixth.custom
    va_services.theme_add(actor=actor, field=sixth, name="Dreiging en weerbaarheid")
    va_services.theme_coverage_set(
        actor=actor, theme=theme(analysis, "2.5"), coverage="nvt", reasoning="Geen haven."
    )
    assert theme(other, "1.1").name == "Sociale kwaliteit"
    assert theme(analysis, "2.5").coverage == "nvt" and theme(other, "2.5").worked_out
    assert not AnalysisField.objects.filter(project=other, code="6").exists()
    with pytest.raises(ValidationError):
        va_services.rename(actor=actor, obj=sixth, name="  ")


def test_each_structure_change_posts_to_its_own_url(analysis, world):
    client = world.client("ambtenaar")
    field, subject = analysis.analysis_fields.get(code="1"), theme(analysis, "1.4")
    page = client.get(url(world, "va_structure")).content.decode()
    assert f'action="{url(world, "va_field_add")}"' in page
    assert f'action="{url(world, "va_theme_rename", theme_uuid=subject.uuid)}"' in page
    assert f'action="{url(world, "va_field_hide", field_uuid=field.uuid)}"' in page
    # The page only shows the forms: a POST there (the old dispatcher) changes nothing.
    assert (
        client.post(url(world, "va_structure"), {"action": "add_field", "name": "X"}).status_code
        == 405
    )
    steps = [
        ("va_field_add", {}, {"name": "Terrorisme"}),
        ("va_theme_add", {"field_uuid": field.uuid}, {"name": "Buurtpreventie"}),
        ("va_field_rename", {"field_uuid": field.uuid}, {"name": "Veilige woonomgeving"}),
        ("va_theme_rename", {"theme_uuid": subject.uuid}, {"name": "Veiligheidsgevoel"}),
        ("va_field_hide", {"field_uuid": field.uuid}, {}),
        (
            "va_theme_coverage",
            {"theme_uuid": subject.uuid},
            {
                f"cov-{subject.uuid}-coverage": "basisniveau",
                f"cov-{subject.uuid}-reasoning": "Loopt.",
            },
        ),
    ]
    for name, kwargs, data in steps:
        response = client.post(url(world, name, **kwargs), data, follow=True)
        assert response.redirect_chain[-1][0] == url(world, "va_structure"), name
    field.refresh_from_db()
    subject.refresh_from_db()
    assert (field.name, field.hidden) == ("Veilige woonomgeving", True)
    assert (subject.name, subject.coverage) == ("Veiligheidsgevoel", "basisniveau")
    assert analysis.analysis_fields.filter(name="Terrorisme", custom=True).exists()
    assert field.themes.filter(name="Buurtpreventie", custom=True).exists()
    client.post(url(world, "va_field_show", field_uuid=field.uuid))
    client.post(
        url(world, "va_theme_coverage", theme_uuid=subject.uuid),
        {f"cov-{subject.uuid}-coverage": "uitgewerkt"},
    )
    field.refresh_from_db()
    subject.refresh_from_db()
    assert not field.hidden and subject.worked_out
    empty = client.post(url(world, "va_field_rename", field_uuid=field.uuid), {}, follow=True)
    assert "Geef een naam op" in empty.content.decode()
    field.refresh_from_db()
    assert field.name == "Veilige woonomgeving"
    other = ProjectFactory(gemeente=world.gemeente)
    va_services.analysis_ensure(project=other)
    foreign = other.analysis_fields.get(code="1")
    assert client.post(url(world, "va_field_hide", field_uuid=foreign.uuid)).status_code == 404


def test_texts_are_sanitised_and_keep_their_history(analysis, world):
    subject = theme(analysis)
    saved = va_services.theme_save(
        actor=world.users["ambtenaar"],
        theme=subject,
        base_version=subject.version,
        texts={
            "knelpunten": "<div>Inbraken <strong>nemen toe</strong><script>alert(1)</script>"
            "<img src=x onerror=alert(2)></div>"
        },
    )
    assert saved.version == 2
    assert "<script" not in saved.knelpunten and "onerror" not in saved.knelpunten
    assert "<strong>nemen toe</strong>" in saved.knelpunten
    revision = ThemeRevision.objects.get(theme=subject, version=2)
    assert revision.author == world.users["ambtenaar"]
    assert AuditEntry.objects.filter(action="thema bewerkt", project=analysis).exists()


def test_the_second_save_on_the_same_version_is_refused_and_nothing_is_lost(analysis, world):
    subject = theme(analysis)
    opened_version = subject.version
    va_services.theme_save(
        actor=world.users["ambtenaar"],
        theme=subject,
        base_version=opened_version,
        texts={"knelpunten": "<p>Tekst van de ambtenaar</p>"},
    )
    with pytest.raises(va_services.EditConflict) as conflict:
        va_services.theme_save(
            actor=world.users["adviseur"],
            theme=subject,
            base_version=opened_version,
            texts={"knelpunten": "<p>Tekst van de adviseur</p>"},
        )
    assert conflict.value.mine["knelpunten"] == "<p>Tekst van de adviseur</p>"
    assert conflict.value.current.knelpunten == "<p>Tekst van de ambtenaar</p>"
    subject.refresh_from_db()
    assert subject.knelpunten == "<p>Tekst van de ambtenaar</p>" and subject.version == 2


def test_conflict_page_shows_both_versions(analysis, world):
    subject = theme(analysis)
    save_url = url(world, "va_theme_save", theme_uuid=subject.uuid)
    world.client("ambtenaar").post(save_url, {"version": 1, "knelpunten": "<p>Eerste</p>"})
    response = world.client("adviseur").post(
        save_url, {"version": 1, "knelpunten": "<p>Tweede</p>"}
    )
    assert response.status_code == 409
    content = response.content.decode()
    # Named, not by address: "Naam (ambtenaar) heeft dit thema opgeslagen".
    other = escape(world.users["ambtenaar"].display_name(world.gemeente))
    assert f"{other} heeft dit thema opgeslagen" in content and "@example.nl" not in content
    assert "<p>Eerste</p>" in content  # theirs, shown
    assert "&lt;p&gt;Tweede&lt;/p&gt;" in content  # mine, kept in the form
    # Saving again from the conflict page works (now on the newest version).
    again = world.client("adviseur").post(save_url, {"version": 2, "knelpunten": "<p>Tweede</p>"})
    assert again.status_code == 302
    subject.refresh_from_db()
    assert subject.knelpunten == "<p>Tweede</p>" and subject.version == 3


def test_history_diff_and_restore(analysis, world):
    subject = theme(analysis)
    actor = world.users["ambtenaar"]
    va_services.theme_save(
        actor=actor, theme=subject, base_version=1, texts={"knelpunten": "<p>Versie een</p>"}
    )
    va_services.theme_save(
        actor=actor,
        theme=subject,
        base_version=2,
        texts={"knelpunten": "<p>Versie twee</p>", "bronnen": "<p>VM</p>"},
    )
    page = (
        world.client("adviseur")
        .get(url(world, "va_history", theme_uuid=subject.uuid) + "?versie=3")
        .content.decode()
    )
    assert "verwijderd: </span>Versie een" in page and "toegevoegd: </span>Versie twee" in page
    world.client("adviseur").post(
        url(world, "va_restore", theme_uuid=subject.uuid), {"version": "2"}
    )
    subject.refresh_from_db()
    assert subject.knelpunten == "<p>Versie een</p>" and subject.bronnen == ""
    assert subject.version == 4
    assert ThemeRevision.objects.get(theme=subject, version=4).note == "hersteld uit versie 2"


def test_a_field_is_definitief_only_when_every_theme_has_knelpunten(analysis, world):
    field = AnalysisField.objects.get(project=analysis, code="4")
    actor = world.users["ambtenaar"]
    with pytest.raises(ValidationError) as error:
        va_services.field_status_set(actor=actor, field=field, status="definitief")
    assert "Nog leeg: Verkeersveiligheid" in " ".join(error.value.messages)
    for item in field.themes.all():
        va_services.theme_save(
            actor=actor,
            theme=item,
            base_version=item.version,
            texts={"knelpunten": f"<p>{item.name}</p>"},
        )
    va_services.field_status_set(actor=actor, field=field, status="definitief")
    field.refresh_from_db()
    assert field.status == "definitief"


def test_priority_scores_weights_and_ranking(analysis, world):
    from analysis.narrative.selectors import ranking

    settings_ = analysis.analysis_settings
    a, b = theme(analysis, "1.3"), theme(analysis, "3.1")
    va_services.priorities_save(
        actor=world.users["ambtenaar"],
        project=analysis,
        scores={
            a: {"omvang": 5, "ernst": 4, "trend": 3, "beleving": 4, "beinvloedbaarheid": 2},
            b: {"omvang": 3, "ernst": 3, "trend": 5, "beleving": 3, "beinvloedbaarheid": 5},
        },
    )
    a.refresh_from_db(), b.refresh_from_db()
    # Equal weights: a = 18 / 5 = 3.6, b = 19 / 5 = 3.8
    assert va_services.priority_score(a, settings_) == pytest.approx(3.6)
    assert va_services.priority_score(b, settings_) == pytest.approx(3.8)
    assert [item.theme for item in ranking(analysis, settings_)[:2]] == [b, a]
    va_services.weights_save(
        actor=world.users["ambtenaar"],
        project=analysis,
        weights={"omvang": 3, "ernst": 1, "trend": 1, "beleving": 1, "beinvloedbaarheid": 1},
    )
    settings_.refresh_from_db()
    # a = (15 + 4 + 3 + 4 + 2) / 7 = 4.0, b = (9 + 3 + 5 + 3 + 5) / 7 = 3.571
    assert va_services.priority_score(a, settings_) == pytest.approx(4.0)
    assert [item.theme for item in ranking(analysis, settings_)[:2]] == [a, b]
    assert va_services.problem_score(a, settings_) == pytest.approx((15 + 4 + 3 + 4) / 6)


def test_proposing_a_priority_needs_reasoning(analysis, world):
    subject = theme(analysis, "1.3")
    response = world.client("ambtenaar").post(
        url(world, "va_priorities"),
        {f"{subject.pk}__proposed": "on", f"{subject.pk}__reasoning": ""},
    )
    assert response.status_code == 200
    assert "Onderbouw waarom" in response.content.decode()
    subject.refresh_from_db()
    assert not subject.proposed_priority


def test_drafts_refresh_after_an_import_without_touching_user_texts(analysis, world):
    subject = theme(analysis, "1.4")
    va_services.theme_save(
        actor=world.users["ambtenaar"],
        theme=subject,
        base_version=1,
        texts={"knelpunten": "<p>Onze eigen woorden</p>"},
    )
    world.project.min_n, world.project.warn_n = 1, 3
    world.project.save()
    survey_import_now(
        actor=None, project=world.project, upload=csv_upload(), year=2023, mapping=MAPPING
    )
    draft = GeneratedDraft.objects.get(project=analysis, theme=subject)
    assert any(
        "Voelt zich weleens onveilig (algemeen): 41,7% in Amsterdam in 2023" in p
        for p in draft.paragraphs
    )
    subject.refresh_from_db()
    assert subject.knelpunten == "<p>Onze eigen woorden</p>"
    wijk_draft = GeneratedDraft.objects.get(project=analysis, theme=None, area__code="WK036300")
    assert wijk_draft.paragraphs
    page = world.client("ambtenaar").get(url(world, "va_wijk", code="WK036300")).content
    assert "Wijkprofiel" in page.decode()


def test_police_figures_show_beside_the_survey_on_the_theme_page(analysis, world):
    from analysis.figures.services import crime_import
    from analysis.models import ImportRun

    run = ImportRun.objects.create(project=analysis, kind="crime", original_name="p.csv")
    crime_import(
        run=run,
        data=(
            b"SoortMisdrijf;WijkenEnBuurten;Perioden;GeregistreerdeMisdrijven_1\n"
            b"1.1.1 Diefstal/inbraak woning;WK036300;2023JJ00;17\n"
        ),
    )
    subject = theme(analysis, "1.3")  # objectieve veiligheid: reg_woninginbraak
    page = world.client("ambtenaar").get(url(world, "va_theme", theme_uuid=subject.uuid))
    content = page.content.decode()
    assert "Objectief: geregistreerde criminaliteit (politie)" in content
    assert "Diefstal/inbraak woning" in content and ">17<" in content
    other = world.client("ambtenaar").get(url(world, "va_theme", theme_uuid=theme(analysis).uuid))
    assert "Objectief: geregistreerde criminaliteit" not in other.content.decode()
