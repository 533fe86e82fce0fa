"""The platform admin under /beheer/: only platform staff get in."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from projects.models import Gemeente
from tests.factories import PASSWORD, UserFactory

ADMIN = "/beheer/"
ADMIN_LOGIN = reverse("admin:login")
GEMEENTE_LIST = reverse("admin:projects_gemeente_changelist")


@pytest.fixture
def staff(db):
    return UserFactory(email="beheer@example.nl", is_staff=True, is_superuser=True)


def _admin_login(client: Client, email: str, password: str):
    return client.post(
        ADMIN_LOGIN, {"username": email, "password": password, "next": GEMEENTE_LIST}
    )


@pytest.mark.parametrize("persona", ["adviseur", "ambtenaar", "raadslid", "partner"])
def test_a_member_is_sent_to_the_admin_login(world, persona):
    client = world.client(persona)
    for url in (ADMIN, GEMEENTE_LIST):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(ADMIN_LOGIN)


def test_anonymous_is_sent_to_the_admin_login(db):
    response = Client().get(GEMEENTE_LIST)
    assert response.status_code == 302
    assert response["Location"].startswith(ADMIN_LOGIN)


def test_staff_sees_the_gemeenten(staff, world):
    client = Client()
    client.force_login(staff)

    listing = client.get(GEMEENTE_LIST)
    search = client.get(GEMEENTE_LIST, {"q": world.gemeente.cbs_code})

    assert listing.status_code == 200
    assert listing.context["cl"].result_count == Gemeente.objects.count()
    assert search.status_code == 200
    assert world.gemeente.name in search.content.decode()


def test_staff_logs_in_through_the_admin_login_with_email(staff):
    client = Client()

    response = _admin_login(client, "Beheer@Example.nl", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == GEMEENTE_LIST
    assert client.get(GEMEENTE_LIST).status_code == 200


def test_a_member_with_the_right_password_does_not_get_into_the_admin(world):
    client = Client()

    response = _admin_login(client, world.users["ambtenaar"].email, PASSWORD)

    assert response.status_code == 200
    assert response.context["form"].errors
    assert SESSION_KEY not in client.session


def test_admin_login_counts_towards_the_lockout_whatever_the_case(staff):
    client = Client()
    for attempt in range(5):
        email = staff.email.upper() if attempt % 2 else staff.email
        _admin_login(client, email, "Niet-het-wachtwoord-987")

    response = _admin_login(client, staff.email.title(), PASSWORD)

    assert response.status_code == 429
    assert SESSION_KEY not in client.session
