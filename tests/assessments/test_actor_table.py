"""Who may take which workflow step, checked on the services themselves, not through scope().

Views and the API only reach files that scope() lets a person see, which hides many mistakes
in the services' own actor checks (a subcommittee member of another subcommittee, a focal
point submitting). Here each person calls `services.assessment_transition` on a file fetched
without any scope, at every stage, for every step. The expected outcome comes from the
product rules written out below, not from `permissions.TRANSITIONS`.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from assessments import permissions, services
from assessments.enums import AssessmentStatus, TransitionAction
from assessments.models import Answer, Assessment, AssessmentFormat
from ctc.accounts.enums import Role
from ctc.accounts.models import User
from ctc.accounts.services import roles_sync
from ctc.organisations.models import Organisation
from ctc.states.models import MemberState, Subcommittee
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

S = AssessmentStatus
A = TransitionAction
OK = "ok"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"

# The workflow of SPEC.md: at this stage, this step may be taken by these people. The file
# is Kenya's; Kenya sits on subcommittee B. "sub_b" is a member of B, "focal_ken" Kenya's
# focal point.
MAY = {
    (S.DRAFT, A.SUBMIT): {"expert", "coordinator"},
    (S.CTED_REVIEW, A.SEND_TO_SUBCOMMITTEE): {"coordinator"},
    (S.WITH_SUBCOMMITTEE, A.RECOMMEND): {"sub_b"},
    (S.WITH_COMMITTEE, A.APPROVE): {"committee", "chair"},
    (S.APPROVED, A.SEND_TO_STATE): {"coordinator", "administrator"},
    (S.SENT, A.RECORD_REPLY): {"expert", "coordinator", "focal_ken"},
    (S.REPLIED, A.CLOSE): {"coordinator"},
    # Returning for revision (a comment is required): each review step's reviewers.
    (S.CTED_REVIEW, A.RETURN): {"coordinator"},
    (S.WITH_SUBCOMMITTEE, A.RETURN): {"sub_b"},
    (S.WITH_COMMITTEE, A.RETURN): {"committee", "chair"},
}
# Where each step takes the file.
TARGET = {
    A.SUBMIT: S.CTED_REVIEW,
    A.SEND_TO_SUBCOMMITTEE: S.WITH_SUBCOMMITTEE,
    A.RECOMMEND: S.WITH_COMMITTEE,
    A.APPROVE: S.APPROVED,
    A.SEND_TO_STATE: S.SENT,
    A.RECORD_REPLY: S.REPLIED,
    A.CLOSE: S.CLOSED,
    A.RETURN: S.DRAFT,
}
# Each person's role. "sub_a" sits on subcommittee A; "focal_fra" is France's focal point;
# "inactive" is a deactivated coordinator, for whom no role counts.
ROLE = {
    "expert": Role.CTED_EXPERT,
    "coordinator": Role.CTED_COORDINATOR,
    "sub_b": Role.SUBCOMMITTEE_MEMBER,
    "committee": Role.COMMITTEE_MEMBER,
    "chair": Role.CHAIR,
    "focal_ken": Role.FOCAL_POINT,
    "partner": Role.PARTNER_ANALYST,
    "donor": Role.DONOR,
    "administrator": Role.ADMINISTRATOR,
    "sub_a": Role.SUBCOMMITTEE_MEMBER,
    "focal_fra": Role.FOCAL_POINT,
    "inactive": None,
}


def _expected(person, action, status):
    """OK if the rules let the person take the step now.

    PermissionDenied if the person's role never takes this step; ValidationError if the role
    takes it, but not on this file or not at this stage.
    """
    if person in MAY.get((status, action), set()):
        return OK
    takers = {ROLE[p] for (_s, a), people in MAY.items() if a == action for p in people}
    if ROLE[person] is None or ROLE[person] not in takers:
        return PermissionDenied
    return ValidationError


CASES = [(p, a, s) for p in ROLE for a in TARGET for s in AssessmentStatus]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The people and one Kenyan file per stage, built once for the module, rolled back after.

    Each test runs in its own savepoint inside this transaction, so what one test does is
    undone before the next. Files are put in their stage directly (arranging, not acting).
    """
    with django_db_blocker.unblock(), transaction.atomic():
        roles_sync()
        kenya = MemberState.objects.get(iso3="KEN")
        france = MemberState.objects.get(iso3="FRA")
        partner_body = Organisation.objects.get(code="1267-monitoring-team")
        donor_body = OrganisationFactory(kind="donor")
        people = {
            "expert": UserFactory(roles=[Role.CTED_EXPERT]),
            "coordinator": UserFactory(roles=[Role.CTED_COORDINATOR]),
            "sub_b": UserFactory(
                roles=[Role.SUBCOMMITTEE_MEMBER], subcommittee=Subcommittee.objects.get(code="B")
            ),
            "committee": UserFactory(roles=[Role.COMMITTEE_MEMBER]),
            "chair": UserFactory(roles=[Role.CHAIR]),
            "focal_ken": UserFactory(roles=[Role.FOCAL_POINT], member_state=kenya),
            "partner": UserFactory(roles=[Role.PARTNER_ANALYST], organisation=partner_body),
            "donor": UserFactory(roles=[Role.DONOR], organisation=donor_body),
            "administrator": UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True),
            "sub_a": UserFactory(
                roles=[Role.SUBCOMMITTEE_MEMBER], subcommittee=Subcommittee.objects.get(code="A")
            ),
            "focal_fra": UserFactory(roles=[Role.FOCAL_POINT], member_state=france),
            "inactive": UserFactory(roles=[Role.CTED_COORDINATOR], is_active=False),
        }
        # As the services would get them from a request: freshly read from the database.
        people = {key: User.objects.get(pk=user.pk) for key, user in people.items()}
        fmt = AssessmentFormat.objects.get(code="pia-2012")
        files = {}
        for cycle, status in enumerate(AssessmentStatus, start=2005):
            assessment = services.assessment_create(
                state=kenya, fmt=fmt, cycle=cycle, by=people["expert"]
            )
            # Every finding written, so the human-rights rule does not stop a submission.
            Answer.objects.filter(assessment=assessment).update(
                finding="<p>The State has adopted a law.</p>", status="partially", sources="Law"
            )
            Assessment.objects.filter(pk=assessment.pk).update(status=status)
            files[status] = assessment.pk
        yield people, files
        transaction.set_rollback(True)


