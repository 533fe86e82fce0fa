"""The raadsvoorstel with its ontwerpbesluit: drafted from the project's own content per
occasion, what users write wins, it renders like every document (PDF, and DOCX in the
gemeente's Word template), and a version goes ter besluitvorming for its own step only."""

import io
from datetime import date
from decimal import Decimal

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from pypdf import PdfReader

from analysis.models import AnalysisTheme
from kernbeleid.constants import PriorityChangeKind
from kernbeleid.models import Actualisatie, Goal, PriorityChange, Startnotitie, WerkgroepMember
from kernbeleid.products.models import Raadsvoorstel
from kernbeleid.products.raadsvoorstel import services
from kernbeleid.products.raadsvoorstel.drafting import NO_ACTUALISATIE
from projects.models import AuditEntry
from reports import services as report_services
from reports.blocks import NoteBlock, ParagraphsBlock, Snapshot
from reports.constants import Audience, DocumentKind, PublicationPurpose, RenderFormat
from reports.models import RenderRun, WordTemplate
from tests.factories import ProjectFactory
from tests.reports.test_docx import make_template


@pytest.fixture
def project(world):
    """A project past step 9: kadernota written, priority 1.3 with two budgeted goals."""
    project = ProjectFactory(gemeente=world.gemeente, step=10)
    theme = AnalysisTheme.objects.get(field__project=project, code="1.3")
    Goal.objects.filter(project=project).update(budget=Decimal(12500), funding="begroting OOV")
    Goal.objects.create(
        project=project, theme=theme, description="Meer buurtpreventie", budget=Decimal(7250)
    )
    return project


def _theme(project, code="1.3") -> AnalysisTheme:
    return AnalysisTheme.objects.get(field__project=project, code=code)


def _section_text(snapshot: dict, key: str) -> str:
    section = next(s for s in Snapshot.of(snapshot).sections if s.key == key)
    lines = []
    for block in section.blocks:
        if isinstance(block, ParagraphsBlock):
            lines += block.items
        elif isinstance(block, NoteBlock):
            lines.append(block.text)
    return "\n".join(lines)


# --- drafting per occasion ----------------------------------------------------------------------


def test_step_9_names_priorities_goals_and_the_budget_total(world, project):
    voorstel = services.raadsvoorstel_draft(project, "9", actor=world.users["ambtenaar"])
    draft = voorstel.draft
    theme = _theme(project)
    assert draft["onderwerp"] == "Kadernota integrale veiligheid 2027-2030"
    assert theme.name in draft["voorgesteld_besluit"]
    # 12.500 + 7.250 = 19.750 euro per year, by hand.
    assert "De doelen vragen samen € 19.750 per jaar." in draft["financien"]
    assert "€ 19.750 per jaar" in draft["voorgesteld_besluit"]
    assert "Minder inbraken" in draft["beoogd_effect"]
    assert "Meer buurtpreventie" in draft["beoogd_effect"]
    assert "gelet op artikel 38b Politiewet 2012;" in draft["ontwerpbesluit"]
    assert draft["ontwerpbesluit"].startswith(f"De raad van de gemeente {world.gemeente.name};")
    assert (
        "1. De kadernota integrale veiligheid 2027-2030 vast te stellen."
        in (draft["ontwerpbesluit"])
    )
    assert "De griffier," in draft["ontwerpbesluit"]
    assert voorstel.onderwerp == ""  # the draft is kept apart from what users write
    assert AuditEntry.objects.filter(project=project, action="raadsvoorstel opgesteld").exists()


def test_step_1_comes_from_the_startnotitie_and_the_werkgroep(world):
    project = ProjectFactory(gemeente=world.gemeente, step=2)
    Startnotitie.objects.filter(project=project).update(
        scope="Het plan omvat alle vijf veiligheidsvelden.", budget="€ 30.000 voor het proces."
    )
    WerkgroepMember.objects.create(project=project, name="J. Jansen", organisation="politie")
    draft = services.raadsvoorstel_draft(project, "1").draft
    assert "Het plan omvat alle vijf veiligheidsvelden." in draft["argumenten"]
    assert "J. Jansen" in draft["argumenten"]
    assert draft["financien"] == "€ 30.000 voor het proces."
    assert "gelet op artikel 147, eerste lid, van de Gemeentewet;" in draft["ontwerpbesluit"]
    assert "38b" not in draft["ontwerpbesluit"]


