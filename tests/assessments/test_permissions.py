"""Who gets what from every assessments route, page and API, at every stage of the file.

One table (pretix's test_permissions idea): route × method × person × variant → HTTP status.
The variant is the file's stage, or for the State's reply whose it is. Kenya is in
subcommittee B: "sub_a" is a member of subcommittee A, "focal_fra" France's focal point.
The files are made once for the module (see `world`); each test rolls back what it did.
tests/test_permissions.py checks that these rows, with the site's, cover every route.
"""

from dataclasses import dataclass

import pytest
from django.test import override_settings

from assessments.enums import AssessmentStatus
from assessments.models import Assessment
from ctc.accounts.enums import Role
from ctc.states.models import MemberState
from tests.factories import (
    AssessmentFactory,
    AssessmentFormatFactory,
    assessment_advance,
    suggestion_make,
)
from tests.matrix import NO_OBJECT, Matrix

from . import routes

pytestmark = pytest.mark.django_db

S = AssessmentStatus
STAGES = [S.DRAFT, S.WITH_SUBCOMMITTEE, S.WITH_COMMITTEE, S.SENT]
# Kenya's replied file with its reply; France's sent file asked for Kenya's reply.
REPLIES = ["replied", "foreign_reply"]
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

# --- Pages without a file ----------------------------------------------------------------

# fmt: off
WORKSPACE_PAGE = [
    # person       status
    (ANON,        302),
    (EXPERT,      200),
    (COORDINATOR, 200),
    (SUB_B,       200),
    ("sub_a",     200),
    (COMMITTEE,   200),
    (CHAIR,       200),
    (FOCAL_KEN,   404),
    ("focal_fra", 404),
    (PARTNER,     404),
    (DONOR,       404),
    (ADMIN,       200),
]
# Only experts and coordinators create (services._require_cted_writer): 200 = the form,
# 302 = created.
CREATE = [
    # person       GET  POST
    (ANON,        302, 302),
    (EXPERT,      200, 302),
    (COORDINATOR, 200, 302),
    (SUB_B,       403, 403),
    ("sub_a",     403, 403),
    (COMMITTEE,   403, 403),
    (CHAIR,       403, 403),
    (FOCAL_KEN,   403, 403),
    ("focal_fra", 403, 403),
    (PARTNER,     403, 403),
    (DONOR,       403, 403),
    (ADMIN,       403, 403),
]
# The former secure area: any of its addresses moves everyone, signed in or not, to the
# document area's inbox (301, the same Location; test_route_answers_each_person).
MOVED = [(who, 301, 301, 301, 301) for who, _status in WORKSPACE_PAGE]
# fmt: on
MATRIX.add("assessments:list", "GET", ONE, WORKSPACE_PAGE)
MATRIX.add("assessments:stocktaking", "GET", ONE, WORKSPACE_PAGE)
MATRIX.add("assessments:create", "GET", ONE, [(who, get) for who, get, _post in CREATE])
MATRIX.add("assessments:create", "POST", ONE, [(who, post) for who, _get, post in CREATE])
MATRIX.add("assessments_secure:moved", "GET", STAGES, MOVED)

# --- Pages of one file, at each stage -------------------------------------------------------

