"""What is internal never reaches a State: the cover note (addressed to the subcommittee),
the comments and the reviewers' suggestions (wording, notes, reasons for rejecting them).
Every route a focal point can call, page or API, with each method, is asked by Kenya's and
France's focal points (the rows of the permission matrices), over files whose cover note,
comments and suggestions carry a marker; the marker is in no answer. The
e-mail telling focal points of a sent file does not carry it either."""

import datetime

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from assessments import selectors, services
from assessments.enums import AssessmentStatus, CommentVisibility
from assessments.models import Assessment, SentSnapshot
from ctc.accounts.enums import Role
from ctc.jobs.models import Job
from ctc.notifications.models import Notification
from ctc.states.models import DialogueEntry, MemberState
from tests.factories import (
    AssessmentFactory,
    AssessmentFormatFactory,
    assessment_advance,
    suggestion_make,
)
from tests.matrix import Call
from tests.test_permissions import MATRICES

from . import routes

pytestmark = pytest.mark.django_db

S = AssessmentStatus
COVER = "Zq7-cover-note-for-the-subcommittee"
CTED_COMMENT = "Zq7-cted-internal-comment"
COMMITTEE_COMMENT = "Zq7-committee-comment"
SUGGESTED = "Zq7-suggested-wording"
SUGGESTION_NOTE = "Zq7-suggestion-note"
REJECTION = "Zq7-rejection-reason"
MARKERS = [COVER, CTED_COMMENT, COMMITTEE_COMMENT, SUGGESTED, SUGGESTION_NOTE, REJECTION]
LETTER = "Zq7-letter-the-State-reads"
FOCAL_POINTS = (Role.FOCAL_POINT, "focal_fra")
# The site's and the assessments' routes: the document area's own (where what was sent now
# reaches the State) have their leak tests in tests/docs_tracker; the filed PDFs' pages are
# checked below (test_documents_filed_for_the_state_…).
# Visits carry none of these markers and their rows need visits (tests/visits has their
# scoping); visit reports answer a focal point 404 on every route
# (tests/visits/test_permissions_report.py): the State reads the transmitted report in the
# document area. Technical assistance answers a focal point 404 on every route, in the API
# as on the pages (tests/assistance/test_permissions_*.py). The work programme answers a focal
# point 404 on every staff route (tests/programme/test_permissions.py). Publications and news
# are public content edited in the admin, never built from a file (tests/publications).
FOCAL_ROWS = [
    row
    for name, matrix in MATRICES.items()
    if name != "docs_tracker"
    and not name.startswith(("visits_", "assistance_", "programme", "publications"))
    for row in matrix
    if row.who in FOCAL_POINTS
]


def _internal_file(people, fmt, state, cycle, stage):
    """A file with a marked cover note and marked comments of each visibility, at `stage`."""
    expert = people[Role.CTED_EXPERT]
    assessment = AssessmentFactory(
        state=state, format=fmt, cycle=cycle, people=people, assignee=expert
    )
    services.note_save(
        assessment=assessment, field="cover_note", text=f"<p>{COVER}</p>", revision=0, by=expert
    )
    services.note_save(
        assessment=assessment, field="letter", text=f"<p>{LETTER}</p>", revision=0, by=expert
    )
    section = fmt.sections.first()
    question = section.questions.first()
    # Each comment names the focal points too: a mention must not carry it to them.
    for body, visibility in (
        (f"{CTED_COMMENT} @focal_ken @focal_fra", CommentVisibility.CTED),
        (f"{COMMITTEE_COMMENT} @focal_ken @focal_fra", CommentVisibility.COMMITTEE),
    ):
        services.comment_add(
            assessment=assessment, body=body, visibility=visibility, by=expert, section=section
        )
        services.comment_add(
            assessment=assessment, body=body, visibility=visibility, by=expert, question=question
        )
    _suggestions(assessment, people)
    return assessment_advance(Assessment.objects.get(pk=assessment.pk), stage, people)


