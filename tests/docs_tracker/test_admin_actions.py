"""The admin's actions call the services; the access log cannot be changed there."""

import datetime

import pytest
from django.utils import timezone

from ctc.accounts.enums import Role
from ctc.states.models import MemberState, StateReport
from docs_tracker import services
from docs_tracker.enums import ReportStatus
from docs_tracker.models import AccessEvent, Receipt

from .helpers import make_document, pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_admin_confirms_a_state_report_through_the_service(client, personas):
    focal = personas[Role.FOCAL_POINT]
    report = services.state_report_submit(
        kind="state_report_1373",
        symbol="S/2026/9",
        title="Report",
        dated=datetime.date(2026, 9, 1),
        language="en",
        upload=pdf(),
        by=focal,
    )
    # Administrators confirm only what experts and coordinators may: the action says 0.
    client.force_login(personas[Role.ADMINISTRATOR])
    response = client.post(
        "/en/admin/docs_tracker/document/",
        {"action": "confirm_reports", "_selected_action": [report.pk]},
        follow=True,
    )
    assert "0 reports confirmed." in response.content.decode()
    report.refresh_from_db()
    assert report.report_status == ReportStatus.PENDING
    assert not StateReport.objects.filter(document_symbol="S/2026/9").exists()


def test_admin_reminds_overdue_receipts_through_the_service(client, personas):
    kenya = MemberState.objects.get(iso3="KEN")
    document = make_document(personas[Role.CTED_EXPERT], states=[kenya])
    Receipt.objects.update(made_available_at=timezone.now() - datetime.timedelta(days=20))
    client.force_login(personas[Role.ADMINISTRATOR])
    response = client.post(
        "/en/admin/docs_tracker/receipt/",
        {"action": "remind", "_selected_action": [document.receipts.get().pk]},
        follow=True,
    )
    assert "1 reminder sent." in response.content.decode()
    assert document.receipts.get().reminders == 1


def test_access_log_cannot_be_changed_in_the_admin(client, personas):
    event = services.access_refuse(by=personas[Role.DONOR], attempted="view", requested_id="7")
    client.force_login(personas[Role.ADMINISTRATOR])
    url = f"/en/admin/docs_tracker/accessevent/{event.pk}/change/"
    page = client.get(url).content.decode()
    assert 'name="_save"' not in page
    client.post(url, {"action": "view"})
    assert client.get(f"/en/admin/docs_tracker/accessevent/{event.pk}/delete/").status_code == 403
    assert AccessEvent.objects.get(pk=event.pk).action == "refused"
