# One image for web (gunicorn, WSGI), asgi (uvicorn, WebSockets), worker and beat.
FROM python:3.11-slim AS base
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=lms.settings.production
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 hocvuso
COPY pyproject.toml README.md ./
COPY lms lms
COPY cms cms
COPY courses courses
COPY assessments assessments
COPY locale locale
COPY manage.py ./
RUN pip install . && pybabel compile -d locale -D django
# collectstatic needs settings, not services: throwaway values for the build only.
RUN SECRET_KEY=build-only ALLOWED_HOSTS=build DATABASE_URL=postgres://build@localhost/build \
    REDIS_URL=redis://localhost:6379/0 BASE_URL=https://build.invalid EMAIL_URL=dummymail:// \
    CERTIFICATE_SIGNING_KEY_PATH=/nonexistent/build.pem python manage.py collectstatic --noinput \
    && mkdir -p /app/media /app/private /app/keys && chown -R hocvuso /app/media /app/private /app/keys
USER hocvuso
EXPOSE 8000
CMD ["gunicorn", "lms.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "4", "--access-logfile", "-"]