def test_step_5_names_the_chosen_priorities_with_their_reasons(world):
    project = ProjectFactory(gemeente=world.gemeente, step=5)
    theme = _theme(project)
    draft = services.raadsvoorstel_draft(project, "5").draft
    assert theme.name in draft["voorgesteld_besluit"]
    assert f"{theme.name}: Veel inbraken" in draft["argumenten"]
    other = _theme(project, "1.4")  # not proposed: not in the besluit
    assert other.name not in draft["voorgesteld_besluit"]


def test_actualisatie_without_one_says_so_and_stores_nothing(project):
    with pytest.raises(ValidationError) as error:
        services.raadsvoorstel_draft(project, "actualisatie")
    assert error.value.messages == [NO_ACTUALISATIE]
    assert not Raadsvoorstel.objects.filter(project=project, occasion="actualisatie").exists()


def test_actualisatie_names_priority_changes_with_reasons(world, project):
    actualisatie = Actualisatie.objects.create(project=project, reason="Twee jaar verder.")
    PriorityChange.objects.create(
        actualisatie=actualisatie,
        theme=_theme(project),
        change=PriorityChangeKind.CHANGED,
        reason="De inbraken dalen; de aanpak verschuift naar preventie.",
    )
    draft = services.raadsvoorstel_draft(project, "actualisatie").draft
    assert (
        f"{_theme(project).name}: gewijzigd. De inbraken dalen; de aanpak verschuift naar "
        "preventie." in draft["argumenten"]
    )
    assert "Twee jaar verder." in draft["inleiding"]
    assert "gelet op artikel 38b Politiewet 2012;" in draft["ontwerpbesluit"]


def test_a_confidential_priority_stays_out_of_the_draft(world, project):
    from projects.confidentiality import theme_key
    from projects.confidentiality_services import confidential_mark_set

    theme = _theme(project)
    confidential_mark_set(
        actor=world.users["ambtenaar"],
        project=project,
        key=theme_key(theme),
        reason="ondermijning",
        note="",
    )
    draft = services.raadsvoorstel_draft(project, "9").draft
    assert theme.name not in draft["voorgesteld_besluit"]
    assert "19.750" not in draft["financien"]


# --- user text wins ---------------------------------------------------------------------------


def _save(world, project, **texts):
    return services.raadsvoorstel_save(
        actor=world.users["ambtenaar"],
        project=project,
        occasion="9",
        texts=texts,
        college_date=date(2027, 3, 3),
        college_number="B&W 2027-042",
    )


def test_user_text_wins_over_the_draft_and_a_redraft_keeps_it(world, project):
    services.raadsvoorstel_draft(project, "9")
    _save(
        world,
        project,
        onderwerp="Vaststelling veiligheidsplan",
        voorgesteld_besluit=(
            "1. Het plan vast te stellen.\n2. De burgemeester te vragen het uit te voeren."
        ),
    )
    voorstel = services.raadsvoorstel_draft(project, "9")
    assert voorstel.onderwerp == "Vaststelling veiligheidsplan"
    assert voorstel.draft["onderwerp"] == "Kadernota integrale veiligheid 2027-2030"
    # The ontwerpbesluit follows the user's voorgesteld besluit and the college's proposal.
    besluit = voorstel.draft["ontwerpbesluit"]
    assert "gelezen het voorstel van burgemeester en wethouders van 3 maart 2027, nummer " in (
        besluit
    )
    assert "B&W 2027-042" in besluit
    assert "1. Het plan vast te stellen.\n2. De burgemeester te vragen het uit te voeren." in (
        besluit
    )
    version = report_services.version_for(
        actor=None, project=project, document=DocumentKind.RAADSVOORSTEL, part="9"
    )
    assert _section_text(version.snapshot, "rv-onderwerp") == "Vaststelling veiligheidsplan"
    assert "€ 19.750" in _section_text(version.snapshot, "rv-financien")  # the draft shows


