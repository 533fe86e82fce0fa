"""The Celery application. Settings live in Django settings under the CELERY_ prefix."""

import os

from celery import Celery

from . import background

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

# Without a broker, long tasks run in a thread of the app instead of inside the request
# (config/background.py).
app = Celery("integraal", task_cls=background.Task)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
