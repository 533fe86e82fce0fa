"""Hostile values in the query string of every view outside analysis/ that reads one.

`/rapporten/verschillen/?van=notauuid` was a 500: the malformed id went straight into
`.filter(uuid=...)`. A malformed id must get the 404 page (or a Dutch form message), never an
error page, and a real id of another gemeente's object must be just as unknown.

The views outside analysis/ that read the query string (grep `request.GET`):
- reports: `diff` reads the version ids `van` and `naar`;
- projects: `project_audit` reads the page number `pagina`, `home` reads the flag `overzicht`;
- accounts: `otp_verify` reads the redirect target `next` (the login view lets Django read it).
Only `diff` reads ids; the others are in the table too, because the same values must not
break them either.
"""

import pytest
from django.test import Client
from django.urls import reverse

from reports.blocks import ParagraphsBlock
from reports.models import ReportVersion
from tests.reports.snapshots import section, snapshot

SECRET = "Geheim van de andere gemeente"
NOT_FOUND = "Deze pagina bestaat niet"

MALFORMED = {
    "not-a-uuid": "notauuid",
    "sql": "' OR 1=1 --",
    "script": "<script>alert(1)</script>",
    "very-long": "a" * 10_000,
    "very-long-digits": "9" * 10_000,
    "empty": "",
    "almost-a-uuid": "00000000-0000-0000-0000-00000000000g",
    "nul-byte": "\x00",
}


def _version(project, title: str, minor: int) -> ReportVersion:
    return ReportVersion.objects.create(
        project=project,
        document="analyse",
        minor=minor,
        content_hash=title,
        snapshot=snapshot(
            section("s1", title, [ParagraphsBlock([title])]), title=title, subtitle=""
        ).to_json(),
        structure_name="VNG-standaard",
    )


@pytest.fixture
def versions(world):
    """Two versions of the home project, one of the other gemeente's project."""
    return (
        _version(world.project, "Versie een", 1),
        _version(world.project, "Versie twee", 2),
        _version(world.other_project, SECRET, 1),
    )


def _diff_url(world) -> str:
    return reverse(
        "reports:diff",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid},
    )


def _get(client: Client, url: str, params: dict):
    # Server errors come back as a 500 response instead of an exception, as for a real user.
    client.raise_request_exception = False
    return client.get(url, params)


def _assert_unknown(response) -> None:
    assert response.status_code == 404
    text = response.content.decode()
    assert NOT_FOUND in text
    assert SECRET not in text


def test_diff_of_two_real_versions_is_shown(world, versions):
    """The control: the table below is not passing because every request is a 404."""
    old, new, _other = versions
    params = {"van": old.uuid, "naar": new.uuid}
    response = _get(world.client("ambtenaar"), _diff_url(world), params)
    assert response.status_code == 200
    assert "Versie twee" in response.content.decode()


@pytest.mark.parametrize("value", MALFORMED.values(), ids=MALFORMED.keys())
@pytest.mark.parametrize("parameter", ["van", "naar"])
def test_diff_with_a_malformed_version_id_is_not_found(world, versions, parameter, value):
    old, new, _other = versions
    params = {"van": old.uuid, "naar": new.uuid, parameter: value}
    _assert_unknown(_get(world.client("ambtenaar"), _diff_url(world), params))


@pytest.mark.parametrize(
    "params",
    [
        {"van": "OTHER", "naar": "NEW"},
        {"van": "OLD", "naar": "OTHER"},
        {"van": "OTHER", "naar": "OTHER"},
        {"van": "OLD"},
        {},
    ],
    ids=["other-old", "other-new", "other-both", "one-missing", "none"],
)
def test_diff_with_another_gemeentes_version_is_not_found(world, versions, params):
    old, new, other = versions
    ids = {"OLD": old.uuid, "NEW": new.uuid, "OTHER": other.uuid}
    query = {name: ids[value] for name, value in params.items()}
    _assert_unknown(_get(world.client("ambtenaar"), _diff_url(world), query))


@pytest.mark.parametrize("value", MALFORMED.values(), ids=MALFORMED.keys())
def test_audit_log_with_a_malformed_page_number_shows_the_first_page(world, value):
    url = reverse(
        "projects:project_audit",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid},
    )
    response = _get(world.client("ambtenaar"), url, {"pagina": value})
    assert response.status_code == 200
    assert world.project.name in response.content.decode()


@pytest.mark.parametrize("value", MALFORMED.values(), ids=MALFORMED.keys())
def test_portfolio_with_a_hostile_flag_still_answers(world, value):
    response = _get(world.client("ambtenaar"), reverse("projects:home"), {"overzicht": value})
    # Any value but the empty one asks for the overview; the empty one goes to the gemeente.
    expected = 302 if value == "" else 200
    assert response.status_code == expected
    assert SECRET not in response.content.decode()
    if expected == 302:
        assert response.url == world.gemeente.get_absolute_url()


@pytest.mark.parametrize("value", MALFORMED.values(), ids=MALFORMED.keys())
def test_second_factor_page_with_a_hostile_next_still_answers(world, value):
    response = _get(world.client("ambtenaar"), reverse("accounts:otp_verify"), {"next": value})
    assert response.status_code == 200
