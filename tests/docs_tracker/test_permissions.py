"""Who gets what from every route of the document area, pages and API, for each person and
three documents: "ken" (restricted, about Kenya, distributed to Kenya and the 1267
Monitoring Team), "fra" (restricted, about France, distributed to France) and "conf"
(confidential, about Kenya, distributed to Kenya). Kenya is in subcommittee B, France in A.

A document outside a person's scope answers 404 (never 403) on every route, and the refusal
is logged; 403 is for a person who may see the document but not act on it.
tests/test_permissions.py checks that these rows, with the site's, cover every route.
"""

from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from ctc.accounts.enums import Role
from ctc.organisations.models import Organisation
from ctc.states.models import MemberState
from docs_tracker.enums import AccessAction
from docs_tracker.models import AccessEvent, Document
from tests.matrix import NO_OBJECT, Call, Matrix

from .helpers import PDF, make_document

pytestmark = pytest.mark.django_db

DOCS = ["ken", "fra", "conf"]
ONE = [NO_OBJECT]
LOGIN = "/en/login/"

EXPERT = Role.CTED_EXPERT
COORDINATOR = Role.CTED_COORDINATOR
SUB_B = Role.SUBCOMMITTEE_MEMBER
COMMITTEE = Role.COMMITTEE_MEMBER
CHAIR = Role.CHAIR
FOCAL_KEN = Role.FOCAL_POINT
PARTNER = Role.PARTNER_ANALYST
DONOR = Role.DONOR
ADMIN = Role.ADMINISTRATOR
ANON = None

MATRIX = Matrix()

# fmt: off
# --- CTED's pages (docs/) ---------------------------------------------------------------------
WORKSPACE = [
    (ANON, 302), (EXPERT, 200), (COORDINATOR, 200), (SUB_B, 200), ("sub_a", 200),
    (COMMITTEE, 200), (CHAIR, 200), (FOCAL_KEN, 404), ("focal_fra", 404), (PARTNER, 404),
    (DONOR, 404), (ADMIN, 200),
]
CREATE = [
    # person       GET  POST
    (ANON,        302, 302),
    (EXPERT,      200, 302),
    (COORDINATOR, 200, 302),
    (SUB_B,       403, 403),
    ("sub_a",     403, 403),
    (COMMITTEE,   403, 403),
    (CHAIR,       403, 403),
    (FOCAL_KEN,   404, 404),
    ("focal_fra", 404, 404),
    (PARTNER,     404, 404),
    (DONOR,       404, 404),
    (ADMIN,       200, 302),
]
CTED_ONLY = [
    (ANON, 302), (EXPERT, 200), (COORDINATOR, 200), (SUB_B, 404), ("sub_a", 404),
    (COMMITTEE, 404), (CHAIR, 404), (FOCAL_KEN, 404), ("focal_fra", 404), (PARTNER, 404),
    (DONOR, 404), (ADMIN, 200),
]
ADMIN_ONLY = [(who, 200 if who == ADMIN else 302 if who is None else 404) for who, _s in CTED_ONLY]
# Reading a document: CTED all; Committee not confidential; a subcommittee its States'.
SEES = [
    # person       ken  fra  conf
    (ANON,        302, 302, 302),
    (EXPERT,      200, 200, 200),
    (COORDINATOR, 200, 200, 200),
    (SUB_B,       200, 404, 404),
    ("sub_a",     404, 200, 404),
    (COMMITTEE,   200, 200, 404),
    (CHAIR,       200, 200, 404),
    (FOCAL_KEN,   404, 404, 404),
    ("focal_fra", 404, 404, 404),
    (PARTNER,     404, 404, 404),
    (DONOR,       404, 404, 404),
    (ADMIN,       200, 200, 200),
]
# Managing it (edit, distribute, withdraw, tracking, files, confirm): CTED only; 403 for
# who sees it, 404 for who does not. GET: 200 the page; POST: 302 done.
def _manages(done):
    return [
        (who, *[done if s == 200 and who in (EXPERT, COORDINATOR, ADMIN) else 403 if s == 200
                else s for s in statuses])
        for who, *statuses in SEES
    ]
MANAGES_GET = _manages(200)
MANAGES_POST = _manages(302)

