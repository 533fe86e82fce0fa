"""Themes marked basisniveau or niet van toepassing (issue 13): one sentence why instead of
silently hiding them. A marked theme needs no texts, does not hold up the analysis, is not
scored, and shows its mark and reasoning. Bad input and other roles change nothing."""

import importlib
import re

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from analysis.models import AnalysisField, AnalysisTheme
from analysis.narrative import selectors
from analysis.narrative import services as va_services
from analysis.narrative.constants import AnalysisStatus, ThemeCoverage
from kernbeleid.products import selectors as products
from projects.models import AuditEntry
from tests.factories import ProjectFactory


@pytest.fixture
def analysis(world):
    va_services.analysis_ensure(project=world.project)
    return world.project


def theme(project, code) -> AnalysisTheme:
    return AnalysisTheme.objects.get(field__project=project, code=code)


def url(world, name, **kwargs):
    return reverse(
        f"analysis:{name}",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid, **kwargs},
    )


def mark(world, subject, coverage, reasoning="", persona="ambtenaar", follow=False):
    return world.client(persona).post(
        url(world, "va_theme_coverage", theme_uuid=subject.uuid),
        {f"cov-{subject.uuid}-coverage": coverage, f"cov-{subject.uuid}-reasoning": reasoning},
        follow=follow,
    )


def state(subject):
    subject.refresh_from_db()
    return subject.coverage, subject.coverage_reasoning


def test_a_marked_theme_shows_its_mark_and_reasoning_instead_of_vanishing(analysis, world):
    subject = theme(analysis, "2.5")
    reason = "Er is geen haven of bedrijventerrein; de politie houdt het basisniveau aan."
    response = mark(world, subject, "basisniveau", reason, follow=True)
    assert response.redirect_chain[-1][0] == url(world, "va_structure")
    assert state(subject) == ("basisniveau", reason)
    entry = AuditEntry.objects.get(project=analysis, action="uitwerking thema gewijzigd")
    assert entry.detail == {"van": "uitgewerkt", "naar": "basisniveau", "toelichting": reason}
    overview = world.client("ambtenaar").get(url(world, "va_overview")).content.decode()
    assert subject.name in overview and reason in overview
    assert "1 op basisniveau of niet van toepassing" in overview
    page = world.client("ambtenaar").get(url(world, "va_theme", theme_uuid=subject.uuid))
    assert "gemarkeerd als basisniveau" in page.content.decode()


def test_the_reasoning_is_one_sentence_on_one_line(analysis, world):
    subject = theme(analysis, "2.5")
    mark(world, subject, "nvt", "Geen\nhaven   in de gemeente.")
    assert state(subject) == ("nvt", "Geen haven in de gemeente.")


@pytest.mark.parametrize(
    ("coverage", "reasoning", "message"),
    [
        ("basisniveau", "", "Geef in één zin aan waarom"),
        ("nvt", "   ", "Geef in één zin aan waarom"),
        ("basisniveau", "x" * 301, "hooguit 300 tekens (nu 301)"),
        ("verborgen", "Weg ermee.", "Kies uitgewerkt, basisniveau of niet van toepassing."),
        ("", "Weg ermee.", "Kies uitgewerkt, basisniveau of niet van toepassing."),
    ],
)
def test_a_bad_mark_is_refused_keeps_what_was_typed_and_changes_nothing(
    analysis, world, coverage, reasoning, message
):
    subject = theme(analysis, "2.5")
    response = mark(world, subject, coverage, reasoning)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    if reasoning.strip():
        assert reasoning.strip() in page  # typed text comes back in the form
    assert state(subject) == ("uitgewerkt", "")
    assert not AuditEntry.objects.filter(action="uitwerking thema gewijzigd").exists()


def test_a_proposed_priority_cannot_be_marked(analysis, world):
    subject = theme(analysis, "1.4")
    subject.proposed_priority, subject.priority_reasoning = True, "Veel onveiligheidsgevoel."
    subject.save()
    response = mark(world, subject, "basisniveau", "Loopt al goed.")
    assert "is voorgesteld als prioriteit" in response.content.decode()
    assert state(subject) == ("uitgewerkt", "")


def test_a_marked_theme_cannot_be_proposed_as_priority(analysis, world):
    subject = theme(analysis, "2.5")
    va_services.theme_coverage_set(actor=None, theme=subject, coverage="nvt", reasoning="Nee.")
    subject.refresh_from_db()
    scores = {subject: {"proposed_priority": True, "priority_reasoning": "Toch."}}
    with pytest.raises(ValidationError, match="zet het eerst terug op uitgewerkt"):
        va_services.priorities_save(actor=None, project=analysis, scores=scores)
    subject.refresh_from_db()
    assert not subject.proposed_priority


