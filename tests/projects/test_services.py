"""Services change state in one transaction and leave an audit entry."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from projects import services
from projects.constants import ProjectScope, Role
from projects.models import AuditEntry, Membership, Project


def test_project_create_writes_the_audit_log(world):
    actor = world.users["ambtenaar"]
    project = services.project_create(
        actor=actor,
        gemeente=world.gemeente,
        name="  Integraal Veiligheidsplan 2027-2030  ",
        scope=ProjectScope.ANALYSE,
        period_start=2027,
        period_end=2030,
    )
    assert project.name == "Integraal Veiligheidsplan 2027-2030"
    assert project.current_step == 1
    # A project that only writes the analysis stops at step 4.
    assert [number for number, _ in project.steps] == [1, 2, 3, 4]
    entry = AuditEntry.objects.get(project=project)
    assert entry.actor == actor and entry.gemeente == world.gemeente
    assert entry.action == "project aangemaakt"
    assert entry.detail == {"omvang": "analyse", "periode": "2027-2030"}


@pytest.mark.parametrize(("start", "end"), [(2030, 2027), (2027, 2040)])
def test_project_create_refuses_a_bad_period_and_creates_nothing(world, start, end):
    before = Project.objects.count()
    with pytest.raises(ValidationError) as error:
        services.project_create(
            actor=world.users["ambtenaar"],
            gemeente=world.gemeente,
            name="Plan",
            scope=ProjectScope.KERNBELEID,
            period_start=start,
            period_end=end,
        )
    assert "period_end" in error.value.error_dict
    assert Project.objects.count() == before
    assert not AuditEntry.objects.filter(action="project aangemaakt").exists()


def test_project_update_records_from_and_to(world):
    services.project_update(
        actor=world.users["adviseur"],
        project=world.project,
        name="IVP 2027-2030",
        next_deadline=date(2027, 3, 1),
    )
    world.project.refresh_from_db()
    assert world.project.name == "IVP 2027-2030"
    entry = AuditEntry.objects.get(project=world.project, action="project gewijzigd")
    assert entry.detail["next_deadline"] == {"van": None, "naar": "2027-03-01"}
    assert entry.detail["name"]["naar"] == "IVP 2027-2030"


def test_project_update_without_changes_writes_nothing(world):
    services.project_update(
        actor=world.users["adviseur"], project=world.project, name=world.project.name
    )
    assert not AuditEntry.objects.filter(project=world.project).exists()


def test_membership_add_creates_account_without_password(world):
    membership, created = services.membership_add(
        actor=world.users["ambtenaar"],
        gemeente=world.gemeente,
        email="Wijkagent@Politie.NL",
        role=Role.PARTNER,
        organisation="Politie",
    )
    assert created and membership.user.email == "wijkagent@politie.nl"
    assert not membership.user.has_usable_password()
    assert AuditEntry.objects.filter(action="lid toegevoegd", gemeente=world.gemeente).exists()
    with pytest.raises(ValidationError):
        services.membership_add(
            actor=world.users["ambtenaar"],
            gemeente=world.gemeente,
            email="wijkagent@politie.nl",
            role=Role.RAADSLID,
        )
    assert Membership.objects.filter(user=membership.user).count() == 1


def test_membership_remove_and_its_limits(world):
    actor = world.users["ambtenaar"]
    services.membership_remove(actor=actor, membership=world.memberships["raadslid"])
    assert not Membership.objects.filter(user=world.users["raadslid"]).exists()
    with pytest.raises(ValidationError):
        services.membership_remove(actor=actor, membership=world.memberships["ambtenaar"])
    with pytest.raises(ValidationError):
        services.membership_remove(actor=actor, membership=world.memberships["adviseur"])


def test_invitation_mail_goes_once_and_not_after_a_password_is_set(world, mailoutbox):
    membership, _ = services.membership_add(
        actor=world.users["ambtenaar"],
        gemeente=world.gemeente,
        email="nieuw@gemeente.nl",
        role=Role.RAADSLID,
    )
    sent = services.membership_send_invitation(
        membership_uuid=str(membership.uuid), domain="integraal.example", use_https=True
    )
    assert sent == 1 and len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["nieuw@gemeente.nl"]
    assert "gemeente Amsterdam" in mail.body
    assert "https://integraal.example/account/wachtwoord/nieuw/" in mail.body
    membership.user.set_password("Een-eigen-wachtwoord-1")
    membership.user.save()
    assert (
        services.membership_send_invitation(
            membership_uuid=str(membership.uuid), domain="integraal.example", use_https=True
        )
        == 0
    )