def test_adopting_the_draft_fills_only_empty_parts(world, project):
    services.raadsvoorstel_draft(project, "9")
    _save(world, project, onderwerp="Eigen onderwerp")
    taken = services.raadsvoorstel_adopt_draft(
        actor=world.users["ambtenaar"], project=project, occasion="9"
    )
    voorstel = Raadsvoorstel.objects.get(project=project, occasion="9")
    assert "onderwerp" not in taken and "financien" in taken
    assert voorstel.onderwerp == "Eigen onderwerp"
    assert voorstel.financien == voorstel.draft["financien"]


def test_an_empty_part_without_draft_shows_a_placeholder(project):
    version = report_services.version_for(
        actor=None, project=project, document=DocumentKind.RAADSVOORSTEL, part="1"
    )
    assert _section_text(version.snapshot, "rv-argumenten") == "Nog niet geschreven: argumenten."


# --- rendering ----------------------------------------------------------------------------------


def _render(version, fmt) -> bytes:
    run = RenderRun.objects.create(
        version=version, format=fmt, variant="pdf/ua-1" if fmt == "pdf" else ""
    )
    report_services.render_execute(run=run)
    run.refresh_from_db()
    assert run.status == "done", run.message
    with run.file.open("rb") as handle:
        return handle.read()


