import pytest
from django.db import connection

from config import health
from config.celery import app


def test_healthz_in_process(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["worker"]["detail"] == "in-process"
    assert response["Cache-Control"].startswith("max-age=0")


def test_healthz_reports_a_broken_database(client, db, monkeypatch):
    class UnreachableDatabase:
        vendor = connection.vendor

        def cursor(self):
            raise connection.Database.OperationalError("database is weg")

    monkeypatch.setattr(health, "connection", UnreachableDatabase())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == {"ok": False, "detail": "OperationalError"}


def test_healthz_reports_an_unreachable_broker(client, db, settings, monkeypatch):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    # Port 9 (discard) has nothing listening on this machine.
    monkeypatch.setattr(app.conf, "broker_url", "redis://127.0.0.1:9/0")
    response = client.get("/healthz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["broker"]["ok"] is False and checks["worker"]["ok"] is False


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_healthz_only_answers_get(client, db, method):
    assert getattr(client, method)("/healthz").status_code == 405
