# One image for web (gunicorn, WSGI), asgi (uvicorn, WebSockets), worker and beat.
# Dependencies come from the lock and sit in their own layer: a code change
# reinstalls nothing. The build stage compiles translations and static files.
FROM python:3.11-slim AS deps
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN python -m venv /venv
ENV PATH=/venv/bin:$PATH
COPY requirements/prod.txt /tmp/prod.txt
RUN pip install --require-hashes --no-deps -r /tmp/prod.txt

FROM deps AS build
WORKDIR /app
COPY requirements/dev.txt /tmp/dev.txt
# Babel compiles the .po catalogues; it is a build tool, not a runtime dependency.
RUN pip install "$(grep -i '^babel==' /tmp/dev.txt | cut -d' ' -f1)"
COPY . .
RUN pybabel compile -d locale -D django && pybabel compile -d locale -D djangojs
# collectstatic needs settings, not services: throwaway values for the build only.
RUN SECRET_KEY=build-only ALLOWED_HOSTS=build DATABASE_URL=postgres://build@localhost/build \
    REDIS_URL=redis://localhost:6379/0 BASE_URL=https://build.invalid EMAIL_URL=dummymail:// \
    CERTIFICATE_SIGNING_KEY_PATH=/nonexistent/build.pem \
    DJANGO_SETTINGS_MODULE=lms.settings.production python manage.py collectstatic --noinput

FROM python:3.11-slim AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PATH=/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=lms.settings.production
WORKDIR /app
# pg_dump/pg_restore (manage.py backup/restore) must be at least the server's major
# version: PostgreSQL's own apt repository has every client (compose runs postgres:16).
ARG PG_MAJOR=16
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 postgresql-common \
    && /usr/share/postgresql-common/pgdg/apt.postgresql.org.sh -y \
    && apt-get install -y --no-install-recommends postgresql-client-${PG_MAJOR} \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 hocvuso
COPY --from=deps /venv /venv
COPY --from=build /app /app
RUN mkdir -p /app/media /app/private /app/keys /backups \
    && chown -R hocvuso /app/media /app/private /app/keys /backups
USER hocvuso
EXPOSE 8000
# The code runs from /app (gunicorn and celery import it from the working folder);
# gunicorn takes its worker count from WEB_CONCURRENCY.
CMD ["gunicorn", "lms.wsgi:application", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
