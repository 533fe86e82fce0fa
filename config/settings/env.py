"""The one helper through which settings read the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

_UNSET = object()


def config(name: str, default=_UNSET, *, cast=str):
    """Read ``name`` from the environment; without a default a missing value fails at start."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        if default is _UNSET:
            raise ImproperlyConfigured(f"Environment variable {name} is required.")
        return default
    if cast is bool:
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if cast is list:
        return [item.strip() for item in raw.split(",") if item.strip()]
    return cast(raw)
