"""Migrations 0011-0012 make the workflow steps already taken milestones of the versions: each
points at the latest version saved at or before it (else the first), a sending to the
subcommittee at the State's subcommittee; an assignment is no step."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from assessments import services
from assessments.enums import TransitionAction
from ctc.accounts.enums import Role
from tests.conftest import make_personas
from tests.factories import AssessmentFactory, answer_all

BEFORE = [("assessments", "0010_fill_search_and_counters")]


def _migrate(targets=None):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes("assessments"))


def _at(clock: str) -> datetime.datetime:
    hour, minute = map(int, clock.split(":"))
    return datetime.datetime(2026, 11, 30, hour, minute, tzinfo=datetime.UTC)


@pytest.mark.django_db(transaction=True)
def test_back_fill_points_each_step_at_the_version_saved_before_it(reference_data):
    people = make_personas()
    expert, coordinator = people[Role.CTED_EXPERT], people[Role.CTED_COORDINATOR]
    draft = AssessmentFactory(people=people)  # version 1
    services.assessment_assign(
        assessment=draft, assignee=expert, due_on=datetime.date(2026, 12, 31), by=coordinator
    )
    answer_all(draft, expert)  # versions 2, 3, 4
    services.assessment_submit(assessment=draft, by=expert)
    services.assessment_send_to_subcommittee(assessment=draft, by=coordinator)
    services.assessment_return(
        assessment=draft, by=people[Role.SUBCOMMITTEE_MEMBER], comment="Add sources."
    )
    answer = draft.answers.get(question__code="1.1")
    services.answer_save(
        answer=answer,
        finding="<p>Revised.</p>",
        status="implemented",
        sources="Law",
        revision=answer.revision,
        by=expert,
    )  # version 5
    services.assessment_submit(assessment=draft, by=expert)
    saved = {1: "09:00", 2: "09:10", 3: "09:20", 4: "09:30", 5: "12:00"}
    for number, clock in saved.items():
        draft.versions.filter(number=number).update(created_at=_at(clock))
    # Dated as an imported history might have them: the first step before any version, the
    # second between versions 3 and 4.
    steps = ["08:00", "08:30", "09:25", "11:00", "12:30"]
    records = list(draft.transitions.order_by("at", "pk"))
    assert [t.action for t in records] == [
        TransitionAction.ASSIGN,
        TransitionAction.SUBMIT,
        TransitionAction.SEND_TO_SUBCOMMITTEE,
        TransitionAction.RETURN,
        TransitionAction.SUBMIT,
    ]
    for record, clock in zip(records, steps, strict=True):
        type(record).objects.filter(pk=record.pk).update(at=_at(clock))
    recorded = [(t.version.number if t.version else None) for t in records]

    try:
        _migrate(BEFORE)
    finally:
        _migrate()

    filled = [
        (t.action, t.version.number if t.version else None, getattr(t.subcommittee, "code", None))
        for t in draft.transitions.select_related("version", "subcommittee").order_by("at", "pk")
    ]
    # As the services recorded them when the steps were taken (the assignment is none).
    assert recorded == [None, 4, 4, 4, 5]
    assert filled == [
        (TransitionAction.ASSIGN, None, None),
        (TransitionAction.SUBMIT, 1, None),
        (TransitionAction.SEND_TO_SUBCOMMITTEE, 3, "B"),
        (TransitionAction.RETURN, 4, None),
        (TransitionAction.SUBMIT, 5, None),
    ]
