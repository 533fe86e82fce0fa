"""Shared and local goals in a joint plan's kadernota (issue 19): shared goals stay in the
shared Doelen chapter; a gemeente's own goals are in its local chapter under "Lokale doelen".
A gemeente's edition has the shared goals and only its own local ones."""

import io
import json

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from analysis.models import AnalysisTheme
from analysis.narrative import services as va_services
from kernbeleid.products import services as steps
from reports import services
from reports.begroting_export import paragraph_build
from reports.constants import DocumentKind, RenderFormat
from reports.kadernota_common import goals_of
from reports.models import RenderRun
from reports.yearly_sections import goal_figure_row
from tests.factories import gemeente, join_plan

KN = DocumentKind.KADERNOTA
SHARED = "Samen minder woninginbraken"
DIEMEN = "Minder overlast in Diemen-Noord"
OUDER = "Veilig over straat in Duivendrecht"


@pytest.fixture
def joint(world):
    """Amsterdam leads, Diemen and Ouder-Amstel joined; one shared goal and one local goal
    each for Diemen and Ouder-Amstel, under the same priority."""
    va_services.analysis_ensure(project=world.project)
    theme = AnalysisTheme.objects.get(field__project=world.project, code="1.4")
    theme.proposed_priority = True
    theme.save()
    diemen, ouder = gemeente("GM0384"), gemeente("GM0437")
    join_plan(world.project, diemen, ouder)
    for description, scope in ((SHARED, None), (DIEMEN, diemen), (OUDER, ouder)):
        steps.goal_add(
            actor=world.users["ambtenaar"],
            project=world.project,
            theme=theme,
            description=description,
            maatregelen=f"Aanpak: {description}",
            gemeente=scope,
            access_gemeente=scope,  # each gemeente its own, the lead the shared one
        )
    return world.project, diemen, ouder


def _texts(version) -> dict[str, str]:
    """Each section's title with everything it holds, as stored in the version."""
    return {
        section["title"]: json.dumps(section, ensure_ascii=False)
        for section in version.snapshot["sections"]
    }


def _shared(texts: dict[str, str]) -> str:
    return " ".join(text for title, text in texts.items() if not title.startswith("Lokaal"))


def test_the_whole_plan_has_local_goals_only_in_their_gemeentes_chapter(world, joint):
    project, _diemen, _ouder = joint
    version = services.version_for(actor=world.users["ambtenaar"], project=project, document=KN)
    texts = _texts(version)
    shared = _shared(texts)
    assert SHARED in shared
    assert DIEMEN not in shared and OUDER not in shared
    assert "Lokale doelen" in texts["Lokaal hoofdstuk Diemen"]
    assert DIEMEN in texts["Lokaal hoofdstuk Diemen"]
    assert OUDER not in texts["Lokaal hoofdstuk Diemen"]
    assert OUDER in texts["Lokaal hoofdstuk Ouder-Amstel"]
    assert "Lokale doelen" not in texts["Lokaal hoofdstuk Amsterdam"]  # the lead has none


def test_an_edition_has_the_shared_goals_and_only_its_own_local_ones(world, joint):
    project, diemen, ouder = joint
    for own, other in ((diemen, OUDER), (ouder, DIEMEN)):
        edition = services.version_for(
            actor=world.users["ambtenaar"], project=project, document=KN, edition_gemeente=own
        )
        everything = " ".join(_texts(edition).values())
        assert SHARED in everything
        assert other not in everything
    diemen_edition = services.version_for(
        actor=world.users["ambtenaar"], project=project, document=KN, edition_gemeente=diemen
    )
    assert DIEMEN in _texts(diemen_edition)["Lokaal hoofdstuk Diemen"]