def _suggestions(assessment, people):
    """Marked suggestions on a finding and on the letter, open, and one rejected."""
    coordinator = people[Role.CTED_COORDINATOR]
    suggestion_make(assessment, coordinator, f"<p>{SUGGESTED}</p>", note=SUGGESTION_NOTE)
    rejected = suggestion_make(assessment, coordinator, f"<p>{SUGGESTED} 2</p>", code="1.2")
    services.suggestion_reject(suggestion=rejected, reason=REJECTION, by=assessment.assignee)
    services.suggestion_make(
        assessment=assessment,
        part="letter",
        proposed_text=f"<p>{LETTER} {SUGGESTED}</p>",
        note=SUGGESTION_NOTE,
        by=coordinator,
    )


@pytest.fixture(scope="module")
def world(matrix_people, tmp_path_factory):
    people = matrix_people
    kenya = MemberState.objects.get(iso3="KEN")
    france = MemberState.objects.get(iso3="FRA")
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        fmt = AssessmentFormatFactory(by=people[Role.ADMINISTRATOR])
        _internal_file(people, fmt, kenya, 2011, S.DRAFT)  # the previous file of the next
        stages = [S.DRAFT, S.WITH_SUBCOMMITTEE, S.WITH_COMMITTEE, S.SENT]
        files = {
            stage: _internal_file(people, fmt, kenya, 2012 + i, stage).pk
            for i, stage in enumerate(stages)
        }
        replied = _internal_file(people, fmt, kenya, 2016, S.REPLIED)
        french = _internal_file(people, fmt, france, 2012, S.SENT)
        reply = replied.replies.get()
        yield {
            "people": people,
            "files": {**files, "replied": replied.pk, "foreign_reply": french.pk},
            "replies": {"replied": reply.pk, "foreign_reply": reply.pk},
            "format_code": fmt.code,
            "french": french.pk,
        }


def _site_call(route, method, people, who=None, variant=None) -> Call:
    by_iso3 = (
        "public:state_detail",
        "api:state-detail",
        "partner_states:detail",
        "api:partner-state-profile-detail",
        "overview:timeline",
        "overview:dialogue_new",
    )
    kwargs = {"iso3": "KEN"} if route in by_iso3 else {}
    if route in ("accounts:token_revoke", "api:me-token-detail"):
        kwargs = {"pk": "0" * 16}  # no such token: the person's own are listed elsewhere
    if route.startswith("jobs:"):
        owner = people[Role.CTED_COORDINATOR]
        kwargs = {"pk": Job.objects.create(kind="matrix.test", created_by=owner).pk}
    if route == "notifications:open":
        # The focal point's own (a file sent to their State), or the expert's, with comments.
        owner = people[who] if variant == "own" else people[Role.CTED_EXPERT]
        kwargs = {"pk": Notification.objects.filter(recipient=owner).earliest("pk").pk}
    if route == "overview:dialogue_edit":
        # An entry of the row's State (the focal points get 404 before it is read).
        entry = DialogueEntry.objects.create(
            state=MemberState.objects.get(iso3=variant),
            held_on=datetime.date(2012, 2, 1),
            kind="letter",
            summary="A letter.",
            recorded_by=people[Role.CTED_EXPERT],
        )
        kwargs = {"iso3": variant, "pk": entry.pk}
    data = {"notification_mode": "digest"} if route == "notifications:preferences" else {}
    with translation.override("en"):
        return Call(method, reverse(route, kwargs=kwargs), data)


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