# --- The secure area (secure/) -----------------------------------------------------------------
INBOX = [
    (ANON, 302), (EXPERT, 404), (COORDINATOR, 404), (SUB_B, 404), ("sub_a", 404),
    (COMMITTEE, 404), (CHAIR, 404), (FOCAL_KEN, 200), ("focal_fra", 200), (PARTNER, 200),
    (DONOR, 200), (ADMIN, 404),
]
UPLOADS_REPORT = [
    # person       GET  POST
    (ANON,        302, 302),
    (EXPERT,      404, 404),
    (COORDINATOR, 404, 404),
    (SUB_B,       404, 404),
    ("sub_a",     404, 404),
    (COMMITTEE,   404, 404),
    (CHAIR,       404, 404),
    (FOCAL_KEN,   200, 302),
    ("focal_fra", 200, 302),
    (PARTNER,     404, 404),
    (DONOR,       404, 404),
    (ADMIN,       404, 404),
]
# A recipient's documents only: its State's (focal points) or its body's (partner).
RECEIVES = [
    # person       ken  fra  conf
    (ANON,        302, 302, 302),
    (EXPERT,      404, 404, 404),
    (COORDINATOR, 404, 404, 404),
    (SUB_B,       404, 404, 404),
    ("sub_a",     404, 404, 404),
    (COMMITTEE,   404, 404, 404),
    (CHAIR,       404, 404, 404),
    (FOCAL_KEN,   200, 404, 200),
    ("focal_fra", 404, 200, 404),
    (PARTNER,     200, 404, 404),
    (DONOR,       404, 404, 404),
    (ADMIN,       404, 404, 404),
]
ACKNOWLEDGES = [(who, *[302 if s == 200 else s for s in st]) for who, *st in RECEIVES]
# Replies: a State's focal point only (302 = received); the partner sees, never replies.
REPLIES = [
    (who, *[302 if s == 200 and who != PARTNER else 404 if s == 200 else s for s in st])
    for who, *st in RECEIVES
]

# --- The API: nobody signed in gets 403 --------------------------------------------------------
API_LIST = [(ANON, 403)] + [(who, 200) for who, _s in WORKSPACE[1:]]
API_SEES = [
    # person       ken  fra  conf
    (ANON,        403, 403, 403),
    (EXPERT,      200, 200, 200),
    (COORDINATOR, 200, 200, 200),
    (SUB_B,       200, 404, 404),
    ("sub_a",     404, 200, 404),
    (COMMITTEE,   200, 200, 404),
    (CHAIR,       200, 200, 404),
    (FOCAL_KEN,   200, 404, 200),
    ("focal_fra", 404, 200, 404),
    (PARTNER,     200, 404, 404),
    (DONOR,       404, 404, 404),
    (ADMIN,       200, 200, 200),
]
# Acknowledging: 200 for a recipient; 400 for who sees the document without a receipt.
RECIPIENTS = {FOCAL_KEN, "focal_fra", PARTNER, DONOR}
API_ACKNOWLEDGES = [
    (who, *[400 if s == 200 and who not in RECIPIENTS else s for s in st]) for who, *st in API_SEES
]
API_DISTRIBUTIONS = [
    # person       GET  POST
    (ANON,        403, 403),
    (EXPERT,      200, 201),
    (COORDINATOR, 200, 201),
    (SUB_B,       403, 403),
    ("sub_a",     403, 403),
    (COMMITTEE,   403, 403),
    (CHAIR,       403, 403),
    (FOCAL_KEN,   403, 403),
    ("focal_fra", 403, 403),
    (PARTNER,     403, 403),
    (DONOR,       403, 403),
    (ADMIN,       200, 201),
]
# fmt: on

MATRIX.add("docs:list", "GET", ONE, WORKSPACE)
MATRIX.add("docs:create", "GET", ONE, [(w, g) for w, g, _p in CREATE])
MATRIX.add("docs:create", "POST", ONE, [(w, p) for w, _g, p in CREATE])
MATRIX.add("docs:recipient_state", "GET", ONE, CTED_ONLY)
MATRIX.add("docs:recipient_organisation", "GET", ONE, CTED_ONLY)
MATRIX.add("docs:access_log", "GET", ONE, ADMIN_ONLY)
MATRIX.add("docs:access_log_csv", "GET", ONE, ADMIN_ONLY)
MATRIX.add("docs:detail", "GET", DOCS, SEES)
MATRIX.add("docs:file_download", "GET", DOCS, SEES)
for name in ("edit", "distribute", "withdraw", "tracking"):
    MATRIX.add(f"docs:{name}", "GET", DOCS, MANAGES_GET)
for name in ("edit", "distribute", "withdraw", "file_add", "confirm"):
    MATRIX.add(f"docs:{name}", "POST", DOCS, MANAGES_POST)
