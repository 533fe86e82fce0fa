"""Raw respondent files: a checksum on every import, deleted after the gemeente's retention
period (the daily task and the command) or at once by an editor; the figures and the
checksum stay, and the pages that would read the file say it is gone."""

import hashlib
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from analysis.figures.services import import_run_start, survey_import_now
from analysis.figures.services.raw_files import raw_files_purge
from analysis.models import ImportRun, IndicatorResult, SurveyEdition
from analysis.tasks import purge_raw_files
from projects.models import AuditEntry
from tests.analysis.conftest import MAPPING, SMALL, csv_upload

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
IMPORTED = datetime(2026, 3, 2, 10, 0, tzinfo=AMSTERDAM)
SMALL_SHA256 = hashlib.sha256(SMALL.encode()).hexdigest()


def _import(project, *, year=2023, at=IMPORTED) -> ImportRun:
    project.min_n, project.warn_n = 1, 3
    project.save()
    text = SMALL.replace("WK0363", "WK" + project.gemeente.cbs_code[2:])
    with time_machine.travel(at, tick=False):
        return survey_import_now(
            actor=None, project=project, upload=csv_upload(text), year=year, mapping=MAPPING
        )


def _storage():
    return ImportRun._meta.get_field("file").storage


def test_every_import_stores_the_checksum_of_the_upload(survey_project, world):
    run = _import(survey_project)
    assert run.file_sha256 == SMALL_SHA256
    started = import_run_start(
        actor=world.users["ambtenaar"],
        project=survey_project,
        kind="survey",
        upload=csv_upload(),
        year=2024,
    )
    assert started.file_sha256 == SMALL_SHA256
    with started.file.open("rb") as handle:  # the stored file is whole: hashing read nothing off
        assert handle.read() == SMALL.encode()


def test_retention_deletes_on_day_90_and_keeps_figures_and_checksum(
    survey_project, django_capture_on_commit_callbacks
):
    run = _import(survey_project)
    name = run.file.name
    results = IndicatorResult.objects.filter(edition__projects=survey_project).count()
    assert results == 6

    # 89 days after the import finished: the file stays.
    with django_capture_on_commit_callbacks(execute=True):
        assert raw_files_purge(now=IMPORTED + timedelta(days=89)) == []
    run.refresh_from_db()
    assert run.file_deleted_at is None and _storage().exists(name)

    # 91 days: it goes; the edition, its results and the checksum stay.
    purge_day = IMPORTED + timedelta(days=91)
    with django_capture_on_commit_callbacks(execute=True):
        deleted = raw_files_purge(now=purge_day)
    assert [r.pk for r in deleted] == [run.pk]
    run.refresh_from_db()
    assert not _storage().exists(name)
    assert not run.file
    assert run.file_deleted_at == purge_day
    assert run.file_deleted_reason == "bewaartermijn verstreken"
    assert run.file_sha256 == SMALL_SHA256
    assert SurveyEdition.objects.get(projects=survey_project, year=2023).import_run == run
    assert IndicatorResult.objects.filter(edition__projects=survey_project).count() == 6

    entry = AuditEntry.objects.get(action="ruw bestand verwijderd")
    assert entry.project == survey_project
    assert entry.actor is None and entry.actor_label == "systeem"
    assert entry.detail["controlegetal (SHA-256)"] == SMALL_SHA256
    assert entry.detail["reden"] == "bewaartermijn verstreken"

    # Idempotent: the next day finds nothing to do and writes nothing.
    assert raw_files_purge(now=purge_day + timedelta(days=1)) == []
    assert AuditEntry.objects.filter(action="ruw bestand verwijderd").count() == 1


