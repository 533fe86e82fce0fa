"""Every URL × every persona × GET/POST → the expected status.

A URL that is not in MATRIX fails `test_every_url_is_in_the_matrix`: a new view joins the
matrix in the same change. Statuses: 200 shown, 302 redirect (anonymous → login, or done),
403 role may not, 404 not a member (nothing leaks), 405 method not offered.
"""

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .conftest import PERSONAS
from .matrix_helpers import logged_in as _logged_in
from .matrix_helpers import row as _row
from .matrix_helpers import tenant as _tenant


def _with_survey(world):
    """Give the world's project one imported edition (once per test)."""
    from analysis.models import ImportRun

    run = ImportRun.objects.filter(gemeente=world.project.gemeente).first()
    if run is None:
        from analysis.figures.services import survey_import_now
        from tests.analysis.conftest import MAPPING, csv_upload

        world.project.min_n, world.project.warn_n = 1, 3
        world.project.save()
        run = survey_import_now(
            actor=None, project=world.project, upload=csv_upload(), year=2023, mapping=MAPPING
        )
    return run


def _analysis(**extra):
    def build(world):
        run = _with_survey(world)
        kwargs = {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid}
        values = {"run_uuid": run.uuid}
        return kwargs | {key: values.get(key, value) for key, value in extra.items()}

    return build


def _va(**extra):
    """Kwargs for the veiligheidsanalyse pages: the project's structure exists first."""

    def build(world):
        from analysis.narrative import services as va_services

        va_services.analysis_ensure(project=world.project)
        _with_survey(world)
        field = world.project.analysis_fields.get(code="1")
        theme = field.themes.get(code="1.4")
        values = {"field_uuid": field.uuid, "theme_uuid": theme.uuid, "code": "WK036300"}
        kwargs = {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid}
        return kwargs | {key: values[key] for key in extra}

    return build


