import factory

from accounts.models import User
from analysis.catalogue import load_indicators
from analysis.models import Indicator
from projects.constants import GEMEENTE_INDELING_YEAR, ProjectScope, Role
from projects.gemeente_data import load_gemeenten
from projects.models import Bureau, Gemeente, Membership, Project, Provincie, Veiligheidsregio

PASSWORD = "Test-wachtwoord-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"persoon{n}@example.nl")
    full_name = factory.Faker("name", locale="nl_NL")
    password = factory.django.Password(PASSWORD)


class BureauFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bureau

    name = factory.Sequence(lambda n: f"Adviesbureau {n}")
    slug = factory.Sequence(lambda n: f"bureau-{n}")


def gemeente(cbs_code: str) -> Gemeente:
    """The 342 gemeenten are preloaded by a migration; tests use real ones.

    Transactional tests (browser, worker) flush the tables afterwards, so load them again
    when they are gone.
    """
    if not Indicator.objects.exists():
        load_indicators(Indicator)
    if not Gemeente.objects.exists():
        load_gemeenten(
            gemeente_model=Gemeente,
            provincie_model=Provincie,
            regio_model=Veiligheidsregio,
            indeling_year=GEMEENTE_INDELING_YEAR,
        )
    return Gemeente.objects.get(cbs_code=cbs_code)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.AMBTENAAR


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    name = factory.Sequence(lambda n: f"Integraal Veiligheidsplan {2027 + n % 3}")
    scope = ProjectScope.KERNBELEID
    period_start = 2027
    period_end = 2030
    current_step = 1

    class Params:
        analyse_only = factory.Trait(scope=ProjectScope.ANALYSE)