def test_retention_follows_the_gemeentes_own_period(survey_project, world):
    world.gemeente.raw_file_retention_days = 30
    world.gemeente.save()
    run = _import(survey_project)
    other_run = _import(world.other_project, at=IMPORTED)  # Almere keeps the default 90
    assert raw_files_purge(now=IMPORTED + timedelta(days=29)) == []
    assert [r.pk for r in raw_files_purge(now=IMPORTED + timedelta(days=31))] == [run.pk]
    other_run.refresh_from_db()
    assert other_run.file_deleted_at is None


def test_an_import_that_never_succeeded_goes_after_the_period_from_upload(
    survey_project, world, django_capture_on_commit_callbacks
):
    with (
        time_machine.travel(IMPORTED, tick=False),
        django_capture_on_commit_callbacks(execute=True),  # the reading task runs
    ):
        run = import_run_start(
            actor=world.users["ambtenaar"],
            project=survey_project,
            kind="survey",
            upload=csv_upload(),
            year=2024,
        )
    run.refresh_from_db()
    assert run.status == "mapping"  # read (eagerly) and left at the mapping
    assert raw_files_purge(now=IMPORTED + timedelta(days=89)) == []
    assert [r.pk for r in raw_files_purge(now=IMPORTED + timedelta(days=91))] == [run.pk]
    run.refresh_from_db()
    assert run.file_deleted_reason == "bewaartermijn verstreken (import niet afgerond)"


def test_a_run_without_a_checksum_gets_one_when_its_file_is_deleted(survey_project):
    run = _import(survey_project)
    ImportRun.objects.filter(pk=run.pk).update(file_sha256="")  # imported before checksums
    raw_files_purge(now=IMPORTED + timedelta(days=120))
    run.refresh_from_db()
    assert run.file_sha256 == SMALL_SHA256


def test_the_task_and_the_command(survey_project):
    run = _import(survey_project, at=datetime(2020, 1, 6, 12, tzinfo=AMSTERDAM))
    out = io.StringIO()
    call_command("purge_raw_files", "--dry-run", stdout=out)
    assert f"Zou verwijderen: GM0363 vm.csv (import {run.uuid})" in out.getvalue()
    run.refresh_from_db()
    assert run.file_deleted_at is None
    assert purge_raw_files.delay().get() == 1
    out = io.StringIO()
    call_command("purge_raw_files", stdout=out)
    assert "0 bestand(en)." in out.getvalue()


def test_the_beat_schedule_runs_the_purge_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["raw-file-retention"]
    assert entry["task"] == "analysis.tasks.purge_raw_files"
    assert entry["schedule"].hour == {4}


# --- delete now -----------------------------------------------------------------------------


def _url(world, run, name="analysis:import_file_delete"):
    return reverse(
        name,
        kwargs={
            "gemeente_slug": world.gemeente.slug,
            "project_uuid": run.project.uuid,
            "run_uuid": run.uuid,
        },
    )


def test_delete_now_after_confirmation(survey_project, world, django_capture_on_commit_callbacks):
    run = _import(survey_project)
    name = run.file.name
    client = world.client("ambtenaar")

    page = client.get(_url(world, run, "analysis:import_detail")).content.decode()
    assert "Ruw bestand nu verwijderen" in page
    assert "31 mei 2026" in page  # 2 March + 90 days: when the purge would take it

    confirm = client.get(_url(world, run)).content.decode()
    assert "Ja, verwijder het ruwe bestand" in confirm
    assert "editie 2023" in confirm
    run.refresh_from_db()
    assert run.file_deleted_at is None  # the confirmation page deletes nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(world, run))
    assert response.status_code == 302
    assert response["Location"] == _url(world, run, "analysis:import_detail")
    run.refresh_from_db()
    assert run.file_deleted_reason == "verwijderd op verzoek"
    assert not _storage().exists(name)
    entry = AuditEntry.objects.get(action="ruw bestand verwijderd")
    assert entry.actor == world.users["ambtenaar"]
    assert IndicatorResult.objects.filter(edition__projects=survey_project).count() == 6

    page = client.get(_url(world, run, "analysis:import_detail")).content.decode()
    today = run.file_deleted_at.astimezone(AMSTERDAM)
    assert f"verwijderd op {today.day} " in page
    assert f'(controlegetal <code class="text-break">{SMALL_SHA256}</code>)' in page
    assert "upload het bestand dan opnieuw" in page
    assert "Ruw bestand nu verwijderen" not in page

    # A second POST (a double click) changes nothing and says so.
    response = client.post(_url(world, run), follow=True)
    assert "al verwijderd" in response.content.decode()
    assert AuditEntry.objects.filter(action="ruw bestand verwijderd").count() == 1


