"""Pages and API of the document area: no leak in lists, counts, exports or the API; what
each page records; bad input answered with a message and no change."""

import csv
import io

import pytest
from django.urls import reverse

from ctc.accounts.enums import Role
from ctc.organisations.models import Organisation
from ctc.states.models import MemberState
from docs_tracker import services
from docs_tracker.enums import AccessAction
from docs_tracker.models import AccessEvent, Document, DocumentFile, Receipt
from tests.factories import UserFactory

from .helpers import PDF, make_document, pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    kenya = MemberState.objects.get(iso3="KEN")
    france = MemberState.objects.get(iso3="FRA")
    monitoring = Organisation.objects.get(code="1267-monitoring-team")
    expert = personas[Role.CTED_EXPERT]
    return {
        "ken": make_document(
            expert,
            symbol="W/KEN",
            state=kenya,
            languages=("en", "fr"),
            states=[kenya],
            organisations=[monitoring],
        ),
        "fra": make_document(expert, symbol="W/FRA", state=france, states=[france]),
        "conf": make_document(
            expert, symbol="W/CONF", classification="confidential", state=kenya, states=[kenya]
        ),
        "france": france,
        "kenya": kenya,
    }


def _symbols(response) -> set[str]:
    return {row["reference"] for row in response.json()["results"]}


def test_api_lists_only_what_each_person_may_see(client, personas, world):
    france_focal = UserFactory(
        username="ff", roles=[Role.FOCAL_POINT], member_state=world["france"]
    )
    expected = {
        Role.CTED_EXPERT: {"W/KEN", "W/FRA", "W/CONF"},
        Role.ADMINISTRATOR: {"W/KEN", "W/FRA", "W/CONF"},
        Role.COMMITTEE_MEMBER: {"W/KEN", "W/FRA"},
        Role.SUBCOMMITTEE_MEMBER: {"W/KEN"},
        Role.FOCAL_POINT: {"W/KEN", "W/CONF"},
        Role.PARTNER_ANALYST: {"W/KEN"},
        Role.DONOR: set(),
    }
    for role, symbols in expected.items():
        client.force_login(personas[role])
        response = client.get("/api/v1/documents/")
        assert response.status_code == 200
        assert _symbols(response) == symbols, role
        assert response.json()["count"] == len(symbols)
    client.force_login(france_focal)
    assert _symbols(client.get("/api/v1/documents/")) == {"W/FRA"}
    # Filtering never widens the scope.
    assert _symbols(client.get("/api/v1/documents/?state=KEN")) == set()
    assert _symbols(client.get("/api/v1/documents/?q=W%2F")) == {"W/FRA"}


def test_inbox_shows_only_the_states_documents_newest_first_unread_marked(client, personas, world):
    focal = personas[Role.FOCAL_POINT]
    client.force_login(focal)
    services.receipt_open(document=world["ken"], by=focal)
    page = client.get(reverse("docs_secure:inbox")).content.decode()
    assert "W/FRA" not in page
    assert page.index("W/CONF") < page.index("W/KEN")  # newest first
    assert page.count('class="unread"') == 1
    assert "Not yet opened:" in page
    assert "1 not yet opened" in page


def test_partner_inbox_shows_its_organisations_documents_only(client, personas, world):
    client.force_login(personas[Role.PARTNER_ANALYST])
    page = client.get(reverse("docs_secure:inbox")).content.decode()
    assert "W/KEN" in page and "W/FRA" not in page and "W/CONF" not in page


def test_staff_list_counts_and_filters_stay_in_scope(client, personas, world):
    client.force_login(personas[Role.SUBCOMMITTEE_MEMBER])
    page = client.get(reverse("docs:list")).content.decode()
    assert '<p class="count">1 document</p>' in page and "W/KEN" in page and "W/CONF" not in page
    page = client.get(reverse("docs:list") + "?classification=confidential").content.decode()
    assert "0 documents" in page
    client.force_login(personas[Role.CTED_COORDINATOR])
    assert "2 documents" in client.get(reverse("docs:list") + "?state=ken").content.decode()
    page = client.get(reverse("docs:list") + "?state=ken&language=fr").content.decode()
    assert '<p class="count">1 document</p>' in page
    assert "W/CONF" not in page


