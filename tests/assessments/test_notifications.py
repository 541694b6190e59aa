"""Each workflow event tells the people the file reaches, within their scope, never the
person who acted: assigned, submitted, returned with the reason, sent to the subcommittee,
recommended, approved, sent to the State (in the workspace only: the State's e-mail is
sent_snapshot_notify's), replied, mentioned in a comment. Kenya is in subcommittee B."""

import datetime

import pytest
from django.core import mail
from django.utils import translation

from assessments import notifications as kinds
from assessments import selectors, services
from assessments.enums import AssessmentStatus, BlockKind, CommentVisibility
from ctc.accounts.enums import Role
from ctc.notifications.models import Notification
from ctc.registry import site
from ctc.states.models import MemberState
from tests.factories import SubcommitteeFactory, UserFactory, answer_all, reply_upload
from tests.factories import assessment_advance as advance

pytestmark = pytest.mark.django_db

S = AssessmentStatus
EXPERT, COORDINATOR = Role.CTED_EXPERT, Role.CTED_COORDINATOR
SUB_B, COMMITTEE, CHAIR = Role.SUBCOMMITTEE_MEMBER, Role.COMMITTEE_MEMBER, Role.CHAIR
FOCAL = Role.FOCAL_POINT


@pytest.fixture
def bystanders(kenya):
    """People who must never be told about Kenya's file: out of scope, or asleep."""
    return [
        UserFactory(username="sub_a", roles=[SUB_B], subcommittee=SubcommitteeFactory(code="A")),
        UserFactory(
            username="focal_fra", roles=[FOCAL], member_state=MemberState.objects.get(iso3="FRA")
        ),
        UserFactory(username="asleep", roles=[COORDINATOR], is_active=False),
    ]


def _told(kind: str) -> list[str]:
    rows = Notification.objects.filter(kind=kind).order_by("recipient__username")
    return list(rows.values_list("recipient__username", flat=True))


def test_assigning_tells_the_new_assignee(draft, personas, bystanders):
    coordinator = personas[COORDINATOR]
    other = UserFactory(username="expert2", roles=[EXPERT])

    services.assessment_assign(assessment=draft, assignee=other, due_on=None, by=coordinator)
    services.assessment_assign(assessment=draft, assignee=other, due_on=None, by=coordinator)

    [row] = Notification.objects.filter(kind=kinds.ASSIGNED)
    assert (row.recipient, row.actor, row.url) == (
        other,
        coordinator,
        f"/en/assessments/{draft.pk}/",
    )
    assert row.event == f"assessments.transition:{draft.transitions.get().pk}"
    with translation.override("en"):
        assert row.subject == "Assigned to you: Kenya (2012)"


def test_creating_with_an_assignee_tells_them_with_the_due_date(pia_format, kenya, personas):
    services.assessment_create(
        state=kenya,
        fmt=pia_format,
        cycle=2013,
        by=personas[COORDINATOR],
        assignee=personas[EXPERT],
        due_on=datetime.date(2013, 6, 30),
    )

    [row] = Notification.objects.filter(kind=kinds.ASSIGNED)
    assert row.recipient == personas[EXPERT]
    with translation.override("en"):
        assert row.text == (
            "coordinator assigned you the assessment of Kenya (2013). It is due on 30 June 2013."
        )
    with translation.override("fr"):
        assert Notification.objects.get(pk=row.pk).text.endswith("30 juin 2013.")


def test_the_expert_creating_their_own_file_is_not_told(draft):
    assert Notification.objects.count() == 0


def test_submitting_tells_the_coordinators_only(draft, personas, bystanders):
    advance(draft, S.CTED_REVIEW, personas)

    assert _told(kinds.SUBMITTED) == ["coordinator"]
    assert Notification.objects.count() == 1


def test_returning_tells_the_assignee_with_the_reason(draft, personas):
    file = advance(draft, S.WITH_SUBCOMMITTEE, personas)

    services.assessment_return(assessment=file, by=personas[SUB_B], comment="Add the 2019 figures.")

    [row] = Notification.objects.filter(kind=kinds.RETURNED)
    assert row.recipient == personas[EXPERT]
    with translation.override("en"):
        assert row.text == (
            "sub_b returned the assessment of Kenya (2012) for revision: “Add the 2019 figures.”"
        )


