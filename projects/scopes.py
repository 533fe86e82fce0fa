"""The tenancy safety net: django-scopes.

A tenant model (a project, and everything that belongs to a project or a gemeente) has
``tenant_manager(...)`` as its default manager. A query on it raises ``ScopeError`` unless a
scope is active, and inside ``gemeente_scope(ids)`` every query is also filtered to those
gemeenten, so a forgotten tenant filter cannot reach another gemeente's rows.

Where the scope comes from:
- Requests: the resolver (``projects.permissions``) runs each view inside the scope of the
  gemeenten the request may reach; ``TenantScopeMiddleware`` starts every other request with
  scopes on and no gemeente, so a view outside the resolver that queries a tenant model
  raises. The admin is the exception (see the middleware).
- Background tasks and management commands open ``project_scope(project)`` once they know
  the project, or ``scopes_disabled()`` with a comment saying why they span gemeenten.
- Migrations use historical models, which do not carry these managers.
- Tests: the test body runs with scopes disabled (tests/conftest.py); every request through
  the test client passes the middleware and the resolver, and so runs in the real scope.

The scope is a set of gemeente ids, not one: a joint plan of several gemeenten is reached
from each of them.
"""

from collections.abc import Iterable

from django.urls import reverse
from django_scopes import ScopedManager, ScopeError, scope, scopes_disabled

__all__ = [
    "ScopeError",
    "TenantScopeMiddleware",
    "gemeente_scope",
    "project_gemeente_ids",
    "project_scope",
    "scopes_disabled",
    "tenant_manager",
]


def tenant_manager(path_to_gemeente: str):
    """The default manager of a tenant model; ``path_to_gemeente`` is the ORM path from the
    model to its gemeente (``"gemeente"``, ``"project__gemeente"``, ...)."""
    return ScopedManager(gemeente=path_to_gemeente)


def gemeente_scope(gemeente_ids: Iterable[int]):
    """Queries on tenant models see only rows of these gemeenten (none for an empty set)."""
    # django-scopes filters with `__in` on a list or tuple; any other value is one id.
    return scope(gemeente=sorted(gemeente_ids))


def project_gemeente_ids(project) -> frozenset[int]:
    """The gemeenten a project belongs to: its gemeente, and for a joint plan every
    gemeente that joined it (projects/joint.py)."""
    if not project.joint:
        return frozenset({project.gemeente_id})
    from .joint import joined_gemeente_ids  # joint builds on the models, which import this

    with scopes_disabled():
        return joined_gemeente_ids(project)


def project_scope(project):
    """The scope of one project's work, for tasks and commands that act on it."""
    return gemeente_scope(project_gemeente_ids(project))


class TenantScopeMiddleware:
    """Every request starts with scopes on and no gemeente in the scope.

    In production that is already the state of a fresh request; the middleware makes it so
    in tests too, where the test body runs with scopes disabled. The admin is for platform
    staff, who manage every gemeente: its requests (rendering included) run with scopes
    disabled.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self._admin_prefix = None

    def __call__(self, request):
        if self._admin_prefix is None:
            self._admin_prefix = reverse("admin:index")
        if request.path.startswith(self._admin_prefix):  # both carry the script prefix
            with scopes_disabled():
                return self.get_response(request)
        with scope():
            return self.get_response(request)