def test_raadsvoorstel_renders_as_pdf_and_docx_in_the_word_template(world, project, private_media):
    services.raadsvoorstel_draft(project, "9")
    _save(world, project, onderwerp="Vaststelling veiligheidsplan")
    WordTemplate.objects.create(
        gemeente=project.gemeente,
        file=ContentFile(make_template(), name="huisstijl.docx"),
        original_name="huisstijl.docx",
    )
    version = report_services.version_for(
        actor=None, project=project, document=DocumentKind.RAADSVOORSTEL, part="9"
    )
    pdf = "\n".join(
        page.extract_text()
        for page in PdfReader(io.BytesIO(_render(version, RenderFormat.PDF))).pages
    )
    assert "Vaststelling veiligheidsplan" in pdf
    assert "artikel 38b Politiewet 2012" in pdf
    document = docx.Document(io.BytesIO(_render(version, RenderFormat.DOCX)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Vaststelling veiligheidsplan" in text
    assert "De kadernota integrale veiligheid 2027-2030 vast te stellen." in text
    # The gemeente's template: its header and its Heading 1 font.
    assert [p.text for p in document.sections[0].header.paragraphs] == [
        "Gemeente Voorbeeld huisstijl"
    ]
    assert document.styles["Heading 1"].font.name == "Georgia"


# --- publication ----------------------------------------------------------------------------------


def _version(project, part="9"):
    services.raadsvoorstel_draft(project, part)
    return report_services.version_for(
        actor=None, project=project, document=DocumentKind.RAADSVOORSTEL, part=part
    )


def test_publish_ter_besluitvorming_for_step_9(world, project):
    publication = report_services.publish(
        actor=world.users["ambtenaar"],
        version=_version(project),
        audience=Audience.RAAD,
        purpose=PublicationPurpose.BESLUITVORMING,
        decision_step=9,
    )
    assert publication.decision_step == 9


@pytest.mark.parametrize(("part", "expected"), [("1", 1), ("5", 5), ("actualisatie", 9)])
def test_each_occasion_is_decided_in_its_own_step(world, project, part, expected):
    if part == "actualisatie":
        Actualisatie.objects.create(project=project)
    publication = report_services.publish(
        actor=world.users["ambtenaar"],
        version=_version(project, part),
        audience=Audience.RAAD,
        purpose=PublicationPurpose.BESLUITVORMING,
    )
    assert publication.decision_step == expected


def test_publish_for_the_wrong_step_is_refused(world, project):
    with pytest.raises(ValidationError) as error:
        report_services.publish(
            actor=world.users["ambtenaar"],
            version=_version(project),
            audience=Audience.RAAD,
            purpose=PublicationPurpose.BESLUITVORMING,
            decision_step=5,
        )
    assert error.value.message_dict["decision_step"] == [
        "Dit raadsvoorstel gaat ter besluitvorming voor het besluit van stap 9."
    ]


# --- pages ----------------------------------------------------------------------------------------


def _url(project, name, **kwargs):
    return reverse(
        f"kernbeleid:{name}",
        kwargs={"gemeente_slug": project.gemeente.slug, "project_uuid": project.uuid, **kwargs},
    )


def test_editor_drafts_edits_and_adopts_on_the_page(world, project):
    client = world.client("ambtenaar")
    assert client.get(_url(project, "raadsvoorstel_list")).status_code == 200
    page = _url(project, "raadsvoorstel", occasion="9")
    assert client.post(_url(project, "raadsvoorstel_redraft", occasion="9")).status_code == 302
    response = client.get(page)
    assert "Neem concept over" in response.content.decode()
    assert "De doelen vragen samen € 19.750 per jaar." in response.content.decode()
    data = {"onderwerp": "Eigen onderwerp", "college_date": "2027-03-03", "college_number": "42"}
    assert client.post(page, data).status_code == 302
    client.post(_url(project, "raadsvoorstel_adopt", occasion="9"), {"veld": "inleiding"})
    voorstel = Raadsvoorstel.objects.get(project=project, occasion="9")
    assert voorstel.onderwerp == "Eigen onderwerp" and voorstel.college_number == "42"
    assert voorstel.inleiding == voorstel.draft["inleiding"] and voorstel.argumenten == ""
    response = client.post(_url(project, "raadsvoorstel_version", occasion="9"))
    assert response.status_code == 302 and "/rapporten/versie/" in response["Location"]
    version_page = client.get(response["Location"]).content.decode()
    assert "Eigen onderwerp" in version_page
    assert "Griffiebundel" in version_page


def test_bad_input_gets_a_dutch_message_and_changes_nothing(world, project):
    client = world.client("ambtenaar")
    page = _url(project, "raadsvoorstel", occasion="9")
    response = client.post(page, {"onderwerp": "x" * 301, "college_date": "31-02-2027"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Vul een geldige datum in" in body
    assert "Houd dit korter dan 300 tekens." in body
    assert not Raadsvoorstel.objects.filter(project=project).exists()
    assert client.get(_url(project, "raadsvoorstel", occasion="7")).status_code == 404


def test_render_report_makes_the_raadsvoorstel_of_a_step(world, project, private_media, tmp_path):
    from django.core.management import call_command

    services.raadsvoorstel_draft(project, "9")
    out = tmp_path / "voorstel.docx"
    call_command(
        "render_report",
        project=str(project.uuid),
        document="raadsvoorstel",
        part="9",
        format="docx",
        out=out,
    )
    text = "\n".join(p.text for p in docx.Document(out).paragraphs)
    assert "Kadernota integrale veiligheid 2027-2030" in text
    assert "gelet op artikel 38b Politiewet 2012;" in text


def test_the_publish_page_names_the_voorstel_s_own_step(world, project):
    version = _version(project, "5")
    response = world.client("ambtenaar").get(
        reverse(
            "reports:publish",
            kwargs={
                "gemeente_slug": project.gemeente.slug,
                "project_uuid": project.uuid,
                "version_uuid": version.uuid,
            },
        )
    )
    assert response.status_code == 200
    assert "de raad besluit over dit voorstel in stap 5" in response.content.decode()


def test_hostile_text_is_sanitised_on_the_version_page(world, project):
    _save(
        world,
        project,
        onderwerp="<script>alert('onderwerp')</script>",
        argumenten='<p onclick="steal()">Sterk <img src=x onerror="steal()"></p>',
    )
    version = report_services.version_for(
        actor=None, project=project, document=DocumentKind.RAADSVOORSTEL, part="9"
    )
    page = world.client("ambtenaar").get(
        reverse(
            "reports:version",
            kwargs={
                "gemeente_slug": project.gemeente.slug,
                "project_uuid": project.uuid,
                "version_uuid": version.uuid,
            },
        )
    )
    body = page.content.decode()
    # Text with tags is rich text: through the sanitiser, which drops the script entirely.
    assert "<script>alert(" not in body
    assert "Sterk" in body
    assert "steal()" not in body
