"""The tenancy safety net (django-scopes): a query on a tenant model outside a scope raises,
and inside a scope it reaches only the scope's gemeenten, also when a view forgets its filter.

The test body runs with scopes disabled (tests/conftest.py); `scope()` below brings back the
state of a fresh request or task in production: scopes on, no gemeente.
"""

from datetime import date

import pytest
from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.management import call_command
from django.http import HttpResponse
from django.test import Client
from django.urls import include, path, reverse
from django_scopes import ScopeError, scope

from kernbeleid.models import Meeting
from projects.models import AuditEntry, Project
from projects.permissions import project_view
from projects.scopes import gemeente_scope, project_scope
from tests.factories import ProjectFactory, UserFactory

TENANT_APPS = ("projects", "analysis", "kernbeleid", "reports")
# Not tenant rows, or shared between gemeenten: the tenants themselves, who is a member
# where (read by the resolver before any scope), and the catalogues that hold standard rows
# (no gemeente) beside a gemeente's or a bureau's own. Their selectors filter explicitly.
UNSCOPED = {
    "projects.Provincie",
    "projects.Veiligheidsregio",
    "projects.PoliceUnit",
    "projects.Gemeente",
    "projects.Bureau",
    "projects.Membership",
    # Belongs to two tenants at once (the lead's plan, the invited gemeente); every read in
    # projects/joint.py filters on the project or the gemeente.
    "projects.ProjectParticipant",
    "analysis.Indicator",
    "analysis.MappingTemplate",
    "reports.ReportStructure",
    "reports.StructureSection",
}


def _label(model) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


def _models():
    return [
        model for app_label in TENANT_APPS for model in apps.get_app_config(app_label).get_models()
    ]


@pytest.mark.parametrize("model", _models(), ids=_label)
def test_every_tenant_model_refuses_a_query_outside_a_scope(db, model):
    """A new model that belongs to a project or a gemeente gets tenant_manager(...), or a
    place in UNSCOPED with its reason."""
    with scope():
        if _label(model) in UNSCOPED:
            list(model.objects.all()[:1])
        else:
            with pytest.raises(ScopeError):
                list(model.objects.all())


def test_a_forgotten_scope_raises_instead_of_leaking(world):
    with scope(), pytest.raises(ScopeError):
        Project.objects.filter(uuid=world.other_project.uuid).first()
    with scope(), pytest.raises(ScopeError):
        world.other_project.meetings.count()


def test_a_scope_reaches_only_its_gemeenten(world):
    Meeting.objects.create(project=world.other_project, date=date(2027, 3, 1), title="Elders")
    with gemeente_scope({world.gemeente.pk}):
        assert list(Project.objects.all()) == [world.project]
        assert not Meeting.objects.filter(title="Elders").exists()
        assert not world.other_project.meetings.exists()  # related managers too
    with gemeente_scope({world.gemeente.pk, world.other.pk}):
        assert set(Project.objects.all()) == {world.project, world.other_project}
        assert Meeting.objects.filter(title="Elders").exists()
    with gemeente_scope(set()):
        assert not Project.objects.exists()


# --- through the test client: the middleware and the resolver set the real scope -------------


@project_view()
def forgetful_view(request):
    """Looks up another gemeente's project and meetings without a tenant filter."""
    other = request.GET["andere"]
    found = Project.objects.filter(uuid=other).count()
    meetings = Meeting.objects.filter(project__uuid=other).count()
    return HttpResponse(f"{found} {meetings}")


@login_required
def view_outside_the_resolver(request):
    return HttpResponse(str(Project.objects.count()))


urlpatterns = [
    path("vergeten/<slug:gemeente_slug>/<uuid:project_uuid>/", forgetful_view, name="forgetful"),
    path("buiten/", view_outside_the_resolver, name="outside"),
    path("", include("config.urls")),
]


@pytest.mark.urls(__name__)
def test_a_view_that_forgets_its_tenant_filter_finds_nothing_elsewhere(world):
    Meeting.objects.create(project=world.other_project, date=date(2027, 3, 1), title="Elders")
    url = reverse(
        "forgetful",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid},
    )
    response = world.client("ambtenaar").get(url, {"andere": str(world.other_project.uuid)})
    assert response.content.decode() == "0 0"
    # The same query in the other gemeente's own scope finds them: the scope did the work.
    response = world.client("outsider").get(
        reverse(
            "forgetful",
            kwargs={"gemeente_slug": world.other.slug, "project_uuid": world.other_project.uuid},
        ),
        {"andere": str(world.other_project.uuid)},
    )
    assert response.content.decode() == "1 1"


@pytest.mark.urls(__name__)
def test_a_view_outside_the_resolver_raises_even_when_the_test_body_has_no_scope(world):
    with pytest.raises(ScopeError):
        world.client("ambtenaar").get(reverse("outside"))


def test_the_admin_spans_every_gemeente(world):
    staff = UserFactory(email="beheer@example.nl", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(staff)
    listing = client.get(reverse("admin:projects_project_changelist"))
    assert listing.status_code == 200
    assert listing.context["cl"].result_count == Project.objects.count() >= 2
    entry = AuditEntry.objects.create(gemeente=world.other, action="test")
    entry_page = client.get(reverse("admin:projects_auditentry_change", args=[entry.pk]))
    assert entry_page.status_code == 200
    assert (
        client.get(
            reverse("admin:projects_project_change", args=[world.other_project.pk])
        ).status_code
        == 200
    )


# --- tasks and commands open their own scope ---------------------------------------------------


def test_the_reminder_task_runs_without_a_request_scope(world):
    from kernbeleid.tasks import send_deadline_reminders

    ProjectFactory(gemeente=world.other, next_deadline=date(2027, 1, 1))
    with scope():
        send_deadline_reminders()


def test_import_tasks_and_export_command_run_in_the_project_scope(world, capsysbinary):
    from analysis import tasks
    from analysis.figures import services
    from analysis.figures.constants import ImportKind, ImportStatus
    from tests.analysis.conftest import MAPPING, csv_upload

    world.project.min_n, world.project.warn_n = 1, 3
    world.project.save()
    run = services.import_run_start(
        actor=None, project=world.project, kind=ImportKind.SURVEY, upload=csv_upload(), year=2023
    )
    with scope():
        tasks.import_read(str(run.uuid))
    run.refresh_from_db()
    assert run.status == ImportStatus.MAPPING, run.message
    run.mapping = MAPPING
    run.status = ImportStatus.QUEUED
    run.save()
    with scope():
        tasks.survey_preview(str(run.uuid))
    run.refresh_from_db()
    assert run.status == ImportStatus.PREVIEW, run.message
    run.status = ImportStatus.STORING  # as "Opslaan" leaves it
    run.save()
    with scope():
        tasks.survey_store(str(run.uuid))
    run.refresh_from_db()
    assert run.status == ImportStatus.DONE, run.message
    with scope():
        call_command("export_indicators", "--gemeente", world.gemeente.cbs_code)
    assert b"voelt_zich_weleens_onveilig" in capsysbinary.readouterr().out


def test_render_task_runs_in_the_project_scope(world):
    from reports import services, tasks
    from reports.constants import RenderFormat, RenderStatus

    version = services.version_for(actor=None, project=world.project, document="analyse")
    run = services.render_request(actor=None, version=version, fmt=RenderFormat.DOCX)
    with scope():
        tasks.render_report(str(run.uuid))
    run.refresh_from_db()
    assert run.status == RenderStatus.DONE, run.message


def test_project_scope_is_the_projects_gemeente(world):
    with project_scope(world.project):
        assert list(Project.objects.all()) == [world.project]