# url name -> (kwargs builder, expected statuses)
MATRIX = {
    "analysis:va_overview": (_va(), _row(_tenant(200, 403), _tenant(405, 403))),
    # One URL per structure change; the page itself only shows the forms.
    "analysis:va_structure": (_va(), _row(_tenant(200, 403), _tenant(405, 403))),
    "analysis:va_field_add": (_va(), _row(_tenant(405, 403), _tenant(302, 403))),
    "analysis:va_theme_add": (_va(field_uuid=1), _row(_tenant(405, 403), _tenant(302, 403))),
    "analysis:va_field_rename": (_va(field_uuid=1), _row(_tenant(405, 403), _tenant(302, 403))),
    "analysis:va_field_hide": (_va(field_uuid=1), _row(_tenant(405, 403), _tenant(302, 403))),
    "analysis:va_field_show": (_va(field_uuid=1), _row(_tenant(405, 403), _tenant(302, 403))),
    "analysis:va_theme_rename": (_va(theme_uuid=1), _row(_tenant(405, 403), _tenant(302, 403))),
    "analysis:va_field_status": (
        _va(field_uuid=1),
        _row(_tenant(405, 403), _tenant(302, 403)),
    ),
    "analysis:va_theme": (_va(theme_uuid=1), _row(_tenant(200, 403), _tenant(405, 403))),
    "analysis:va_theme_save": (
        _va(theme_uuid=1),
        _row(_tenant(405, 403), _tenant(200, 403)),
    ),
    "analysis:va_history": (_va(theme_uuid=1), _row(_tenant(200, 403), _tenant(405, 403))),
    "analysis:va_restore": (_va(theme_uuid=1), _row(_tenant(405, 403), _tenant(302, 403))),
    "analysis:va_priorities": (_va(), _row(_tenant(200, 403), _tenant(302, 403))),
    "analysis:va_weights": (_va(), _row(_tenant(405, 403), _tenant(302, 403))),
    "analysis:va_wijk": (_va(code=1), _row(_tenant(200, 403), _tenant(405, 403))),
    "analysis:overview": (_analysis(), _row(_tenant(200, 403), _tenant(405, 403))),
    "analysis:import_new": (_analysis(), _row(_tenant(200, 403), _tenant(200, 403))),
    "analysis:import_detail": (
        _analysis(run_uuid=None),
        _row(_tenant(200, 403), _tenant(405, 403)),
    ),
    "analysis:import_mapping": (
        _analysis(run_uuid=None),
        _row(_tenant(405, 403), _tenant(302, 403)),
    ),
    "analysis:import_flag": (
        _analysis(run_uuid=None),
        _row(_tenant(405, 403), _tenant(302, 403)),
    ),
    "analysis:import_store": (
        _analysis(run_uuid=None),
        _row(_tenant(405, 403), _tenant(302, 403)),
    ),
    "analysis:import_back": (
        _analysis(run_uuid=None),
        _row(_tenant(405, 403), _tenant(302, 403)),
    ),
    "analysis:theme": (
        _analysis(theme_code="1.4"),
        _row(_tenant(200, 403), _tenant(405, 403)),
    ),
    "analysis:indicator": (
        _analysis(code="voelt_zich_weleens_onveilig"),
        _row(_tenant(200, 403), _tenant(405, 403)),
    ),
    "analysis:export": (_analysis(fmt="xlsx"), _row(_tenant(200, 403), _tenant(405, 403))),
    "analysis:thresholds": (_analysis(), _row(_tenant(405, 403), _tenant(302, 403))),
    "analysis:comparables": (_analysis(), _row(_tenant(405, 403), _tenant(302, 403))),
    "analysis:wijkmap": (_analysis(), _row(_tenant(405, 403), _tenant(302, 403))),
    "analysis:crime": (_analysis(), _row(_tenant(200, 403), _tenant(405, 403))),
    "analysis:inhabitants": (_analysis(), _row(_tenant(405, 403), _tenant(302, 403))),
    "analysis:bbv_upload": (_analysis(), _row(_tenant(200, 403), _tenant(200, 403))),
    "healthz": (lambda w: {}, _row(200, 405)),
    # Everyone here reaches one gemeente, so the portfolio sends them straight to it.
    "projects:home": (lambda w: {}, _row(_logged_in(302), _logged_in(405))),
    "projects:gemeente_home": (
        lambda w: {"gemeente_slug": w.gemeente.slug},
        _row(_tenant(200, 200), _tenant(405, 403)),
    ),
    "projects:gemeente_settings": (
        lambda w: {"gemeente_slug": w.gemeente.slug},
        _row(_tenant(200, 403), _tenant(200, 403)),
    ),
    "projects:gemeente_logo": (
        # No logo uploaded: members get 404 as well; tests/projects cover the file itself.
        lambda w: {"gemeente_slug": w.gemeente.slug},
        _row(_tenant(404, 404), _tenant(405, 403)),
    ),
    "projects:gemeente_members": (
        lambda w: {"gemeente_slug": w.gemeente.slug},
        _row(_tenant(200, 200), _tenant(200, 403)),
    ),
    "projects:member_remove": (
        lambda w: {
            "gemeente_slug": w.gemeente.slug,
            "membership_uuid": w.memberships["partner"].uuid,
        },
        # GET, and a POST without the confirmation: the question (tests/matrix_confirm.py).
        _row(_tenant(200, 403), _tenant(200, 403)),
    ),
    "projects:project_create": (
        lambda w: {"gemeente_slug": w.gemeente.slug},
        _row(_tenant(200, 403), _tenant(200, 403)),
    ),
    "projects:project_home": (
        lambda w: {"gemeente_slug": w.gemeente.slug, "project_uuid": w.project.uuid},
        _row(_tenant(200, 200), _tenant(405, 403)),
    ),
    "projects:project_edit": (
        lambda w: {"gemeente_slug": w.gemeente.slug, "project_uuid": w.project.uuid},
        _row(_tenant(200, 403), _tenant(200, 403)),
    ),
    "projects:project_audit": (
        lambda w: {"gemeente_slug": w.gemeente.slug, "project_uuid": w.project.uuid},
        _row(_tenant(200, 403), _tenant(405, 403)),
    ),
    "accounts:login": (
        lambda w: {},
        _row(_logged_in(302, anonymous=200), _logged_in(302, anonymous=200)),
    ),
    "accounts:logout": (lambda w: {}, _row(405, 302)),
    "accounts:overview": (lambda w: {}, _row(_logged_in(200), _logged_in(405))),
    "accounts:password_change": (lambda w: {}, _row(_logged_in(200), _logged_in(200))),
    "accounts:password_reset": (lambda w: {}, _row(200, 200)),
    "accounts:password_reset_done": (lambda w: {}, _row(200, 405)),
    "accounts:password_reset_confirm": (
        lambda w: {"uidb64": "MQ", "token": "ongeldig-token"},
        _row(200, 200),
    ),
    "accounts:password_reset_complete": (lambda w: {}, _row(200, 405)),
    "accounts:otp_setup": (
        lambda w: {},
        _row(
            _logged_in(200, raadslid=403, partner=403),
            _logged_in(200, raadslid=403, partner=403),
        ),
    ),
    "accounts:otp_verify": (lambda w: {}, _row(_logged_in(200), _logged_in(200))),
    "accounts:otp_disable": (lambda w: {}, _row(_logged_in(200), _logged_in(200))),
}


def _merge_app_rows() -> None:
    """Rows kept beside an app's tests, in tests/matrix_<name>.py."""
    import tests

    for module in pkgutil.iter_modules(tests.__path__):
        if module.name.startswith("matrix_") and module.name != "matrix_helpers":
            MATRIX.update(importlib.import_module(f"tests.{module.name}").ROWS)


_merge_app_rows()


def _url_names(patterns, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # platform staff only; covered in tests/accounts
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_is_in_the_matrix():
    missing = _url_names(get_resolver().url_patterns) - set(MATRIX)
    assert not missing, f"Add these URLs to the permission matrix: {sorted(missing)}"


# Redirects that do not lead to the login page: logging out, and the start of a single
# sign-on, which sends the browser to the gemeente's identity provider.
ELSEWHERE = {"accounts:logout", "accounts:oidc_login"}

CASES = [
    (name, method, persona)
    for name in sorted(MATRIX)
    for method in ("GET", "POST")
    for persona in PERSONAS
]


@pytest.mark.parametrize(("name", "method", "persona"), CASES)
def test_permission_matrix(world, name, method, persona):
    kwargs_for, expected = MATRIX[name]
    url = reverse(name, kwargs=kwargs_for(world))
    client = world.client(persona)
    response = client.get(url) if method == "GET" else client.post(url, {})
    assert response.status_code == expected[method][persona], (
        f"{method} {url} as {persona}: got {response.status_code}, "
        f"expected {expected[method][persona]}"
    )
    if persona == "anonymous" and response.status_code == 302 and name not in ELSEWHERE:
        assert response["Location"].startswith(reverse("accounts:login"))
