"""Permission-matrix rows for access that ends (issue 14; merged into
tests/test_permission_matrix.py).

- Setting a member's end date (POST only) is for editors; readers 403, other gemeenten 404.
  An empty POST clears the partner's end date and returns to the members page (302).
- The single sign-on URLs are outside /g/<gemeente>/: anyone may start a gemeente's login
  (302 to its provider) and come back to the callback (without a provider's answer: 302 to
  the login page). Both answer GET only.
"""

from tests.matrix_helpers import row, tenant


def _member(world):
    return {
        "gemeente_slug": world.gemeente.slug,
        "membership_uuid": world.memberships["partner"].uuid,
    }


def _provider(world):
    from accounts.models import OidcProvider

    OidcProvider.objects.update_or_create(
        gemeente=world.gemeente,
        defaults={
            "label": "Inloggen met uw gemeente-account",
            "email_domains": "gemeente.example",
            "issuer": "https://idp.gemeente.example",
            "authorization_endpoint": "https://idp.gemeente.example/authorize",
            "token_endpoint": "https://idp.gemeente.example/token",
            "userinfo_endpoint": "https://idp.gemeente.example/userinfo",
            "jwks_uri": "https://idp.gemeente.example/jwks",
            "client_id": "integraal",
            "client_secret": "geheim",
        },
    )
    return {"gemeente_slug": world.gemeente.slug}


ROWS = {
    "projects:member_end": (_member, row(tenant(405, 403), tenant(302, 403))),
    "accounts:oidc_login": (_provider, row(302, 405)),
    "accounts:oidc_callback": (lambda world: {}, row(302, 405)),
}