def test_set_back_to_uitgewerkt_forgets_the_reasoning(analysis, world):
    subject = theme(analysis, "2.5")
    mark(world, subject, "nvt", "Geen haven.")
    mark(world, subject, "uitgewerkt", "wordt genegeerd")
    assert state(subject) == ("uitgewerkt", "")
    assert AuditEntry.objects.filter(action="uitwerking thema gewijzigd").count() == 2


def test_a_marked_theme_does_not_hold_up_the_field(analysis, world):
    field = AnalysisField.objects.get(project=analysis, code="2")
    themes = list(field.themes.all())
    for subject in themes[1:]:
        subject.knelpunten = "<p>Knelpunt.</p>"
        subject.save()
    empty = themes[0]
    with pytest.raises(ValidationError, match=re.escape(empty.name)):
        va_services.field_status_set(actor=None, field=field, status=AnalysisStatus.DEFINITIEF)
    summary = next(s for s in selectors.field_summaries(analysis) if s.field == field)
    assert (summary.started, summary.total) == (len(themes) - 1, len(themes))

    va_services.theme_coverage_set(
        actor=None,
        theme=empty,
        coverage=ThemeCoverage.BASISNIVEAU,
        reasoning="Loopt via wijkagent.",
    )
    va_services.field_status_set(actor=None, field=field, status=AnalysisStatus.DEFINITIEF)
    field.refresh_from_db()
    assert field.status == AnalysisStatus.DEFINITIEF
    summary = next(s for s in selectors.field_summaries(analysis) if s.field == field)
    # Still listed (with its mark), but not counted as missing.
    assert empty in summary.themes and summary.marked == [empty]
    assert (summary.started, summary.total) == (len(themes) - 1, len(themes) - 1)


def test_a_marked_theme_is_not_scored_nor_a_priority(analysis, world):
    subject = theme(analysis, "2.5")
    va_services.theme_coverage_set(actor=None, theme=subject, coverage="nvt", reasoning="Nee.")
    settings_ = selectors.analysis_settings(analysis)
    assert subject not in [item.theme for item in selectors.ranking(analysis, settings_)]
    assert selectors.marked_themes(analysis) == [subject]
    page = world.client("ambtenaar").get(url(world, "va_priorities")).content.decode()
    assert f'name="{subject.pk}__omvang"' not in page
    assert "Niet gescoord, want niet uitgewerkt" in page and subject.name in page
    # An old proposal (made before the mark existed) does not make it a kadernota priority.
    AnalysisTheme.objects.filter(pk=subject.pk).update(proposed_priority=True)
    assert subject not in products.priorities(analysis)


def test_readers_and_other_gemeenten_cannot_mark_a_theme(analysis, world):
    subject = theme(analysis, "2.5")
    for persona, status in (("raadslid", 403), ("partner", 403), ("outsider", 404)):
        assert mark(world, subject, "nvt", "Nee.", persona=persona).status_code == status
    assert state(subject) == ("uitgewerkt", "")
    other = ProjectFactory(gemeente=world.gemeente)
    va_services.analysis_ensure(project=other)
    foreign = theme(other, "2.5")
    assert mark(world, foreign, "nvt", "Nee.").status_code == 404
    assert state(foreign) == ("uitgewerkt", "")


def test_themes_are_no_longer_hidden(analysis, world):
    page = world.client("ambtenaar").get(url(world, "va_structure")).content.decode()
    assert "Uitwerking aanpassen" in page
    subject = theme(analysis, "2.5")
    assert f"/structuur/thema/{subject.uuid}/verbergen/" not in page
    with pytest.raises(TypeError):
        va_services.visibility_set(actor=None, obj=subject, hidden=True)


def test_the_migration_turns_hidden_themes_into_niet_van_toepassing(analysis):
    migration = importlib.import_module(
        "analysis.migrations.0013_hidden_themes_become_niet_van_toepassing"
    )
    subject = theme(analysis, "3.2")
    AnalysisTheme.objects.filter(pk=subject.pk).update(hidden=True)
    migration.hidden_to_nvt(django_apps, None)
    subject.refresh_from_db()
    assert (subject.hidden, subject.coverage) == (False, "nvt")
    assert subject.coverage_reasoning == migration.REASONING
    assert AnalysisTheme.objects.filter(hidden=True).count() == 0
    migration.nvt_to_hidden(django_apps, None)  # and back
    subject.refresh_from_db()
    assert (subject.hidden, subject.coverage, subject.coverage_reasoning) == (
        True,
        "uitgewerkt",
        "",
    )
