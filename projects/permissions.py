"""The one place that resolves the tenant in the URL and checks the user's role.

Every view under /g/<gemeente_slug>/ is wrapped in ``gemeente_view``: non-members get 404
(no information leaks), members whose role may not do the thing get 403. Requests that
change something (POST and the like) need an editing role unless a view says otherwise,
so a forgotten check fails closed.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .constants import Role
from .selectors import gemeente_access_for_user

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
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def can_edit(role: Role) -> bool:
    return role.can_edit


def can_see_audit_log(role: Role) -> bool:
    return role.can_see_audit_log