# fmt: off
SEES_FILE = [
    # person       draft with_sub with_com sent
    (ANON,        302, 302, 302, 302),
    (EXPERT,      200, 200, 200, 200),
    (COORDINATOR, 200, 200, 200, 200),
    (SUB_B,       404, 200, 200, 200),
    ("sub_a",     404, 404, 404, 404),
    (COMMITTEE,   404, 404, 200, 200),
    (CHAIR,       404, 404, 200, 200),
    (FOCAL_KEN,   404, 404, 404, 404),
    ("focal_fra", 404, 404, 404, 404),
    (PARTNER,     404, 404, 404, 404),
    (DONOR,       404, 404, 404, 404),
    (ADMIN,       200, 200, 200, 200),
]
# Editing: experts and coordinators, drafts only (302 = saved, back to the editor);
# 400 = an editor on a file that is no longer a draft; 403 = can see, never edits.
EDITS = [
    (ANON,        302, 302, 302, 302),
    (EXPERT,      302, 400, 400, 400),
    (COORDINATOR, 302, 400, 400, 400),
    (SUB_B,       404, 403, 403, 403),
    ("sub_a",     404, 404, 404, 404),
    (COMMITTEE,   404, 404, 403, 403),
    (CHAIR,       404, 404, 403, 403),
    (FOCAL_KEN,   404, 404, 404, 404),
    ("focal_fra", 404, 404, 404, 404),
    (PARTNER,     404, 404, 404, 404),
    (DONOR,       404, 404, 404, 404),
    (ADMIN,       403, 403, 403, 403),
]
# A "committee" comment: everyone who sees the file may write one (302 = added).
COMMENTS = [
    (ANON,        302, 302, 302, 302),
    (EXPERT,      302, 302, 302, 302),
    (COORDINATOR, 302, 302, 302, 302),
    (SUB_B,       404, 302, 302, 302),
    ("sub_a",     404, 404, 404, 404),
    (COMMITTEE,   404, 404, 302, 302),
    (CHAIR,       404, 404, 302, 302),
    (FOCAL_KEN,   404, 404, 404, 404),
    ("focal_fra", 404, 404, 404, 404),
    (PARTNER,     404, 404, 404, 404),
    (DONOR,       404, 404, 404, 404),
    (ADMIN,       302, 302, 302, 302),
]
# "Return for revision": 302 = returned; 400 = a reviewer, but not at this stage;
# 403 = can see the file, never returns one.
RETURNS = [
    (ANON,        302, 302, 302, 302),
    (EXPERT,      403, 403, 403, 403),
    (COORDINATOR, 400, 400, 400, 400),
    (SUB_B,       404, 302, 400, 400),
    ("sub_a",     404, 404, 404, 404),
    (COMMITTEE,   404, 404, 302, 400),
    (CHAIR,       404, 404, 302, 400),
    (FOCAL_KEN,   404, 404, 404, 404),
    ("focal_fra", 404, 404, 404, 404),
    (PARTNER,     404, 404, 404, 404),
    (DONOR,       404, 404, 404, 404),
    (ADMIN,       403, 403, 403, 403),
]
# Assigning the expert and the due date: coordinators only, at any stage (302 = saved);
# 403 = can see the file, never assigns.
ASSIGNS = [
    (ANON,        302, 302, 302, 302),
    (EXPERT,      403, 403, 403, 403),
    (COORDINATOR, 302, 302, 302, 302),
    (SUB_B,       404, 403, 403, 403),
    ("sub_a",     404, 404, 404, 404),
    (COMMITTEE,   404, 404, 403, 403),
    (CHAIR,       404, 404, 403, 403),
    (FOCAL_KEN,   404, 404, 404, 404),
    ("focal_fra", 404, 404, 404, 404),
    (PARTNER,     404, 404, 404, 404),
    (DONOR,       404, 404, 404, 404),
    (ADMIN,       403, 403, 403, 403),
]
# Suggesting wording: coordinators, subcommittee and Committee members on the files they
# see (302 = made); 400 = not once the file is approved; 403 = sees the file, never suggests.
SUGGESTS = [
    (ANON,        302, 302, 302, 302),
    (EXPERT,      403, 403, 403, 403),
    (COORDINATOR, 302, 302, 302, 400),
    (SUB_B,       404, 302, 302, 400),
    ("sub_a",     404, 404, 404, 404),
    (COMMITTEE,   404, 404, 302, 400),
    (CHAIR,       404, 404, 302, 400),
    (FOCAL_KEN,   404, 404, 404, 404),
    ("focal_fra", 404, 404, 404, 404),
    (PARTNER,     404, 404, 404, 404),
    (DONOR,       404, 404, 404, 404),
    (ADMIN,       403, 403, 403, 403),
]
# fmt: on
for route in ("detail", "versions", "compare", "previous"):
    MATRIX.add(f"assessments:{route}", "GET", STAGES, SEES_FILE)