@pytest.mark.parametrize("persona", ["raadslid", "partner"])
def test_readers_cannot_delete(survey_project, world, persona):
    run = _import(survey_project)
    assert world.client(persona).post(_url(world, run)).status_code == 403
    run.refresh_from_db()
    assert run.file_deleted_at is None


def test_a_deleted_file_cannot_be_mapped_again(
    survey_project, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the reading task runs
        run = import_run_start(
            actor=world.users["ambtenaar"],
            project=survey_project,
            kind="survey",
            upload=csv_upload(),
            year=2024,
        )
    client = world.client("ambtenaar")
    mapping_page = client.get(_url(world, run, "analysis:import_detail")).content.decode()
    assert 'name="weight"' in mapping_page
    client.post(_url(world, run))
    run.refresh_from_db()
    assert run.status == "mapping" and run.file_deleted_at is not None

    page = client.get(_url(world, run, "analysis:import_detail")).content.decode()
    assert "niet afgerond en kan niet verder" in page
    assert "om opnieuw te koppelen of in te lezen uploadt u het bestand opnieuw" in page
    assert 'name="weight"' not in page  # no mapping form for a file that is gone

    response = client.post(
        _url(world, run, "analysis:import_mapping"), {"weight": "weegfactor"}, follow=True
    )
    assert "Het ruwe bestand van deze import is op" in response.content.decode()
    run.refresh_from_db()
    assert run.status == "mapping"  # nothing was queued


def test_own_area_refresh_skips_an_edition_whose_file_is_gone(survey_project):
    from analysis.figures.services.own_area_figures import own_area_figures_refresh

    run = _import(survey_project)
    raw_files_purge(now=IMPORTED + timedelta(days=100))
    run.refresh_from_db()
    outcome = own_area_figures_refresh(project=survey_project)
    assert "verwijderd" in outcome[2023]


def test_the_own_areas_page_says_which_raw_files_are_gone(survey_project, world):
    _import(survey_project)
    raw_files_purge(now=IMPORTED + timedelta(days=100))
    from analysis.figures.services.own_areas import own_area_define

    own_area_define(
        actor=None,
        project=survey_project,
        name="Centrum",
        kind="wijkgroep",
        members_text="WK036300",
    )
    url = reverse(
        "analysis:own_areas",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": survey_project.uuid},
    )
    page = world.client("ambtenaar").get(url).content.decode()
    assert "Het ruwe bestand van editie 2023 (verwijderd op 10 juni 2026) is er niet meer" in page
    assert "uploadt u het bestand opnieuw" in page


@pytest.mark.parametrize(
    ("kind", "status"), [("survey", "running"), ("survey", "storing"), ("benchmark", "done")]
)
def test_delete_now_is_not_offered_for_a_busy_run_or_a_cbs_table(
    survey_project, world, kind, status
):
    run = _import(survey_project)
    ImportRun.objects.filter(pk=run.pk).update(kind=kind, status=status)
    client = world.client("ambtenaar")
    response = client.post(_url(world, run), follow=True)
    assert "kan nu niet verwijderd worden" in response.content.decode()
    run.refresh_from_db()
    assert run.file_deleted_at is None and run.file
    assert not AuditEntry.objects.filter(action="ruw bestand verwijderd").exists()
