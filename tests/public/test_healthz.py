import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_cache_and_broker(client, settings):
    response = client.get("/healthz")

    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["cache"]["status"] == "ok"
    expected = "ok" if settings.CELERY_BROKER_URL else "in-process"
    assert body["checks"]["broker"]["status"] == expected


@override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0")
def test_healthz_unreachable_broker_is_503(client):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["broker"]["status"] == "error"
