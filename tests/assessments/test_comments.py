"""Comments: CTED-internal or for the subcommittee and Committee; never for focal points."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments import services
from assessments.enums import AssessmentStatus, CommentVisibility
from assessments.models import Comment
from ctc.accounts.enums import Role
from ctc.states.models import MemberState
from tests.assessments.dom import parse
from tests.factories import assessment_advance

pytestmark = pytest.mark.django_db

CTED, COMMITTEE = CommentVisibility.CTED, CommentVisibility.COMMITTEE
INTERNAL = "Internal: the 2005 law is weaker than it looks."
SHARED = "For members: the annex lists the cases."


@pytest.fixture
def file(draft, personas):
    """Kenya's file with the Committee, so that every reviewer can read it."""
    return assessment_advance(draft, AssessmentStatus.WITH_COMMITTEE, personas)


@pytest.fixture
def internal(file, personas):
    return services.comment_add(
        assessment=file,
        body=INTERNAL,
        visibility=CTED,
        by=personas[Role.CTED_EXPERT],
        question=file.answers.get(question__code="1.1").question,
    )


@pytest.fixture
def shared(file, personas):
    return services.comment_add(
        assessment=file,
        body=SHARED,
        visibility=COMMITTEE,
        by=personas[Role.CTED_COORDINATOR],
        section=file.format.sections.get(code="human-rights"),
    )


def _page(assessment):
    return f"/en/assessments/{assessment.pk}/"


def _post(assessment):
    return f"/en/assessments/{assessment.pk}/comments/"


# fmt: off
READERS = [
    # person                     CTED-internal  committee  may choose
    (Role.CTED_EXPERT,           True,          True,      [CTED, COMMITTEE]),
    (Role.CTED_COORDINATOR,      True,          True,      [CTED, COMMITTEE]),
    (Role.ADMINISTRATOR,         True,          True,      [CTED, COMMITTEE]),
    (Role.SUBCOMMITTEE_MEMBER,   False,         True,      [COMMITTEE]),
    (Role.COMMITTEE_MEMBER,      False,         True,      [COMMITTEE]),
    (Role.CHAIR,                 False,         True,      [COMMITTEE]),
]
# fmt: on


@pytest.mark.parametrize(("person", "sees_internal", "sees_shared", "choices"), READERS)
def test_comment_is_shown_to_the_people_of_its_visibility(
    client, file, internal, shared, personas, person, sees_internal, sees_shared, choices
):
    client.force_login(personas[person])

    html = client.get(_page(file)).content.decode()

    assert (INTERNAL in html) is sees_internal
    assert (SHARED in html) is sees_shared
    assert ('<option value="cted">' in html) is (CTED in choices)
    assert ('<option value="committee">' in html) is (COMMITTEE in choices)


@pytest.mark.parametrize("person", [Role.SUBCOMMITTEE_MEMBER, Role.COMMITTEE_MEMBER, Role.CHAIR])
def test_reviewer_cannot_post_a_cted_internal_comment(client, file, personas, person):
    client.force_login(personas[person])

    response = client.post(
        _post(file),
        {"body": "Let me in.", "visibility": "cted", "section": file.format.sections.first().pk},
    )

    assert response.status_code == 400
    assert "Choose who can read the comment." in response.content.decode()
    assert Comment.objects.count() == 0


# fmt: off
WRITERS = [
    # person                     visibility
    (Role.CTED_EXPERT,           CTED),
    (Role.CTED_COORDINATOR,      COMMITTEE),
    (Role.ADMINISTRATOR,         CTED),
    (Role.SUBCOMMITTEE_MEMBER,   COMMITTEE),
    (Role.COMMITTEE_MEMBER,      COMMITTEE),
    (Role.CHAIR,                 COMMITTEE),
]
# fmt: on


