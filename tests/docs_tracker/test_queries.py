"""Every list page and list endpoint of the document area runs a fixed number of queries,
whatever the number of documents, recipients or events."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ctc.accounts.enums import Role
from ctc.organisations.models import Organisation
from ctc.states.models import MemberState
from docs_tracker import services

from .helpers import make_document

pytestmark = pytest.mark.django_db

STATES = ["KEN", "GHA", "NGA", "FRA", "BRA", "ARG", "PAK", "PER"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _documents(personas, n: int):
    expert = personas[Role.CTED_EXPERT]
    focal = personas[Role.FOCAL_POINT]
    monitoring = Organisation.objects.get(code="1267-monitoring-team")
    states = list(MemberState.objects.filter(iso3__in=STATES[:n]))
    for i in range(n):
        document = make_document(
            expert,
            symbol=f"Q/{n}/{i}",
            languages=("en", "fr"),
            states=[*states, MemberState.objects.get(iso3="KEN")],
            organisations=[monitoring],
        )
        services.receipt_open(document=document, by=focal)
        services.document_download_record(stored=document.files.first(), by=focal)
        if i % 2:
            services.receipt_acknowledge(document=document, by=focal)


def _count(client, user, path):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
        # A streamed answer queries while it is read: read it inside the count.
        if response.streaming:
            content = b"".join(response.streaming_content).decode()
        else:
            content = response.content.decode()
    assert response.status_code == 200, path
    return content, len(queries)


# Session, user and roles (3), the header's unread notifications (1), then the page's own.
CASES = {
    # the count, the page of documents with their receipt figures
    "staff list": (Role.CTED_EXPERT, lambda: reverse("docs:list"), 6),
    # the user's State (heading), the count of unread, the count, the page of receipts with
    # their documents, what the State uploaded
    "inbox": (Role.FOCAL_POINT, lambda: reverse("docs_secure:inbox"), 9),
    # the count and the page of events
    "access log": (Role.ADMINISTRATOR, lambda: reverse("docs:access_log"), 6),
    # no page header: session, user and roles, then the events streamed in one query
    "access log CSV": (Role.ADMINISTRATOR, lambda: reverse("docs:access_log_csv"), 4),
    # the State, its receipts with their documents
    "recipient": (
        Role.CTED_COORDINATOR,
        lambda: reverse("docs:recipient_state", kwargs={"iso3": "KEN"}),
        6,
    ),
    # the count and the page of documents (no header in the API)
    "api documents": (Role.PARTNER_ANALYST, lambda: "/api/v1/documents/", 5),
    "api distributions": (Role.CTED_COORDINATOR, lambda: "/api/v1/distributions/", 5),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_list_query_count_is_the_same_for_2_and_6_documents(client, personas, case):
    role, path, expected = CASES[case]
    _documents(personas, 2)
    small, small_count = _count(client, personas[role], path())
    _documents(personas, 6)
    large, large_count = _count(client, personas[role], path())

    assert len(large) > len(small)
    assert "Q/6/5" in large and "Q/6/5" not in small
    assert (small_count, large_count) == (expected, expected)


def test_tracking_query_count_is_the_same_for_3_and_9_recipients(client, personas):
    expert = personas[Role.CTED_EXPERT]
    focal = personas[Role.FOCAL_POINT]
    document = make_document(expert, symbol="T/1", states=[MemberState.objects.get(iso3="KEN")])
    services.document_download_record(stored=document.files.get(), by=focal)
    services.document_distribute(
        document=document, states=list(MemberState.objects.filter(iso3__in=STATES[1:3])), by=expert
    )
    path = reverse("docs:tracking", kwargs={"pk": document.pk})
    small, small_count = _count(client, personas[Role.CTED_COORDINATOR], path)
    services.document_distribute(
        document=document, states=list(MemberState.objects.filter(iso3__in=STATES[3:])), by=expert
    )
    large, large_count = _count(client, personas[Role.CTED_COORDINATOR], path)

    assert "3 recipients" in small and "8 recipients" in large and "Peru" in large
    # the document, its receipts, the downloads of the table
    assert (small_count, large_count) == (7, 7)