def test_staff_list_bad_filter_answers_400_with_a_message(client, personas, world):
    client.force_login(personas[Role.CTED_EXPERT])
    response = client.get(reverse("docs:list") + "?state=XXX&kind=nope")
    assert response.status_code == 400
    assert "No member state has this code." in response.content.decode()


def test_secure_download_records_download_access_event_and_first_opening(client, personas, world):
    focal = personas[Role.FOCAL_POINT]
    client.force_login(focal)
    url = reverse("docs_secure:download", kwargs={"pk": world["ken"].pk, "language": "fr"})
    response = client.get(url, REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(PDF)
    event = AccessEvent.objects.get(action=AccessAction.DOWNLOAD)
    assert (event.by, event.language, event.ip, event.document) == (
        focal,
        "fr",
        "192.0.2.7",
        world["ken"],
    )
    assert focal.downloads.count() == 1
    receipt = Receipt.objects.get(document=world["ken"], state=world["kenya"])
    assert receipt.first_opened_by == focal


def test_guessed_ids_and_file_urls_are_404_and_logged(client, personas, world):
    focal = personas[Role.FOCAL_POINT]
    client.force_login(focal)
    fra = world["fra"]
    paths = [
        reverse("docs_secure:detail", kwargs={"pk": fra.pk}),
        reverse("docs_secure:download", kwargs={"pk": fra.pk, "language": "en"}),
        reverse("docs_secure:detail", kwargs={"pk": 999999}),
        f"/api/v1/documents/{fra.pk}/",
        f"/api/v1/documents/{fra.pk}/files/en/",
    ]
    for path in paths:
        assert client.get(path).status_code == 404, path
    assert client.post(f"/api/v1/documents/{fra.pk}/acknowledge/").status_code == 404
    refused = AccessEvent.objects.filter(action=AccessAction.REFUSED, by=focal)
    assert refused.count() == 6
    assert refused.filter(document=fra).count() == 5
    assert refused.filter(document__isnull=True, requested_id="999999").count() == 1
    assert Receipt.objects.get(document=fra).first_opened_at is None


def test_a_withdrawn_document_stays_listed_marked_with_its_files_closed(client, personas, world):
    expert = personas[Role.CTED_EXPERT]
    focal = personas[Role.FOCAL_POINT]
    services.document_withdraw(document=world["ken"], reason="Wrong annex.", by=expert)
    client.force_login(focal)
    assert "Withdrawn" in client.get(reverse("docs_secure:inbox")).content.decode()
    page = client.get(reverse("docs_secure:detail", kwargs={"pk": world["ken"].pk}))
    assert page.status_code == 200 and "Wrong annex." in page.content.decode()
    assert "Acknowledge receipt" not in page.content.decode()
    url = reverse("docs_secure:download", kwargs={"pk": world["ken"].pk, "language": "en"})
    assert client.get(url).status_code == 404


def test_acknowledge_button_is_idempotent(client, personas, world):
    client.force_login(personas[Role.FOCAL_POINT])
    url = reverse("docs_secure:acknowledge", kwargs={"pk": world["ken"].pk})
    assert client.post(url).status_code == 302
    first = Receipt.objects.get(document=world["ken"], state=world["kenya"]).acknowledged_at
    assert client.post(url).status_code == 302
    assert Receipt.objects.get(document=world["ken"], state=world["kenya"]).acknowledged_at == first
    response = client.post(f"/api/v1/documents/{world['ken'].pk}/acknowledge/")
    assert response.status_code == 200
    assert response.json()["acknowledged_at"] is not None
    assert AccessEvent.objects.filter(action=AccessAction.ACKNOWLEDGE).count() == 1


def test_tracking_page_shows_each_recipient_and_filters(client, personas, world):
    focal = personas[Role.FOCAL_POINT]
    services.document_download_record(
        stored=world["ken"].files.get(language="fr"), by=focal, ip=None
    )
    services.receipt_acknowledge(document=world["ken"], by=focal)
    client.force_login(personas[Role.CTED_COORDINATOR])
    url = reverse("docs:tracking", kwargs={"pk": world["ken"].pk})
    page = client.get(url).content.decode()
    assert "Kenya" in page and "1267" in page and "2 recipients" in page
    assert "focal_ken" in page
    page = client.get(url + "?status=acknowledged").content.decode()
    assert "1 recipient" in page and "Kenya" in page
    page = client.get(url + "?status=pending").content.decode()
    assert "1 recipient" in page and "Kenya</a>" not in page
    assert client.get(url + "?status=bogus").status_code == 400


def test_recipient_page_lists_pending_documents(client, personas, world):
    client.force_login(personas[Role.CTED_EXPERT])
    page = client.get(
        reverse("docs:recipient_state", kwargs={"iso3": "KEN"}) + "?status=pending"
    ).content.decode()
    assert "W/KEN" in page and "W/CONF" in page and "W/FRA" not in page


def test_access_log_csv_exports_the_same_filters_streaming(client, personas, world):
    focal = personas[Role.FOCAL_POINT]
    services.receipt_open(document=world["ken"], by=focal)
    services.access_refuse(by=focal, attempted="view", requested_id=world["fra"].pk)
    client.force_login(personas[Role.ADMINISTRATOR])
    response = client.get(reverse("docs:access_log_csv") + "?action=refused&person=focal")
    assert response.status_code == 200 and response.streaming
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 2
    assert rows[1][1:5] == ["focal_ken", "refused", "view", "W/FRA"]
    page = client.get(reverse("docs:access_log") + "?action=refused").content.decode()
    assert "1 event" in page
    bad = client.get(reverse("docs:access_log") + "?date_from=2026-12-01&date_to=2026-01-01")
    assert bad.status_code == 400
    assert "The start date is after the end date." in bad.content.decode()


def test_create_with_files_then_replace_shows_history(client, personas, settings):
    client.force_login(personas[Role.CTED_EXPERT])
    response = client.post(
        reverse("docs:create"),
        {
            "kind": "note_verbale",
            "reference": "NV/1",
            "classification": "restricted",
            "dated": "2026-11-30",
            "title_en": "Note",
            "title_ar": "مذكرة",
            "file_en": pdf("nv-en.pdf"),
            "file_ar": pdf("مذكرة.pdf"),
        },
    )
    assert response.status_code == 302
    document = Document.objects.get(reference="NV/1")
    assert document.title_ar == "مذكرة"
    response = client.post(
        reverse("docs:file_add", kwargs={"pk": document.pk}),
        {"language": "en", "file": pdf("nv-en-v2.pdf")},
    )
    assert response.status_code == 302
    page = client.get(reverse("docs:detail", kwargs={"pk": document.pk})).content.decode()
    assert "nv-en.pdf" in page and "nv-en-v2.pdf" in page and 'class="replaced"' in page
    assert DocumentFile.objects.filter(document=document).count() == 3


def test_create_refuses_bad_input_with_messages_and_creates_nothing(client, personas):
    client.force_login(personas[Role.CTED_EXPERT])
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("docs:create"),
        {
            "kind": "letter",
            "reference": "L/1",
            "classification": "restricted",
            "dated": "2026-11-30",
            "title_en": "Letter",
            "file_en": SimpleUploadedFile("x.pdf", b"MZ\x90\x00 not a pdf"),
        },
    )
    assert response.status_code == 400
    assert "The file is a program, which cannot be uploaded." in response.content.decode()
    assert not Document.objects.exists()


