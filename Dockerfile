# CTC Workspace: one image for web (gunicorn), Celery worker and beat. Runtime dependencies
# only (requirements.lock): the test and lint tools are in requirements-dev.lock, not here.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=ctc.settings.base

# WeasyPrint: Pango, HarfBuzz subsetting (10x faster PDFs) and Noto fonts for Chinese and Arabic.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
      fonts-noto-cjk fonts-noto-core poppler-utils \
 && rm -rf /var/lib/apt/lists/*

RUN groupadd --system ctc && useradd --system --gid ctc --create-home --home-dir /home/ctc ctc
WORKDIR /app

COPY requirements.lock ./
RUN pip install -r requirements.lock

COPY --chown=ctc:ctc . .
RUN pip install --no-deps -e . \
 && python manage.py compilemessages --ignore=.venv -v0 \
 && DJANGO_SECRET_KEY=build-only python manage.py collectstatic --noinput -v0 \
 && mkdir -p /app/media && chown -R ctc:ctc /app

USER ctc
EXPOSE 8000
# Workers, threads, timeout, bind address: GUNICORN_* variables, read by gunicorn.conf.py.
CMD ["gunicorn", "-c", "gunicorn.conf.py", "ctc.wsgi:application"]