def _attempt(assessment, action, by):
    """The outcome of one call to the service: "ok", PermissionDenied or ValidationError."""
    upload = SimpleUploadedFile("reply.pdf", PDF, content_type="application/pdf")
    try:
        services.assessment_transition(
            assessment=assessment,
            action=action,
            by=by,
            comment="Section 1 needs sources.",
            upload=upload,
        )
    except PermissionDenied:
        return PermissionDenied
    except ValidationError:
        return ValidationError
    return OK


def test_table_covers_every_role_every_workflow_step_and_every_stage():
    assert {role for role in ROLE.values() if role} == set(Role)
    assert set(TARGET) == set(TransitionAction) - {TransitionAction.ASSIGN}
    assert {action for _status, action in MAY} == set(TARGET)


@pytest.mark.parametrize("person,action,status", CASES, ids=lambda v: str(v))
def test_transition_by_person_at_stage_gives_the_rules_outcome(world, person, action, status):
    people, files = world
    assessment = Assessment.objects.get(pk=files[status])
    history = assessment.transitions.count()
    expected = _expected(person, action, status)

    outcome = _attempt(assessment, action, people[person])

    assert outcome == expected
    after = Assessment.objects.get(pk=assessment.pk)
    if expected == OK:
        assert after.status == TARGET[action]
        assert after.transitions.count() == history + 1
    else:
        assert after.status == status
        assert after.transitions.count() == history


@pytest.mark.parametrize("person", ROLE)
@pytest.mark.parametrize("status", AssessmentStatus)
def test_available_actions_of_person_at_stage_are_the_rules_steps(world, person, status):
    people, files = world
    assessment = Assessment.objects.get(pk=files[status])
    expected = {action for action in TARGET if person in MAY.get((status, action), set())}

    actions = permissions.available_actions(people[person], assessment)

    assert set(actions) == expected
    assert len(actions) == len(expected)


@pytest.mark.parametrize("person", ["coordinator", "inactive", "donor"])
def test_assign_through_the_transition_dispatcher_is_refused_for_anyone(world, person):
    people, files = world
    assessment = Assessment.objects.get(pk=files[S.DRAFT])

    outcome = _attempt(assessment, A.ASSIGN, people[person])

    assert outcome == ValidationError
    assert Assessment.objects.get(pk=assessment.pk).status == S.DRAFT
    assert assessment.transitions.count() == 0


@pytest.mark.parametrize("status", [S.CTED_REVIEW, S.WITH_SUBCOMMITTEE, S.WITH_COMMITTEE])
def test_return_without_a_comment_is_refused_even_for_the_reviewer(world, status):
    people, files = world
    reviewer = sorted(MAY[(status, A.RETURN)])[0]
    assessment = Assessment.objects.get(pk=files[status])

    with pytest.raises(ValidationError):
        services.assessment_transition(
            assessment=assessment, action=A.RETURN, by=people[reviewer], comment="   "
        )

    assert Assessment.objects.get(pk=assessment.pk).status == status
    assert assessment.transitions.count() == 0
