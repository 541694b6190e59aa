import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments import services
from assessments.enums import AssessmentStatus, CommentVisibility, FormatStatus
from assessments.models import AssessmentFormat, Transition
from ctc.accounts.enums import Role
from ctc.states.models import MemberState
from ctc.themes.models import ThematicArea
from tests.factories import SubcommitteeFactory, UserFactory, answer_all, suggestion_make

pytestmark = pytest.mark.django_db

API = "/api/v1/assessments/"
FORMATS = "/api/v1/assessment-formats/"
S = AssessmentStatus


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """State replies are stored files; keep them out of the project's media folder."""
    settings.MEDIA_ROOT = tmp_path


def _reply_file():
    return SimpleUploadedFile("reply.pdf", b"%PDF-1.4 reply", content_type="application/pdf")


def _record_reply(*, assessment, by):
    return services.assessment_record_reply(
        assessment=assessment, by=by, upload=_reply_file()
    ).assessment


# Each status, with the service and the role that bring a file there from the one before.
STEPS = [
    (S.CTED_REVIEW, services.assessment_submit, Role.CTED_EXPERT),
    (S.WITH_SUBCOMMITTEE, services.assessment_send_to_subcommittee, Role.CTED_COORDINATOR),
    (S.WITH_COMMITTEE, services.assessment_recommend, Role.SUBCOMMITTEE_MEMBER),
    (S.APPROVED, services.assessment_approve, Role.COMMITTEE_MEMBER),
    (S.SENT, services.assessment_send_to_state, Role.CTED_COORDINATOR),
    (S.REPLIED, _record_reply, Role.CTED_COORDINATOR),
    (S.CLOSED, services.assessment_close, Role.CTED_COORDINATOR),
]


def _bring_to(assessment, personas, status):
    """Moves a fresh draft through the workflow until it reaches `status`."""
    if status == S.DRAFT:
        return assessment
    answer_all(assessment, personas[Role.CTED_EXPERT])
    for target, service, role in STEPS:
        assessment = service(assessment=assessment, by=personas[role])
        if target == status:
            return assessment
    raise AssertionError(status)


def _create(iso3, fmt, personas, cycle=2012):
    return services.assessment_create(
        state=MemberState.objects.get(iso3=iso3),
        fmt=fmt,
        cycle=cycle,
        by=personas[Role.CTED_EXPERT],
    )


def _ids(response):
    return [row["id"] for row in response.json()["results"]]


def _iso(moment: datetime.datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


# --- List ------------------------------------------------------------------------------


def test_assessment_list_shows_every_field(client, draft, personas):
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.get(API)

    assert response.status_code == 200
    assert response.json() == {
        "count": 1,
        "next": None,
        "previous": None,
        "results": [
            {
                "id": draft.pk,
                "state": "KEN",
                "state_name": "Kenya",
                "cycle": 2012,
                "status": "draft",
                "status_display": "Draft",
                "format": "test-2012",
                "assignee": "expert",
                "due_on": None,
                "subcommittee": "B",
                "question_count": 3,
                "answered_count": 0,
                "updated_at": _iso(draft.updated_at),
                "url": f"http://testserver/en/assessments/{draft.pk}/",
            }
        ],
    }


def test_assessment_list_speaks_the_request_language(client, draft, personas):
    client.force_login(personas[Role.CTED_EXPERT])

    row = client.get(API, headers={"accept-language": "ru"}).json()["results"][0]

    assert row["state_name"] == "Кения"
    assert row["url"] == f"http://testserver/ru/assessments/{draft.pk}/"


def test_assessment_list_counts_answered_questions(client, draft, personas):
    answer_all(draft, personas[Role.CTED_EXPERT])
    client.force_login(personas[Role.CTED_EXPERT])

    row = client.get(API).json()["results"][0]

    assert (row["question_count"], row["answered_count"]) == (3, 3)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.CTED_EXPERT, True),
        (Role.CTED_COORDINATOR, True),
        (Role.ADMINISTRATOR, True),
        (Role.SUBCOMMITTEE_MEMBER, False),
        (Role.COMMITTEE_MEMBER, False),
        (Role.CHAIR, False),
        (Role.FOCAL_POINT, False),
        (Role.PARTNER_ANALYST, False),
        (Role.DONOR, False),
    ],
)
def test_assessment_list_draft_is_seen_by_cted_only(client, draft, personas, role, expected):
    client.force_login(personas[role])

    response = client.get(API)

    assert response.status_code == 200
    assert _ids(response) == ([draft.pk] if expected else [])


