"""The resolver: project_view checks the gemeente, loads the project once and sets it on the
request; the scope of the view is the set of gemeenten the access reaches."""

from types import SimpleNamespace

import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from django_scopes import get_scope

from projects.forms import add_validation_error_messages
from projects.permissions import can_edit, project_view, tenant_context
from projects.selectors import project_get_for_access


def _request(world, persona: str, method: str = "get"):
    request = getattr(RequestFactory(), method)("/")
    request.user = world.users[persona]
    return request


@project_view()
def _seen(request):
    """A view that reports what the resolver gave it."""
    _seen.last = {
        "project": request.project,
        "access": request.access,
        "scope": dict(get_scope()),
        "context": tenant_context(request, extra=1),
    }
    return HttpResponse("ok")


def test_sets_the_project_the_access_and_the_scope(world):
    response = _seen(_request(world, "raadslid"), world.gemeente.slug, world.project.uuid)
    assert response.status_code == 200
    seen = _seen.last
    assert seen["project"] == world.project
    assert seen["access"].gemeente == world.gemeente
    assert seen["access"].gemeente_ids == frozenset({world.gemeente.pk})
    assert seen["scope"]["_enabled"] is True
    assert seen["scope"]["gemeente"] == [world.gemeente.pk]
    assert seen["context"] == {"gemeente": world.gemeente, "project": world.project, "extra": 1}


def test_another_gemeentes_project_is_a_404_also_for_a_member_of_both(world):
    # The adviseur's bureau serves only the home gemeente; make them a member of the other
    # one as well: the other gemeente's project is still not reached through this URL.
    from tests.factories import MembershipFactory

    MembershipFactory(user=world.users["adviseur"], gemeente=world.other)
    with pytest.raises(Http404):
        _seen(_request(world, "adviseur"), world.gemeente.slug, world.other_project.uuid)


def test_non_member_gets_404_before_the_project_is_looked_up(world):
    with pytest.raises(Http404):
        _seen(_request(world, "outsider"), world.gemeente.slug, world.project.uuid)


def test_write_requests_need_an_editing_role(world):
    with pytest.raises(PermissionDenied):
        _seen(_request(world, "raadslid", "post"), world.gemeente.slug, world.project.uuid)

    @project_view(require=can_edit)
    def editors_only(request):
        return HttpResponse("ok")

    with pytest.raises(PermissionDenied):
        editors_only(_request(world, "partner"), world.gemeente.slug, world.project.uuid)
    ok = editors_only(_request(world, "ambtenaar"), world.gemeente.slug, world.project.uuid)
    assert ok.status_code == 200


def test_anonymous_is_sent_to_login(world):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/g/x/")
    request.user = AnonymousUser()
    response = _seen(request, world.gemeente.slug, world.project.uuid)
    assert response.status_code == 302


def test_project_lookup_takes_a_set_of_gemeenten(world):
    """A joint plan of several gemeenten will be reached from each: the lookup filters on the
    access's set of gemeente ids, not on one gemeente."""
    both = SimpleNamespace(gemeente_ids=frozenset({world.gemeente.pk, world.other.pk}))
    assert project_get_for_access(both, world.other_project.uuid) == world.other_project
    only_home = SimpleNamespace(gemeente_ids=frozenset({world.gemeente.pk}))
    with pytest.raises(Http404):
        project_get_for_access(only_home, world.other_project.uuid)


def test_validation_error_becomes_one_message_per_text(rf):
    request = rf.post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    add_validation_error_messages(
        request, ValidationError({"a": "Eerste fout.", "b": ["Tweede fout."]})
    )
    assert [str(m) for m in request._messages] == ["Eerste fout.", "Tweede fout."]