def test_returned_twice_tells_twice(draft, personas):
    for _ in range(2):
        file = advance(draft, S.CTED_REVIEW, personas)
        services.assessment_return(assessment=file, by=personas[COORDINATOR], comment="Again.")

    assert _told(kinds.RETURNED) == ["expert", "expert"]


def test_sending_to_the_subcommittee_tells_its_members_only(draft, personas, bystanders):
    advance(draft, S.WITH_SUBCOMMITTEE, personas)

    assert _told(kinds.SENT_TO_SUBCOMMITTEE) == ["sub_b"]
    with translation.override("en"):
        assert Notification.objects.get(kind=kinds.SENT_TO_SUBCOMMITTEE).text == (
            "coordinator sent the assessment of Kenya (2012) to subcommittee B."
        )


def test_recommending_tells_the_committee_and_the_chair(draft, personas, bystanders):
    advance(draft, S.WITH_COMMITTEE, personas)

    assert _told(kinds.RECOMMENDED) == ["chair", "committee"]


def test_approving_tells_the_assignee_and_the_coordinators_not_the_chair(
    draft, personas, bystanders
):
    advance(draft, S.APPROVED, personas)

    assert _told(kinds.APPROVED) == ["coordinator", "expert"]


def test_sending_to_the_state_tells_its_focal_points_in_the_workspace_with_one_email(
    draft, personas, bystanders, django_capture_on_commit_callbacks
):
    approved = advance(draft, S.APPROVED, personas)

    with django_capture_on_commit_callbacks(execute=True):
        services.assessment_send_to_state(assessment=approved, by=personas[COORDINATOR])

    [row] = Notification.objects.filter(kind=kinds.SENT_TO_STATE)
    assert (row.recipient, row.send_email, row.url) == (
        personas[FOCAL],
        False,
        "/en/secure/",
    )
    # sent_snapshot_notify's e-mail only: the document area files the two documents quietly.
    assert [m.subject for m in mail.outbox] == [
        "Preliminary Implementation Assessment 2012: Kenya",
    ]
    assert not Notification.objects.filter(kind="docs_tracker.distributed").exists()
    assert {tuple(m.to) for m in mail.outbox} == {(personas[FOCAL].email,)}


def test_the_states_reply_tells_the_assignee_and_the_coordinators(draft, personas, bystanders):
    sent = advance(draft, S.SENT, personas)

    services.assessment_record_reply(
        assessment=sent, by=personas[FOCAL], upload=reply_upload(sent.state)
    )

    assert _told(kinds.REPLIED) == ["coordinator", "expert"]


def test_closing_tells_nobody(draft, personas):
    replied = advance(draft, S.REPLIED, personas)
    before = Notification.objects.count()

    services.assessment_close(assessment=replied, by=personas[COORDINATOR])

    assert Notification.objects.count() == before


def test_each_recipient_gets_the_email_in_their_language(
    draft, personas, django_capture_on_commit_callbacks
):
    UserFactory(username="claire", roles=[COORDINATOR], preferred_language="fr")
    answer_all(draft, personas[EXPERT])

    with django_capture_on_commit_callbacks(execute=True):
        services.assessment_submit(assessment=draft, by=personas[EXPERT])

    subjects = sorted((m.to[0], m.subject) for m in mail.outbox)
    assert subjects == [
        ("claire@example.org", "Soumise à l'examen de la DECT : Kenya (2012)"),
        ("coordinator@example.org", "Submitted for CTED review: Kenya (2012)"),
    ]
    french = next(m for m in mail.outbox if m.to == ["claire@example.org"])
    assert f"/fr/assessments/{draft.pk}/" in french.body