def test_assessment_list_subcommittee_member_sees_the_file_once_with_subcommittee(
    client, draft, personas
):
    client.force_login(personas[Role.SUBCOMMITTEE_MEMBER])
    in_review = _bring_to(draft, personas, S.CTED_REVIEW)
    before = _ids(client.get(API))

    services.assessment_send_to_subcommittee(
        assessment=in_review, by=personas[Role.CTED_COORDINATOR]
    )
    after = _ids(client.get(API))

    assert before == []
    assert after == [draft.pk]


def test_assessment_list_other_subcommittee_never_sees_the_file(client, draft, personas):
    member_a = UserFactory(
        roles=[Role.SUBCOMMITTEE_MEMBER], subcommittee=SubcommitteeFactory(code="A")
    )
    _bring_to(draft, personas, S.WITH_SUBCOMMITTEE)
    client.force_login(member_a)

    assert _ids(client.get(API)) == []


def test_assessment_list_committee_sees_the_file_from_with_committee(client, draft, personas):
    client.force_login(personas[Role.COMMITTEE_MEMBER])
    with_subcommittee = _bring_to(draft, personas, S.WITH_SUBCOMMITTEE)
    before = _ids(client.get(API))

    services.assessment_recommend(
        assessment=with_subcommittee, by=personas[Role.SUBCOMMITTEE_MEMBER]
    )
    after = _ids(client.get(API))

    assert before == []
    assert after == [draft.pk]


def test_assessment_list_anonymous_is_refused(client, draft):
    response = client.get(API)

    assert response.status_code == 403
    assert response.json() == {"detail": "Authentication credentials were not provided."}


@pytest.fixture
def afghanistan(pia_format, personas):
    """Afghanistan's 2012 assessment (subcommittee A), in CTED review, due next month."""
    assessment = _create("AFG", pia_format, personas)
    answer_all(assessment, personas[Role.CTED_EXPERT], text="Hawala networks are registered.")
    services.assessment_submit(assessment=assessment, by=personas[Role.CTED_EXPERT])
    return services.assessment_assign(
        assessment=assessment,
        assignee=None,
        due_on=timezone.localdate() + datetime.timedelta(days=30),
        by=personas[Role.CTED_COORDINATOR],
    )