def test_withdraw_refused_by_the_service_says_so_on_the_form_and_changes_nothing(
    client, personas, world
):
    expert = personas[Role.CTED_EXPERT]
    services.document_withdraw(document=world["ken"], reason="Wrong annex.", by=expert)
    withdrawn_at = Document.objects.get(pk=world["ken"].pk).withdrawn_at
    client.force_login(expert)

    response = client.post(
        reverse("docs:withdraw", kwargs={"pk": world["ken"].pk}),
        {"reason": "Sent twice.", "confirm": "on"},
    )

    assert response.status_code == 400
    assert "<li>This document was already withdrawn.</li>" in response.content.decode()
    document = Document.objects.get(pk=world["ken"].pk)
    assert (document.withdrawal_reason, document.withdrawn_at) == ("Wrong annex.", withdrawn_at)


def test_reply_upload_in_the_secure_area(client, personas, world):
    client.force_login(personas[Role.FOCAL_POINT])
    url = reverse("docs_secure:reply", kwargs={"pk": world["ken"].pk})
    assert client.post(url, {"language": "en"}).status_code == 400
    assert client.post(url, {"language": "en", "file": pdf("reply.pdf")}).status_code == 302
    reply = Document.objects.get(in_reply_to=world["ken"])
    assert reply.submitted_by_state == world["kenya"]
    page = client.get(reverse("docs_secure:inbox")).content.decode()
    assert reply.reference in page


