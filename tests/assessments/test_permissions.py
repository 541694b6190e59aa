"""Who gets what from every assessments URL, at every stage of the file.

One table (pretix's test_permissions idea): URL × person × stage → HTTP status. "sub_a" is a
subcommittee member of subcommittee A (Kenya is in B); "focal_fra" is France's focal point.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments import services
from assessments.enums import AssessmentStatus
from assessments.models import Assessment, Comment, StateReply
from ctc.accounts.enums import Role
from ctc.states.models import MemberState, Subcommittee
from ctc.themes.models import ThematicArea
from tests.factories import UserFactory, assessment_advance

pytestmark = pytest.mark.django_db

S = AssessmentStatus
STAGES = [S.DRAFT, S.WITH_SUBCOMMITTEE, S.WITH_COMMITTEE, S.SENT]
LOGIN = "/en/login/"


def _person(key, personas):
    if key is None:
        return None
    if key == "sub_a":
        subcommittee = Subcommittee.objects.get(code="A")
        return UserFactory(roles=[Role.SUBCOMMITTEE_MEMBER], subcommittee=subcommittee)
    if key == "focal_fra":
        france = MemberState.objects.get(iso3="FRA")
        return UserFactory(roles=[Role.FOCAL_POINT], member_state=france)
    return personas[key]


def _request(url, assessment):
    """(method, path, data) of one URL of the app, with data a real user would send."""
    base = f"/en/assessments/{assessment.pk}/"
    answer = assessment.answers.get(question__code="1.1")
    section = assessment.format.sections.get(code="legislation")
    area = ThematicArea.objects.get(code="legislation")
    return {
        "list": ("get", "/en/assessments/", {}),
        "create": ("get", "/en/assessments/new/", {}),
        "stocktaking": ("get", "/en/assessments/stocktaking/", {}),
        "detail": ("get", base, {}),
        "versions": ("get", f"{base}versions/", {}),
        "compare": ("get", f"{base}versions/compare/", {"a": 1, "b": 1}),
        "previous": ("get", f"{base}previous/", {}),
        "answer_save": (
            "post",
            f"{base}answers/{answer.pk}/",
            {
                "finding": "<p>Revised finding.</p>",
                "status": "implemented",
                "sources": "Law 12",
                "revision": answer.revision,
            },
        ),
        "note_save": (
            "post",
            f"{base}notes/cover_note/",
            {"text": "<p>Revised cover note.</p>", "revision": assessment.cover_note_revision},
        ),
        "recommendations_save": (
            "post",
            f"{base}recommendations/",
            {
                "revision": assessment.recommendations_revision,
                "rows": 1,
                "text_1": "Criminalise the financing of travel.",
                "area_1": area.pk,
            },
        ),
        "comment_add": (
            "post",
            f"{base}comments/",
            {"body": "Please check the sources.", "visibility": "committee", "section": section.pk},
        ),
        "transition": (
            "post",
            f"{base}transition/",
            {"action": "return", "comment": "Sources are missing."},
        ),
        "secure_list": ("get", "/en/secure/assessments/", {}),
        "secure_detail": ("get", f"/en/secure/assessments/{assessment.pk}/", {}),
        "secure_reply": (
            "post",
            f"/en/secure/assessments/{assessment.pk}/",
            {"file": SimpleUploadedFile("reply.pdf", b"%PDF-1.4 reply", "application/pdf")},
        ),
    }[url]


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

# fmt: off
MATRIX = [
    # url                   person       draft with_sub with_com sent
    ("list",                ANON,        302, 302, 302, 302),
    ("list",                EXPERT,      200, 200, 200, 200),
    ("list",                COORDINATOR, 200, 200, 200, 200),
    ("list",                SUB_B,       200, 200, 200, 200),
    ("list",                "sub_a",     200, 200, 200, 200),
    ("list",                COMMITTEE,   200, 200, 200, 200),
    ("list",                CHAIR,       200, 200, 200, 200),
    ("list",                FOCAL_KEN,   404, 404, 404, 404),
    ("list",                "focal_fra", 404, 404, 404, 404),
    ("list",                PARTNER,     404, 404, 404, 404),
    ("list",                DONOR,       404, 404, 404, 404),
    ("list",                ADMIN,       200, 200, 200, 200),

    ("create",              ANON,        302, 302, 302, 302),
    ("create",              EXPERT,      200, 200, 200, 200),
    ("create",              COORDINATOR, 200, 200, 200, 200),
    ("create",              SUB_B,       403, 403, 403, 403),
    ("create",              "sub_a",     403, 403, 403, 403),
    ("create",              COMMITTEE,   403, 403, 403, 403),
    ("create",              CHAIR,       403, 403, 403, 403),
    ("create",              FOCAL_KEN,   403, 403, 403, 403),
    ("create",              "focal_fra", 403, 403, 403, 403),
    ("create",              PARTNER,     403, 403, 403, 403),
    ("create",              DONOR,       403, 403, 403, 403),
    # Only experts and coordinators may create (services._require_cted_writer).
    ("create",              ADMIN,       403, 403, 403, 403),

    ("stocktaking",         ANON,        302, 302, 302, 302),
    ("stocktaking",         EXPERT,      200, 200, 200, 200),
    ("stocktaking",         COORDINATOR, 200, 200, 200, 200),
    ("stocktaking",         SUB_B,       200, 200, 200, 200),
    ("stocktaking",         "sub_a",     200, 200, 200, 200),
    ("stocktaking",         COMMITTEE,   200, 200, 200, 200),
    ("stocktaking",         CHAIR,       200, 200, 200, 200),
    ("stocktaking",         FOCAL_KEN,   404, 404, 404, 404),
    ("stocktaking",         "focal_fra", 404, 404, 404, 404),
    ("stocktaking",         PARTNER,     404, 404, 404, 404),
    ("stocktaking",         DONOR,       404, 404, 404, 404),
    ("stocktaking",         ADMIN,       200, 200, 200, 200),

    ("detail",              ANON,        302, 302, 302, 302),
    ("detail",              EXPERT,      200, 200, 200, 200),
    ("detail",              COORDINATOR, 200, 200, 200, 200),
    ("detail",              SUB_B,       404, 200, 200, 200),
    ("detail",              "sub_a",     404, 404, 404, 404),
    ("detail",              COMMITTEE,   404, 404, 200, 200),
    ("detail",              CHAIR,       404, 404, 200, 200),
    ("detail",              FOCAL_KEN,   404, 404, 404, 404),
    ("detail",              "focal_fra", 404, 404, 404, 404),
    ("detail",              PARTNER,     404, 404, 404, 404),
    ("detail",              DONOR,       404, 404, 404, 404),
    ("detail",              ADMIN,       200, 200, 200, 200),

    ("versions",            ANON,        302, 302, 302, 302),
    ("versions",            EXPERT,      200, 200, 200, 200),
    ("versions",            COORDINATOR, 200, 200, 200, 200),
    ("versions",            SUB_B,       404, 200, 200, 200),
    ("versions",            "sub_a",     404, 404, 404, 404),
    ("versions",            COMMITTEE,   404, 404, 200, 200),
    ("versions",            CHAIR,       404, 404, 200, 200),
    ("versions",            FOCAL_KEN,   404, 404, 404, 404),
    ("versions",            "focal_fra", 404, 404, 404, 404),
    ("versions",            PARTNER,     404, 404, 404, 404),
    ("versions",            DONOR,       404, 404, 404, 404),
    ("versions",            ADMIN,       200, 200, 200, 200),

    ("compare",             ANON,        302, 302, 302, 302),
    ("compare",             EXPERT,      200, 200, 200, 200),
    ("compare",             COORDINATOR, 200, 200, 200, 200),
    ("compare",             SUB_B,       404, 200, 200, 200),
    ("compare",             "sub_a",     404, 404, 404, 404),
    ("compare",             COMMITTEE,   404, 404, 200, 200),
    ("compare",             CHAIR,       404, 404, 200, 200),
    ("compare",             FOCAL_KEN,   404, 404, 404, 404),
    ("compare",             "focal_fra", 404, 404, 404, 404),
    ("compare",             PARTNER,     404, 404, 404, 404),
    ("compare",             DONOR,       404, 404, 404, 404),
    ("compare",             ADMIN,       200, 200, 200, 200),

    ("previous",            ANON,        302, 302, 302, 302),
    ("previous",            EXPERT,      200, 200, 200, 200),
    ("previous",            COORDINATOR, 200, 200, 200, 200),
    ("previous",            SUB_B,       404, 200, 200, 200),
    ("previous",            "sub_a",     404, 404, 404, 404),
    ("previous",            COMMITTEE,   404, 404, 200, 200),
    ("previous",            CHAIR,       404, 404, 200, 200),
    ("previous",            FOCAL_KEN,   404, 404, 404, 404),
    ("previous",            "focal_fra", 404, 404, 404, 404),
    ("previous",            PARTNER,     404, 404, 404, 404),
    ("previous",            DONOR,       404, 404, 404, 404),
    ("previous",            ADMIN,       200, 200, 200, 200),

    # Editing: experts and coordinators, drafts only (302 = saved, back to the editor);
    # 400 = an editor on a file that is no longer a draft; 403 = can see, never edits.
    ("answer_save",         ANON,        302, 302, 302, 302),
    ("answer_save",         EXPERT,      302, 400, 400, 400),
    ("answer_save",         COORDINATOR, 302, 400, 400, 400),
    ("answer_save",         SUB_B,       404, 403, 403, 403),
    ("answer_save",         "sub_a",     404, 404, 404, 404),
    ("answer_save",         COMMITTEE,   404, 404, 403, 403),
    ("answer_save",         CHAIR,       404, 404, 403, 403),
    ("answer_save",         FOCAL_KEN,   404, 404, 404, 404),
    ("answer_save",         "focal_fra", 404, 404, 404, 404),
    ("answer_save",         PARTNER,     404, 404, 404, 404),
    ("answer_save",         DONOR,       404, 404, 404, 404),
    ("answer_save",         ADMIN,       403, 403, 403, 403),

    ("note_save",           ANON,        302, 302, 302, 302),
    ("note_save",           EXPERT,      302, 400, 400, 400),
    ("note_save",           COORDINATOR, 302, 400, 400, 400),
    ("note_save",           SUB_B,       404, 403, 403, 403),
    ("note_save",           "sub_a",     404, 404, 404, 404),
    ("note_save",           COMMITTEE,   404, 404, 403, 403),
    ("note_save",           CHAIR,       404, 404, 403, 403),
    ("note_save",           FOCAL_KEN,   404, 404, 404, 404),
    ("note_save",           "focal_fra", 404, 404, 404, 404),
    ("note_save",           PARTNER,     404, 404, 404, 404),
    ("note_save",           DONOR,       404, 404, 404, 404),
    ("note_save",           ADMIN,       403, 403, 403, 403),

    ("recommendations_save", ANON,        302, 302, 302, 302),
    ("recommendations_save", EXPERT,      302, 400, 400, 400),
    ("recommendations_save", COORDINATOR, 302, 400, 400, 400),
    ("recommendations_save", SUB_B,       404, 403, 403, 403),
    ("recommendations_save", "sub_a",     404, 404, 404, 404),
    ("recommendations_save", COMMITTEE,   404, 404, 403, 403),
    ("recommendations_save", CHAIR,       404, 404, 403, 403),
    ("recommendations_save", FOCAL_KEN,   404, 404, 404, 404),
    ("recommendations_save", "focal_fra", 404, 404, 404, 404),
    ("recommendations_save", PARTNER,     404, 404, 404, 404),
    ("recommendations_save", DONOR,       404, 404, 404, 404),
    ("recommendations_save", ADMIN,       403, 403, 403, 403),

    # A "committee" comment: everyone who sees the file may write one (302 = added).
    ("comment_add",         ANON,        302, 302, 302, 302),
    ("comment_add",         EXPERT,      302, 302, 302, 302),
    ("comment_add",         COORDINATOR, 302, 302, 302, 302),
    ("comment_add",         SUB_B,       404, 302, 302, 302),
    ("comment_add",         "sub_a",     404, 404, 404, 404),
    ("comment_add",         COMMITTEE,   404, 404, 302, 302),
    ("comment_add",         CHAIR,       404, 404, 302, 302),
    ("comment_add",         FOCAL_KEN,   404, 404, 404, 404),
    ("comment_add",         "focal_fra", 404, 404, 404, 404),
    ("comment_add",         PARTNER,     404, 404, 404, 404),
    ("comment_add",         DONOR,       404, 404, 404, 404),
    ("comment_add",         ADMIN,       302, 302, 302, 302),

    # "Return for revision": 302 = returned; 400 = a reviewer, but not at this stage;
    # 403 = can see the file, never returns one.
    ("transition",          ANON,        302, 302, 302, 302),
    ("transition",          EXPERT,      403, 403, 403, 403),
    ("transition",          COORDINATOR, 400, 400, 400, 400),
    ("transition",          SUB_B,       404, 302, 400, 400),
    ("transition",          "sub_a",     404, 404, 404, 404),
    ("transition",          COMMITTEE,   404, 404, 302, 400),
    ("transition",          CHAIR,       404, 404, 302, 400),
    ("transition",          FOCAL_KEN,   404, 404, 404, 404),
    ("transition",          "focal_fra", 404, 404, 404, 404),
    ("transition",          PARTNER,     404, 404, 404, 404),
    ("transition",          DONOR,       404, 404, 404, 404),
    ("transition",          ADMIN,       403, 403, 403, 403),

    # The secure area: the list answers everyone signed in (empty unless it is theirs).
    ("secure_list",         ANON,        302, 302, 302, 302),
    ("secure_list",         EXPERT,      200, 200, 200, 200),
    ("secure_list",         COORDINATOR, 200, 200, 200, 200),
    ("secure_list",         SUB_B,       200, 200, 200, 200),
    ("secure_list",         "sub_a",     200, 200, 200, 200),
    ("secure_list",         COMMITTEE,   200, 200, 200, 200),
    ("secure_list",         CHAIR,       200, 200, 200, 200),
    ("secure_list",         FOCAL_KEN,   200, 200, 200, 200),
    ("secure_list",         "focal_fra", 200, 200, 200, 200),
    ("secure_list",         PARTNER,     200, 200, 200, 200),
    ("secure_list",         DONOR,       200, 200, 200, 200),
    ("secure_list",         ADMIN,       200, 200, 200, 200),

    ("secure_detail",       ANON,        302, 302, 302, 302),
    ("secure_detail",       EXPERT,      404, 404, 404, 404),
    ("secure_detail",       COORDINATOR, 404, 404, 404, 404),
    ("secure_detail",       SUB_B,       404, 404, 404, 404),
    ("secure_detail",       "sub_a",     404, 404, 404, 404),
    ("secure_detail",       COMMITTEE,   404, 404, 404, 404),
    ("secure_detail",       CHAIR,       404, 404, 404, 404),
    ("secure_detail",       FOCAL_KEN,   404, 404, 404, 200),
    ("secure_detail",       "focal_fra", 404, 404, 404, 404),
    ("secure_detail",       PARTNER,     404, 404, 404, 404),
    ("secure_detail",       DONOR,       404, 404, 404, 404),
    ("secure_detail",       ADMIN,       404, 404, 404, 404),

    # Uploading the State's reply in the secure area (302 = received).
    ("secure_reply",        ANON,        302, 302, 302, 302),
    ("secure_reply",        EXPERT,      404, 404, 404, 404),
    ("secure_reply",        COORDINATOR, 404, 404, 404, 404),
    ("secure_reply",        SUB_B,       404, 404, 404, 404),
    ("secure_reply",        "sub_a",     404, 404, 404, 404),
    ("secure_reply",        COMMITTEE,   404, 404, 404, 404),
    ("secure_reply",        CHAIR,       404, 404, 404, 404),
    ("secure_reply",        FOCAL_KEN,   404, 404, 404, 302),
    ("secure_reply",        "focal_fra", 404, 404, 404, 404),
    ("secure_reply",        PARTNER,     404, 404, 404, 404),
    ("secure_reply",        DONOR,       404, 404, 404, 404),
    ("secure_reply",        ADMIN,       404, 404, 404, 404),
]
# fmt: on

CASES = [
    pytest.param(url, person, stage, status, id=f"{url}-{person or 'anonymous'}-{stage}")
    for url, person, *statuses in MATRIX
    for stage, status in zip(STAGES, statuses, strict=True)
]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize(("url", "person", "stage", "expected"), CASES)
def test_url_answers_each_person_at_each_stage(
    client, draft, next_format, personas, url, person, stage, expected
):
    if url == "previous":
        # Kenya's 2013 file, which starts from the 2012 draft.
        target = services.assessment_create(
            state=draft.state, fmt=next_format, cycle=2013, by=personas[Role.CTED_EXPERT]
        )
    else:
        target = draft
    target = assessment_advance(target, stage, personas)
    user = _person(person, personas)
    if user is not None:
        client.force_login(user)
    method, path, data = _request(url, target)

    response = getattr(client, method)(path, data)

    assert response.status_code == expected
    if expected == 302 and user is None:
        assert response["Location"].startswith(f"{LOGIN}?next={path}")
    elif expected == 302:
        secure = url.startswith("secure")
        assert response["Location"].startswith(
            f"/en/secure/assessments/{target.pk}/" if secure else "/en/assessments/"
        )


def test_matrix_covers_every_url_person_and_stage():
    urls = {row[0] for row in MATRIX}
    people = {row[1] for row in MATRIX}

    assert len(MATRIX) == len(urls) * len(people)
    assert len(CASES) == 15 * 12 * 4
    assert people == {None, "sub_a", "focal_fra", *Role}


@pytest.mark.parametrize("url", ["answer_save", "note_save", "recommendations_save"])
def test_edit_of_a_file_no_longer_a_draft_is_a_clear_400(client, draft, personas, url):
    draft = assessment_advance(draft, S.WITH_SUBCOMMITTEE, personas)
    versions = draft.versions.count()
    client.force_login(personas[Role.CTED_EXPERT])
    method, path, data = _request(url, draft)

    response = getattr(client, method)(path, data)

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


@pytest.mark.parametrize("url", ["answer_save", "note_save", "recommendations_save"])
@pytest.mark.parametrize(("person", "stage"), REFUSED_EDITS)
def test_edit_by_someone_who_sees_but_never_edits_is_403_and_changes_nothing(
    client, draft, personas, url, person, stage
):
    draft = assessment_advance(draft, stage, personas)
    versions = draft.versions.count()
    finding = draft.answers.get(question__code="1.1").finding
    client.force_login(personas[person])
    method, path, data = _request(url, draft)

    response = getattr(client, method)(path, data)

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


@pytest.mark.parametrize("url", ["detail", "versions", "compare", "comment_add", "transition"])
def test_subcommittee_a_member_gets_404_on_kenyas_file_with_subcommittee_b(
    client, draft, personas, url
):
    draft = assessment_advance(draft, S.WITH_SUBCOMMITTEE, personas)
    client.force_login(_person("sub_a", personas))
    method, path, data = _request(url, draft)

    response = getattr(client, method)(path, data)

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


# fmt: off
SECURE_LISTED = [
    # person       listed
    (FOCAL_KEN,   True),
    ("focal_fra", False),
    (EXPERT,      False),
    (COMMITTEE,   False),
    (PARTNER,     False),
]
# fmt: on


@pytest.mark.parametrize(("person", "listed"), SECURE_LISTED)
def test_secure_list_shows_kenyas_sent_file_only_to_kenyas_focal_point(
    client, draft, personas, person, listed
):
    assessment_advance(draft, S.SENT, personas)
    client.force_login(_person(person, personas))

    html = client.get("/en/secure/assessments/").content.decode()

    assert (f'href="/en/secure/assessments/{draft.pk}/"' in html) is listed
    assert ("No assessment has been sent to your State yet." in html) is not listed


def test_secure_reply_by_another_states_focal_point_changes_nothing(client, draft, personas):
    draft = assessment_advance(draft, S.SENT, personas)
    client.force_login(_person("focal_fra", personas))
    method, path, data = _request("secure_reply", draft)

    response = getattr(client, method)(path, data)

    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.status == S.SENT
    assert StateReply.objects.count() == 0
