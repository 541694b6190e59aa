"""Assessment pages and API speed, as ratios against /healthz measured in the same run.

    .venv/bin/python bench/assessments.py [rounds]

Needs the demo data (make run, or load_reference_data + seed_demo). Prints figures only.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ctc.settings.base")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
os.environ.setdefault(
    "DJANGO_STATICFILES_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage"
)

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from assessments.models import Assessment  # noqa: E402
from ctc.accounts.models import User  # noqa: E402


def measure(client, url, rounds):
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(times), len(queries.captured_queries)


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    setup_test_environment()
    client = Client()
    client.force_login(User.objects.get(username="coordinator"))
    biggest = max(Assessment.objects.all(), key=lambda a: a.versions.count())
    reference, _ = measure(client, "/healthz", rounds)
    urls = [
        "/en/assessments/",
        "/en/assessments/?q=financing",
        f"/en/assessments/{biggest.pk}/",
        f"/ar/assessments/{biggest.pk}/",
        f"/en/assessments/{biggest.pk}/versions/",
        f"/en/assessments/{biggest.pk}/versions/compare/?a=1&b={biggest.versions.count()}",
        "/en/assessments/stocktaking/",
        "/api/v1/assessments/",
        f"/api/v1/assessments/{biggest.pk}/",
    ]
    print(f"{'url':<52}{'median ms':>11}{'× ref':>8}{'queries':>9}")
    print(f"{'/healthz (reference)':<52}{reference:>11.2f}{1:>8.1f}{'':>9}")
    for url in urls:
        ms, queries = measure(client, url, rounds)
        print(f"{url:<52}{ms:>11.2f}{ms / reference:>8.1f}{queries:>9}")


if __name__ == "__main__":
    main()