for route in ("answer_save", "note_save", "recommendations_save"):
    MATRIX.add(f"assessments:{route}", "POST", STAGES, EDITS)
MATRIX.add("assessments:comment_add", "POST", STAGES, COMMENTS)
MATRIX.add("assessments:suggestion_add", "POST", STAGES, SUGGESTS)
# Accepting or rejecting a suggestion: whoever edits the draft (302 = decided), as EDITS.
for route in ("suggestion_accept", "suggestion_reject"):
    MATRIX.add(f"assessments:{route}", "POST", STAGES, EDITS)
MATRIX.add("assessments:transition", "POST", STAGES, RETURNS)
MATRIX.add("assessments:assign", "POST", STAGES, ASSIGNS)
# A priority recommendation as an assistance need (the assistance app's hook): the writers,
# at any stage (302 = recorded); who sees the file without writing: 403.
NEED_FROM_RECOMMENDATION = [
    (who, *(302 if status == 400 else status for status in statuses)) for who, *statuses in EDITS
]
MATRIX.add("assessments:recommendation_need", "POST", STAGES, NEED_FROM_RECOMMENDATION)

# --- The State's reply ----------------------------------------------------------------------

# fmt: off
# On the workspace's page: whoever sees Kenya's file gets its reply (200, the file); asked
# through France's file, Kenya's reply is nobody's (404).
REPLY_IN_WORKSPACE = [
    # person       replied foreign_reply
    (ANON,        302, 302),
    (EXPERT,      200, 404),
    (COORDINATOR, 200, 404),
    (SUB_B,       200, 404),
    ("sub_a",     404, 404),
    (COMMITTEE,   200, 404),
    (CHAIR,       200, 404),
    (FOCAL_KEN,   404, 404),
    ("focal_fra", 404, 404),
    (PARTNER,     404, 404),
    (DONOR,       404, 404),
    (ADMIN,       200, 404),
]
# fmt: on
MATRIX.add("assessments:reply_download", "GET", REPLIES, REPLY_IN_WORKSPACE)

# --- The API: session or token, JSON answers; nobody signed in gets 403 ---------------------

# fmt: off
API_LISTS = [(ANON, 403)] + [(who, 200) for who, _status in WORKSPACE_PAGE[1:]]
# Roles that never see an assessment see no format either (permissions.format_scope).
API_FORMAT = [(ANON, 403)] + WORKSPACE_PAGE[1:]
API_SEES_FILE = [
    # person       draft with_sub with_com sent
    (ANON,        403, 403, 403, 403),
    (EXPERT,      200, 200, 200, 200),
    (COORDINATOR, 200, 200, 200, 200),
    (SUB_B,       404, 200, 200, 200),
    ("sub_a",     404, 404, 404, 404),
    (COMMITTEE,   404, 404, 200, 200),
    (CHAIR,       404, 404, 200, 200),
    (FOCAL_KEN,   404, 404, 404, 404),
    ("focal_fra", 404, 404, 404, 404),
    (PARTNER,     404, 404, 404, 404),
    (DONOR,       404, 404, 404, 404),
    (ADMIN,       200, 200, 200, 200),
]
# "Return for revision": the page's rules, 201 = returned.
API_RETURNS = [
    (ANON,        403, 403, 403, 403),
    (EXPERT,      403, 403, 403, 403),
    (COORDINATOR, 400, 400, 400, 400),
    (SUB_B,       404, 201, 400, 400),
    ("sub_a",     404, 404, 404, 404),
    (COMMITTEE,   404, 404, 201, 400),
    (CHAIR,       404, 404, 201, 400),
    (FOCAL_KEN,   404, 404, 404, 404),
    ("focal_fra", 404, 404, 404, 404),
    (PARTNER,     404, 404, 404, 404),
    (DONOR,       404, 404, 404, 404),
    (ADMIN,       403, 403, 403, 403),
]
# Suggestions: the page's rules; 201 = made, 200 = decided.
API_SUGGESTS = [(ANON, 403, 403, 403, 403)] + [
    (who, *(201 if code == 302 else code for code in codes)) for who, *codes in SUGGESTS[1:]
]
API_DECIDES = [(ANON, 403, 403, 403, 403)] + [
    (who, *(200 if code == 302 else code for code in codes)) for who, *codes in EDITS[1:]
]
# fmt: on
MATRIX.add("api:assessment-list", "GET", ONE, API_LISTS)
MATRIX.add("api:assessment-format-list", "GET", ONE, API_LISTS)
MATRIX.add("api:assessment-format-detail", "GET", ONE, API_FORMAT)
for route in ("detail", "versions", "transitions"):
    MATRIX.add(f"api:assessment-{route}", "GET", STAGES, API_SEES_FILE)
