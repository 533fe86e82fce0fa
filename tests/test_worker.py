"""A real Celery worker behind Redis (run by `make test-services`)."""

import time

import pytest

from projects import tasks
from projects.constants import Role
from projects.services import membership_add

from .celery_worker import needs_redis, worker_fixtures

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True),
    needs_redis,
]

# Web and worker share file storage, as they do in production (a shared volume).
shared_media, private_media, worker = worker_fixtures(
    queues="default,import,render", name="test-worker"
)


def test_invitation_task_runs_on_the_worker(world, worker):
    membership, _ = membership_add(
        actor=world.users["ambtenaar"],
        gemeente=world.gemeente,
        email="nieuw-lid@example.nl",
        role=Role.RAADSLID,
    )
    result = tasks.membership_send_invitation.delay(str(membership.uuid), "example.org", True)
    # The worker read the membership from the database and mailed one invitation.
    assert result.get(timeout=60) == 1


def test_healthz_sees_broker_and_worker(client, worker):
    response = client.get("/healthz")
    assert response.status_code == 200, response.content
    checks = response.json()["checks"]
    assert checks["broker"] == {"ok": True, "detail": "redis"}
    assert checks["worker"]["ok"] is True


def test_survey_import_runs_on_the_worker_with_progress(world, worker, client):
    from django.urls import reverse

    from analysis.models import IndicatorResult
    from tests.analysis.conftest import post_survey_upload

    client.force_login(world.users["ambtenaar"])
    base = {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid}
    world.project.min_n, world.project.warn_n = 1, 3
    world.project.save()
    _, run = post_survey_upload(client, world.project)
    _wait_for(run, "mapping")
    client.post(
        reverse("analysis:import_mapping", kwargs=base | {"run_uuid": run.uuid}),
        {
            "weight": "weegfactor",
            "wijk": "wijk",
            "respondent_id": "respnr",
            "missing_codes": "99",
            "ind__voelt_zich_weleens_onveilig__variable": "onv_alg",
            "ind__voelt_zich_weleens_onveilig__kind": "proportion",
            "ind__voelt_zich_weleens_onveilig__codes": "1, 2",
        },
    )
    _wait_for(run, "preview")  # computed on the worker, nothing stored yet
    assert not IndicatorResult.objects.exists()
    client.post(reverse("analysis:import_store", kwargs=base | {"run_uuid": run.uuid}))
    _wait_for(run, "done")
    total = IndicatorResult.objects.get(area__code="GM0363")
    assert abs(total.estimate - 250 / 6) < 1e-9


def _wait_for(run, status: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if run.status == status:
            return
        if run.status == "failed":
            pytest.fail(run.message)
        time.sleep(0.2)
    pytest.fail(f"import stayed at {run.status}")