def test_the_pdf_of_an_edition_shows_its_own_local_goal(
    world, joint, django_capture_on_commit_callbacks
):
    project, diemen, _ouder = joint
    edition = services.version_for(
        actor=world.users["ambtenaar"], project=project, document=KN, edition_gemeente=diemen
    )
    with django_capture_on_commit_callbacks(execute=True):
        run = services.render_request(
            actor=world.users["ambtenaar"], version=edition, fmt=RenderFormat.PDF
        )
    run = RenderRun.objects.get(pk=run.pk)
    assert run.status == "done", run.message
    with run.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Lokale doelen" in text
    assert DIEMEN in text and SHARED in text
    assert OUDER not in text
    # The local goal comes after the shared part, in Diemen's chapter.
    assert text.index("Lokaal hoofdstuk Diemen", text.index(SHARED)) < text.rindex(DIEMEN)


def test_a_local_goal_of_a_gemeente_outside_the_plan_is_refused(world, joint):
    project, _diemen, _ouder = joint
    theme = AnalysisTheme.objects.get(field__project=project, code="1.4")
    with pytest.raises(ValidationError):
        steps.goal_add(
            actor=world.users["ambtenaar"],
            project=project,
            theme=theme,
            description="Buiten het plan",
            gemeente=world.other,
        )


def test_the_voortgangsrapportage_names_whose_a_local_goal_is(world, joint):
    project, _diemen, _ouder = joint
    rows = [goal_figure_row(goal, 2026)[0] for goal in goals_of(project)]
    assert sorted(rows) == sorted(
        [SHARED, f"{DIEMEN} (lokaal: Diemen)", f"{OUDER} (lokaal: Ouder-Amstel)"]
    )


def test_a_gemeentes_begroting_paragraph_leaves_out_another_gemeentes_goals(world, joint):
    project, diemen, _ouder = joint
    for whose, expected in (
        (diemen, {SHARED, DIEMEN}),
        (world.gemeente, {SHARED}),  # the lead has no local goal of its own here
        (None, {SHARED, DIEMEN, OUDER}),
    ):
        paragraph = paragraph_build(project, 2027, "begroting", gemeente=whose)
        shown = {goal.description for part in paragraph.parts for goal in part.goals}
        assert shown == expected


def test_a_yearly_edition_carries_the_shared_actions_and_only_its_own(world, joint):
    """The college of each gemeente adopts its own uitvoeringsprogramma: its edition has the
    actions under shared goals, its own local goals and no goal, not another gemeente's."""
    from kernbeleid.models import Goal

    project, diemen, ouder = joint
    actor = world.users["ambtenaar"]
    for goal in Goal.objects.filter(project=project):
        steps.action_add(
            actor=actor,
            project=project,
            year=2027,
            title=f"Actie bij {goal.description}",
            owner="OOV",
            goal=goal,
        )
    steps.action_add(
        actor=actor, project=project, year=2027, title="Actie zonder doel", owner="OOV"
    )
    up = DocumentKind.UITVOERINGSPROGRAMMA

    whole = json.dumps(
        services.version_for(actor=actor, project=project, document=up, part="2027").snapshot,
        ensure_ascii=False,
    )
    for description in (SHARED, DIEMEN, OUDER):
        assert f"Actie bij {description}" in whole
    for own, other in ((diemen, OUDER), (ouder, DIEMEN)):
        version = services.version_for(
            actor=actor, project=project, document=up, part="2027", edition_gemeente=own
        )
        assert version.edition == own.cbs_code
        text = json.dumps(version.snapshot, ensure_ascii=False)
        assert f"Actie bij {SHARED}" in text and "Actie zonder doel" in text
        assert f"Actie bij {other}" not in text
        mine = DIEMEN if own == diemen else OUDER
        assert f"Actie bij {mine}" in text

    with pytest.raises(ValidationError):  # the raadsvoorstel is drafted once for the plan
        services.version_for(
            actor=actor,
            project=project,
            document=DocumentKind.RAADSVOORSTEL,
            part="5",
            edition_gemeente=diemen,
        )
