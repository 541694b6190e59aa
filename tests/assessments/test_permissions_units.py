"""assessments/permissions.py function by function, with the expected tables written out.

The tables below are spelled out by hand on purpose (not read from permissions.STEPS): a
change to who may do what must change a line here too. Kenya is in subcommittee B, France
in A. "Stand-ins" are inactive or signed-out accounts that still hold roles: the checks must
refuse them themselves rather than count on User.roles being empty for such accounts.
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments import permissions, services
from assessments.models import Assessment, AssessmentFormat, Comment, StateReply
from ctc.accounts.enums import Role
from ctc.states.models import MemberState, Subcommittee
from tests.factories import UserFactory, answer_all
from tests.factories import assessment_advance as advance

pytestmark = pytest.mark.django_db

# Statuses and actions as the database stores them, in workflow order.
STATUSES = ["draft", "cted_review", "with_subcommittee", "with_committee"]
STATUSES += ["approved", "sent", "replied", "closed"]
DRAFT, CTED_REVIEW, WITH_SUB, WITH_COM, APPROVED, SENT, REPLIED, CLOSED = STATUSES
ACTIONS = ["submit", "send_to_subcommittee", "recommend", "approve", "send_to_state"]
ACTIONS += ["record_reply", "close", "return", "assign"]
SUBMIT, TO_SUB, RECOMMEND, APPROVE, TO_STATE, REPLY, CLOSE, RETURN, ASSIGN = ACTIONS


@dataclass(frozen=True)
class StandIn:
    roles: frozenset
    is_authenticated: bool = True
    is_active: bool = False
    subcommittee_id: int | None = None
    member_state_id: int | None = None


def _person(key, personas):
    """A persona by name: the nine of tests/conftest.py plus the edge cases of this file."""
    by_name = {
        "expert": Role.CTED_EXPERT,
        "coordinator": Role.CTED_COORDINATOR,
        "sub_b": Role.SUBCOMMITTEE_MEMBER,
        "committee": Role.COMMITTEE_MEMBER,
        "chair": Role.CHAIR,
        "focal_ken": Role.FOCAL_POINT,
        "partner": Role.PARTNER_ANALYST,
        "donor": Role.DONOR,
        "administrator": Role.ADMINISTRATOR,
    }
    if key in by_name:
        return personas[by_name[key]]
    a = Subcommittee.objects.get(code="A")
    b = Subcommittee.objects.get(code="B")
    kenya, france = MemberState.objects.get(iso3="KEN"), MemberState.objects.get(iso3="FRA")
    sub, focal = Role.SUBCOMMITTEE_MEMBER, Role.FOCAL_POINT
    makers = {
        "sub_a": lambda: UserFactory(roles=[sub], subcommittee=a),
        "sub_none": lambda: UserFactory(roles=[sub]),
        "sub_a_committee": lambda: UserFactory(roles=[sub, Role.COMMITTEE_MEMBER], subcommittee=a),
        "committee_in_b": lambda: UserFactory(roles=[Role.COMMITTEE_MEMBER], subcommittee=b),
        "focal_fra": lambda: UserFactory(roles=[focal], member_state=france),
        "focal_none": lambda: UserFactory(roles=[focal]),
        "expert_of_ken": lambda: UserFactory(roles=[Role.CTED_EXPERT], member_state=kenya),
        "expert_focal_fra": lambda: UserFactory(
            roles=[Role.CTED_EXPERT, focal], member_state=france
        ),
        "inactive_expert": lambda: UserFactory(roles=[Role.CTED_EXPERT], is_active=False),
        "inactive_coordinator": lambda: UserFactory(roles=[Role.CTED_COORDINATOR], is_active=False),
        "anonymous": AnonymousUser,
    }
    return makers[key]()


# --- Who ever takes which action (may_act) ------------------------------------------------

MAY_ACT = {
    "expert":           {SUBMIT, REPLY},
    "coordinator":      {SUBMIT, TO_SUB, TO_STATE, REPLY, CLOSE, RETURN},
    "sub_b":            {RECOMMEND, RETURN},
    "committee":        {APPROVE, RETURN},
    "chair":            {APPROVE, RETURN},
    "focal_ken":        {REPLY},
    "partner":          set(),
    "donor":            set(),
    "administrator":    {TO_STATE},
    "sub_none":         {RECOMMEND, RETURN},
    "focal_none":       {REPLY},
    "inactive_expert":  set(),
    "anonymous":        set(),
}  # fmt: skip


@pytest.mark.parametrize("person", MAY_ACT)
def test_may_act_by_each_person(personas, person):
    user = _person(person, personas)

    assert {action for action in ACTIONS if permissions.may_act(user, action)} == MAY_ACT[person]


# --- What each person may do on Kenya's file at each status -------------------------------

# Statuses not named for a person: nothing.
AVAILABLE = {
    "expert":           {DRAFT: [SUBMIT], SENT: [REPLY]},
    "coordinator":      {DRAFT: [SUBMIT], CTED_REVIEW: [TO_SUB, RETURN], APPROVED: [TO_STATE],
                         SENT: [REPLY], REPLIED: [CLOSE]},
    "sub_b":            {WITH_SUB: [RECOMMEND, RETURN]},
    "committee":        {WITH_COM: [APPROVE, RETURN]},
    "chair":            {WITH_COM: [APPROVE, RETURN]},
    "focal_ken":        {SENT: [REPLY]},
    "partner":          {},
    "donor":            {},
    "administrator":    {APPROVED: [TO_STATE]},
    "sub_a":            {},
    "sub_none":         {},
    "sub_a_committee":  {WITH_COM: [APPROVE, RETURN]},
    "focal_fra":        {},
    "focal_none":       {},
    "expert_focal_fra": {DRAFT: [SUBMIT], SENT: [REPLY]},
    "inactive_expert":  {},
    "anonymous":        {},
}  # fmt: skip


@pytest.mark.parametrize("person", AVAILABLE)
def test_actions_of_each_person_on_kenyas_file_at_each_status(personas, person):
    user = _person(person, personas)
    kenya = MemberState.objects.get(iso3="KEN")
    expected = {status: AVAILABLE[person].get(status, []) for status in STATUSES}

    files = {status: Assessment(state=kenya, status=status) for status in STATUSES}

    assert {s: permissions.available_actions(user, f) for s, f in files.items()} == expected
    assert {
        s: [action for action in ACTIONS if permissions.can_take(user, f, action)]
        for s, f in files.items()
    } == expected


STAND_INS_NEVER_ACT = [
    StandIn(frozenset({Role.CTED_EXPERT, Role.CTED_COORDINATOR})),
    StandIn(frozenset({Role.CHAIR}), is_authenticated=False, is_active=True),
]


@pytest.mark.parametrize("user", STAND_INS_NEVER_ACT)
def test_an_account_inactive_or_signed_out_never_acts_though_it_holds_roles(user):
    kenya = MemberState.objects.get(iso3="KEN")

    for status in STATUSES:
        assert permissions.available_actions(user, Assessment(state=kenya, status=status)) == []
    assert [action for action in ACTIONS if permissions.may_act(user, action)] == []


# --- What each person sees (scope, sent_scope) --------------------------------------------

FROM_WITH_SUB = [WITH_SUB, WITH_COM, APPROVED, SENT, REPLIED, CLOSED]
FROM_WITH_COM = [WITH_COM, APPROVED, SENT, REPLIED, CLOSED]
FROM_SENT = [SENT, REPLIED, CLOSED]


def _files(*states_and_statuses):
    return {(iso3, status) for iso3, statuses in states_and_statuses for status in statuses}


EVERYTHING = _files(("KEN", STATUSES), ("FRA", STATUSES))

SEES = {
    "expert":           EVERYTHING,
    "coordinator":      EVERYTHING,
    "administrator":    EVERYTHING,
    "sub_b":            _files(("KEN", FROM_WITH_SUB)),
    "sub_a":            _files(("FRA", FROM_WITH_SUB)),
    "sub_none":         set(),
    "committee":        _files(("KEN", FROM_WITH_COM), ("FRA", FROM_WITH_COM)),
    "chair":            _files(("KEN", FROM_WITH_COM), ("FRA", FROM_WITH_COM)),
    "committee_in_b":   _files(("KEN", FROM_WITH_COM), ("FRA", FROM_WITH_COM)),
    "sub_a_committee":  _files(("KEN", FROM_WITH_COM), ("FRA", FROM_WITH_SUB)),
    "focal_ken":        set(),
    "partner":          set(),
    "donor":            set(),
    "inactive_expert":  set(),
    "anonymous":        set(),
}  # fmt: skip

SEES_SENT = {
    "focal_ken":        _files(("KEN", FROM_SENT)),
    "focal_fra":        _files(("FRA", FROM_SENT)),
    "focal_none":       set(),
    "expert_of_ken":    set(),
    "expert":           set(),
    "committee":        set(),
    "anonymous":        set(),
}  # fmt: skip


@pytest.fixture
def every_file(pia_format):
    """Kenya's and France's files, one in each status (cycles 2001-2008)."""
    for iso3 in ("KEN", "FRA"):
        state = MemberState.objects.get(iso3=iso3)
        for cycle, status in enumerate(STATUSES, start=2001):
            Assessment.objects.create(state=state, format=pia_format, cycle=cycle, status=status)
    return Assessment.objects.all()


def _seen(queryset):
    return set(queryset.values_list("state__iso3", "status"))


@pytest.mark.parametrize("person", SEES)
def test_scope_of_each_person(every_file, personas, person):
    assert _seen(permissions.scope(every_file, _person(person, personas))) == SEES[person]


@pytest.mark.parametrize("person", SEES_SENT)
def test_sent_scope_of_each_person(every_file, personas, person):
    assert _seen(permissions.sent_scope(every_file, _person(person, personas))) == SEES_SENT[person]


def test_scope_and_sent_scope_refuse_accounts_inactive_or_signed_out(every_file):
    kenya, b = MemberState.objects.get(iso3="KEN"), Subcommittee.objects.get(code="B")
    stand_ins = [
        StandIn(frozenset({Role.COMMITTEE_MEMBER})),
        StandIn(frozenset({Role.SUBCOMMITTEE_MEMBER}), subcommittee_id=b.pk),
        StandIn(frozenset({Role.FOCAL_POINT}), member_state_id=kenya.pk),
        StandIn(frozenset({Role.COMMITTEE_MEMBER}), is_authenticated=False, is_active=True),
        StandIn(
            frozenset({Role.FOCAL_POINT}),
            is_authenticated=False,
            is_active=True,
            member_state_id=kenya.pk,
        ),
    ]

    for user in stand_ins:
        assert _seen(permissions.scope(every_file, user)) == set()
        assert _seen(permissions.sent_scope(every_file, user)) == set()


# --- The other checks, person by person -----------------------------------------------------

C, COM = "cted", "committee"
CHECKS = {
    # person            is_cted scope_is_possible can_create can_assign comment_visibilities
    "expert":           (True,  True,  True,  False, [C, COM]),
    "coordinator":      (True,  True,  True,  True,  [C, COM]),
    "administrator":    (True,  True,  False, False, [C, COM]),
    "sub_b":            (False, True,  False, False, [COM]),
    "sub_none":         (False, True,  False, False, [COM]),
    "committee":        (False, True,  False, False, [COM]),
    "chair":            (False, True,  False, False, [COM]),
    "focal_ken":        (False, False, False, False, []),
    "partner":          (False, False, False, False, []),
    "donor":            (False, False, False, False, []),
    "inactive_expert":  (False, False, False, False, []),
    "inactive_coordinator": (False, False, False, False, []),
}  # fmt: skip


@pytest.mark.parametrize("person", CHECKS)
def test_checks_of_each_person(personas, person):
    user = _person(person, personas)

    assert (
        permissions.is_cted(user),
        permissions.scope_is_possible(user),
        permissions.can_create(user),
        permissions.can_assign(user),
        permissions.comment_visibilities(user),
    ) == CHECKS[person]


@pytest.mark.parametrize(
    "user",
    [
        StandIn(frozenset({Role.CTED_COORDINATOR, Role.COMMITTEE_MEMBER})),
        StandIn(
            frozenset({Role.CTED_COORDINATOR, Role.SUBCOMMITTEE_MEMBER}),
            is_authenticated=False,
            is_active=True,
        ),
    ],
)
def test_checks_refuse_accounts_inactive_or_signed_out(user):
    assert (
        permissions.is_cted(user),
        permissions.scope_is_possible(user),
        permissions.can_create(user),
        permissions.can_assign(user),
    ) == (False, False, False, False)


def test_anonymous_user_can_do_nothing():
    user = AnonymousUser()

    assert (
        permissions.is_cted(user),
        permissions.scope_is_possible(user),
        permissions.can_create(user),
        permissions.can_assign(user),
    ) == (False, False, False, False)


EDITS = [
    # person            draft  cted_review
    ("expert",          True,  False),
    ("coordinator",     True,  False),
    ("administrator",   False, False),
    ("committee",       False, False),
    ("inactive_expert", False, False),
]  # fmt: skip


@pytest.mark.parametrize(("person", "on_draft", "on_review"), EDITS)
def test_can_edit_drafts_only_and_only_for_cted_writers(personas, person, on_draft, on_review):
    user = _person(person, personas)
    kenya = MemberState.objects.get(iso3="KEN")

    assert permissions.can_edit(user, Assessment(state=kenya, status=DRAFT)) is on_draft
    assert permissions.can_edit(user, Assessment(state=kenya, status=CTED_REVIEW)) is on_review


@pytest.mark.parametrize(
    ("person", "formats"), [("expert", ["test-2012"]), ("sub_b", ["test-2012"]), ("partner", [])]
)
def test_format_scope_by_person(pia_format, personas, person, formats):
    test_formats = AssessmentFormat.objects.filter(code__startswith="test-")
    scoped = permissions.format_scope(test_formats, _person(person, personas))

    assert list(scoped.values_list("code", flat=True)) == formats


@pytest.mark.parametrize(
    ("person", "readable"),
    [
        ("expert", ["CTED only", "For the Committee"]),
        ("committee", ["For the Committee"]),
        ("partner", []),
    ],
)
def test_comment_scope_by_person(draft, personas, person, readable):
    expert = personas[Role.CTED_EXPERT]
    Comment.objects.create(assessment=draft, body="CTED only", visibility="cted", author=expert)
    Comment.objects.create(
        assessment=draft, body="For the Committee", visibility="committee", author=expert
    )

    scoped = permissions.comment_scope(Comment.objects.all(), _person(person, personas))

    assert sorted(scoped.values_list("body", flat=True)) == readable


# --- The workflow services: _transition and assessment_transition ------------------------
# The actor table again, this time through the services views and the API call.

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _history(assessment):
    return list(
        assessment.transitions.values_list(
            "action", "from_status", "to_status", "comment", "by__username"
        )
    )


def test_assessment_transition_takes_the_file_through_every_service(draft, personas):
    answer_all(draft, personas[Role.CTED_EXPERT])
    steps = [
        (SUBMIT, Role.CTED_EXPERT, {}),
        (TO_SUB, Role.CTED_COORDINATOR, {"comment": "Complete."}),
        (RECOMMEND, Role.SUBCOMMITTEE_MEMBER, {"comment": "Recommended."}),
        (APPROVE, Role.CHAIR, {"comment": "Approved."}),
        (TO_STATE, Role.CTED_COORDINATOR, {"comment": "Sent."}),
        (
            REPLY,
            Role.FOCAL_POINT,
            {
                "comment": "Reply received.",
                "note": "  Our answer.  ",
                "upload": SimpleUploadedFile("reply.pdf", PDF, "application/pdf"),
            },
        ),
        (CLOSE, Role.CTED_COORDINATOR, {"comment": "Done."}),
    ]
    statuses = []

    for action, role, extra in steps:
        result = services.assessment_transition(
            assessment=draft, action=action, by=personas[role], **extra
        )
        draft.refresh_from_db()
        statuses.append(draft.status)

    assert statuses == [CTED_REVIEW, WITH_SUB, WITH_COM, APPROVED, SENT, REPLIED, CLOSED]
    assert _history(draft) == [
        (SUBMIT, DRAFT, CTED_REVIEW, "", "expert"),
        (TO_SUB, CTED_REVIEW, WITH_SUB, "Complete.", "coordinator"),
        (RECOMMEND, WITH_SUB, WITH_COM, "Recommended.", "sub_b"),
        (APPROVE, WITH_COM, APPROVED, "Approved.", "chair"),
        (TO_STATE, APPROVED, SENT, "Sent.", "coordinator"),
        (REPLY, SENT, REPLIED, "Reply received.", "focal_ken"),
        (CLOSE, REPLIED, CLOSED, "Done.", "coordinator"),
    ]
    assert isinstance(result, Assessment) and result.status == CLOSED
    reply = StateReply.objects.get(assessment=draft)
    assert (reply.note, reply.uploaded_by) == ("Our answer.", personas[Role.FOCAL_POINT])


def test_assessment_transition_records_a_reply_without_note_or_comment(draft, personas):
    sent = advance(draft, SENT, personas)

    reply = services.assessment_transition(
        assessment=sent,
        action=REPLY,
        by=personas[Role.FOCAL_POINT],
        upload=SimpleUploadedFile("reply.pdf", PDF, "application/pdf"),
    )

    assert isinstance(reply, StateReply)
    assert (reply.assessment.status, reply.note) == (REPLIED, "")
    assert _history(sent)[-1] == (REPLY, SENT, REPLIED, "", "focal_ken")


def test_assessment_transition_returns_with_the_reason(draft, personas):
    answer_all(draft, personas[Role.CTED_EXPERT])
    services.assessment_transition(assessment=draft, action=SUBMIT, by=personas[Role.CTED_EXPERT])

    returned = services.assessment_transition(
        assessment=draft, action=RETURN, by=personas[Role.CTED_COORDINATOR], comment="No sources."
    )

    assert returned.status == DRAFT
    assert _history(draft)[-1] == (RETURN, CTED_REVIEW, DRAFT, "No sources.", "coordinator")


@pytest.mark.parametrize("action", ["publish", ASSIGN, ""])
def test_assessment_transition_of_an_unknown_action_changes_nothing(draft, personas, action):
    with pytest.raises(ValidationError) as refused:
        services.assessment_transition(
            assessment=draft, action=action, by=personas[Role.CTED_COORDINATOR]
        )

    assert refused.value.message_dict == {"action": ["Unknown action."]}
    assert _history(draft) == []


def test_assessment_transition_by_someone_who_never_takes_the_action_is_denied(draft, personas):
    with pytest.raises(PermissionDenied):
        services.assessment_transition(
            assessment=draft, action=APPROVE, by=personas[Role.DONOR], comment="Fine."
        )

    draft.refresh_from_db()
    assert (draft.status, _history(draft)) == (DRAFT, [])


@pytest.fixture
def in_review(pia_format):
    return Assessment.objects.create(
        state=MemberState.objects.get(iso3="KEN"), format=pia_format, cycle=2011, status=CTED_REVIEW
    )


def test_a_step_refused_in_this_status_says_the_status(in_review, personas):
    with pytest.raises(ValidationError) as refused:
        services.assessment_close(assessment=in_review, by=personas[Role.CTED_COORDINATOR])

    assert refused.value.messages == [
        "This action is not possible while the assessment is “CTED review”."
    ]
    assert _history(in_review) == []


def test_a_comment_of_the_longest_length_is_kept(in_review, personas):
    comment = "x" * 4_000

    moved = services.assessment_send_to_subcommittee(
        assessment=in_review, by=personas[Role.CTED_COORDINATOR], comment=comment
    )

    assert moved.status == WITH_SUB
    assert _history(in_review) == [(TO_SUB, CTED_REVIEW, WITH_SUB, comment, "coordinator")]


def test_a_comment_one_character_too_long_changes_nothing(in_review, personas):
    with pytest.raises(ValidationError) as refused:
        services.assessment_send_to_subcommittee(
            assessment=in_review, by=personas[Role.CTED_COORDINATOR], comment="x" * 4_001
        )

    assert refused.value.message_dict == {"comment": ["At most 4000 characters."]}
    in_review.refresh_from_db()
    assert (in_review.status, _history(in_review)) == (CTED_REVIEW, [])


def test_comment_visibilities_none_for_anonymous_and_inactive_users(personas):
    expert, chair = personas[Role.CTED_EXPERT], personas[Role.CHAIR]
    assert permissions.comment_visibilities(expert) == ["cted", "committee"]
    assert permissions.comment_visibilities(chair) == ["committee"]  # roles now read
    expert.is_active = chair.is_active = False

    assert permissions.comment_visibilities(expert) == []
    assert permissions.comment_visibilities(chair) == []
    assert permissions.comment_visibilities(AnonymousUser()) == []
    assert list(permissions.comment_scope(Comment.objects.all(), AnonymousUser())) == []