@pytest.mark.parametrize(("person", "visibility"), WRITERS)
def test_comment_on_a_question_is_saved_and_anchored(client, file, personas, person, visibility):
    question = file.answers.get(question__code="1.2")
    client.force_login(personas[person])

    response = client.post(
        _post(file),
        {"body": "  See S/2012/1.  ", "visibility": visibility, "question": question.question_id},
    )

    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/assessments/{file.pk}/#c-{comment.pk}"
    # The fragment names an element of the page: the new comment, inside its question.
    target = parse(client.get(response["Location"].split("#")[0])).by_id(f"c-{comment.pk}")
    assert target is not None
    assert "See S/2012/1." in target.text()
    assert f"q-{question.pk}" in [node.get("id") for node in target.ancestors()]
    assert (comment.body, comment.visibility, comment.author, comment.question_id) == (
        "See S/2012/1.",
        visibility,
        personas[person],
        question.question_id,
    )
    assert (comment.section_id, comment.parent_id) == (None, None)


def test_reply_inherits_the_visibility_and_place_of_its_parent(client, file, internal, personas):
    client.force_login(personas[Role.CTED_COORDINATOR])

    response = client.post(
        _post(file),
        {"body": "Agreed, see article 4.", "visibility": "committee", "parent": internal.pk},
    )

    assert response.status_code == 302
    reply = Comment.objects.get(parent=internal)
    assert (reply.visibility, reply.question_id, reply.section_id) == (
        CTED,
        internal.question_id,
        None,
    )
    assert response["Location"] == f"/en/assessments/{file.pk}/#c-{reply.pk}"
    page = parse(client.get(_page(file)))
    assert "Agreed, see article 4." in page.by_id(f"c-{reply.pk}").text()


def test_reply_is_threaded_under_its_parent_on_the_page(client, file, internal, shared, personas):
    services.comment_add(
        assessment=file,
        body="Reply to the internal note.",
        visibility=CTED,
        by=personas[Role.CTED_COORDINATOR],
        parent=internal,
    )
    services.comment_add(
        assessment=file,
        body="Reply from subcommittee B.",
        visibility=COMMITTEE,
        by=personas[Role.SUBCOMMITTEE_MEMBER],
        parent=shared,
    )
    client.force_login(personas[Role.CTED_EXPERT])

    html = client.get(_page(file)).content.decode()

    internal_item = html.split(INTERNAL, 1)[1].split('class="reply-form"', 1)[0]
    shared_item = html.split(SHARED, 1)[1].split('class="reply-form"', 1)[0]
    assert '<ul class="comment-replies">' in internal_item
    assert "Reply to the internal note." in internal_item
    assert "Reply from subcommittee B." not in internal_item
    assert "Reply from subcommittee B." in shared_item
    assert html.count("Reply to the internal note.") == 1


def test_reply_to_a_cted_internal_comment_stays_hidden_from_reviewers(
    client, file, internal, personas
):
    services.comment_add(
        assessment=file,
        body="Internal reply.",
        visibility=COMMITTEE,
        by=personas[Role.CTED_COORDINATOR],
        parent=internal,
    )
    client.force_login(personas[Role.CHAIR])

    html = client.get(_page(file)).content.decode()

    assert Comment.objects.get(body="Internal reply.").visibility == CTED
    assert "Internal reply." not in html


def test_reply_of_a_reviewer_to_a_shared_comment_is_visible_to_the_committee(
    client, file, shared, personas
):
    client.force_login(personas[Role.SUBCOMMITTEE_MEMBER])
    client.post(
        _post(file), {"body": "Noted by B.", "visibility": "committee", "parent": shared.pk}
    )
    client.force_login(personas[Role.COMMITTEE_MEMBER])

    html = client.get(_page(file)).content.decode()

    reply = Comment.objects.get(parent=shared)
    assert (reply.visibility, reply.section_id, reply.author) == (
        COMMITTEE,
        shared.section_id,
        personas[Role.SUBCOMMITTEE_MEMBER],
    )
    assert "Noted by B." in html.split(SHARED, 1)[1].split('class="reply-form"', 1)[0]


def test_reviewer_cannot_reply_to_a_cted_internal_comment(client, file, internal, personas):
    client.force_login(personas[Role.SUBCOMMITTEE_MEMBER])

    response = client.post(
        _post(file), {"body": "Let me in.", "visibility": "committee", "parent": internal.pk}
    )

    assert response.status_code == 404
    assert Comment.objects.count() == 1


