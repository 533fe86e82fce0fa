"""The demo shows the partners contributing (projects/demo_partners.py): Almere's werkgroep
linked to partner accounts, their input with one part adopted and its source shown, a
beleidsvraag the politie answered, and their reactions to the concept kadernota."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from analysis.models import InputAdoption, PartnerInput
from kernbeleid.models import BeleidsvraagAnswer, DraagvlakReaction, WerkgroepMember
from projects.constants import Role
from projects.models import Membership, Project


@pytest.mark.django_db
def test_the_demo_shows_the_partners_contributing(settings, tmp_path, client):
    settings.VAR_DIR = tmp_path
    call_command("load_demo", verbosity=0)
    call_command("load_demo_survey", verbosity=0)
    call_command("load_demo_traject", verbosity=0)
    project = Project.objects.get(name="Integraal Veiligheidsplan 2027-2030 Almere")

    linked = WerkgroepMember.objects.filter(project=project, user__isnull=False)
    assert sorted(linked.values_list("name", flat=True)) == [
        "Erik Jansen",
        "Peter Mulder",
        "Samir El Idrissi",
        "Sandra Visser",
    ]
    politie = linked.get(name="Erik Jansen").user
    assert politie.email == "partner@almere.demo.nl"
    brandweer = Membership.objects.get(user__email="s.visser@vrflevoland.demo.nl")
    assert (brandweer.role, brandweer.organisation) == (
        Role.PARTNER,
        "brandweer / veiligheidsregio",
    )

    assert PartnerInput.objects.filter(theme__field__project=project).count() == 4
    adoption = InputAdoption.objects.get(theme__field__project=project)
    assert adoption.source_label.startswith("inbreng politie (Politie Almere), ")
    assert f"Bron: {adoption.source_label}" in adoption.theme.knelpunten

    answered = BeleidsvraagAnswer.objects.get(project=project, answered_by=politie)
    assert answered.answered_at is not None and answered.answer
    reactions = DraagvlakReaction.objects.filter(version__project=project)
    assert reactions.count() == 4
    assert {reaction.version.label for reaction in reactions} == {"concept 0.1"}

    # The ambtenaar sees it on the pages; loading again changes nothing.
    client.force_login(Membership.objects.get(user__email="ambtenaar@almere.demo.nl").user)
    kwargs = {"gemeente_slug": "almere", "project_uuid": project.uuid}
    draagvlak = client.get(reverse("kernbeleid:draagvlak", kwargs=kwargs)).content.decode()
    assert "Het aanbod in de avonduren verdient een eigen doel" in draagvlak
    theme_page = client.get(
        reverse("analysis:va_theme", kwargs=kwargs | {"theme_uuid": adoption.theme.uuid})
    ).content.decode()
    assert "Overgenomen in dit thema" in theme_page and adoption.source_label in theme_page
    call_command("load_demo_traject", verbosity=0)
    assert PartnerInput.objects.filter(theme__field__project=project).count() == 4
    assert DraagvlakReaction.objects.filter(version__project=project).count() == 4