@pytest.mark.parametrize("row", [pytest.param(row, id=row.id) for row in FOCAL_ROWS])
def test_no_internal_text_in_anything_a_focal_point_gets(client, world, row):
    pk = world["files"].get(row.variant)
    assessment = Assessment.objects.get(pk=pk) if pk else None
    if row.route.startswith(("assessments", "api:assessment")):
        request = routes.call(
            row.route,
            row.method,
            assessment,
            reply_pk=world["replies"].get(row.variant),
            format_code=world["format_code"],
            assignee_pk=world["people"][Role.CTED_EXPERT].pk,
        )
    else:
        request = _site_call(row.route, row.method, world["people"], row.who, row.variant)
    client.force_login(world["people"][row.who])

    response = request.send(client)

    assert response.status_code == row.expected
    body = _body(response)
    assert [marker for marker in MARKERS if marker in body] == []


@pytest.mark.parametrize("kind", ["pia", "letter"])
def test_documents_filed_for_the_state_carry_the_assessment_and_letter_but_no_cover_note(
    world, kind
):
    """The pages the filed PDFs are printed from, for Kenya's sent and replied files and
    France's own (the PDF itself: test_sent_documents)."""
    for key in (S.SENT, "replied"):
        snapshot = SentSnapshot.objects.get(assessment_id=world["files"][key])

        _language, html = selectors.sent_document_html(snapshot=snapshot, kind=kind)

        assert (LETTER in html) is (kind == "letter")
        assert ("The State has adopted a law." in html) is (kind == "pia")
        assert [marker for marker in MARKERS if marker in html] == []
    french = SentSnapshot.objects.get(assessment_id=world["french"])
    assert [
        m for m in MARKERS if m in selectors.sent_document_html(snapshot=french, kind=kind)[1]
    ] == []


def test_email_to_focal_points_carries_no_internal_text(world, django_capture_on_commit_callbacks):
    people = world["people"]
    kenya = MemberState.objects.get(iso3="KEN")
    fmt = Assessment.objects.get(pk=world["files"][S.SENT]).format
    approved = _internal_file(people, fmt, kenya, 2030, S.APPROVED)

    with django_capture_on_commit_callbacks(execute=True):
        services.assessment_send_to_state(assessment=approved, by=people[Role.CTED_COORDINATOR])

    # sent_snapshot_notify's only: the document area files the two documents quietly.
    assert [m.to for m in mail.outbox] == [[people[Role.FOCAL_POINT].email]]
    for message in mail.outbox:
        text = message.subject + message.body + "".join(str(a) for a in message.attachments)
        assert [marker for marker in MARKERS if marker in text] == []


INTERNAL = "Internal — not sent to the State"


def test_editor_marks_the_cover_note_and_the_comments_internal_and_not_the_letter(client, world):
    client.force_login(world["people"][Role.CTED_EXPERT])

    html = client.get(f"/en/assessments/{world['files'][S.DRAFT]}/").content.decode()

    cover = html[html.index('<section class="note-block" id="cover_note">') :]
    cover = cover[: cover.index("</section>")]
    letter = html[html.index('<section class="note-block" id="letter">') :]
    # The letter itself, without the reviewers' suggestions on it (those are internal).
    letter = letter[: letter.index("</section>")].split('<div class="suggestions"')[0]
    assert INTERNAL in cover
    assert INTERNAL not in letter
    comment_blocks = [
        part.split("</details>")[0] for part in html.split('<details class="comments"')[1:]
    ]
    assert len(comment_blocks) >= 2
    assert all(INTERNAL in block for block in comment_blocks)


def test_editor_marks_open_suggestions_internal(client, world):
    client.force_login(world["people"][Role.SUBCOMMITTEE_MEMBER])

    html = client.get(f"/en/assessments/{world['files'][S.WITH_SUBCOMMITTEE]}/").content.decode()

    blocks = [part.split("</ul>")[0] for part in html.split('<div class="suggestions"')[1:]]
    with_open = [block for block in blocks if "suggestions-title" in block]
    assert len(with_open) == 2  # finding 1.1 and the letter
    assert all(INTERNAL in block for block in with_open)
    assert SUGGESTED in html
    assert REJECTION in html
