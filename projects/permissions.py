"""The one place that resolves the tenant in the URL and checks the user's role.

Every view under /g/<gemeente_slug>/ is wrapped in ``gemeente_view``, or in ``project_view``
when its URL also holds a ``project_uuid``: non-members get 404 (no information leaks),
members whose role may not do the thing get 403. Requests that change something (POST and
the like) need an editing role unless a view says otherwise, so a forgotten check fails
closed. The view runs inside the tenant scope of the gemeenten the request may reach
(projects/scopes.py), so a query that forgot its tenant filter finds nothing elsewhere.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .constants import Role
from .scopes import gemeente_scope, project_gemeente_ids
from .selectors import gemeente_access_for_user, gemeente_ids_for_user, project_get_for_access

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def gemeente_view(
    *,
    require: Callable[[Role], bool] | None = None,
    post_allowed_for: Callable[[Role], bool] | None = None,
):
    """Wrap a view taking ``gemeente_slug``; sets ``request.access`` (a GemeenteAccess).

    ``require``: a role predicate every request must meet (e.g. ``lambda r: r.can_edit``).
    ``post_allowed_for``: who may send write requests; by default only editing roles.
    """
    write_check = post_allowed_for or (lambda role: role.can_edit)

    def decorator(view):
        @wraps(view)
        def wrapper(request, gemeente_slug: str, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            access = gemeente_access_for_user(request.user, gemeente_slug)
            if require is not None and not require(access.role):
                raise PermissionDenied("Uw rol in deze gemeente staat dit niet toe.")
            if request.method in WRITE_METHODS and not write_check(access.role):
                raise PermissionDenied("Uw rol in deze gemeente staat geen wijzigingen toe.")
            request.access = access
            with gemeente_scope(access.gemeente_ids):
                return view(request, *args, **kwargs)

        return wrapper

    return decorator


def project_view(
    *,
    require: Callable[[Role], bool] | None = None,
    post_allowed_for: Callable[[Role], bool] | None = None,
):
    """Wrap a view taking ``gemeente_slug`` and ``project_uuid``: the checks and scope of
    ``gemeente_view``, then the project loaded once, if a gemeente of the access leads or
    joined it (404 otherwise). Sets ``request.access`` and ``request.project``; the view gets
    neither slug nor uuid. A joint plan's view runs in the scope of all the plan's gemeenten,
    whose figures it combines (projects/joint.py)."""

    def decorator(view):
        @gemeente_view(require=require, post_allowed_for=post_allowed_for)
        @wraps(view)
        def wrapper(request, project_uuid, *args, **kwargs):
            request.project = project_get_for_access(request.access, project_uuid)
            if not request.project.joint:
                return view(request, *args, **kwargs)
            with gemeente_scope(project_gemeente_ids(request.project)):
                return view(request, *args, **kwargs)

        return wrapper

    return decorator


def portfolio_view(view):
    """Wrap a view that spans every gemeente the user reaches (the portfolio, deadlines):
    login required, and the view runs inside the scope of all those gemeenten."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        with gemeente_scope(gemeente_ids_for_user(request.user)):
            return view(request, *args, **kwargs)

    return wrapper


def tenant_context(request, **extra) -> dict:
    """The template context every tenant page shares: the gemeente and, under a project
    URL, the project; plus the view's own ``extra``."""
    context = {"gemeente": request.access.gemeente}
    if hasattr(request, "project"):
        context["project"] = request.project
    return context | extra


def can_edit(role: Role) -> bool:
    return role.can_edit


def can_see_audit_log(role: Role) -> bool:
    return role.can_see_audit_log
