"""The checks behind /healthz: each answers a status and a short detail."""

import uuid

from django.conf import settings
from django.core.cache import cache
from kombu import Connection


def check_database(connection) -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure is the answer, not a crash
        return {"status": "error", "detail": type(exc).__name__}
    return {"status": "ok", "detail": connection.vendor}


def check_cache() -> dict:
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=5)
        ok = cache.get(key) == "1"
        cache.delete(key)
    except Exception as exc:
        return {"status": "error", "detail": type(exc).__name__}
    return {"status": "ok" if ok else "error", "detail": settings.CACHES["default"]["BACKEND"]}


def check_broker() -> dict:
    if not settings.CELERY_BROKER_URL:
        return {"status": "in-process", "detail": "no broker configured; tasks run in-process"}
    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:
        return {"status": "error", "detail": type(exc).__name__}
    return {"status": "ok", "detail": "reachable"}