MATRIX.add("api:assessment-transitions", "POST", STAGES, API_RETURNS)
MATRIX.add("api:assessment-suggestions", "GET", STAGES, API_SEES_FILE)
MATRIX.add("api:assessment-suggestions", "POST", STAGES, API_SUGGESTS)
for route in ("accept", "reject"):
    MATRIX.add(f"api:assessment-suggestion-{route}", "POST", STAGES, API_DECIDES)


# --- The files, made once ----------------------------------------------------------------------


@dataclass(frozen=True)
class World:
    people: dict  # tests.conftest.MATRIX_PEOPLE → user
    files: dict  # variant → assessment pk
    replies: dict  # variant → pk of the State's reply asked for
    reply_content: bytes
    format_code: str


def _suggested(assessment, stage, people):
    suggestion_make(assessment, people[COORDINATOR], "<p>A clearer cover note.</p>", code=None)
    return assessment_advance(assessment, stage, people)


@pytest.fixture(scope="module")
def world(matrix_people, tmp_path_factory):
    """Kenya's files at each stage, each with a previous one, Kenya's replied file, and
    France's sent file; all through the services."""
    people = matrix_people
    kenya = MemberState.objects.get(iso3="KEN")
    france = MemberState.objects.get(iso3="FRA")
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        fmt = AssessmentFormatFactory(by=people[ADMIN])
        kenyan = {"state": kenya, "format": fmt, "people": people, "assignee": people[EXPERT]}
        # The 2011 draft is the previous file of the first one below, so "previous" answers.
        AssessmentFactory(cycle=2011, **kenyan)
        # Each with one open suggestion on its cover note, made on the draft.
        files = {
            stage: _suggested(AssessmentFactory(cycle=2012 + i, **kenyan), stage, people).pk
            for i, stage in enumerate(STAGES)
        }
        replied = AssessmentFactory(cycle=2016, stage=S.REPLIED, **kenyan)
        french = AssessmentFactory(
            state=france, format=fmt, cycle=2012, stage=S.SENT, assignee=people[EXPERT]
        )
        reply = replied.replies.get()
        with reply.file.open("rb") as handle:
            content = handle.read()
        yield World(
            people=people,
            files={**files, "replied": replied.pk, "foreign_reply": french.pk},
            replies={"replied": reply.pk, "foreign_reply": reply.pk},
            reply_content=content,
            format_code=fmt.code,
        )


@pytest.mark.parametrize("row", MATRIX.params())
def test_route_answers_each_person(client, world, row):
    pk = world.files.get(row.variant)
    # Fresh from the database: the test before may have changed and rolled back this file.
    assessment = Assessment.objects.get(pk=pk) if pk else None
    request = routes.call(
        row.route,
        row.method,
        assessment,
        reply_pk=world.replies.get(row.variant),
        format_code=world.format_code,
        assignee_pk=world.people[EXPERT].pk,
    )
    user = world.people[row.who]
    if user is not None:
        client.force_login(user)

    response = request.send(client)

    assert response.status_code == row.expected
    if row.route.startswith("api:"):
        assert response["Content-Type"] == "application/json"
    elif row.expected == 302 and user is None:
        assert response["Location"].startswith(f"{LOGIN}?next={request.path}")
    elif row.expected == 302:
        assert response["Location"].startswith("/en/assessments/")
    elif row.expected == 301:
        assert response["Location"] == "/en/secure/"
    if row.route.endswith(":reply_download") and row.expected == 200:
        assert b"".join(response.streaming_content) == world.reply_content
