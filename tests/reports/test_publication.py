"""Publication decoupled from the steps: any version, at any step, to the raad, the werkgroep
or named partners, ter informatie, ter consultatie (until a closing date) or ter besluitvorming
(the raad only, on the step that decides on the document). Readers see what reached them."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from projects.constants import ProjectScope, Role
from projects.models import AuditEntry
from reports import selectors, services
from reports.models import Publication, ReportVersion, ReviewComment
from tests.factories import MembershipFactory, UserFactory

from .publication_helpers import at, reports_url, stored_version


def test_a_consultation_to_the_werkgroep_at_step_3_takes_questions_until_it_closes(world):
    # Each day logs in afresh: a session from the real today has expired by then.
    project = world.project
    assert project.current_step == 3
    version = stored_version(project, marker="Overlast rond het station neemt toe")
    page = reports_url(project, "version", version_uuid=version.uuid)
    comment = reports_url(project, "comment", version_uuid=version.uuid)
    question = {"section_key": "samenvatting", "body": "Hoe is dit gemeten?"}
    assert world.client("partner").get(page).status_code == 404

    with time_machine.travel(at(2027, 3, 2), tick=False):
        publication = services.publish(
            actor=world.users["ambtenaar"],
            version=version,
            audience="werkgroep",
            purpose="consultatie",
            closes_on=date(2027, 3, 16),
        )
        assert publication.step == 3
        shown = world.client("partner").get(page).content.decode()
        assert "Overlast rond het station neemt toe" in shown
        assert "Ter consultatie" in shown and "dinsdag 16 maart 2027" in shown
        assert world.client("raadslid").get(page).status_code == 404  # not the raad's

    with time_machine.travel(at(2027, 3, 16), tick=False):  # the closing day still counts
        world.client("partner").post(comment, question)
    asked = ReviewComment.objects.get()
    assert asked.author == world.users["partner"]

    with time_machine.travel(at(2027, 3, 17), tick=False):
        refused = world.client("partner").post(comment, question | {"body": "Te laat"}, follow=True)
        text = refused.content.decode()
        assert "De consultatie is op 16 maart 2027 gesloten." in text
        assert "Vraag stellen of opmerking maken" not in text  # no form offered any more
        with pytest.raises(ValidationError, match="16 maart 2027 gesloten"):
            services.comment_add(
                actor=world.users["partner"], version=version, section_key="samenvatting", body="?"
            )
        # The ambtenaar still answers the question asked in time.
        world.client("ambtenaar").post(
            comment, question | {"body": "Met de Veiligheidsmonitor.", "parent": asked.uuid}
        )
    assert ReviewComment.objects.count() == 2 and asked.answers.count() == 1


def test_ter_besluitvorming_to_the_raad_at_step_5_is_all_the_raadslid_sees(world):
    project = world.project
    project.current_step = 5
    project.save()
    draft = stored_version(project, minor=1, marker="Ambtelijk concept met werkaantekening")
    sent = stored_version(project, minor=2, marker="Voorgelegde prioriteiten")
    publication = services.publish(
        actor=world.users["ambtenaar"], version=sent, audience="raad", purpose="besluitvorming"
    )
    assert (publication.decision_step, publication.step) == (5, 5)
    raad = world.client("raadslid")
    overview = raad.get(reports_url(project, "overview")).content.decode()
    assert "concept 0.2" in overview and "concept 0.1" not in overview
    assert "Ter besluitvorming voor de raad" in overview and "besluit in stap 5" in overview
    assert raad.get(reports_url(project, "version", version_uuid=draft.uuid)).status_code == 404
    assert raad.get(reports_url(project, "version", version_uuid=sent.uuid)).status_code == 200
    assert list(selectors.versions_visible(project, Role.RAADSLID, world.users["raadslid"])) == [
        sent
    ]
    assert not selectors.versions_visible(project, Role.PARTNER, world.users["partner"]).exists()
    assert (
        selectors.versions_visible(project, Role.AMBTENAAR, world.users["ambtenaar"]).count() == 2
    )


def test_the_decision_step_follows_the_document(world):
    project, actor = world.project, world.users["ambtenaar"]
    analyse = stored_version(project)
    kadernota = stored_version(project, document="kadernota")
    assert (
        services.publish(
            actor=actor, version=kadernota, audience="raad", purpose="besluitvorming"
        ).decision_step
        == 9
    )
    with pytest.raises(ValidationError, match="alleen ter besluitvorming voor de prioriteiten"):
        services.publish(
            actor=actor, version=analyse, audience="raad", purpose="besluitvorming", decision_step=9
        )
    with pytest.raises(ValidationError, match="Ter besluitvorming gaat een versie naar de raad"):
        services.publish(
            actor=actor, version=analyse, audience="werkgroep", purpose="besluitvorming"
        )
    with pytest.raises(ValidationError, match="tot wanneer vragen"):
        services.publish(actor=actor, version=analyse, audience="raad", purpose="consultatie")
    with time_machine.travel(at(2027, 3, 2), tick=False):
        with pytest.raises(ValidationError, match="in het verleden"):
            services.publish(
                actor=actor,
                version=analyse,
                audience="raad",
                purpose="consultatie",
                closes_on=date(2027, 3, 1),
            )
    project.scope = ProjectScope.ANALYSE
    project.save()
    with pytest.raises(ValidationError, match="geen raadsbesluit"):
        services.publish(actor=actor, version=analyse, audience="raad", purpose="besluitvorming")
    assert Publication.objects.count() == 1  # only the kadernota's


def test_a_named_partner_publication_reaches_that_partner_only(world):
    project, actor = world.project, world.users["ambtenaar"]
    brandweer = UserFactory(email="brandweer@example.nl", full_name="Bea Brand")
    MembershipFactory(user=brandweer, gemeente=world.gemeente, role=Role.PARTNER)
    version = stored_version(project)
    page = reports_url(project, "version", version_uuid=version.uuid)
    services.publish(actor=actor, version=version, audience="partners", recipients=[brandweer])
    brandweer_client = world.client("anonymous")
    brandweer_client.force_login(brandweer)
    assert brandweer_client.get(page).status_code == 200
    assert world.client("partner").get(page).status_code == 404
    assert world.client("raadslid").get(page).status_code == 404

    # The same version, audience and purpose again adds the partner to the publication.
    again = services.publish(
        actor=actor, version=version, audience="partners", recipients=[world.users["partner"]]
    )
    assert Publication.objects.count() == 1
    assert set(again.recipients.all()) == {brandweer, world.users["partner"]}
    assert world.client("partner").get(page).status_code == 200
    with pytest.raises(ValidationError, match="Alleen partners van de gemeente"):
        services.publish(
            actor=actor, version=version, audience="partners", recipients=[world.users["outsider"]]
        )
    with pytest.raises(ValidationError, match="ten minste één partner"):
        services.publish(actor=actor, version=version, audience="partners", recipients=[])


def test_publishing_twice_makes_one_publication_and_one_audit_entry(world):
    version = stored_version(world.project)
    for _ in range(2):
        services.publish(actor=world.users["ambtenaar"], version=version, audience="raad")
    assert Publication.objects.count() == 1
    entry = AuditEntry.objects.get(action="versie gepubliceerd")
    assert entry.detail == {
        "versie": "concept 0.1",
        "voor": "de raad",
        "doel": "ter informatie",
        "stap": 3,
    }
    # Another purpose is another publication.
    services.publish(
        actor=world.users["ambtenaar"], version=version, audience="raad", purpose="besluitvorming"
    )
    assert Publication.objects.count() == 2


def test_the_publish_page_publishes_and_says_what_is_missing(world):
    project = world.project
    version = stored_version(project)
    client = world.client("ambtenaar")
    target = reports_url(project, "publish", version_uuid=version.uuid)
    assert client.get(target).status_code == 200
    missing = client.post(target, {"audience": "werkgroep", "purpose": "consultatie"})
    assert missing.status_code == 200
    assert "Geef aan tot wanneer vragen gesteld kunnen worden." in missing.content.decode()
    assert not Publication.objects.exists()
    with time_machine.travel(at(2027, 3, 2), tick=False):
        done = world.client("ambtenaar").post(
            target,
            {
                "audience": "werkgroep",
                "purpose": "consultatie",
                "closes_on": "2027-03-16",
                "note": "Graag uw reactie op de <b>prioriteiten</b>.",
            },
            follow=True,
        )
    assert "concept 0.1 is gepubliceerd ter consultatie voor de werkgroep." in done.content.decode()
    publication = Publication.objects.get()
    assert (publication.audience, publication.closes_on) == ("werkgroep", date(2027, 3, 16))
    page = world.client("partner").get(reports_url(project, "version", version_uuid=version.uuid))
    assert "Graag uw reactie op de &lt;b&gt;prioriteiten&lt;/b&gt;." in page.content.decode()
    assert world.client("partner").post(target, {"audience": "raad"}).status_code == 403


def test_the_kadernota_offers_no_vaststellen_button(world):
    project = world.project
    kadernota = stored_version(project, document="kadernota")
    page = world.client("ambtenaar").get(reports_url(project, "overview")).content.decode()
    assert "De kadernota wordt vastgesteld door de raad: publiceer haar ter besluitvorming" in page
    assert reports_url(project, "finalize", version_uuid=kadernota.uuid) not in page
    assert "vastleggen" not in page and "Als vastgesteld markeren" not in page
    assert f"/g/{world.gemeente.slug}/p/{project.uuid}/traject/" in page
    target = reports_url(project, "finalize", version_uuid=kadernota.uuid)
    client = world.client("ambtenaar")
    assert client.post(target, {"confirmed": "on"}).status_code == 404
    with pytest.raises(ValidationError, match="De kadernota stelt de raad vast"):
        services.version_finalize(
            actor=world.users["ambtenaar"], version=kadernota, finalized_as="college"
        )
    assert not ReportVersion.objects.filter(minor=0).exists()


def test_the_college_vaststelling_of_the_analysis_requires_the_confirmation(world):
    project = world.project
    concept = stored_version(project, minor=3)
    client = world.client("ambtenaar")
    overview = client.get(reports_url(project, "overview")).content.decode()
    target = reports_url(project, "finalize", version_uuid=concept.uuid)
    assert target in overview and "Vastgesteld door het college vastleggen" in overview
    form = client.get(target).content.decode()
    assert "Ik bevestig dat concept 0.3 is vastgesteld door het college" in form
    with time_machine.travel(at(2026, 3, 10), tick=False):
        unconfirmed = client.post(target, {"decided_on": "2026-03-03", "number": "B&W 2026/88"})
        assert "Bevestig dat concept 0.3 is vastgesteld door het college." in (
            unconfirmed.content.decode()
        )
        future = client.post(
            target, {"decided_on": "2026-03-11", "number": "B&W 2026/88", "confirmed": "on"}
        )
        assert "Het collegebesluit kan niet in de toekomst liggen." in future.content.decode()
        assert not ReportVersion.objects.filter(minor=0).exists()
        done = client.post(
            target,
            {"decided_on": "2026-03-03", "number": "B&W 2026/88", "confirmed": "on"},
            follow=True,
        )
    assert "vastgesteld 1.0 is gemaakt." in done.content.decode()
    final = ReportVersion.objects.get(minor=0)
    assert (final.finalized_as, final.college_decided_on, final.college_decision_number) == (
        "college",
        date(2026, 3, 3),
        "B&W 2026/88",
    )
    label = "Vastgesteld door het college (besluit B&amp;W 2026/88 van 3 maart 2026)"
    assert label in done.content.decode()
    page = client.get(reports_url(project, "version", version_uuid=final.uuid)).content.decode()
    assert label in page


def test_final_versions_say_who_made_them_final(world):
    from kernbeleid.models import RaadDecision

    project, actor = world.project, world.users["ambtenaar"]
    decision = RaadDecision.objects.create(
        project=project, step=9, date=date(2027, 3, 3), number="2027/14", outcome="aangenomen"
    )
    by_raad = services.version_finalize(
        actor=actor,
        version=stored_version(project, document="kadernota"),
        finalized_as="raad",
        decision=decision,
    )
    delivered = services.version_finalize(
        actor=actor, version=stored_version(project), finalized_as="opgeleverd"
    )
    assert selectors.final_text(by_raad) == (
        "vastgesteld door de raad (besluit 2027/14 van 3 maart 2027)"
    )
    assert selectors.final_text(delivered) == "opgeleverd"
    assert selectors.final_text(stored_version(project, minor=2)) == ""
    overview = world.client("ambtenaar").get(reports_url(project, "overview")).content.decode()
    assert "Vastgesteld door de raad (besluit 2027/14 van 3 maart 2027)" in overview
    assert "Opgeleverd" in overview