@pytest.fixture
def overdue_draft(draft, personas):
    """The Kenya draft, due yesterday."""
    return services.assessment_assign(
        assessment=draft,
        assignee=personas[Role.CTED_EXPERT],
        due_on=timezone.localdate() - datetime.timedelta(days=1),
        by=personas[Role.CTED_COORDINATOR],
    )


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["KEN", "AFG"]),
        ({"status": "cted_review"}, ["AFG"]),
        ({"status": "draft"}, ["KEN"]),
        ({"subcommittee": "B"}, ["KEN"]),
        ({"subcommittee": "C"}, []),
        ({"overdue": "true"}, ["KEN"]),
        ({"overdue": "false"}, ["AFG"]),
        ({"q": "hawala"}, ["AFG"]),
        ({"q": "adopted"}, ["KEN"]),
        ({"q": "unicorn"}, []),
        ({"state": "afg"}, ["AFG"]),
        ({"region": "AFRICAN"}, ["KEN"]),
        ({"assignee": "expert"}, ["KEN"]),
        ({"format": "test-2012"}, ["KEN", "AFG"]),
    ],
)
def test_assessment_list_filters(client, overdue_draft, afghanistan, personas, params, expected):
    answer_all(overdue_draft, personas[Role.CTED_EXPERT], text="A law was adopted in 2005.")
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.get(API, params)

    assert response.status_code == 200
    assert sorted(row["state"] for row in response.json()["results"]) == sorted(expected)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"status": "finished"}, "status"),
        ({"subcommittee": "D"}, "subcommittee"),
        ({"region": "MARS"}, "region"),
        ({"state": "KENYA"}, "state"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_assessment_list_bad_filter_is_a_400_with_json(client, draft, personas, params, field):
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.get(API, params)

    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_assessment_list_bad_page_is_a_404_with_json(client, draft, personas):
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.get(API, {"page": "x"})

    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid page."}


# --- Detail ----------------------------------------------------------------------------


def test_assessment_detail_shows_content_and_actions(client, draft, personas):
    expert = personas[Role.CTED_EXPERT]
    answer = draft.answers.get(question__code="1.1")
    saved = services.answer_save(
        answer=answer,
        finding="<p>Adopted in 2005.</p>",
        status="implemented",
        sources="S/2002/1",
        revision=0,
        by=expert,
    )
    services.recommendations_save(
        assessment=draft,
        items=[("Criminalise financing.", ThematicArea.objects.get(code="cft"))],
        revision=0,
        by=expert,
    )
    services.note_save(
        assessment=draft, field="cover_note", text="<p>Cover.</p>", revision=0, by=expert
    )
    draft.refresh_from_db()
    client.force_login(expert)

    body = client.get(f"{API}{draft.pk}/").json()

    assert body["id"] == draft.pk
    assert (body["question_count"], body["answered_count"]) == (3, 1)
    assert body["updated_at"] == _iso(draft.updated_at)
    assert body["answers"] == [
        {
            "question": "1.1",
            "question_text": "Is terrorism criminalised?",
            "section": "legislation",
            "finding": "<p>Adopted in 2005.</p>",
            "status": "implemented",
            "sources": "S/2002/1",
            "revision": 1,
            "updated_by": "expert",
            "updated_at": _iso(saved.updated_at),
        },
        {
            "question": "1.2",
            "question_text": "Is the financing of terrorism criminalised?",
            "section": "legislation",
            "finding": "",
            "status": "",
            "sources": "",
            "revision": 0,
            "updated_by": None,
            "updated_at": None,
        },
        {
            "question": "2.1",
            "question_text": "Do measures comply with human rights law?",
            "section": "human-rights",
            "finding": "",
            "status": "",
            "sources": "",
            "revision": 0,
            "updated_by": None,
            "updated_at": None,
        },
    ]
    assert body["recommendations"] == [
        {"position": 1, "text": "Criminalise financing.", "thematic_area": "cft"}
    ]
    assert (body["cover_note"], body["previous"]) == ("<p>Cover.</p>", None)
    # Kenya writes in English: the letter starts from the standard English one.
    assert body["letter"] == draft.letter
    assert body["letter"].startswith("<p>Permanent Representative of Kenya")
    assert body["available_actions"] == ["submit"]


def test_assessment_detail_question_text_in_the_request_language(client, draft, personas):
    client.force_login(personas[Role.CTED_EXPERT])

    body = client.get(f"{API}{draft.pk}/", headers={"accept-language": "fr"}).json()

    assert body["answers"][0]["question_text"] == "Is terrorism criminalised? (fr)"


def test_assessment_detail_names_the_previous_assessment(client, draft, next_format, personas):
    later = _create("KEN", next_format, personas, cycle=2013)
    client.force_login(personas[Role.CTED_EXPERT])

    body = client.get(f"{API}{later.pk}/").json()

    assert body["previous"] == draft.pk
    assert [a["question"] for a in body["answers"]] == ["1.1", "1.2", "1.3", "2.1"]


def test_assessment_detail_actions_follow_role_and_status(client, draft, personas):
    with_committee = _bring_to(draft, personas, S.WITH_COMMITTEE)
    client.force_login(personas[Role.CHAIR])

    body = client.get(f"{API}{with_committee.pk}/").json()

    assert body["available_actions"] == ["approve", "return"]


def test_assessment_detail_unknown_id_is_404(client, draft, personas):
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.get(f"{API}{draft.pk + 1000}/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


# --- Versions and history --------------------------------------------------------------


def test_versions_latest_first_after_saves(client, draft, personas):
    expert = personas[Role.CTED_EXPERT]
    answer = draft.answers.get(question__code="1.1")
    answer = services.answer_save(
        answer=answer, finding="<p>One.</p>", status="", sources="", revision=0, by=expert
    )
    services.answer_save(
        answer=answer, finding="<p>Two.</p>", status="", sources="", revision=1, by=expert
    )
    client.force_login(personas[Role.CTED_COORDINATOR])

    body = client.get(f"{API}{draft.pk}/versions/").json()

    assert body["count"] == 3
    assert [(v["number"], v["summary"], v["created_by"]) for v in body["results"]] == [
        (3, "Finding 1.1", "expert"),
        (2, "Finding 1.1", "expert"),
        (1, "Created", "expert"),
    ]
    assert body["results"][2]["created_at"] == _iso(draft.versions.get(number=1).created_at)


def test_transitions_list_the_history(client, draft, personas):
    answer_all(draft, personas[Role.CTED_EXPERT])
    services.assessment_submit(assessment=draft, by=personas[Role.CTED_EXPERT], comment="Ready.")
    services.assessment_return(
        assessment=draft, by=personas[Role.CTED_COORDINATOR], comment="Add sources."
    )
    at = list(draft.transitions.values_list("at", flat=True))
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.get(f"{API}{draft.pk}/transitions/")

    assert response.status_code == 200
    assert response.json() == [
        {
            "action": "submit",
            "from_status": "draft",
            "to_status": "cted_review",
            "comment": "Ready.",
            "by": "expert",
            "at": _iso(at[0]),
        },
        {
            "action": "return",
            "from_status": "cted_review",
            "to_status": "draft",
            "comment": "Add sources.",
            "by": "coordinator",
            "at": _iso(at[1]),
        },
    ]


# --- Workflow through the API ----------------------------------------------------------


def _post(client, assessment, data, **kwargs):
    kwargs.setdefault("content_type", "application/json")
    return client.post(f"{API}{assessment.pk}/transitions/", data, **kwargs)


@pytest.mark.parametrize(
    ("start", "action", "role", "end"),
    [
        (S.DRAFT, "submit", Role.CTED_EXPERT, S.CTED_REVIEW),
        (S.DRAFT, "submit", Role.CTED_COORDINATOR, S.CTED_REVIEW),
        (S.CTED_REVIEW, "send_to_subcommittee", Role.CTED_COORDINATOR, S.WITH_SUBCOMMITTEE),
        (S.CTED_REVIEW, "return", Role.CTED_COORDINATOR, S.DRAFT),
        (S.WITH_SUBCOMMITTEE, "recommend", Role.SUBCOMMITTEE_MEMBER, S.WITH_COMMITTEE),
        (S.WITH_SUBCOMMITTEE, "return", Role.SUBCOMMITTEE_MEMBER, S.DRAFT),
        (S.WITH_COMMITTEE, "approve", Role.COMMITTEE_MEMBER, S.APPROVED),
        (S.WITH_COMMITTEE, "approve", Role.CHAIR, S.APPROVED),
        (S.WITH_COMMITTEE, "return", Role.COMMITTEE_MEMBER, S.DRAFT),
        (S.WITH_COMMITTEE, "return", Role.CHAIR, S.DRAFT),
        (S.APPROVED, "send_to_state", Role.CTED_COORDINATOR, S.SENT),
        (S.APPROVED, "send_to_state", Role.ADMINISTRATOR, S.SENT),
        (S.REPLIED, "close", Role.CTED_COORDINATOR, S.CLOSED),
    ],
)
def test_transition_allowed_action_succeeds(client, draft, personas, start, action, role, end):
    assessment = _bring_to(draft, personas, start)
    if start == S.DRAFT:
        answer_all(assessment, personas[Role.CTED_EXPERT])
    before = assessment.transitions.count()
    user = personas[role]
    client.force_login(user)

    response = _post(client, assessment, {"action": action, "comment": "Considered."})

    body = response.json()
    transition = body.pop("transition")
    assert response.status_code == 201
    assert body == {"status": end.value, "status_display": str(end.label)}
    assert transition == {
        "action": action,
        "from_status": start.value,
        "to_status": end.value,
        "comment": "Considered.",
        "by": user.username,
        "at": transition["at"],
    }
    assessment.refresh_from_db()
    assert assessment.status == end
    assert assessment.transitions.count() == before + 1
    last = assessment.transitions.last()
    assert (last.action, last.from_status, last.to_status, last.by, last.comment) == (
        action,
        start,
        end,
        user,
        "Considered.",
    )
    assert transition["at"] == _iso(last.at)


@pytest.mark.parametrize("role", [Role.CTED_EXPERT, Role.CTED_COORDINATOR])
def test_transition_record_reply_takes_the_file_as_multipart(client, draft, personas, role):
    sent = _bring_to(draft, personas, S.SENT)
    client.force_login(personas[role])

    response = client.post(
        f"{API}{sent.pk}/transitions/",
        {"action": "record_reply", "comment": "Received by e-mail.", "file": _reply_file()},
    )

    assert response.status_code == 201
    assert response.json()["status"] == "replied"
    reply = sent.replies.get()
    assert (reply.filename, reply.size, reply.uploaded_by) == ("reply.pdf", 14, personas[role])
    assert sent.transitions.last().comment == "Received by e-mail."


def test_transition_record_reply_without_file_is_400(client, draft, personas):
    sent = _bring_to(draft, personas, S.SENT)
    client.force_login(personas[Role.CTED_COORDINATOR])

    response = _post(client, sent, {"action": "record_reply"})

    assert response.status_code == 400
    assert response.json() == {"file": ["Attach the State's reply."]}
    sent.refresh_from_db()
    assert sent.status == S.SENT


@pytest.mark.parametrize(
    ("start", "action", "role"),
    [
        (S.DRAFT, "submit", Role.ADMINISTRATOR),
        (S.CTED_REVIEW, "send_to_subcommittee", Role.CTED_EXPERT),
        (S.CTED_REVIEW, "return", Role.CTED_EXPERT),
        (S.WITH_SUBCOMMITTEE, "recommend", Role.CTED_COORDINATOR),
        (S.WITH_COMMITTEE, "recommend", Role.CHAIR),
        (S.WITH_COMMITTEE, "send_to_state", Role.COMMITTEE_MEMBER),
        (S.APPROVED, "close", Role.SUBCOMMITTEE_MEMBER),
    ],
)
def test_transition_by_a_role_that_sees_but_may_not_act_is_403(
    client, draft, personas, start, action, role
):
    assessment = _bring_to(draft, personas, start)
    if start == S.DRAFT:
        answer_all(assessment, personas[Role.CTED_EXPERT])
    before = assessment.transitions.count()
    client.force_login(personas[role])

    response = _post(client, assessment, {"action": action, "comment": "Let me."})

    assert response.status_code == 403
    assert response.json() == {"detail": "You do not have permission to perform this action."}
    assessment.refresh_from_db()
    assert (assessment.status, assessment.transitions.count()) == (start, before)


@pytest.mark.parametrize(
    ("start", "action", "role"),
    [
        (S.DRAFT, "submit", Role.SUBCOMMITTEE_MEMBER),
        (S.CTED_REVIEW, "send_to_subcommittee", Role.COMMITTEE_MEMBER),
        (S.WITH_SUBCOMMITTEE, "approve", Role.CHAIR),
        # Focal points record replies in the secure area; this API shows them no file.
        (S.SENT, "record_reply", Role.FOCAL_POINT),
        (S.DRAFT, "submit", Role.PARTNER_ANALYST),
        (S.DRAFT, "submit", Role.DONOR),
    ],
)
def test_transition_by_a_role_that_cannot_see_the_file_is_404(
    client, draft, personas, start, action, role
):
    assessment = _bring_to(draft, personas, start)
    before = assessment.transitions.count()
    client.force_login(personas[role])

    response = _post(client, assessment, {"action": action})

    assert response.status_code == 404
    assessment.refresh_from_db()
    assert (assessment.status, assessment.transitions.count()) == (start, before)


def test_transition_return_without_comment_is_400_and_changes_nothing(client, draft, personas):
    in_review = _bring_to(draft, personas, S.CTED_REVIEW)
    client.force_login(personas[Role.CTED_COORDINATOR])

    response = _post(client, in_review, {"action": "return", "comment": "   "})

    assert response.status_code == 400
    assert response.json() == {"comment": ["Say why the assessment is returned for revision."]}
    in_review.refresh_from_db()
    assert (in_review.status, in_review.transitions.count()) == (S.CTED_REVIEW, 1)


def test_transition_from_the_wrong_state_is_400_and_changes_nothing(client, draft, personas):
    client.force_login(personas[Role.CTED_COORDINATOR])

    response = _post(client, draft, {"action": "send_to_subcommittee"})

    assert response.status_code == 400
    assert response.json() == ["This action is not possible while the assessment is “Draft”."]
    draft.refresh_from_db()
    assert (draft.status, draft.transitions.count()) == (S.DRAFT, 0)


def test_transition_submit_with_incomplete_human_rights_is_400(client, draft, personas):
    client.force_login(personas[Role.CTED_EXPERT])

    response = _post(client, draft, {"action": "submit"})

    assert response.status_code == 400
    assert response.json() == ["Complete the human-rights section before submitting: 2.1."]
    draft.refresh_from_db()
    assert draft.status == S.DRAFT


@pytest.mark.parametrize("action", ["publish", ""])
def test_transition_unknown_action_is_400(client, draft, personas, action):
    client.force_login(personas[Role.CTED_EXPERT])

    response = _post(client, draft, {"action": action})

    assert response.status_code == 400
    assert response.json() == {"action": [f"Unknown action “{action}”."]}
    assert Transition.objects.count() == 0


def test_transition_without_action_is_400(client, draft, personas):
    client.force_login(personas[Role.CTED_EXPERT])

    response = _post(client, draft, {"comment": "Go."})

    assert response.status_code == 400
    assert response.json() == {"action": ["This field is required."]}


# --- Formats ---------------------------------------------------------------------------


@pytest.fixture
def formats(next_format):
    """Besides the two published test formats: a draft one and a retired one."""
    AssessmentFormat.objects.create(code="test-2014", name_en="Test format 2014")
    AssessmentFormat.objects.create(
        code="test-2001", name_en="Test format 2001", status=FormatStatus.RETIRED
    )


def _test_formats(response):
    return sorted(
        (f for f in response.json()["results"] if f["code"].startswith("test-")),
        key=lambda f: f["code"],
    )


def test_format_list_published_and_draft(client, formats, personas):
    client.force_login(personas[Role.COMMITTEE_MEMBER])

    response = client.get(FORMATS)

    assert response.status_code == 200
    assert _test_formats(response) == [
        {
            "code": "test-2012",
            "name": "Test format 2012",
            "status": "published",
            "status_display": "Published",
            "derived_from": None,
            "question_count": 3,
        },
        {
            "code": "test-2013",
            "name": "Test format 2013",
            "status": "published",
            "status_display": "Published",
            "derived_from": "test-2012",
            "question_count": 4,
        },
        {
            "code": "test-2014",
            "name": "Test format 2014",
            "status": "draft",
            "status_display": "Draft",
            "derived_from": None,
            "question_count": 0,
        },
    ]


def test_format_list_names_in_the_request_language(client, formats, personas):
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.get(FORMATS, headers={"accept-language": "fr"})

    names = [f["name"] for f in _test_formats(response)]
    assert names == ["Format d'essai 2012", "Test format 2013", "Test format 2014"]


@pytest.mark.parametrize("role", [Role.FOCAL_POINT, Role.PARTNER_ANALYST, Role.DONOR])
def test_format_list_is_empty_for_roles_without_assessments(client, formats, personas, role):
    client.force_login(personas[role])

    response = client.get(FORMATS)

    assert response.status_code == 200
    assert response.json() == {"count": 0, "next": None, "previous": None, "results": []}


def test_format_detail_has_sections_and_questions(client, formats, personas):
    client.force_login(personas[Role.SUBCOMMITTEE_MEMBER])

    response = client.get(FORMATS + "test-2013/")

    assert response.status_code == 200
    assert response.json() == {
        "code": "test-2013",
        "name": "Test format 2013",
        "description": "",
        "status": "published",
        "status_display": "Published",
        "derived_from": "test-2012",
        "question_count": 4,
        "sections": [
            {
                "code": "legislation",
                "title": "Legislation",
                "is_human_rights": False,
                "questions": [
                    {
                        "code": "1.1",
                        "text": "Is terrorism criminalised?",
                        "thematic_area": "legislation",
                        "technical_guide_ref": "TG 1373, 1.1",
                    },
                    {
                        "code": "1.2",
                        "text": "Is financing criminalised?",
                        "thematic_area": "cft",
                        "technical_guide_ref": "TG 1373, 1.2",
                    },
                    {
                        "code": "1.3",
                        "text": "Can funds be frozen without delay?",
                        "thematic_area": "cft",
                        "technical_guide_ref": "TG 1373, 1.3",
                    },
                ],
            },
            {
                "code": "human-rights",
                "title": "Human rights",
                "is_human_rights": True,
                "questions": [
                    {
                        "code": "2.1",
                        "text": "Do measures comply with human rights law?",
                        "thematic_area": "human-rights",
                        "technical_guide_ref": "TG 1373, 2.1",
                    }
                ],
            },
        ],
    }


def test_format_detail_of_a_retired_format_still_answers(client, formats, personas):
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.get(FORMATS + "test-2001/")

    assert response.status_code == 200
    assert response.json()["status"] == "retired"


def test_format_detail_unknown_code_is_404(client, formats, personas):
    client.force_login(personas[Role.CTED_EXPERT])

    assert client.get(FORMATS + "pia-1999/").status_code == 404


# --- Schema ----------------------------------------------------------------------------


def test_schema_documents_the_assessment_endpoints_and_filters(client):
    schema = client.get("/api/schema/", headers={"accept": "application/json"}).json()

    listing = schema["paths"]["/api/v1/assessments/"]["get"]
    transitions = schema["paths"]["/api/v1/assessments/{id}/transitions/"]
    assert sorted(p["name"] for p in listing["parameters"]) == [
        "assignee",
        "format",
        "overdue",
        "page",
        "q",
        "region",
        "state",
        "status",
        "subcommittee",
    ]
    assert sorted(transitions) == ["get", "post"]
    assert "multipart/form-data" in transitions["post"]["requestBody"]["content"]
    assert {
        "/api/v1/assessments/{id}/",
        "/api/v1/assessments/{id}/versions/",
        "/api/v1/assessment-formats/",
        "/api/v1/assessment-formats/{code}/",
    } <= set(schema["paths"])


# --- Query counts ----------------------------------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("others", [["AFG"], ["AFG", "PER", "DEU", "PAK", "GHA"]])
def test_assessment_list_query_count_is_constant(client, draft, pia_format, personas, others):
    for iso3 in others:
        answer_all(_create(iso3, pia_format, personas), personas[Role.CTED_EXPERT])
    client.force_login(personas[Role.CTED_EXPERT])

    assert _queries(client, API) == 5


def _with_comments(assessment, personas, count):
    questions = [a.question for a in assessment.answers.select_related("question__section")]
    for i in range(count):
        services.comment_add(
            assessment=assessment,
            body=f"Comment {i}",
            visibility=CommentVisibility.CTED,
            by=personas[Role.CTED_COORDINATOR],
            question=questions[i % len(questions)],
        )


@pytest.mark.parametrize("many", [False, True])
def test_assessment_detail_query_count_is_constant(client, draft, personas, many):
    if many:
        answer_all(draft, personas[Role.CTED_EXPERT])
        _with_comments(draft, personas, 6)
        services.recommendations_save(
            assessment=draft,
            items=[(f"Recommendation {i}", ThematicArea.objects.get(code="cft")) for i in range(4)],
            revision=0,
            by=personas[Role.CTED_EXPERT],
        )
        for code in ("1.1", None):
            suggestion_make(draft, personas[Role.CTED_COORDINATOR], "<p>Other.</p>", code=code)
    client.force_login(personas[Role.CTED_EXPERT])

    # The editor's reads, the reviewers' suggestions among them (one query).
    assert _queries(client, f"{API}{draft.pk}/") == 11


@pytest.mark.parametrize("saves", [1, 6])
def test_versions_and_transitions_query_counts_are_constant(client, draft, personas, saves):
    expert = personas[Role.CTED_EXPERT]
    answer = draft.answers.get(question__code="1.1")
    for i in range(saves):
        answer = services.answer_save(
            answer=answer, finding=f"<p>{i}</p>", status="", sources="", revision=i, by=expert
        )
    for _ in range(saves):
        answer_all(draft, expert, text="Ready.")
        services.assessment_submit(assessment=draft, by=expert)
        services.assessment_return(
            assessment=draft, by=personas[Role.CTED_COORDINATOR], comment="Again."
        )
    client.force_login(expert)

    assert _queries(client, f"{API}{draft.pk}/versions/") == 6
    assert _queries(client, f"{API}{draft.pk}/transitions/") == 5


@pytest.mark.parametrize("extra", [0, 4])
def test_format_query_counts_are_constant(client, formats, personas, extra):
    for i in range(extra):
        AssessmentFormat.objects.create(code=f"test-30{i}", name_en=f"Test format 30{i}")
    client.force_login(personas[Role.CTED_EXPERT])

    assert _queries(client, FORMATS) == 5
    assert _queries(client, FORMATS + "test-2013/") == 6
