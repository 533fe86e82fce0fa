"""A joint plan's documents (issue 19, item 5): the kadernota of a plan of three gemeenten
has the shared chapters, then one local chapter per gemeente, and a cover naming all three in
the lead's house style; one gemeente's edition has the shared chapters with only its own local
chapter, and its name and house colour on the cover. Both as PDF and as DOCX."""

import io

import docx
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from kernbeleid.products import local
from projects.models import Gemeente, Project
from reports import services
from reports.blocks import Snapshot
from reports.constants import DocumentKind, RenderFormat
from reports.models import RenderRun
from tests.factories import gemeente, join_plan

KN = DocumentKind.KADERNOTA
DIEMEN_GREEN = "#1a7f37"


@pytest.fixture
def joint(world):
    """Amsterdam (the world's gemeente) leads; Diemen and Ouder-Amstel joined; each wrote its
    local chapter of the kadernota."""
    diemen, ouder = gemeente("GM0384"), gemeente("GM0437")
    Gemeente.objects.filter(pk=diemen.pk).update(house_colour=DIEMEN_GREEN)
    diemen.refresh_from_db()
    join_plan(world.project, diemen, ouder)
    for g, kern in (
        (world.gemeente, "Zuidoost"),
        (diemen, "Diemen-Noord"),
        (ouder, "Duivendrecht"),
    ):
        local.local_chapter_save(
            actor=world.users["ambtenaar"],
            project=world.project,
            gemeente=g,
            document=KN,
            priorities=f"Lokale prioriteit van {g.name}",
            themes="",
            kernen=f"Kern {kern}",
        )
    return world.project, diemen, ouder


def _titles(snapshot) -> list[str]:
    return [section.title for section in Snapshot.of(snapshot).sections]


def _rendered(world, version, django_capture_on_commit_callbacks) -> dict[str, bytes]:
    files = {}
    for fmt in (RenderFormat.PDF, RenderFormat.DOCX):
        with django_capture_on_commit_callbacks(execute=True):
            run = services.render_request(actor=world.users["ambtenaar"], version=version, fmt=fmt)
        run = RenderRun.objects.get(pk=run.pk)
        assert run.status == "done", run.message
        with run.file.open("rb") as handle:
            files[fmt] = handle.read()
    return files


def _pdf_text(data: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())


def _pdf_cover(data: bytes) -> str:
    return " ".join(PdfReader(io.BytesIO(data)).pages[0].extract_text().split())


def _docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def test_the_kadernota_of_a_joint_plan_has_every_local_chapter_and_all_gemeenten(
    world, joint, django_capture_on_commit_callbacks
):
    project, diemen, ouder = joint
    version = services.version_for(actor=world.users["ambtenaar"], project=project, document=KN)
    snapshot = Snapshot.of(version.snapshot)
    titles = _titles(snapshot)
    local_titles = [t for t in titles if t.startswith("Lokaal hoofdstuk")]
    assert local_titles == [
        "Lokaal hoofdstuk Amsterdam",
        "Lokaal hoofdstuk Diemen",
        "Lokaal hoofdstuk Ouder-Amstel",
    ]
    # After the shared chapters, before the closing parts.
    first_local = titles.index("Lokaal hoofdstuk Amsterdam")
    assert first_local > 0 and "Begrippenlijst" not in titles[:first_local]
    assert [g.name for g in snapshot.gemeenten] == ["Amsterdam", "Diemen", "Ouder-Amstel"]
    assert snapshot.gemeente.name == "Amsterdam"  # the lead's house style
    assert snapshot.subtitle == "Gemeenten Amsterdam, Diemen en Ouder-Amstel"
    assert version.edition == ""

    files = _rendered(world, version, django_capture_on_commit_callbacks)
    cover = _pdf_cover(files[RenderFormat.PDF])
    assert "Gezamenlijk plan van de gemeenten Amsterdam, Diemen en Ouder-Amstel" in cover
    assert "Penvoerder: gemeente Amsterdam" in cover
    # The running header of every page names all the gemeenten, not only the lead.
    second = PdfReader(io.BytesIO(files[RenderFormat.PDF])).pages[1].extract_text()
    assert "Gemeenten Amsterdam, Diemen en Ouder-Amstel" in " ".join(second.split())
    text = _pdf_text(files[RenderFormat.PDF])
    for name, kern in (("Diemen", "Diemen-Noord"), ("Ouder-Amstel", "Duivendrecht")):
        assert f"Lokaal hoofdstuk {name}" in text
        assert f"Kern {kern}" in text
    words = _docx_text(files[RenderFormat.DOCX])
    assert "Gezamenlijk plan van de gemeenten Amsterdam, Diemen en Ouder-Amstel" in words
    assert "Lokale prioriteit van Ouder-Amstel" in words


