"""States list speed, as ratios against /healthz measured in the same run.

    .venv/bin/python bench/states_list.py [rounds]

Needs a migrated database with reference data (make run does that). Prints figures only.
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

from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def median_ms(client, url, rounds, **headers):
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        response = client.get(url, headers=headers)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    setup_test_environment()
    client = Client()
    reference = median_ms(client, "/healthz", rounds)
    rows = [
        ("/healthz (reference)", reference),
        ("/en/states/", median_ms(client, "/en/states/", rounds)),
        ("/ar/states/", median_ms(client, "/ar/states/", rounds)),
        ("/en/states/?q=ken", median_ms(client, "/en/states/?q=ken", rounds)),
        ("/api/v1/states/", median_ms(client, "/api/v1/states/", rounds)),
        (
            "/api/v1/states/ (ru)",
            median_ms(client, "/api/v1/states/", rounds, accept_language="ru"),
        ),
    ]
    print(f"{'url':<28}{'median ms':>12}{'× reference':>14}")
    for url, ms in rows:
        print(f"{url:<28}{ms:>12.2f}{ms / reference:>14.1f}")


if __name__ == "__main__":
    main()
