"""Issue 14 in the browser: the ambtenaar puts the politie's account into the werkgroep and a
beleidsvraag to them; the partner logs in, writes the politie's input on a theme, answers the
beleidsvraag and records their draagvlak reaction to a concept; the ambtenaar adopts the
input into the theme with its source and sees the reaction. axe checks every page."""

import pytest
from django.urls import reverse

from analysis.models import AnalysisTheme, InputAdoption, PartnerInput
from analysis.narrative import services as va_services
from kernbeleid.constants import BeleidsvraagGroup, Organisation
from kernbeleid.models import BeleidsvraagAnswer, DraagvlakReaction, WerkgroepMember
from projects.demo import demo_load
from projects.models import Project
from reports.models import Publication
from tests.factories import gemeente
from tests.reports.publication_helpers import stored_version

from .test_personas import assert_accessible
from .test_traject import login_demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

QUESTION = "Wat ziet de politie in Almere Haven dat niet in de cijfers staat?"
FIGURES = "Basisteam: 212 meldingen overlast in Almere Haven (vorig jaar 160)."


def test_a_partner_contributes_and_the_ambtenaar_adopts(live_server, page, browser, screenshot_dir):
    gemeente("GM0034")
    demo_load()
    project = Project.objects.get(name="Integraal Veiligheidsplan 2027-2030 Almere")
    va_services.analysis_ensure(project=project)
    theme = AnalysisTheme.objects.get(field__project=project, code="1.4")
    BeleidsvraagAnswer.objects.create(
        project=project, group=BeleidsvraagGroup.ANALYSE, question=QUESTION
    )
    concept = stored_version(project, document="kadernota", marker="Concept kadernota")
    Publication.objects.create(version=concept, audience="werkgroep", purpose="informatie", step=8)
    WerkgroepMember.objects.create(
        project=project, name="Marieke de Vries", organisation=Organisation.GEMEENTE
    )
    base = {"gemeente_slug": "almere", "project_uuid": project.uuid}
    url = lambda name, **kw: live_server.url + reverse(name, kwargs=base | kw)  # noqa: E731

    # 1. The ambtenaar finds the politie account outside the werkgroep and puts it in, then
    # puts a beleidsvraag to them.
    login_demo(page, live_server, "ambtenaar@almere.demo.nl")
    page.goto(url("kernbeleid:werkgroep"))
    page.get_by_text("De gemeente heeft partneraccounts, maar die staan nog niet").wait_for()
    assert_accessible(page, "partners-werkgroep", screenshot_dir)
    page.get_by_role("button", name="In de werkgroep zetten").click()
    page.get_by_text("Politie Almere staat nu in de werkgroep.").wait_for()
    page.goto(url("kernbeleid:beleidsvragen"))
    assert_accessible(page, "partners-beleidsvragen", screenshot_dir)
    page.get_by_label(f"Voorleggen aan (vraag: {QUESTION})").select_option(
        label=("Politie Almere (partner@almere.demo.nl)")
    )
    page.get_by_role("row", name=QUESTION).get_by_role("button", name="Opslaan").click()
    page.get_by_text("De vraag is voorgelegd aan Politie Almere").wait_for()

    # 2. The partner writes input on a theme, answers the question and reacts to the concept.
    partner_context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    partner = partner_context.new_page()
    login_demo(partner, live_server, "partner@almere.demo.nl")
    partner.goto(live_server.url + project.get_absolute_url())
    partner.get_by_role("link", name="Naar mijn inbreng").click()
    partner.get_by_role("heading", name="Mijn inbreng").wait_for()
    assert_accessible(partner, "partners-mijn-inbreng", screenshot_dir)
    partner.get_by_role("link", name=theme.name).click()
    assert_accessible(partner, "partners-thema-inbreng", screenshot_dir)
    partner.get_by_label("Signalen").fill("Meer dealers bij de haven op vrijdagavond.")
    partner.get_by_label("Eigen cijfers").fill(FIGURES)
    partner.get_by_role("button", name="Inbreng opslaan").click()
    partner.get_by_text(f"Uw inbreng over ‘{theme.name}’ is opgeslagen.").wait_for()

    partner.get_by_role("link", name=QUESTION).click()
    assert_accessible(partner, "partners-beleidsvraag", screenshot_dir)
    partner.get_by_label("Uw antwoord").fill("Jongeren worden als loopjongen ingezet.")
    partner.get_by_role("button", name="Antwoord opslaan").click()
    partner.get_by_text("Uw antwoord is opgeslagen.").wait_for()

    partner.get_by_role("link", name="Kadernota integrale veiligheid concept 0.1").click()
    assert_accessible(partner, "partners-draagvlak", screenshot_dir)
    partner.get_by_label("akkoord met opmerkingen").check()
    partner.get_by_label("Toelichting").fill("Noem bij elke maatregel de trekker.")
    partner.get_by_role("button", name="Oordeel vastleggen").click()
    partner.get_by_text("Uw draagvlakreactie op").wait_for()
    assert_accessible(partner, "partners-mijn-inbreng-na", screenshot_dir)
    partner_context.close()

    question = BeleidsvraagAnswer.objects.get(question=QUESTION)
    assert question.answered_by.email == "partner@almere.demo.nl"
    reaction = DraagvlakReaction.objects.get()
    assert (reaction.version, reaction.verdict) == (concept, "opmerkingen")

    # 3. The ambtenaar sees the input beside the theme and adopts the figures.
    page.goto(url("analysis:va_theme", theme_uuid=theme.uuid))
    inbreng = page.locator("section[aria-labelledby='inbreng-partners']")
    inbreng.get_by_text(FIGURES).wait_for()
    assert_accessible(page, "partners-thema-ambtenaar", screenshot_dir)
    inbreng.get_by_label("Uit de inbreng").select_option(label="eigen cijfers")
    inbreng.get_by_label("Naar de tekst").select_option(label="Belangrijkste knelpunten")
    inbreng.get_by_role("button", name="Overnemen").click()
    page.get_by_text("Overgenomen in belangrijkste knelpunten, met de bron").wait_for()
    adoption = InputAdoption.objects.get()
    assert adoption.partner_input == PartnerInput.objects.get()
    assert page.get_by_text(f"Bron: {adoption.source_label}").first.is_visible()
    assert_accessible(page, "partners-thema-overgenomen", screenshot_dir)

    page.goto(url("kernbeleid:draagvlak"))
    page.get_by_text("Noem bij elke maatregel de trekker.").wait_for()
    page.goto(url("kernbeleid:beleidsvragen"))
    page.get_by_text("Beantwoord door Politie Almere op").wait_for()
    assert_accessible(page, "partners-draagvlak-ambtenaar", screenshot_dir)
