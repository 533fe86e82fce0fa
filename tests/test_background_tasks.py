"""Without a broker, long tasks run in a thread of the app and no request waits for them
(config/background.py). The rest of the suite runs tasks inline; these tests turn the
background pool on, so they need committed rows (a transactional database) that the pool's
thread can read."""

import threading
import time

import pytest
from django.core import mail
from django.urls import reverse

from analysis.figures.constants import ImportStatus
from analysis.figures.services import runs as import_runs
from analysis.figures.services import surveys
from analysis.models import ImportRun
from config import background
from config.celery import app
from reports import services as report_services
from reports.constants import RenderStatus
from reports.models import RenderRun
from tests.analysis.conftest import post_survey_upload

pytestmark = pytest.mark.django_db(transaction=True)

WAIT = 30  # seconds; a bound, never a timing assertion


@pytest.fixture(autouse=True)
def in_background(settings):
    settings.TASKS_IN_BACKGROUND = True
    yield
    # No thread may still write when the database is flushed for the next test.
    assert background.wait_idle(WAIT), "a background task did not finish"


@pytest.fixture
def gate(monkeypatch):
    """An Event the test opens: a patched function waits on it inside the task."""
    event = threading.Event()
    yield event
    event.set()  # never leave a thread waiting, also when the test failed


def _url(world, app_name, name, **kwargs):
    kwargs = {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid, **kwargs}
    return reverse(f"{app_name}:{name}", kwargs=kwargs)


def _wait_until(check, what: str):
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    pytest.fail(f"waited {WAIT} s for {what}")


def test_an_upload_returns_before_its_import_has_read_the_file(world, monkeypatch, gate):
    reading = threading.Event()
    real_read = surveys.read_survey_file

    def held_read(*args, **kwargs):
        reading.set()
        assert gate.wait(WAIT), "the test never opened the gate"
        return real_read(*args, **kwargs)

    monkeypatch.setattr(surveys, "read_survey_file", held_read)
    client = world.client("ambtenaar")
    response, run = post_survey_upload(client, world.project)
    progress_url = _url(world, "analysis", "import_detail", run_uuid=run.uuid)
    assert response.status_code == 302 and response["Location"] == progress_url
    # The request is back while the task still waits at the gate: nothing read yet.
    assert run.status in (ImportStatus.UPLOADED, ImportStatus.READING)
    assert reading.wait(WAIT), "the import never started in the background"
    run.refresh_from_db()
    assert run.status == ImportStatus.READING
    # Meanwhile the page polls (htmx) and an edit elsewhere in the project goes through.
    page = client.get(progress_url).content.decode()
    assert 'hx-trigger="every 1s"' in page and "Bestand wordt gelezen" in page
    world.project.refresh_from_db()
    world.project.min_n = 2
    world.project.save()

    gate.set()
    _wait_until(lambda: client.get(progress_url, HTTP_HX_REQUEST="true").status_code == 204, "done")
    run.refresh_from_db()
    assert run.status == ImportStatus.MAPPING, run.message
    assert "6 respondenten" in client.get(progress_url).content.decode()


def test_a_page_shown_right_after_the_upload_polls_until_the_file_is_read(world, gate):
    # Held before the task starts (the pool is busy), the run is still 'uploaded': the page
    # must poll then too, or the user would never see the file read.
    for _ in range(background.settings.BACKGROUND_TASK_THREADS):
        background.executor().submit(gate.wait, WAIT)
    client = world.client("ambtenaar")
    _, run = post_survey_upload(client, world.project)
    assert run.status == ImportStatus.UPLOADED
    progress_url = _url(world, "analysis", "import_detail", run_uuid=run.uuid)
    partial = client.get(progress_url, HTTP_HX_REQUEST="true")
    assert partial.status_code == 200 and b'hx-trigger="every 1s"' in partial.content
    gate.set()
    _wait_until(
        lambda: client.get(progress_url, HTTP_HX_REQUEST="true").status_code == 204, "the read"
    )