MATRIX.add("docs_secure:inbox", "GET", ONE, INBOX)
MATRIX.add("docs_secure:report", "GET", ONE, [(w, g) for w, g, _p in UPLOADS_REPORT])
MATRIX.add("docs_secure:report", "POST", ONE, [(w, p) for w, _g, p in UPLOADS_REPORT])
MATRIX.add("docs_secure:detail", "GET", DOCS, RECEIVES)
MATRIX.add("docs_secure:download", "GET", DOCS, RECEIVES)
MATRIX.add("docs_secure:acknowledge", "POST", DOCS, ACKNOWLEDGES)
MATRIX.add("docs_secure:reply", "POST", DOCS, REPLIES)
MATRIX.add("api:document-list", "GET", ONE, API_LIST)
MATRIX.add("api:document-detail", "GET", DOCS, API_SEES)
MATRIX.add("api:document-file", "GET", DOCS, API_SEES)
MATRIX.add("api:document-acknowledge", "POST", DOCS, API_ACKNOWLEDGES)
MATRIX.add("api:distribution-list", "GET", ONE, [(w, g) for w, g, _p in API_DISTRIBUTIONS])
MATRIX.add("api:distribution-list", "POST", ONE, [(w, p) for w, _g, p in API_DISTRIBUTIONS])


@dataclass(frozen=True)
class World:
    people: dict
    documents: dict  # variant → document pk


@pytest.fixture(scope="module")
def world(matrix_people, tmp_path_factory):
    people = matrix_people
    kenya = MemberState.objects.get(iso3="KEN")
    france = MemberState.objects.get(iso3="FRA")
    monitoring = Organisation.objects.get(code="1267-monitoring-team")
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        expert = people[EXPERT]
        documents = {
            "ken": make_document(
                expert, symbol="M/KEN", state=kenya, states=[kenya], organisations=[monitoring]
            ),
            "fra": make_document(expert, symbol="M/FRA", state=france, states=[france]),
            "conf": make_document(
                expert,
                symbol="M/CONF",
                classification="confidential",
                state=kenya,
                states=[kenya],
            ),
        }
        yield World(people=people, documents={k: d.pk for k, d in documents.items()})


def _pdf():
    return SimpleUploadedFile("answer.pdf", PDF, content_type="application/pdf")


def call(route: str, method: str, pk: int | None, world: World) -> Call:
    kwargs = {}
    if pk is not None:
        kwargs["pk"] = pk
    if route == "docs:file_download":
        kwargs["file_pk"] = Document.objects.get(pk=pk).files.get().pk
    if route in ("docs_secure:download", "api:document-file"):
        kwargs["language"] = "en"
    if route == "docs:recipient_state":
        kwargs["iso3"] = "KEN"
    if route == "docs:recipient_organisation":
        kwargs["code"] = "1267-monitoring-team"
    with translation.override("en"):
        path = reverse(route, kwargs=kwargs)
    data, content_type = {}, None
    if method == "POST":
        kenya = MemberState.objects.get(iso3="KEN")
        data = {
            "docs:create": {
                "kind": "letter",
                "reference": "M/NEW",
                "classification": "public",
                "dated": "2026-11-30",
                "title_en": "New letter",
                "file_en": _pdf(),
            },
            "docs:edit": {
                "classification": "restricted",
                "dated": "2026-11-30",
                "title_en": "Edited",
            },
            "docs:distribute": {"states": [kenya.pk, MemberState.objects.get(iso3="GHA").pk]},
            "docs:withdraw": {"reason": "Sent in error.", "confirm": "on"},
            "docs:file_add": {"language": "es", "file": _pdf()},
            "docs_secure:reply": {"language": "en", "file": _pdf()},
            "docs_secure:report": {
                "kind": "state_report_1373",
                "title": "Report",
                "dated": "2026-11-01",
                "language": "en",
                "file": _pdf(),
            },
        }.get(route, {})
        if route == "api:distribution-list":
            data = {"document": world.documents["ken"], "states": ["GHA"]}
            content_type = "application/json"
    return Call(method, path, data, content_type)


@pytest.mark.parametrize("row", MATRIX.params())
def test_route_answers_each_person(client, world, row):
    pk = world.documents.get(row.variant)
    request = call(row.route, row.method, pk, world)
    user = world.people[row.who]
    if user is not None:
        client.force_login(user)
    refusals = AccessEvent.objects.filter(action=AccessAction.REFUSED).count()

    response = request.send(client)

    assert response.status_code == row.expected
    if row.expected == 302 and user is None:
        assert response["Location"].startswith(f"{LOGIN}?next=")
    if row.expected == 404 and pk is not None and user is not None:
        # Every refusal of a real document is in the access log, linked to it.
        assert AccessEvent.objects.filter(action=AccessAction.REFUSED).count() == refusals + 1
        assert AccessEvent.objects.filter(action=AccessAction.REFUSED).first().document_id == pk
    if row.expected == 200 and row.route in ("docs:file_download", "docs_secure:download"):
        assert b"".join(response.streaming_content).startswith(PDF)
