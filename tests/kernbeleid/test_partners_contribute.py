"""A werkgroep partner answers the beleidsvragen put to them and records their own draagvlak
reaction to a concept version (issue 14). The ambtenaar sees who answered when and every
reaction per version; a raadslid may do none of it (403), a partner elsewhere sees nothing
(404)."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from kernbeleid.constants import BeleidsvraagGroup, Organisation, Verdict
from kernbeleid.models import BeleidsvraagAnswer, DraagvlakReaction, WerkgroepMember
from kernbeleid.products import selectors as products
from projects.constants import Role
from projects.models import AuditEntry
from reports import services as reports
from tests.factories import MembershipFactory, UserFactory, gemeente
from tests.reports.publication_helpers import at, stored_version


def _url(world, name, **kwargs):
    return reverse(
        f"kernbeleid:{name}",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid} | kwargs,
    )


@pytest.fixture
def politie(world):
    """The world's partner, in the werkgroep for the politie, linked to their account."""
    return WerkgroepMember.objects.create(
        project=world.project,
        name="Petra de Vries",
        organisation=Organisation.POLITIE,
        user=world.users["partner"],
    )


@pytest.fixture
def elsewhere_partner(world):
    user = UserFactory(email="partner@almere.example.nl")
    MembershipFactory(user=user, gemeente=gemeente("GM0034"), role=Role.PARTNER)
    client = world.client("anonymous")
    client.force_login(user)
    return client


@pytest.fixture
def question(world):
    return BeleidsvraagAnswer.objects.create(
        project=world.project,
        group=BeleidsvraagGroup.AANPAK,
        question="Wat weet de politie uit de praktijk dat niet in de cijfers staat?",
    )


def test_the_ambtenaar_puts_a_question_to_a_partner_who_answers_it(world, politie, question):
    ambtenaar, partner = world.client("ambtenaar"), world.client("partner")
    answer_page = _url(world, "partner_beleidsvraag", question_uuid=question.uuid)
    assert partner.get(answer_page).status_code == 404  # not put to them yet

    ambtenaar.post(
        _url(world, "beleidsvraag_assign", question_uuid=question.uuid),
        {f"vraag-{question.uuid}-user": world.users["partner"].pk},
    )
    question.refresh_from_db()
    assert question.assigned_to == world.users["partner"]
    home = partner.get(_url(world, "partner_home")).content.decode()
    assert question.question in home

    empty = partner.post(answer_page, {"answer": "  "})
    assert "Schrijf uw antwoord." in empty.content.decode()
    with time_machine.travel(at(2026, 12, 3), tick=False):
        done = partner.post(answer_page, {"answer": "Jongeren hangen na 22 uur bij het station."})
    assert done.status_code == 302
    question.refresh_from_db()
    assert question.answer == "Jongeren hangen na 22 uur bij het station."
    assert question.answered_by == world.users["partner"]
    assert question.answered_at.date() == date(2026, 12, 3)
    assert AuditEntry.objects.filter(action="beleidsvraag beantwoord door partner").count() == 1

    page = ambtenaar.get(_url(world, "beleidsvragen")).content.decode()
    name = world.users["partner"].full_name
    assert f"Beantwoord door {name} op 3 december 2026." in page


def test_only_a_partner_account_of_the_gemeente_gets_a_question(world, question):
    response = world.client("ambtenaar").post(
        _url(world, "beleidsvraag_assign", question_uuid=question.uuid),
        {f"vraag-{question.uuid}-user": world.users["raadslid"].pk},
        follow=True,
    )
    assert "Kies een partneraccount uit de lijst." in response.content.decode()
    question.refresh_from_db()
    assert question.assigned_to is None


def test_a_raadslid_and_a_partner_elsewhere_cannot_answer(world, question, elsewhere_partner):
    question.assigned_to = world.users["partner"]
    question.save()
    page = _url(world, "partner_beleidsvraag", question_uuid=question.uuid)
    raadslid = world.client("raadslid")
    assert raadslid.get(page).status_code == 403
    assert raadslid.post(page, {"answer": "Nee"}).status_code == 403
    assert (
        raadslid.post(_url(world, "beleidsvraag_assign", question_uuid=question.uuid)).status_code
        == 403
    )
    assert elsewhere_partner.get(page).status_code == 404
    assert elsewhere_partner.post(page, {"answer": "Nee"}).status_code == 404
    question.refresh_from_db()
    assert question.answer == ""


