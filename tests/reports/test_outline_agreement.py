"""The report's outline (opzet) agreed with the gemeente: the structure locks, a change is
proposed and agreed again, and the page lists what changed."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from projects.models import AuditEntry
from reports import outline, services
from reports.constants import AgreementStatus
from reports.models import OutlineAgreement, ReportStructure
from reports.selectors import structure_for
from tests.factories import ProjectFactory

LOCKED = (
    "De opzet is afgesproken met J. de Vries op 3 februari 2026. Stel eerst een wijziging voor."
)


def _own_structure(world, project, document="analyse"):
    """A copy of the standard that the project uses (the standard itself is never edited)."""
    return services.structure_copy(
        actor=world.users["ambtenaar"],
        project=project,
        document=document,
        source=structure_for(project, document),
        name="Eigen opzet",
    )


def _agree(world, project, document="analyse", *, name="J. de Vries", on=date(2026, 2, 3)):
    return outline.outline_agree(
        actor=world.users["adviseur"],
        project=project,
        document=document,
        agreed_by_name=name,
        agreed_on=on,
    )


def _refused(call) -> str:
    with pytest.raises(ValidationError) as error:
        call()
    return " ".join(error.value.messages)


def test_agree_lock_propose_edit_agree_again_with_the_diff(world):
    project, actor = world.project, world.users["adviseur"]
    own = _own_structure(world, project)
    titles = [s.title for s in own.sections.all()]
    first = _agree(world, project)
    assert (first.number, first.status, first.structure) == (1, AgreementStatus.AGREED, own)
    assert [s["title"] for s in first.sections] == titles
    assert first.sections[0] == {
        "key": str(own.sections.first().uuid),
        "title": "Samenvatting",
        "source": "samenvatting",
        "numbered": True,
    }
    assert AuditEntry.objects.filter(action="opzet afgesproken", project=project).count() == 1

    # Locked: every structure service refuses, with who agreed and when; nothing changes.
    section = own.sections.get(title="Bronnen en methode")
    refusals = [
        lambda: services.section_add(
            actor=actor, project=project, structure=own, title="Nieuw", source="fixed"
        ),
        lambda: services.section_update(
            actor=actor, project=project, section=section, title="Anders", fixed_text=""
        ),
        lambda: services.section_remove(actor=actor, project=project, section=section),
        lambda: services.section_move(actor=actor, project=project, section=section, offset=1),
        lambda: services.structure_choose(
            actor=actor,
            project=project,
            document="analyse",
            structure=ReportStructure.objects.get(is_standard=True, document="analyse"),
        ),
        lambda: _own_structure(world, project),
    ]
    for call in refusals:
        assert _refused(call) == LOCKED
    assert [s.title for s in own.sections.all()] == titles
    assert structure_for(project, "analyse") == own

    # A second agreement without a proposal is refused too.
    assert "al afgesproken" in _refused(lambda: _agree(world, project))
    assert "Leg uit" in _refused(
        lambda: outline.outline_propose_change(
            actor=actor, project=project, document="analyse", reason="  "
        )
    )

    proposal = outline.outline_propose_change(
        actor=actor, project=project, document="analyse", reason="Wijken apart behandelen"
    )
    assert (proposal.number, proposal.status) == (2, AgreementStatus.PROPOSED)
    assert outline.outline_lock(project, "analyse") is None
    services.section_add(
        actor=actor, project=project, structure=own, title="Wijkprofielen", source="wijken"
    )
    services.section_update(
        actor=actor,
        project=project,
        section=section,
        title="Bronnen, methode en betrouwbaarheid",
        fixed_text="",
    )
    second = _agree(world, project, name="A. Jansen", on=date(2026, 3, 1))
    assert (second.pk, second.number, second.status) == (proposal.pk, 2, AgreementStatus.AGREED)
    assert second.agreed_by_name == "A. Jansen"
    changes = outline.outline_changes(second)
    assert [(c.kind, c.text) for c in changes] == [
        ("added", "Toegevoegd: ‘Wijkprofielen’ (plaats 8)"),
        ("renamed", "Hernoemd: ‘Bronnen en methode’ → ‘Bronnen, methode en betrouwbaarheid’"),
    ]
    assert outline.outline_changes(first) is None
    # Locked again, now with the new agreement's name and date.
    assert _refused(lambda: services.section_remove(actor=actor, project=project, section=section))
    assert "A. Jansen op 1 maart 2026" in _refused(
        lambda: services.section_remove(actor=actor, project=project, section=section)
    )


def test_diff_names_removed_and_moved_sections_and_matches_by_title_across_copies():
    old = [
        {"key": "a", "title": "Samenvatting", "source": "samenvatting", "numbered": True},
        {"key": "b", "title": "Inleiding", "source": "inleiding", "numbered": True},
        {"key": "c", "title": "Methode", "source": "methode", "numbered": True},
        {"key": "d", "title": "Begrippen", "source": "begrippen", "numbered": False},
    ]
    # A copy of the structure: new keys. Methode moves to the front, Begrippen goes.
    new = [
        {"key": "x", "title": "Methode", "source": "methode", "numbered": True},
        {"key": "y", "title": "Samenvatting", "source": "samenvatting", "numbered": True},
        {"key": "z", "title": "Inleiding", "source": "inleiding", "numbered": True},
    ]
    assert [c.text for c in outline.outline_diff(old, new)] == [
        "Verplaatst: ‘Methode’ van plaats 3 naar 1",
        "Verwijderd: ‘Begrippen’",
    ]
    assert outline.outline_diff(old, old) == []


def test_agreement_checks_its_input_and_changes_nothing(world):
    project = world.project
    assert "wie" in _refused(lambda: _agree(world, project, name=" "))
    assert "toekomst" in _refused(lambda: _agree(world, project, on=date(2999, 1, 1)))
    assert "eerst af" in _refused(
        lambda: outline.outline_propose_change(
            actor=world.users["adviseur"], project=project, document="analyse", reason="x"
        )
    )
    assert not OutlineAgreement.objects.exists()


def test_an_outline_on_the_standard_is_agreed_and_the_standard_stays_usable(world):
    standard = ReportStructure.objects.get(is_standard=True, document="analyse")
    agreement = _agree(world, world.project)
    assert agreement.structure == standard
    # Another project on the standard is not locked by this one and may still choose.
    other = ProjectFactory(gemeente=world.gemeente)
    own = _own_structure(world, other)
    services.structure_choose(
        actor=world.users["ambtenaar"], project=other, document="analyse", structure=standard
    )
    services.structure_choose(
        actor=world.users["ambtenaar"], project=other, document="analyse", structure=own
    )


def test_a_shared_structure_used_by_a_locked_outline_is_not_edited_elsewhere(world):
    actor = world.users["adviseur"]
    bureau = world.memberships["adviseur"].bureau
    shared = services.structure_copy(
        actor=actor,
        project=world.project,
        document="analyse",
        source=structure_for(world.project, "analyse"),
        name="Bureau-opzet",
        for_bureau=True,
    )
    assert shared.bureau == bureau
    _agree(world, world.project)
    other = ProjectFactory(gemeente=world.gemeente)
    services.structure_choose(actor=actor, project=other, document="analyse", structure=shared)
    message = _refused(
        lambda: services.section_add(
            actor=actor, project=other, structure=shared, title="Extra", source="fixed"
        )
    )
    assert message == (
        "Deze structuur is de afgesproken opzet van een ander project en ligt daarom vast. "
        "Maak er een kopie van om te wijzigen."
    )
    assert not shared.sections.filter(title="Extra").exists()


def test_whole_traject_agrees_the_kadernota_outline_per_document(world):
    project = world.project  # scope kernbeleid
    _agree(world, project, "analyse")
    own = _own_structure(world, project, "kadernota")
    kadernota = _agree(world, project, "kadernota", name="P. Bakker", on=date(2026, 5, 1))
    assert (kadernota.document, kadernota.number, kadernota.structure) == ("kadernota", 1, own)
    assert kadernota.sections[2]["title"] == "Evaluatie vorige periode"
    assert "P. Bakker op 1 mei 2026" in _refused(
        lambda: services.section_add(
            actor=world.users["adviseur"],
            project=project,
            structure=own,
            title="Extra",
            source="fixed",
        )
    )
    # The analysis's proposal leaves the kadernota locked.
    outline.outline_propose_change(
        actor=world.users["adviseur"], project=project, document="analyse", reason="Wijken"
    )
    assert outline.outline_lock(project, "kadernota") == kadernota
    assert outline.outline_lock(project, "analyse") is None


def _url(world, name, document="analyse"):
    return reverse(
        f"reports:{name}",
        kwargs={
            "gemeente_slug": world.gemeente.slug,
            "project_uuid": world.project.uuid,
            "document": document,
        },
    )


def test_outline_pages_agree_propose_and_show_the_diff(world):
    client = world.client("adviseur")
    own = _own_structure(world, world.project)
    page = client.get(_url(world, "outline"))
    assert page.status_code == 200 and "Opzet afspreken" in page.content.decode()
    response = client.post(
        _url(world, "outline_agree"), {"agreed_by_name": "J. de Vries", "agreed_on": "2026-02-03"}
    )
    assert response.status_code == 302
    page = client.get(_url(world, "outline")).content.decode()
    assert "met J. de Vries op 3 februari 2026" in page and "Wijziging voorstellen" in page
    # The structure page refuses an edit with the agreement's message.
    section = own.sections.first()
    response = client.post(
        _url(world, "section_update"),
        {"section": section.uuid, "title": "Kort", "fixed_text": ""},
        follow=True,
    )
    assert LOCKED in response.content.decode()
    client.post(_url(world, "outline_propose"), {"reason": "Kortere titel"})
    client.post(
        _url(world, "section_update"), {"section": section.uuid, "title": "Kort", "fixed_text": ""}
    )
    client.post(
        _url(world, "outline_agree"), {"agreed_by_name": "A. Jansen", "agreed_on": "2026-03-01"}
    )
    page = client.get(_url(world, "outline")).content.decode()
    assert "Hernoemd: ‘Samenvatting’ → ‘Kort’" in page and "Kortere titel" in page
    # Readers change nothing.
    reader = world.client("raadslid")
    assert reader.post(_url(world, "outline_propose"), {"reason": "x"}).status_code == 403


def test_the_structure_page_says_the_outline_is_agreed(world):
    _agree(world, world.project)
    page = world.client("ambtenaar").get(_url(world, "structure")).content.decode()
    assert "met J. de Vries op 3 februari 2026 (versie 1)" in page
    assert "Wijziging voorstellen" in page
