"""Demo data for `make run`: one bureau, two real gemeenten, their people and projects."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from .constants import ProjectScope, Role
from .demo_access import demo_access_load
from .models import Bureau, Gemeente, Membership, Project
from .services import audit_record

DEMO_PASSWORD = "integraal-demo"
DEMO_BUREAU_SLUG = "veilig-advies"
# Two real gemeenten of different size, in different regions.
DEMO_GEMEENTEN = {
    "GM0363": {"slug": "amsterdam", "inhabitants": 931_298, "house_colour": "#ec0000"},
    "GM0034": {"slug": "almere", "inhabitants": 226_500, "house_colour": "#00529b"},
}


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: str
    where: str


@transaction.atomic
def demo_load() -> list[DemoAccount]:
    """Idempotent: running it twice leaves the same demo state."""
    User = get_user_model()
    accounts: list[DemoAccount] = []

    def person(email: str, name: str):
        user, created = User.objects.get_or_create(email=email, defaults={"full_name": name})
        if created or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save()
        return user

    bureau, _ = Bureau.objects.get_or_create(
        slug=DEMO_BUREAU_SLUG, defaults={"name": "Veilig Advies B.V."}
    )
    adviseur = person("adviseur@veilig-advies.nl", "Anne Adviseur")
    Membership.objects.get_or_create(user=adviseur, bureau=bureau, role=Role.ADVISEUR)
    accounts.append(DemoAccount(adviseur.email, Role.ADVISEUR.label, bureau.name))

    for code, extra in DEMO_GEMEENTEN.items():
        gemeente = Gemeente.objects.get(cbs_code=code)
        gemeente.inhabitants = extra["inhabitants"]
        gemeente.house_colour = extra["house_colour"]
        gemeente.save(update_fields=["inhabitants", "house_colour"])
        bureau.gemeenten.add(gemeente)
        slug = gemeente.slug
        for role, name in ((Role.AMBTENAAR, "Ambtenaar"), (Role.RAADSLID, "Raadslid")):
            user = person(f"{role}@{slug}.demo.nl", f"{name} {gemeente.name}")
            Membership.objects.get_or_create(user=user, gemeente=gemeente, defaults={"role": role})
            accounts.append(DemoAccount(user.email, role.label, gemeente.name))
        partner = person(f"partner@{slug}.demo.nl", f"Politie {gemeente.name}")
        Membership.objects.get_or_create(
            user=partner,
            gemeente=gemeente,
            defaults={"role": Role.PARTNER, "organisation": "Politie"},
        )
        accounts.append(DemoAccount(partner.email, Role.PARTNER.label, gemeente.name))
        if not gemeente.projects.exists():
            project = Project.objects.create(
                gemeente=gemeente,
                name=f"Integraal Veiligheidsplan 2027-2030 {gemeente.name}",
                scope=ProjectScope.KERNBELEID,
                period_start=2027,
                period_end=2030,
                current_step=4 if code == "GM0034" else 2,
                next_deadline=date(2027, 3, 1),
                next_deadline_label="Veiligheidsanalyse definitief",
            )
            audit_record(actor=None, action="demoproject aangemaakt", obj=project, project=project)
    demo_access_load(DEMO_GEMEENTEN)  # issue 14: raadsleden's access ends with the term
    return accounts
