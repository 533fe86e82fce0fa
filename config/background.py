"""Long tasks in a background thread of the app when there is no broker (the embedded default).

Without REDIS_URL, Celery runs every task eagerly: `.delay()` calls the task in the caller's
thread, so an upload's request waited for its whole import (19 s for a 42 MB file). This
module keeps Celery in charge and changes only *where* an eager long task runs: the task class
of the app (`Task`, set as `task_cls` in config/celery.py) hands a task routed to a long queue
(LONG_QUEUES, from CELERY_TASK_ROUTES: imports and renders) to a small thread pool, which runs
Celery's own eager path (`apply_async` -> `apply`) there. The request returns at once; the
task writes the same progress row (ImportRun, RenderRun) as on a worker, and the same progress
page polls it.

- Only a request hands tasks to the pool. Outside one (a management command such as
  render_report or load_demo_survey) tasks stay inline, so the command has its result when
  `.delay()` returns, as it always had.
- Quick tasks (mails, invitations, the daily checks) stay inline, as before.
- With a broker (REDIS_URL set, so task_always_eager is off) nothing changes: the task goes to
  the broker and a worker runs it.
- Tests keep eager, inline execution (TASKS_IN_BACKGROUND = False in config/settings/test.py);
  tests/test_background_tasks.py turns the background on.

Why threads and not processes: the task needs this process's Django setup (settings, storages,
database), which a thread shares for free and a spawned process would have to build again
(seconds of imports and its own memory, on a 2-core machine, for an app one team runs on a
laptop). The price is the GIL: pandas' parsing releases it, but pure-Python work (WeasyPrint's
layout, the preview's loops) shares it with the request threads, so pages are slower while a
task runs, never blocked (Python switches threads every 5 ms). The pool is bounded
(BACKGROUND_TASK_THREADS, 2 by default: an import and a render side by side, as the two queues
of a worker allow); more tasks wait their turn in the pool's queue, their rows showing "in de
wachtrij". Each thread closes its database connections after every task, since Django opens one
per thread and nothing else would close them.

A thread cannot outlive its process. When runserver reloads after a code change, its process
exits normally and Python first finishes the pool's running and waiting tasks, so a reload
never cuts an import in half; it only comes a little later. A process that is killed loses
them: SIGKILL, out of memory, and Ctrl+C on `make run` too (runserver's reloader kills its
child at once). With no broker to hand them back, their rows would stay busy for ever: the
page would poll and a render of that version would never be made again
(reports.services.render_request reuses a busy run). So the first
request a process serves fails the runs left busy by an earlier process
(`interrupted_runs_fail`), with a Dutch message that says to start again. "Earlier" is
"created before this process started": the embedded default is one process, and a run this
process created is in its own pool. (An import by the command line in another process, begun
before the app started, would be failed too; its own end then overwrites that.) Eager tasks
have no time limit, so a task that hangs also holds up the process's exit.
"""

import datetime
import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor, wait

from celery import Task as CeleryTask
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connections

logger = logging.getLogger(__name__)

# The queues of CELERY_TASK_ROUTES whose tasks take long (config/settings/base.py).
LONG_QUEUES = frozenset({"import", "render"})

_executor: ThreadPoolExecutor | None = None
_executor_lock = threading.Lock()
_pending: set[Future] = set()  # handed to the pool and not finished yet
# This module is loaded with the Celery app (config/__init__.py), so at the process's start.
# (Not timezone.now(): the settings are still being loaded then.)
PROCESS_STARTED = datetime.datetime.now(datetime.UTC)
_recovered = False
_request = threading.local()  # `active` while this thread serves a request


def executor() -> ThreadPoolExecutor:
    """The process's pool, made on first use (so a forked process makes its own)."""
    global _executor
    with _executor_lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(
                max_workers=settings.BACKGROUND_TASK_THREADS,
                thread_name_prefix="integraal-task",
            )
        return _executor


def background_mode(app=None) -> bool:
    """No broker (tasks eager) and the background pool on."""
    if app is None:
        from .celery import app
    return bool(app.conf.task_always_eager and getattr(settings, "TASKS_IN_BACKGROUND", False))


def runs_in_background(task: CeleryTask, options: dict) -> bool:
    """Whether this call of `task` goes to the pool: eager mode, background on, called while
    serving a request, routed to a long queue."""
    if not (getattr(_request, "active", False) and background_mode(task.app)):
        return False
    routed = task.app.amqp.router.route(dict(options), task.name, (), {})
    queue = routed.get("queue")
    return getattr(queue, "name", queue) in LONG_QUEUES


class Task(CeleryTask):
    """The app's task class: an eager long task runs in the pool instead of in the request."""

    def apply_async(self, args=None, kwargs=None, task_id=None, **options):
        if not runs_in_background(self, options):
            return super().apply_async(args, kwargs, task_id=task_id, **options)
        from celery.utils import uuid

        task_id = task_id or uuid()
        submit = super().apply_async
        future = executor().submit(_execute, self.name, submit, args, kwargs, task_id, options)
        with _executor_lock:
            _pending.add(future)
        future.add_done_callback(_forget)
        # Nobody waits for the result (the progress row is what the page reads).
        return self.AsyncResult(task_id)


def _forget(future: Future) -> None:
    with _executor_lock:
        _pending.discard(future)


def _execute(name: str, submit, args, kwargs, task_id: str, options: dict) -> None:
    """One task in a pool thread: Celery's eager path, failures logged, connections closed.

    The tasks record their own failure on their progress row (analysis.figures.services.runs
    failing_run_reported, reports.services.render_execute); what still propagates is logged
    here, so a thread never dies silently and the app carries on."""
    close_old_connections()
    try:
        submit(args, kwargs, task_id=task_id, **options)
    except Exception:
        logger.exception("Background task %s (%s) failed", name, task_id)
    finally:
        connections.close_all()


def wait_idle(timeout: float) -> bool:
    """Wait until every task handed to the pool so far has finished (tests)."""
    with _executor_lock:
        pending = set(_pending)
    return not wait(pending, timeout=timeout).not_done


def _request_started(**kwargs) -> None:
    _request.active = True
    interrupted_runs_fail()


def _request_finished(**kwargs) -> None:
    _request.active = False


def interrupted_runs_fail() -> None:
    """Once per process, on its first request: fail the import and render runs an earlier
    process left busy (see the module's docstring). With a broker, its worker hands such a
    task to another (late acks), so this does nothing there."""
    global _recovered
    if _recovered or not background_mode():
        return
    with _executor_lock:
        if _recovered:
            return
        _recovered = True
    from analysis.figures.services.runs import runs_interrupted_fail
    from reports.services import renders_interrupted_fail

    try:
        imports = runs_interrupted_fail(before=PROCESS_STARTED)
        renders = renders_interrupted_fail(before=PROCESS_STARTED)
    except Exception:  # a database not migrated yet, say: the page must still be served
        logger.exception("Could not fail the runs an earlier process left busy")
        return
    if imports or renders:
        logger.warning("Failed %s import(s) and %s render(s) left busy", imports, renders)


request_started.connect(_request_started, dispatch_uid="integraal-background-request")
request_finished.connect(_request_finished, dispatch_uid="integraal-background-request")