def test_a_render_request_returns_before_the_document_is_made(world, monkeypatch, gate):
    def held_render(run):
        assert gate.wait(WAIT), "the test never opened the gate"
        return b"%PDF-1.7 test", "pdf"

    monkeypatch.setattr(report_services, "_render_bytes", held_render)
    client = world.client("ambtenaar")
    response = client.post(
        _url(world, "reports", "render"), {"document": "analyse", "format": "pdf"}
    )
    run = RenderRun.objects.get()
    run_url = _url(world, "reports", "run", run_uuid=run.uuid)
    assert response.status_code == 302 and response["Location"] == run_url
    assert run.status in (RenderStatus.QUEUED, RenderStatus.RUNNING)
    assert b'hx-trigger="every 1s"' in client.get(run_url).content

    gate.set()
    _wait_until(lambda: client.get(run_url, HTTP_HX_REQUEST="true").status_code == 204, "done")
    run.refresh_from_db()
    assert run.status == RenderStatus.DONE and run.file
    assert "Het document is klaar." in client.get(run_url).content.decode()


def test_a_failing_background_task_fails_its_run_in_dutch_and_the_app_goes_on(
    world, monkeypatch, caplog
):
    def broken_read(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(surveys, "read_survey_file", broken_read)
    client = world.client("ambtenaar")
    response, run = post_survey_upload(client, world.project)
    assert response.status_code == 302  # the request never saw the error
    assert background.wait_idle(WAIT)
    run.refresh_from_db()
    assert run.status == ImportStatus.FAILED
    assert run.message == import_runs.UNEXPECTED
    assert any(
        record.name == "config.background" and "failed" in record.getMessage()
        for record in caplog.records
    )
    page = client.get(response["Location"])
    assert page.status_code == 200 and import_runs.UNEXPECTED in page.content.decode()


def test_quick_tasks_still_run_inline(world, monkeypatch):
    from analysis import tasks as long_tasks
    from projects import tasks
    from projects.constants import Role
    from projects.services import membership_add

    membership, _ = membership_add(
        actor=world.users["ambtenaar"],
        gemeente=world.gemeente,
        email="nieuw-lid@example.nl",
        role=Role.RAADSLID,
    )
    mail.outbox.clear()
    monkeypatch.setattr(background._request, "active", True, raising=False)  # as in a request
    assert background.runs_in_background(long_tasks.import_read, {})
    result = tasks.membership_send_invitation.delay(str(membership.uuid), "example.org", True)
    # Done before .delay() returned: the mail is out, no thread involved.
    assert result.successful() and result.result == 1
    assert len(mail.outbox) == 1
    assert not background.runs_in_background(tasks.membership_send_invitation, {})


def test_a_command_outside_a_request_still_renders_inline(world, monkeypatch, tmp_path):
    """Only requests hand work to the pool: `render_report` (a command) asks for a render and
    needs the file when the call returns, made once."""
    from django.core.management import call_command

    made, submitted = [], []
    monkeypatch.setattr(
        report_services, "_render_bytes", lambda run: made.append(run.pk) or (b"%PDF-1.7", "pdf")
    )
    monkeypatch.setattr(background, "executor", lambda: submitted.append(1))
    out = tmp_path / "analyse.pdf"
    call_command(
        "render_report",
        project=str(world.project.uuid),
        document="analyse",
        format="pdf",
        out=out,
    )
    assert out.read_bytes() == b"%PDF-1.7"
    assert len(made) == 1 and not submitted


def test_with_a_broker_long_tasks_go_to_it_as_before(settings, monkeypatch):
    from analysis import tasks

    sent = []
    monkeypatch.setattr(app, "send_task", lambda name, *a, **kw: sent.append(name))
    app.conf.task_always_eager = False  # tests/conftest.py's celery_mode puts it back
    settings.CELERY_TASK_ALWAYS_EAGER = False
    submitted = []
    monkeypatch.setattr(background, "executor", lambda: submitted.append(1))

    tasks.import_read.delay("00000000-0000-0000-0000-000000000000")
    assert sent == ["analysis.tasks.import_read"] and not submitted


def test_two_writers_on_the_embedded_database_wait_instead_of_failing(settings, tmp_path):
    """The SQLite settings of base.py (WAL, busy timeout, immediate transactions): a request
    that writes while a background task holds a write transaction waits for it, rather than
    failing with 'database is locked'. Checked on a file database of its own, with two
    connections the test controls."""
    from django.db.backends.sqlite3.base import DatabaseWrapper

    from config.settings import base

    options = base.SQLITE_OPTIONS  # as base.py sets them when DATABASE_URL is SQLite

    def wrapper():
        settings_dict = {
            **settings.DATABASES["default"],
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(tmp_path / "embedded.sqlite3"),
            "OPTIONS": dict(options),
            "TEST": {},
        }
        return DatabaseWrapper(settings_dict, alias="embedded")

    setup = wrapper()
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE edit (n integer)")
    setup.close()

    def edit(db, n: int, *, hold=lambda: None) -> None:
        """Read, then write, in one transaction, begun as transaction.atomic() begins it."""
        db.ensure_connection()
        db._start_transaction_under_autocommit()
        with db.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM edit")
            cursor.execute("INSERT INTO edit VALUES (%s)", [n])
        hold()
        db.connection.commit()

    holding, release, errors = threading.Event(), threading.Event(), []

    def task_transaction():
        db = wrapper()
        try:
            edit(db, 1, hold=lambda: (holding.set(), release.wait(WAIT)))
        except Exception as exc:  # reported to the test thread
            errors.append(exc)
        finally:
            db.close()

    thread = threading.Thread(target=task_transaction)
    thread.start()
    assert holding.wait(WAIT)
    request_db = wrapper()
    threading.Timer(0.3, release.set).start()  # the task commits while the request waits
    try:
        edit(request_db, 2)
        with request_db.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM edit")
            assert cursor.fetchone() == (2,)
    finally:
        release.set()
        request_db.close()
        thread.join(WAIT)
    assert not errors


def test_runs_an_earlier_process_left_busy_fail_on_its_first_request(world, monkeypatch):
    """A process killed mid-task (no broker to hand the task back) leaves its runs busy; the
    next process fails them on its first request, so no page polls for ever and the document
    can be asked for again."""
    from django.utils import timezone

    monkeypatch.setattr(report_services, "_render_bytes", lambda run: (b"%PDF-1.7", "pdf"))
    actor = world.users["ambtenaar"]
    left_import = ImportRun.objects.create(
        project=world.project, kind="survey", original_name="vm.csv", year=2023, status="reading"
    )
    version = report_services.version_for(actor=actor, project=world.project, document="analyse")
    left_render = RenderRun.objects.create(
        version=version, format="pdf", variant="pdf/ua-1", status="running"
    )
    # This process started after those runs were made; a run it makes itself is its own.
    monkeypatch.setattr(background, "PROCESS_STARTED", timezone.now())
    monkeypatch.setattr(background, "_recovered", False)
    own = ImportRun.objects.create(
        project=world.project, kind="survey", original_name="b.csv", year=2024, status="reading"
    )

    client = world.client("ambtenaar")
    page = client.get(_url(world, "analysis", "import_detail", run_uuid=left_import.uuid))
    assert import_runs.INTERRUPTED in page.content.decode()
    left_import.refresh_from_db()
    left_render.refresh_from_db()
    own.refresh_from_db()
    assert left_import.status == ImportStatus.FAILED
    assert left_render.status == RenderStatus.FAILED
    assert left_render.message == report_services.RENDER_INTERRUPTED
    assert own.status == ImportStatus.READING
    # The document can be asked for again: a new run, not the one left busy.
    again = report_services.render_request(actor=actor, version=version, fmt="pdf")
    assert again.pk != left_render.pk


def test_with_a_broker_or_inline_tasks_no_run_is_failed_on_a_request(world, settings, monkeypatch):
    from django.utils import timezone

    settings.TASKS_IN_BACKGROUND = False  # as with a broker: its workers own the runs
    run = ImportRun.objects.create(
        project=world.project, kind="survey", original_name="vm.csv", year=2023, status="reading"
    )
    monkeypatch.setattr(background, "PROCESS_STARTED", timezone.now())
    monkeypatch.setattr(background, "_recovered", False)
    world.client("ambtenaar").get(_url(world, "analysis", "import_detail", run_uuid=run.uuid))
    run.refresh_from_db()
    assert run.status == ImportStatus.READING
