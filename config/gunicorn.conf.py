"""Gunicorn for the web service: `gunicorn -c config/gunicorn.conf.py config.wsgi:application`.

Every value can be overridden from the environment, so docker-compose, the load benchmark
(bench/load_bench.py) and the services tests start the same configuration.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")

# Sync workers: a page is Python and template work (CPU) plus short database round trips, and
# long work (imports, renders) goes to Celery, so no request holds a worker for long. One worker
# per core plus one keeps every core busy while another waits on PostgreSQL or Redis; capped at
# 4 because on the 2-core machines we measure on more workers only add memory (~150 MB each)
# and context switches. Scale out with more web containers rather than more workers per box.
workers = int(os.environ.get("WEB_CONCURRENCY", min(4, multiprocessing.cpu_count() + 1)))
worker_class = "sync"

# A request slower than this is a bug: the worker is killed and restarted.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 20
keepalive = 5

# Recycle workers now and then so a slow leak (pandas, lxml) never grows without bound; the
# jitter keeps them from restarting all at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 1000))
max_requests_jitter = 100

# Heartbeat files in memory, not on a container's overlay filesystem (which can stall workers).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
