"""ctc/workflow.py on its own: a tiny table over stand-in people and papers, then transition()
on a real assessment row (the only concrete TransitionRecord) with a workflow built here.

The stand-ins carry only what the workflow reads, so an inactive or signed-out person can
still hold roles: the workflow must refuse them itself, not count on User.roles being empty.
"""

import datetime
from dataclasses import dataclass, field

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from assessments.models import Assessment, AssessmentFormat, Transition
from ctc.accounts.enums import Role
from ctc.states.models import MemberState
from ctc.workflow import Step, TransitionResult, Workflow


@dataclass(frozen=True)
class Person:
    roles: frozenset = frozenset()
    is_authenticated: bool = True
    is_active: bool = True


@dataclass
class Paper:
    status: str


@dataclass
class Sheet:
    stage: str


WRITER = Person(frozenset({"writer"}))
REVIEWER = Person(frozenset({"reviewer"}))
CHAIR = Person(frozenset({"chair"}))
NOBODY = Person()


def _steps():
    return [
        Step("submit", ("draft",), "review", {"writer"}),
        Step("return", ("review",), "draft", {"reviewer"}),
        Step("approve", ("review",), "approved", frozenset({"reviewer", "chair"})),
        Step("return", ("approved",), "draft", {"chair"}),
    ]


def _paper_workflow(**options):
    # Stand-in papers never reach transition(), so no record model is needed here.
    return Workflow(
        _steps(),
        record_model=None,
        subject_field="paper",
        refused=lambda paper: f"Not while {paper.status}.",
        **options,
    )


# --- The table --------------------------------------------------------------------------


def test_workflow_keeps_the_steps_in_table_order_with_frozen_roles():
    workflow = _paper_workflow()

    assert workflow.steps == (
        Step("submit", ("draft",), "review", frozenset({"writer"})),
        Step("return", ("review",), "draft", frozenset({"reviewer"})),
        Step("approve", ("review",), "approved", frozenset({"reviewer", "chair"})),
        Step("return", ("approved",), "draft", frozenset({"chair"})),
    )
    assert [type(step.roles) for step in workflow.steps] == [frozenset] * 4
    assert len(set(workflow.steps)) == 4  # steps are hashable once their roles are frozen


def test_workflow_refuses_two_steps_leaving_one_status_by_the_same_action():
    steps = [*_steps(), Step("approve", ("draft", "review"), "approved", {"chair"})]

    with pytest.raises(ValueError, match=r"^two steps 'approve' leave 'review'$"):
        Workflow(steps, record_model=None, subject_field="paper", refused=str)


def test_workflow_accepts_one_action_from_many_statuses_and_many_actions_from_one():
    steps = [
        Step("return", ("review", "approved"), "draft", {"chair"}),
        Step("approve", ("review",), "approved", {"chair"}),
        Step("archive", ("review",), "archived", {"chair"}),
    ]

    workflow = Workflow(steps, record_model=None, subject_field="paper", refused=str)

    assert workflow.actions() == ["return", "approve", "archive"]


def test_actions_are_listed_once_in_table_order():
    assert _paper_workflow().actions() == ["submit", "return", "approve"]


def test_step_is_the_one_leaving_the_status_by_that_action():
    workflow = _paper_workflow()

    assert workflow.step("return", "review") is workflow.steps[1]
    assert workflow.step("return", "approved") is workflow.steps[3]
    assert workflow.step("submit", "draft") is workflow.steps[0]
    assert workflow.step("submit", "review") is None
    assert workflow.step("publish", "draft") is None


def test_roles_for_an_action_join_every_step_of_that_action():
    workflow = _paper_workflow()

    assert workflow.roles_for("submit") == frozenset({"writer"})
    assert workflow.roles_for("return") == frozenset({"reviewer", "chair"})
    assert workflow.roles_for("approve") == frozenset({"reviewer", "chair"})
    assert workflow.roles_for("publish") == frozenset()


# --- Who may act --------------------------------------------------------------------------

MAY_ACT = [
    # person                                               action     may act
    (WRITER,                                               "submit",  True),
    (WRITER,                                               "approve", False),
    (WRITER,                                               "publish", False),
    (CHAIR,                                                "return",  True),
    (REVIEWER,                                             "return",  True),
    (Person(frozenset({"writer", "chair"})),               "approve", True),
    (NOBODY,                                               "submit",  False),
    (Person(frozenset({"writer"}), is_active=False),       "submit",  False),
    (Person(frozenset({"writer"}), is_authenticated=False), "submit", False),
    (None,                                                 "submit",  False),
]  # fmt: skip


@pytest.mark.parametrize(("person", "action", "expected"), MAY_ACT)
def test_may_act_whatever_the_status(person, action, expected):
    assert _paper_workflow().may_act(person, action) is expected


