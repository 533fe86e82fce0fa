"""A mapping submitted twice computes one preview, and "Opslaan" (which also confirms the
replacement of an existing edition) clicked twice stores once; every click ends on the run
that shows the outcome: never "De import is niet gelukt. Editie … bestaat al" for an import
that succeeded.

The two requests of a double click are played one after the other: the first one's task is
held back (a busy worker) or the second one works on the run as it read it before the first
one wrote (two web processes).
"""

import pytest

from analysis.figures import services
from analysis.models import ImportRun, SurveyEdition
from tests.analysis.conftest import MAPPING, csv_upload, survey_project  # noqa: F401
from tests.analysis.test_pages import mapping_post, upload, url

FAILURE_TEXTS = (
    "De import is niet gelukt",
    "bestaat al",
    "al verwerkt",
    "niets te bevestigen",
    "niets op te slaan",
)


@pytest.fixture
def mapping_run(survey_project, world, django_capture_on_commit_callbacks):  # noqa: F811
    with django_capture_on_commit_callbacks(execute=True):
        upload(world.client("ambtenaar"), world, csv_upload())
    run = ImportRun.objects.get(project=world.project)
    assert run.status == "mapping"
    return run


def assert_succeeded_once(client, world, run):
    run.refresh_from_db()
    assert run.status == "done", run.message
    assert SurveyEdition.objects.filter(projects=world.project).count() == 1
    assert SurveyEdition.objects.get(projects=world.project).import_run == run
    page = client.get(url(world, "import_detail", run_uuid=run.uuid)).content.decode()
    assert "De import is gelukt" in page
    for text in FAILURE_TEXTS:
        assert text not in page


def store_twice(client, world, run, django_capture_on_commit_callbacks):
    """Two clicks on "Opslaan" while the first one's task waits for the worker."""
    target = url(world, "import_store", run_uuid=run.uuid)
    with django_capture_on_commit_callbacks(execute=False) as first_tasks:
        first = client.post(target)
    with django_capture_on_commit_callbacks(execute=False) as second_tasks:
        second = client.post(target)
    assert first.status_code == second.status_code == 302
    assert len(first_tasks) == 1 and second_tasks == []  # one store, not two
    first_tasks[0]()


def test_second_submit_while_the_first_waits_for_the_worker(
    mapping_run, world, django_capture_on_commit_callbacks
):
    client = world.client("ambtenaar")
    target = url(world, "import_mapping", run_uuid=mapping_run.uuid)
    run_page = url(world, "import_detail", run_uuid=mapping_run.uuid)
    with django_capture_on_commit_callbacks(execute=False) as first_tasks:
        first = client.post(target, mapping_post(mapping_run))
    with django_capture_on_commit_callbacks(execute=False) as second_tasks:
        second = client.post(target, mapping_post(mapping_run))
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == run_page
    assert len(first_tasks) == 1 and second_tasks == []  # one preview, not two
    for task in first_tasks:
        task()
    mapping_run.refresh_from_db()
    assert mapping_run.status == "preview" and not SurveyEdition.objects.exists()
    store_twice(client, world, mapping_run, django_capture_on_commit_callbacks)
    assert_succeeded_once(client, world, mapping_run)


def test_second_submit_after_the_first_finished(
    mapping_run, world, django_capture_on_commit_callbacks
):
    client = world.client("ambtenaar")
    target = url(world, "import_mapping", run_uuid=mapping_run.uuid)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(target, mapping_post(mapping_run))
    mapping_run.refresh_from_db()
    preview = mapping_run.preview
    with django_capture_on_commit_callbacks(execute=True) as second_tasks:
        second = client.post(target, mapping_post(mapping_run))
    assert second.status_code == 302
    assert second["Location"] == url(world, "import_detail", run_uuid=mapping_run.uuid)
    assert second_tasks == []
    mapping_run.refresh_from_db()
    assert mapping_run.status == "preview" and mapping_run.preview == preview
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(world, "import_store", run_uuid=mapping_run.uuid))
    # "Opslaan" again once the edition is stored: nothing queued, the page says it worked.
    with django_capture_on_commit_callbacks(execute=True) as late_tasks:
        late = client.post(url(world, "import_store", run_uuid=mapping_run.uuid))
    assert late.status_code == 302 and late_tasks == []
    assert_succeeded_once(client, world, mapping_run)


@pytest.mark.parametrize("first_finishes_before_the_second", [True, False])
def test_two_requests_that_read_the_run_before_either_wrote(
    mapping_run, world, django_capture_on_commit_callbacks, first_finishes_before_the_second
):
    """Both web processes loaded the run while it waited for its mapping, and again while it
    waited for "Opslaan"."""
    actor = world.users["ambtenaar"]
    seen_first = ImportRun.objects.get(pk=mapping_run.pk)
    seen_second = ImportRun.objects.get(pk=mapping_run.pk)
    with django_capture_on_commit_callbacks(execute=first_finishes_before_the_second) as tasks:
        services.survey_mapping_submit(actor=actor, run=seen_first, mapping=MAPPING)
    with django_capture_on_commit_callbacks(execute=True) as second_tasks:
        services.survey_mapping_submit(actor=actor, run=seen_second, mapping=MAPPING)
    assert second_tasks == []
    assert len(tasks) == 1
    if not first_finishes_before_the_second:
        tasks[0]()
    seen_first = ImportRun.objects.get(pk=mapping_run.pk)
    seen_second = ImportRun.objects.get(pk=mapping_run.pk)
    assert seen_first.status == "preview"
    with django_capture_on_commit_callbacks(execute=first_finishes_before_the_second) as tasks:
        services.preview_store(actor=actor, run=seen_first)
    with django_capture_on_commit_callbacks(execute=True) as second_tasks:
        services.preview_store(actor=actor, run=seen_second)
    assert second_tasks == []
    assert len(tasks) == 1
    if not first_finishes_before_the_second:
        tasks[0]()
    assert_succeeded_once(world.client("ambtenaar"), world, mapping_run)


def test_double_submitted_replacement_confirmation(
    mapping_run, world, django_capture_on_commit_callbacks
):
    """The same for "Opslaan en editie … vervangen": the second click shows the first one's
    outcome, and the old edition is replaced once."""
    services.survey_import_now(
        actor=None, project=world.project, upload=csv_upload(), year=2023, mapping=MAPPING
    )
    client = world.client("ambtenaar")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url(world, "import_mapping", run_uuid=mapping_run.uuid), mapping_post(mapping_run)
        )
    mapping_run.refresh_from_db()
    assert mapping_run.status == "preview" and mapping_run.preview["replaces"] is True
    assert SurveyEdition.objects.get().import_run != mapping_run  # the old one stands
    store_twice(client, world, mapping_run, django_capture_on_commit_callbacks)
    assert_succeeded_once(client, world, mapping_run)