@pytest.mark.parametrize("elsewhere", [1, 12])
def test_choosing_recipients_reads_nothing_of_people_tied_elsewhere(
    draft, personas, django_assert_num_queries, elsewhere
):
    france = MemberState.objects.get(iso3="FRA")
    sub_a = SubcommitteeFactory(code="A")
    for _ in range(elsewhere):
        UserFactory(roles=[FOCAL], member_state=france)
        UserFactory(roles=[SUB_B], subcommittee=sub_a)

    # The candidates, their roles, then one scope check each for Kenya's focal point and B's
    # member, who cannot see a draft.
    with django_assert_num_queries(4):
        told = selectors.notification_recipients(assessment=draft, roles={FOCAL, SUB_B})

    assert told == []


# --- Mentions --------------------------------------------------------------------------


def _comment(file, body, by, visibility=CommentVisibility.CTED):
    return services.comment_add(
        assessment=file,
        body=body,
        visibility=visibility,
        by=by,
        question=file.answers.get(question__code="1.1").question,
    )


def test_a_mention_tells_the_person_named(draft, personas):
    comment = _comment(draft, "Could @coordinator check the 2005 law?", personas[EXPERT])

    [row] = Notification.objects.filter(kind=kinds.MENTIONED)
    assert (row.recipient, row.event) == (
        personas[COORDINATOR],
        f"assessments.comment:{comment.pk}",
    )
    assert row.url == f"/en/assessments/{draft.pk}/#c-{comment.pk}"
    with translation.override("en"):
        assert (row.subject, row.text) == (
            "expert mentioned you: Kenya (2012)",
            "expert mentioned you in a comment on question 1.1: "
            "“Could @coordinator check the 2005 law?”",
        )


def test_a_mention_reaches_only_who_may_read_the_comment_and_see_the_file(draft, personas):
    file = advance(draft, S.WITH_COMMITTEE, personas)
    body = "@committee @chair. @sub_b, @focal_ken and @nobody: see @expert!"

    _comment(file, body, personas[COORDINATOR], visibility=CommentVisibility.CTED)
    internal = _told(kinds.MENTIONED)
    _comment(file, body, personas[COORDINATOR], visibility=CommentVisibility.COMMITTEE)

    assert internal == ["expert"]
    assert _told(kinds.MENTIONED) == ["chair", "committee", "expert", "expert", "sub_b"]


def test_a_mention_of_a_file_outside_ones_scope_tells_nobody(draft, personas):
    _comment(draft, "@committee, a draft.", personas[EXPERT], CommentVisibility.COMMITTEE)

    assert _told(kinds.MENTIONED) == []


def test_mentioning_oneself_or_an_email_address_tells_nobody(draft, personas):
    _comment(draft, "Note to @expert: write to someone@expert.org", personas[EXPERT])

    assert _told(kinds.MENTIONED) == []


# --- Kinds registered for the reviewers' suggestions ------------------------------------


def test_suggestion_kinds_render_in_the_readers_language():
    made = site.notification_kinds[kinds.SUGGESTION_MADE].render
    answered = site.notification_kinds[kinds.SUGGESTION_ANSWERED].render
    file = {"state": {"en": "Kenya", "fr": "Kenya"}, "cycle": 2012, "by": "Irina Volkova"}
    note = kinds.part_params(part=BlockKind.COVER_NOTE)

    with translation.override("en"):
        assert made({**file, **kinds.part_params(question_code="1.2")}) == (
            "Suggestion on question 1.2: Kenya (2012)",
            "Irina Volkova suggested a change to question 1.2 of the assessment of Kenya (2012).",
        )
        assert answered({**file, **note, "accepted": False, "reason": "Too long."}) == (
            "Suggestion rejected: Kenya (2012)",
            "Irina Volkova rejected your suggestion on the cover note of the assessment of "
            "Kenya (2012): “Too long.”",
        )
    with translation.override("fr"):
        assert answered({**file, **note, "accepted": True, "reason": ""})[0] == (
            "Suggestion acceptée : Kenya (2012)"
        )


def test_every_kind_of_assessments_is_registered():
    registered = {k for k in site.notification_kinds if k.startswith("assessments.")}

    assert registered == {kind.key for kind in kinds.KINDS}
    assert site.notification_kinds[kinds.SENT_TO_STATE].email is False