CAN_TAKE = [
    # person                                          status      action     can take
    (WRITER,                                          "draft",    "submit",  True),
    (WRITER,                                          "review",   "submit",  False),
    (WRITER,                                          "review",   "approve", False),
    (REVIEWER,                                        "review",   "approve", True),
    (REVIEWER,                                        "review",   "return",  True),
    (REVIEWER,                                        "approved", "return",  False),
    (CHAIR,                                           "approved", "return",  True),
    (CHAIR,                                           "review",   "return",  False),
    (CHAIR,                                           "review",   "approve", True),
    (CHAIR,                                           "draft",    "approve", False),
    (NOBODY,                                          "draft",    "submit",  False),
    (WRITER,                                          "draft",    "publish", False),
    (Person(frozenset({"writer"}), is_active=False),  "draft",    "submit",  False),
    (Person(frozenset({"chair"}), is_authenticated=False), "review", "approve", False),
    (None,                                            "draft",    "submit",  False),
]  # fmt: skip


@pytest.mark.parametrize(("person", "status", "action", "expected"), CAN_TAKE)
def test_can_take_by_role_and_status(person, status, action, expected):
    assert _paper_workflow().can_take(person, Paper(status), action) is expected


def test_can_take_reads_the_status_field_it_is_given():
    workflow = _paper_workflow(status_field="stage")

    assert workflow.can_take(WRITER, Sheet("draft"), "submit") is True
    assert workflow.can_take(WRITER, Sheet("review"), "submit") is False


@dataclass
class ScopeSpy:
    answer: bool
    calls: list = field(default_factory=list)

    def __call__(self, user, subject, held):
        self.calls.append((user, subject, held))
        return self.answer


def test_within_scope_is_asked_with_the_roles_held_among_the_steps():
    spy = ScopeSpy(answer=True)
    workflow = _paper_workflow(within_scope=spy)
    person, paper = Person(frozenset({"reviewer", "writer"})), Paper("review")

    assert workflow.can_take(person, paper, "approve") is True

    assert spy.calls == [(person, paper, frozenset({"reviewer"}))]
    assert type(spy.calls[0][2]) is frozenset


def test_within_scope_refusing_refuses_the_step():
    spy = ScopeSpy(answer=False)
    workflow = _paper_workflow(within_scope=spy)

    assert workflow.can_take(CHAIR, Paper("review"), "approve") is False
    assert workflow.available_actions(CHAIR, Paper("approved")) == []
    assert len(spy.calls) == 2


def test_within_scope_is_not_asked_when_status_role_or_account_already_refuse():
    spy = ScopeSpy(answer=True)
    workflow = _paper_workflow(within_scope=spy)

    assert workflow.can_take(WRITER, Paper("review"), "submit") is False
    assert workflow.can_take(REVIEWER, Paper("draft"), "submit") is False
    inactive_writer = Person(frozenset({"writer"}), is_active=False)
    assert workflow.can_take(inactive_writer, Paper("draft"), "submit") is False

    assert spy.calls == []


AVAILABLE = [
    # person                                   status      actions, in table order
    (WRITER,                                   "draft",    ["submit"]),
    (WRITER,                                   "review",   []),
    (Person(frozenset({"chair", "reviewer"})), "review",   ["return", "approve"]),
    (CHAIR,                                    "review",   ["approve"]),
    (CHAIR,                                    "approved", ["return"]),
    (REVIEWER,                                 "approved", []),
    (Person(frozenset({"writer", "chair"})),   "draft",    ["submit"]),
    (Person(frozenset({"chair"}), is_active=False), "review", []),
    (None,                                     "review",   []),
]  # fmt: skip


@pytest.mark.parametrize(("person", "status", "expected"), AVAILABLE)
def test_available_actions_in_table_order(person, status, expected):
    assert _paper_workflow().available_actions(person, Paper(status)) == expected


# --- transition() on a real row -------------------------------------------------------------

LONG_AGO = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)


def _assessment_workflow(**options):
    options = {
        "record_model": Transition,
        "subject_field": "assessment",
        "refused": lambda assessment: f"Not while {assessment.status}.",
        "lock_related": ("state",),
        "touch_fields": ("updated_at",),
        **options,
    }
    return Workflow(
        [
            Step("submit", ("draft",), "cted_review", {Role.CTED_EXPERT}),
            Step("return", ("cted_review",), "draft", {Role.CTED_COORDINATOR}),
        ],
        **options,
    )