def test_reply_to_a_comment_of_another_assessment_is_404(client, file, pia_format, personas):
    expert = personas[Role.CTED_EXPERT]
    other = services.assessment_create(
        state=MemberState.objects.get(iso3="GHA"), fmt=pia_format, cycle=2012, by=expert
    )
    elsewhere = services.comment_add(
        assessment=other,
        body="On Ghana.",
        visibility=COMMITTEE,
        by=expert,
        section=other.format.sections.first(),
    )
    client.force_login(expert)

    response = client.post(
        _post(file), {"body": "Cross-talk.", "visibility": "committee", "parent": elsewhere.pk}
    )

    assert response.status_code == 404
    assert list(Comment.objects.values_list("body", flat=True)) == ["On Ghana."]


def test_reply_to_a_reply_is_shown_in_the_thread(client, file, internal, personas):
    coordinator, expert = personas[Role.CTED_COORDINATOR], personas[Role.CTED_EXPERT]
    reply = services.comment_add(
        assessment=file, body="First reply.", visibility=CTED, by=coordinator, parent=internal
    )
    client.force_login(expert)
    client.post(
        _post(file), {"body": "Answer to the reply.", "visibility": "cted", "parent": reply.pk}
    )

    html = client.get(_page(file)).content.decode()

    assert Comment.objects.filter(body="Answer to the reply.").count() == 1
    assert "Answer to the reply." in html.split(INTERNAL, 1)[1].split('class="reply-form"', 1)[0]


# fmt: off
BAD_COMMENTS = [
    # what            body          visibility   message
    ("empty",         "",           "committee", "This field is required."),
    ("blank",         "   \n  ",    "committee", "This field is required."),
    ("4001 chars",    "x" * 4001,   "committee",
     "Ensure this value has at most 4000 characters (it has 4001)."),
    ("no visibility", "Fine.",      "",          "This field is required."),
    ("unknown",       "Fine.",      "public",
     "Select a valid choice. public is not one of the available choices."),
]
# fmt: on


@pytest.mark.parametrize(
    ("body", "visibility", "message"), [pytest.param(*row[1:], id=row[0]) for row in BAD_COMMENTS]
)
def test_bad_comment_is_a_clear_400_and_saves_nothing(
    client, file, personas, body, visibility, message
):
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.post(
        _post(file),
        {"body": body, "visibility": visibility, "section": file.format.sections.first().pk},
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert Comment.objects.count() == 0


def test_comment_of_exactly_4000_characters_is_saved(client, file, personas):
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.post(
        _post(file),
        {"body": "x" * 4000, "visibility": "committee", "section": file.format.sections.first().pk},
    )

    assert response.status_code == 302
    assert len(Comment.objects.get().body) == 4000


def test_comment_on_a_question_of_another_format_is_404(client, file, next_format, personas):
    foreign = next_format.sections.get(code="legislation").questions.get(code="1.3")
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.post(
        _post(file), {"body": "Misplaced.", "visibility": "committee", "question": foreign.pk}
    )

    assert response.status_code == 404
    assert Comment.objects.count() == 0


@pytest.mark.parametrize(
    ("stage", "replied"),
    [
        (AssessmentStatus.DRAFT, False),
        (AssessmentStatus.WITH_COMMITTEE, False),
        (AssessmentStatus.SENT, False),
        (AssessmentStatus.SENT, True),
    ],
)
def test_focal_point_never_sees_comments(
    client, draft, personas, settings, tmp_path, stage, replied
):
    settings.MEDIA_ROOT = tmp_path
    draft = assessment_advance(draft, stage, personas)
    for body, visibility in [(INTERNAL, CTED), (SHARED, COMMITTEE)]:
        services.comment_add(
            assessment=draft,
            body=body,
            visibility=visibility,
            by=personas[Role.CTED_EXPERT],
            section=draft.format.sections.first(),
        )
    focal_point = personas[Role.FOCAL_POINT]
    if replied:
        services.assessment_record_reply(
            assessment=draft, by=focal_point, upload=SimpleUploadedFile("r.pdf", b"%PDF-1.4")
        )
    client.force_login(focal_point)

    workspace = client.get(_page(draft))
    post = client.post(_post(draft), {"body": "Hello.", "visibility": "committee"})

    assert (workspace.status_code, post.status_code) == (404, 404)
    assert Comment.objects.count() == 2