def test_an_edition_has_the_shared_chapters_and_only_its_own(
    world, joint, django_capture_on_commit_callbacks
):
    project, diemen, ouder = joint
    whole = services.version_for(actor=world.users["ambtenaar"], project=project, document=KN)
    edition = services.version_for(
        actor=world.users["ambtenaar"], project=project, document=KN, edition_gemeente=diemen
    )
    assert edition.pk != whole.pk and edition.edition == diemen.cbs_code
    assert (edition.major, edition.minor) == (0, 1)  # numbered on its own
    snapshot = Snapshot.of(edition.snapshot)
    shared = [t for t in _titles(whole.snapshot) if not t.startswith("Lokaal hoofdstuk")]
    assert [t for t in _titles(snapshot) if not t.startswith("Lokaal hoofdstuk")] == shared
    assert [t for t in _titles(snapshot) if t.startswith("Lokaal hoofdstuk")] == [
        "Lokaal hoofdstuk Diemen"
    ]
    assert (snapshot.gemeente.name, snapshot.gemeente.house_colour) == ("Diemen", DIEMEN_GREEN)
    assert snapshot.gemeenten == [] and snapshot.edition == diemen.cbs_code
    # The same content gives the same edition again.
    again = services.version_for(
        actor=world.users["ambtenaar"], project=project, document=KN, edition_gemeente=diemen
    )
    assert again.pk == edition.pk

    files = _rendered(world, edition, django_capture_on_commit_callbacks)
    cover = _pdf_cover(files[RenderFormat.PDF])
    assert "Gemeente Diemen" in cover and "Amsterdam" not in cover
    text = _pdf_text(files[RenderFormat.PDF])
    assert "Lokaal hoofdstuk Diemen" in text and "Kern Diemen-Noord" in text
    assert "Ouder-Amstel" not in text and "Duivendrecht" not in text
    document = docx.Document(io.BytesIO(files[RenderFormat.DOCX]))
    words = "\n".join(p.text for p in document.paragraphs)
    assert "Lokaal hoofdstuk Diemen" in words and "Duivendrecht" not in words
    assert "Gemeente Diemen" in words
    heading = document.styles["Heading 1"].font.color.rgb
    assert str(heading).lower() == DIEMEN_GREEN[1:]  # Diemen's house colour


def test_editions_only_for_the_plans_gemeenten_and_its_analysis_and_kadernota(world, joint):
    project, diemen, _ouder = joint
    with pytest.raises(ValidationError):
        services.version_for(
            actor=world.users["ambtenaar"],
            project=project,
            document=KN,
            edition_gemeente=world.other,
        )
    Project.objects.filter(pk=project.pk).update(joint=False)
    project.refresh_from_db()
    with pytest.raises(ValidationError):
        services.version_for(
            actor=world.users["ambtenaar"], project=project, document=KN, edition_gemeente=diemen
        )


def test_the_reports_page_of_a_joint_plan_makes_an_edition(
    world, joint, django_capture_on_commit_callbacks
):
    project, diemen, _ouder = joint
    client = world.client("ambtenaar")
    args = {"gemeente_slug": world.gemeente.slug, "project_uuid": project.uuid}
    page = client.get(reverse("reports:overview", kwargs=args)).content.decode()
    assert "editie Diemen" in page
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            reverse("reports:render", kwargs=args),
            {"document": KN, "edition": diemen.cbs_code, "format": RenderFormat.PDF},
        )
    assert response.status_code == 302
    run = RenderRun.objects.get()
    assert run.version.edition == diemen.cbs_code


def test_a_plan_of_one_gemeente_has_no_edition_field_and_no_local_chapters(world):
    client = world.client("ambtenaar")
    args = {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid}
    page = client.get(reverse("reports:overview", kwargs=args)).content.decode()
    assert "Editie" not in page
    version = services.version_for(
        actor=world.users["ambtenaar"], project=world.project, document=KN
    )
    assert not [t for t in _titles(version.snapshot) if t.startswith("Lokaal hoofdstuk")]
    assert "gemeenten" not in version.snapshot and "edition" not in version.snapshot


def test_bovenlokale_prioriteiten_come_above_the_shared_and_the_local_ones(world, joint):
    """Issue 19 item 3: regionaal beleidsplan, basisteam and RIEC are listed above the plan's
    own priorities, and those above the local chapters; the levels in that order."""
    project, _diemen, _ouder = joint
    from kernbeleid.products import services as product_services

    for niveau, title in (("riec", "Ondermijning"), ("regionaal", "Zorg en veiligheid")):
        product_services.bovenlokale_prioriteit_add(
            actor=world.users["ambtenaar"],
            project=project,
            niveau=niveau,
            title=title,
            source="Regionaal beleidsplan 2027-2030",
        )
    version = services.version_for(actor=world.users["ambtenaar"], project=project, document=KN)
    titles = _titles(version.snapshot)
    assert (
        titles.index("Bovenlokale kaders")
        < titles.index("Prioriteiten en doelen")
        < titles.index("Lokaal hoofdstuk Amsterdam")
    )
    section = Snapshot.of(version.snapshot).sections[titles.index("Bovenlokale kaders")]
    text = str(section.to_json())
    assert "De gemeenten Amsterdam, Diemen en Ouder-Amstel werken niet alleen" in text
    assert text.index("Regionaal beleidsplan (eenheid)") < text.index("RIEC")
