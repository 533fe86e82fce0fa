# Integraal: one image for web (gunicorn), worker and beat (celery) and the migrate job.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    UV_PYTHON_DOWNLOADS=never \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_NO_CACHE=1 \
    PATH="/app/.venv/bin:${PATH}" \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    INTEGRAAL_VAR_DIR=/app/var \
    MEDIA_ROOT=/app/var/media

# Runtime libraries for WeasyPrint (Pango, HarfBuzz, a base font) and curl for health checks.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz0b \
        libharfbuzz-subset0 \
        fonts-dejavu-core \
        curl \
    && rm -rf /var/lib/apt/lists/*

RUN pip install --no-cache-dir uv==0.13.8

WORKDIR /app

# Dependencies first, so this layer is reused until pyproject.toml or uv.lock changes.
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project

COPY . .

# Static files are collected into /app/var/staticfiles and served by WhiteNoise. Production
# settings require SECRET_KEY; this throwaway value exists only for this RUN line.
RUN SECRET_KEY=collectstatic-build-only-not-a-secret python manage.py collectstatic --noinput

# Run as an unprivileged user. The code and collected static files stay root-owned (read-only
# for the app); the user owns /app/var and the media directory, which is a volume.
RUN groupadd --system integraal \
    && useradd --system --gid integraal --create-home --home-dir /home/integraal \
        --shell /usr/sbin/nologin integraal \
    && mkdir -p /app/var/media \
    && chown integraal:integraal /app/var /app/var/media

VOLUME ["/app/var/media"]
USER integraal

EXPOSE 8000
CMD ["gunicorn", "-c", "config/gunicorn.conf.py", "config.wsgi:application"]