@pytest.fixture
def assessment(db):
    """Kenya's file, a draft whose times are long past, so that any change of them shows."""
    fmt = AssessmentFormat.objects.create(code="workflow-test", name_en="Workflow test")
    kenya = MemberState.objects.get(iso3="KEN")
    created = Assessment.objects.create(state=kenya, format=fmt, cycle=2020)
    Assessment.objects.filter(pk=created.pk).update(updated_at=LONG_AGO, status_changed_at=LONG_AGO)
    return Assessment.objects.get(pk=created.pk)


def _stored(assessment):
    fresh = Assessment.objects.get(pk=assessment.pk)
    return fresh.status, fresh.status_changed_at, fresh.updated_at


def test_transition_writes_one_record_and_saves_status_and_times(assessment, personas):
    expert = personas[Role.CTED_EXPERT]
    before = timezone.now()

    result = _assessment_workflow().transition(
        assessment, "submit", by=expert, comment="  Ready for review.\n"
    )

    after = timezone.now()
    record = Transition.objects.get(assessment=assessment)
    assert (record.action, record.from_status, record.to_status, record.comment, record.by) == (
        "submit",
        "draft",
        "cted_review",
        "Ready for review.",
        expert,
    )
    assert result == TransitionResult(result.subject, record, "submit", "draft", "cted_review")
    assert (result.subject.pk, result.subject.status) == (assessment.pk, "cted_review")
    status, changed_at, updated_at = _stored(assessment)
    assert status == "cted_review"
    assert before <= changed_at <= after
    assert before <= updated_at <= after


def test_transition_without_a_changed_at_field_keeps_that_time(assessment, personas):
    workflow = _assessment_workflow(changed_at_field=None)

    workflow.transition(assessment, "submit", by=personas[Role.CTED_EXPERT])

    status, changed_at, _ = _stored(assessment)
    assert (status, changed_at) == ("cted_review", LONG_AGO)
    assert Transition.objects.get(assessment=assessment).comment == ""


def test_transition_saves_no_field_it_is_not_told_to_touch(assessment, personas):
    workflow = _assessment_workflow(touch_fields=())

    workflow.transition(assessment, "submit", by=personas[Role.CTED_EXPERT])

    status, changed_at, updated_at = _stored(assessment)
    assert (status, updated_at) == ("cted_review", LONG_AGO)
    assert changed_at > LONG_AGO


def test_transition_not_possible_in_this_status_raises_and_writes_nothing(assessment, personas):
    with pytest.raises(ValidationError) as refused:
        _assessment_workflow().transition(
            assessment, "return", by=personas[Role.CTED_COORDINATOR], comment="Why?"
        )

    assert refused.value.messages == ["Not while draft."]
    assert Transition.objects.filter(assessment=assessment).count() == 0
    assert _stored(assessment) == ("draft", LONG_AGO, LONG_AGO)


def test_transition_judges_the_stored_status_not_the_callers_copy(assessment, personas):
    Assessment.objects.filter(pk=assessment.pk).update(status="cted_review")

    with pytest.raises(ValidationError) as refused:
        _assessment_workflow().transition(assessment, "submit", by=personas[Role.CTED_EXPERT])

    assert refused.value.messages == ["Not while cted_review."]
    assert Transition.objects.filter(assessment=assessment).count() == 0


@pytest.mark.parametrize(
    ("who", "action"),
    [
        (Role.CTED_EXPERT, "return"),  # never returns, whatever the status
        (Role.DONOR, "submit"),
        (Role.CTED_COORDINATOR, "publish"),  # no such action
    ],
)
def test_transition_by_someone_whose_roles_never_take_it_is_denied(
    assessment, personas, who, action
):
    with pytest.raises(PermissionDenied):
        _assessment_workflow().transition(assessment, action, by=personas[who])

    assert Transition.objects.filter(assessment=assessment).count() == 0
    assert _stored(assessment) == ("draft", LONG_AGO, LONG_AGO)


def test_transition_by_an_inactive_account_is_denied(assessment, personas):
    expert = personas[Role.CTED_EXPERT]
    expert.is_active = False
    expert.save(update_fields=["is_active"])

    with pytest.raises(PermissionDenied):
        _assessment_workflow().transition(
            assessment, "submit", by=type(expert).objects.get(pk=expert.pk)
        )

    assert Transition.objects.filter(assessment=assessment).count() == 0


def test_transition_outside_the_persons_scope_raises_and_writes_nothing(assessment, personas):
    spy = ScopeSpy(answer=False)

    with pytest.raises(ValidationError) as refused:
        _assessment_workflow(within_scope=spy).transition(
            assessment, "submit", by=personas[Role.CTED_EXPERT]
        )

    assert refused.value.messages == ["Not while draft."]
    assert [held for _, _, held in spy.calls] == [frozenset({Role.CTED_EXPERT})]
    assert Transition.objects.filter(assessment=assessment).count() == 0
    assert _stored(assessment) == ("draft", LONG_AGO, LONG_AGO)
