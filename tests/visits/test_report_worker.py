"""Transmitting a visit report on a real Celery worker: after the commit, the worker renders
the PDF and files it for the State once; run again, it files nothing more."""

import os

import pytest
from django.contrib.contenttypes.models import ContentType

from ctc.public.tasks import worker_ping_task
from docs_tracker.models import Document, Receipt
from tests.conftest import make_personas, tasks_on_worker, wait_until
from visits import report_tasks
from visits.enums import ReportStatus
from visits.models import Visit, VisitReportTransmission

from .report_helpers import report_at

pytestmark = pytest.mark.celery_worker


@pytest.fixture
def worker(reference_data, tmp_path, settings):
    queue = f"test-visit-report-{os.getpid()}"
    with tasks_on_worker(queue, env={"CTC_TEST_EMAIL_FILE_PATH": str(tmp_path)}):
        yield queue


def test_worker_files_the_transmitted_report_once(worker):
    people = make_personas()
    # The worker is up before the report moves (its notices' e-mails go to the worker too).
    worker_ping_task.apply_async(queue=worker).get(timeout=60)

    visit = report_at(people, ReportStatus.TRANSMITTED)

    transmission = VisitReportTransmission.objects.get(visit=visit)
    assert wait_until(
        lambda: VisitReportTransmission.objects.get(pk=transmission.pk).document_id is not None
    )
    filed = Document.objects.filter(
        source_type=ContentType.objects.get_for_model(Visit), source_id=visit.pk
    )
    assert list(filed.values_list("reference", "kind")) == [
        (f"{visit.reference}/REPORT", "visit_report")
    ]
    assert list(Receipt.objects.values_list("state__iso3", flat=True)) == ["KEN"]

    again = report_tasks.report_transmission_file_task.apply_async(
        (transmission.pk,), queue=worker
    ).get(timeout=90)

    assert again == 0
    assert filed.count() == 1
