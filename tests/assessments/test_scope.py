"""Beyond the status codes of the permission matrix: what a refused request leaves
untouched, and which files each person's lists show. "sub_a" is a member of subcommittee A
(Kenya is in B); "focal_fra" is France's focal point."""

import pytest

from assessments.enums import AssessmentStatus
from assessments.models import Assessment, Comment
from ctc.accounts.enums import Role
from ctc.states.models import MemberState, Subcommittee
from tests.factories import UserFactory, assessment_advance

from . import routes

pytestmark = pytest.mark.django_db

S = AssessmentStatus
EXPERT = Role.CTED_EXPERT
COORDINATOR = Role.CTED_COORDINATOR
SUB_B = Role.SUBCOMMITTEE_MEMBER
COMMITTEE = Role.COMMITTEE_MEMBER
CHAIR = Role.CHAIR
FOCAL_KEN = Role.FOCAL_POINT
PARTNER = Role.PARTNER_ANALYST
ADMIN = Role.ADMINISTRATOR
EDITS = ["assessments:answer_save", "assessments:note_save", "assessments:recommendations_save"]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _person(key, personas):
    if key == "sub_a":
        subcommittee = Subcommittee.objects.get(code="A")
        return UserFactory(roles=[Role.SUBCOMMITTEE_MEMBER], subcommittee=subcommittee)
    if key == "focal_fra":
        france = MemberState.objects.get(iso3="FRA")
        return UserFactory(roles=[Role.FOCAL_POINT], member_state=france)
    return personas[key]


def _send(client, route, assessment, method="POST"):
    return routes.call(route, method, assessment).send(client)


@pytest.mark.parametrize("route", EDITS)
def test_edit_of_a_file_no_longer_a_draft_is_a_clear_400(client, draft, personas, route):
    draft = assessment_advance(draft, S.WITH_SUBCOMMITTEE, personas)
    versions = draft.versions.count()
    client.force_login(personas[Role.CTED_EXPERT])

    response = _send(client, route, draft)

    assert response.status_code == 400
    assert "This assessment is no longer a draft; it cannot be edited." in (
        response.content.decode()
    )
    draft.refresh_from_db()
    assert draft.versions.count() == versions
    assert draft.answers.get(question__code="1.1").finding == "<p>The State has adopted a law.</p>"
    assert (draft.cover_note, draft.cover_note_revision) == ("", 0)
    assert draft.recommendations.count() == 0


# fmt: off
REFUSED_EDITS = [
    # person       stage
    (SUB_B,       S.WITH_SUBCOMMITTEE),
    (COMMITTEE,   S.WITH_COMMITTEE),
    (CHAIR,       S.SENT),
    (ADMIN,       S.DRAFT),
    (ADMIN,       S.WITH_COMMITTEE),
]
# fmt: on


@pytest.mark.parametrize("route", EDITS)
@pytest.mark.parametrize(("person", "stage"), REFUSED_EDITS)
def test_edit_by_someone_who_sees_but_never_edits_is_403_and_changes_nothing(
    client, draft, personas, route, person, stage
):
    draft = assessment_advance(draft, stage, personas)
    versions = draft.versions.count()
    finding = draft.answers.get(question__code="1.1").finding
    client.force_login(personas[person])

    response = _send(client, route, draft)

    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.versions.count() == versions
    assert draft.answers.get(question__code="1.1").finding == finding
    assert (draft.cover_note, draft.recommendations.count()) == ("", 0)


# fmt: off
CREATE_POSTS = [
    # person      status
    (EXPERT,      302),
    (COORDINATOR, 302),
    (ADMIN,       403),
    (SUB_B,       403),
    (CHAIR,       403),
    (FOCAL_KEN,   403),
]
# fmt: on


@pytest.mark.parametrize(("person", "expected"), CREATE_POSTS)
def test_create_post_by_each_person(client, pia_format, personas, person, expected):
    client.force_login(personas[person])

    response = client.post(
        "/en/assessments/new/", {"state": "GHA", "cycle": 2012, "format": pia_format.code}
    )

    assert response.status_code == expected
    created = Assessment.objects.filter(state__iso3="GHA", cycle=2012).count()
    assert created == (1 if expected == 302 else 0)


@pytest.mark.parametrize(
    ("route", "method"),
    [
        ("assessments:detail", "GET"),
        ("assessments:versions", "GET"),
        ("assessments:compare", "GET"),
        ("assessments:comment_add", "POST"),
        ("assessments:transition", "POST"),
    ],
)
def test_subcommittee_a_member_gets_404_on_kenyas_file_with_subcommittee_b(
    client, draft, personas, route, method
):
    draft = assessment_advance(draft, S.WITH_SUBCOMMITTEE, personas)
    client.force_login(_person("sub_a", personas))

    response = _send(client, route, draft, method)

    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.status == S.WITH_SUBCOMMITTEE
    assert Comment.objects.count() == 0


def test_subcommittee_a_member_lists_nothing_of_subcommittee_b(client, draft, personas):
    assessment_advance(draft, S.WITH_SUBCOMMITTEE, personas)
    client.force_login(_person("sub_a", personas))

    html = client.get("/en/assessments/").content.decode()

    assert "0 assessments" in html
    assert f"/en/assessments/{draft.pk}/" not in html


# fmt: off
LISTED = [
    # person       stage                listed
    (SUB_B,       S.DRAFT,             False),
    (SUB_B,       S.WITH_SUBCOMMITTEE, True),
    (COMMITTEE,   S.WITH_SUBCOMMITTEE, False),
    (COMMITTEE,   S.WITH_COMMITTEE,    True),
    (CHAIR,       S.SENT,              True),
    (EXPERT,      S.DRAFT,             True),
    (ADMIN,       S.DRAFT,             True),
]
# fmt: on


@pytest.mark.parametrize(("person", "stage", "listed"), LISTED)
def test_list_shows_the_file_only_from_the_persons_stage_on(
    client, draft, personas, person, stage, listed
):
    assessment_advance(draft, stage, personas)
    client.force_login(personas[person])

    html = client.get("/en/assessments/").content.decode()

    assert (f'href="/en/assessments/{draft.pk}/"' in html) is listed
    assert ("1 assessment<" in html) is listed
