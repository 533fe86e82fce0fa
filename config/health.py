"""/healthz: the database, the broker and a worker, for load balancers and docker-compose."""

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _check_database() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any failure means unhealthy
        return False, type(exc).__name__
    return True, connection.vendor


def _check_broker_and_worker() -> tuple[tuple[bool, str], tuple[bool, str]]:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return (True, "in-process"), (True, "in-process")
    from config.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:  # noqa: BLE001
        return (False, type(exc).__name__), (False, "broker onbereikbaar")
    try:
        replies = app.control.ping(timeout=1.0) or []
    except Exception as exc:  # noqa: BLE001
        return (True, "redis"), (False, type(exc).__name__)
    if not replies:
        return (True, "redis"), (False, "geen worker antwoordt")
    return (True, "redis"), (True, f"{len(replies)} worker(s)")


@never_cache
@require_GET
def healthz(request):
    database = _check_database()
    broker, worker = _check_broker_and_worker()
    checks = {
        "database": {"ok": database[0], "detail": database[1]},
        "broker": {"ok": broker[0], "detail": broker[1]},
        "worker": {"ok": worker[0], "detail": worker[1]},
    }
    healthy = all(check["ok"] for check in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "fout", "checks": checks}, status=200 if healthy else 503
    )