def _concept(world, *, closes_on=None, audience="werkgroep", minor=1):
    version = stored_version(world.project, document="kadernota", minor=minor)
    reports.publish(
        actor=world.users["ambtenaar"],
        version=version,
        audience=audience,
        purpose="consultatie" if closes_on else "informatie",
        closes_on=closes_on,
    )
    return version


def test_a_partner_records_and_changes_their_reaction_and_editors_see_it(world, politie):
    version = _concept(world)
    partner = world.client("partner")
    page = _url(world, "partner_draagvlak", version_uuid=version.uuid)
    assert (
        "Kadernota integrale veiligheid concept 0.1"
        in partner.get(_url(world, "partner_home")).content.decode()
    )

    refused = partner.post(page, {"verdict": Verdict.NIET_AKKOORD, "text": ""})
    assert "hoort een toelichting" in refused.content.decode()
    assert not DraagvlakReaction.objects.exists()

    partner.post(page, {"verdict": Verdict.OPMERKINGEN, "text": "Noem de wijkagent bij elk doel."})
    partner.post(page, {"verdict": Verdict.AKKOORD, "text": "Verwerkt, dank."})
    reaction = DraagvlakReaction.objects.get()  # one per partner per version
    assert (reaction.verdict, reaction.text) == (Verdict.AKKOORD, "Verwerkt, dank.")
    assert reaction.organisation == "politie"
    assert AuditEntry.objects.filter(action="draagvlakreactie vastgelegd").count() == 2
    assert products.draagvlak_missing(world.project) == []  # the politie has responded

    shown = world.client("ambtenaar").get(_url(world, "draagvlak")).content.decode()
    assert "Kadernota integrale veiligheid concept 0.1" in shown
    assert "Verwerkt, dank." in shown and "Politie" in shown


def test_a_reaction_closes_with_the_consultation_and_with_a_newer_version(world, politie):
    with time_machine.travel(at(2027, 3, 2), tick=False):
        version = _concept(world, closes_on=date(2027, 3, 16))
    page = _url(world, "partner_draagvlak", version_uuid=version.uuid)
    with time_machine.travel(at(2027, 3, 16), tick=False):
        partner = world.client("partner")
        assert partner.post(page, {"verdict": "akkoord"}).status_code == 302
    with time_machine.travel(at(2027, 3, 17), tick=False):
        partner = world.client("partner")
        late = partner.post(page, {"verdict": "niet_akkoord", "text": "Toch niet"})
        assert "Reageren kon tot en met 16 maart 2027." in late.content.decode()
    assert DraagvlakReaction.objects.get().verdict == "akkoord"

    newer = stored_version(world.project, document="kadernota", minor=2)
    reports.publish(
        actor=world.users["ambtenaar"], version=newer, audience="werkgroep", purpose="informatie"
    )
    shown = world.client("partner").get(page).content.decode()
    assert "Er is u intussen een nieuwere versie van dit document voorgelegd" in shown
    newer_page = _url(world, "partner_draagvlak", version_uuid=newer.uuid)
    assert world.client("partner").post(newer_page, {"verdict": "akkoord"}).status_code == 302


def test_no_reaction_on_what_was_not_sent_to_the_partner(world, politie, elsewhere_partner):
    to_the_raad = _concept(world, audience="raad")
    page = _url(world, "partner_draagvlak", version_uuid=to_the_raad.uuid)
    assert world.client("partner").get(page).status_code == 404
    assert world.client("partner").post(page, {"verdict": "akkoord"}).status_code == 404
    to_partners = _concept(world, minor=2)
    page = _url(world, "partner_draagvlak", version_uuid=to_partners.uuid)
    raadslid = world.client("raadslid")
    assert raadslid.get(page).status_code == 403
    assert raadslid.post(page, {"verdict": "akkoord"}).status_code == 403
    assert world.client("ambtenaar").post(page, {"verdict": "akkoord"}).status_code == 403
    assert elsewhere_partner.post(page, {"verdict": "akkoord"}).status_code == 404
    assert not DraagvlakReaction.objects.exists()


def test_a_newer_version_sent_only_to_the_raad_leaves_the_reaction_open(world, politie):
    version = _concept(world)
    to_the_raad = stored_version(world.project, document="kadernota", minor=2)
    reports.publish(actor=world.users["ambtenaar"], version=to_the_raad, audience="raad")
    page = _url(world, "partner_draagvlak", version_uuid=version.uuid)
    partner = world.client("partner")
    shown = partner.get(page).content.decode()
    assert "nieuwere versie" not in shown
    assert partner.post(page, {"verdict": "akkoord"}).status_code == 302
    assert DraagvlakReaction.objects.get(version=version).verdict == "akkoord"
