"""Marking parts vertrouwelijk: only the parts of this project, with a valid reason, each
change in the audit log, a second identical click changing nothing."""

import pytest
from django.core.exceptions import ValidationError

from analysis.models import AnalysisTheme
from analysis.narrative import services as va_services
from projects.confidentiality import (
    figure_key,
    kadernota_key,
    section_key,
    theme_key,
    theme_text_key,
)
from projects.confidentiality_services import (
    confidential_mark_clear,
    confidential_mark_set,
    markable_parts,
)
from projects.models import AuditEntry, ConfidentialMark
from reports.selectors import structure_for
from tests.factories import ProjectFactory


@pytest.fixture
def theme(content):
    return AnalysisTheme.objects.get(field__project=content, code="1.4")


def _mark(world, project, key, reason="ondermijning", note=""):
    return confidential_mark_set(
        actor=world.users["ambtenaar"], project=project, key=key, reason=reason, note=note
    )


def test_every_kind_of_part_can_be_listed_and_marked(content, world, theme):
    keys = {part.key for part in markable_parts(content)}
    section = structure_for(content, "kadernota").sections.first()
    expected = {
        theme_key(theme),
        theme_text_key(theme, "huidige_aanpak"),
        kadernota_key("visie"),
        section_key(section),
        figure_key("voelt_zich_weleens_onveilig"),  # in the survey and in theme 1.4
    }
    assert expected <= keys
    for key in expected:
        _mark(world, content, key)
    assert set(ConfidentialMark.objects.filter(project=content).values_list("key", flat=True)) == (
        expected
    )


def test_a_mark_is_audited_with_the_part_and_the_reason(content, world, theme):
    mark = _mark(world, content, theme_key(theme), reason="politie")
    assert mark.get_reason_display() == "politie-informatie"
    assert mark.marked_by == world.users["ambtenaar"]
    entry = AuditEntry.objects.filter(project=content).first()
    assert entry.action == "onderdeel vertrouwelijk gemaakt"
    assert entry.detail == {
        "onderdeel": f"Subjectieve veiligheid (veiligheidsgevoel) ({theme.field.name})",
        "reden": "politie-informatie",
    }


def test_the_same_mark_again_changes_nothing_and_a_new_reason_is_audited(content, world, theme):
    _mark(world, content, theme_key(theme))
    count = AuditEntry.objects.count()
    _mark(world, content, theme_key(theme))
    assert AuditEntry.objects.count() == count
    _mark(world, content, theme_key(theme), reason="overig", note="Lopend onderzoek")
    entry = AuditEntry.objects.first()
    assert entry.action == "reden vertrouwelijk gewijzigd"
    assert entry.detail["was"] == "ondermijningsbeeld (RIEC)"
    assert entry.detail["toelichting"] == "Lopend onderzoek"
    assert ConfidentialMark.objects.get(project=content).note == "Lopend onderzoek"


@pytest.mark.parametrize(
    ("reason", "note", "field", "msg"),
    [
        ("", "", "reason", "Kies een reden"),
        ("staatsgeheim", "", "reason", "Kies een reden"),
        ("overig", "  ", "note", "Licht toe waarom"),
        ("politie", "x" * 301, "note", "korter dan 300 tekens"),
    ],
)
def test_a_bad_reason_or_note_is_refused_in_dutch(content, world, theme, reason, note, field, msg):
    with pytest.raises(ValidationError) as error:
        _mark(world, content, theme_key(theme), reason=reason, note=note)
    assert msg in " ".join(error.value.message_dict[field])
    assert not ConfidentialMark.objects.exists()


def test_a_key_of_another_project_or_of_nothing_is_refused(content, world, theme):
    other = ProjectFactory(gemeente=world.gemeente)
    va_services.analysis_ensure(project=other)
    for key in (
        theme_key(theme),  # this theme belongs to `content`, not `other`
        "thema:00000000-0000-0000-0000-000000000000",
        "kadernota:geheim",
        "figuur:bestaat_niet",
        "iets anders",
    ):
        with pytest.raises(ValidationError, match="bestaat niet in dit project"):
            _mark(world, other, key)
    assert not ConfidentialMark.objects.exists()


def test_an_analysis_only_project_has_no_kadernota_chapters(world):
    project = ProjectFactory(gemeente=world.gemeente, analyse_only=True)
    keys = {part.key for part in markable_parts(project)}
    assert not any(key.startswith("kadernota:") for key in keys)
    with pytest.raises(ValidationError):
        _mark(world, project, kadernota_key("visie"))


def test_clearing_deletes_the_mark_once_and_audits_it(content, world, theme):
    _mark(world, content, theme_key(theme))
    confidential_mark_clear(actor=world.users["adviseur"], project=content, key=theme_key(theme))
    assert not ConfidentialMark.objects.exists()
    entry = AuditEntry.objects.first()
    assert entry.action == "vertrouwelijk opgeheven"
    assert entry.detail["reden was"] == "ondermijningsbeeld (RIEC)"
    count = AuditEntry.objects.count()
    confidential_mark_clear(actor=world.users["adviseur"], project=content, key=theme_key(theme))
    assert AuditEntry.objects.count() == count