def test_report_upload_and_confirmation_from_the_pages(client, personas, world):
    client.force_login(personas[Role.FOCAL_POINT])
    response = client.post(
        reverse("docs_secure:report"),
        {
            "kind": "state_report_1373",
            "symbol": "S/2026/55",
            "title": "Report",
            "dated": "2026-11-01",
            "language": "en",
            "file": pdf(),
        },
    )
    assert response.status_code == 302
    report = Document.objects.get(reference="S/2026/55")
    client.force_login(personas[Role.CTED_EXPERT])
    assert client.post(reverse("docs:confirm", kwargs={"pk": report.pk})).status_code == 302
    assert world["kenya"].reports.filter(document_symbol="S/2026/55", resolution="1373").exists()


def test_a_report_symbol_already_used_is_refused_next_to_the_symbol(client, personas, world):
    client.force_login(personas[Role.FOCAL_POINT])
    data = {
        "kind": "state_report_1373",
        "symbol": "S/2026/56",
        "title": "Report",
        "dated": "2026-11-01",
        "language": "en",
    }
    client.post(reverse("docs_secure:report"), {**data, "file": pdf()})

    response = client.post(reverse("docs_secure:report"), {**data, "file": pdf()})

    assert response.status_code == 400
    assert response.context["form"].errors["symbol"] == [
        "A document with this symbol already exists."
    ]
    assert Document.objects.filter(reference="S/2026/56").count() == 1


def test_landing_and_waiting_tell_focal_points_what_to_acknowledge(client, personas, world):
    client.force_login(personas[Role.FOCAL_POINT])
    page = client.get(reverse("accounts:landing")).content.decode()
    assert "2 documents to acknowledge" in page
    assert "W/CONF" in page  # in "waiting for you"


def test_api_detail_shows_files_and_own_receipt_only(client, personas, world):
    client.force_login(personas[Role.FOCAL_POINT])
    data = client.get(f"/api/v1/documents/{world['ken'].pk}/").json()
    assert [r["state"] for r in data["receipts"]] == ["KEN"]
    assert {f["language"] for f in data["files"]} == {"en", "fr"}
    client.force_login(personas[Role.CTED_EXPERT])
    data = client.get(f"/api/v1/documents/{world['ken'].pk}/").json()
    assert {(r["state"], r["organisation"]) for r in data["receipts"]} == {
        ("KEN", None),
        (None, "1267-monitoring-team"),
    }


def test_api_distribution_create_is_idempotent_per_recipient(client, personas, world):
    client.force_login(personas[Role.CTED_COORDINATOR])
    body = {"document": world["ken"].pk, "states": ["KEN", "GHA"], "groups": []}
    response = client.post("/api/v1/distributions/", body, content_type="application/json")
    assert response.status_code == 201
    assert sorted((d["state"], d["new_receipts"]) for d in response.json()) == [
        ("GHA", 1),
        ("KEN", 0),
    ]
    assert Receipt.objects.filter(document=world["ken"]).count() == 3
    bad = client.post(
        "/api/v1/distributions/",
        {"document": world["ken"].pk, "states": ["XXX"]},
        content_type="application/json",
    )
    assert bad.status_code == 400
