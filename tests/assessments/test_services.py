import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assessments import selectors, services
from assessments.enums import AssessmentStatus
from assessments.models import Assessment
from ctc.accounts.enums import Role
from ctc.revisions import EditConflict
from tests.factories import answer_all

pytestmark = pytest.mark.django_db


def test_create_makes_one_answer_per_question_and_version_one(draft):
    assert draft.answers.count() == 3
    assert list(draft.versions.values_list("number", "summary")) == [(1, "Created")]
    assert draft.status == AssessmentStatus.DRAFT


def test_answer_save_sanitises_and_versions(draft, personas):
    expert = personas[Role.CTED_EXPERT]
    answer = draft.answers.get(question__code="1.1")

    saved = services.answer_save(
        answer=answer,
        finding='<p onclick="x()">Law <script>alert(1)</script><strong>adopted</strong></p>',
        status="implemented",
        sources="S/2002/1",
        revision=0,
        by=expert,
    )

    assert saved.finding == "<p>Law <strong>adopted</strong></p>"
    assert saved.revision == 1
    assert saved.updated_by == expert
    latest = draft.versions.order_by("-number").first()
    assert latest.number == 2
    content = selectors.version_content(latest)
    assert content["answers"]["1.1"]["finding"] == "<p>Law <strong>adopted</strong></p>"


def test_second_save_on_a_stale_revision_is_refused(draft, personas):
    first, second = personas[Role.CTED_EXPERT], personas[Role.CTED_COORDINATOR]
    answer = draft.answers.get(question__code="1.1")
    services.answer_save(
        answer=answer, finding="First text", status="", sources="", revision=0, by=first
    )

    with pytest.raises(EditConflict) as conflict:
        services.answer_save(
            answer=answer, finding="Second text", status="", sources="", revision=0, by=second
        )

    answer.refresh_from_db()
    assert answer.finding == "First text"
    assert conflict.value.current.finding == "First text"
    assert conflict.value.submitted["finding"] == "Second text"
    assert draft.versions.count() == 2


def test_unknown_status_and_oversized_finding_change_nothing(draft, personas):
    answer = draft.answers.get(question__code="1.1")
    with pytest.raises(ValidationError):
        services.answer_save(
            answer=answer,
            finding="x",
            status="perfect",
            sources="",
            revision=0,
            by=personas[Role.CTED_EXPERT],
        )
    with pytest.raises(ValidationError):
        services.answer_save(
            answer=answer,
            finding="x" * 20_001,
            status="",
            sources="",
            revision=0,
            by=personas[Role.CTED_EXPERT],
        )
    answer.refresh_from_db()
    assert (answer.finding, answer.revision) == ("", 0)


def test_subcommittee_member_cannot_edit(draft, personas):
    answer = draft.answers.first()
    with pytest.raises(PermissionDenied):
        services.answer_save(
            answer=answer,
            finding="x",
            status="",
            sources="",
            revision=0,
            by=personas[Role.SUBCOMMITTEE_MEMBER],
        )


def test_submit_needs_the_human_rights_section(draft, personas):
    with pytest.raises(ValidationError) as error:
        services.assessment_submit(assessment=draft, by=personas[Role.CTED_EXPERT])

    assert "2.1" in str(error.value)
    draft.refresh_from_db()
    assert draft.status == AssessmentStatus.DRAFT


def test_full_workflow_records_every_transition(draft, personas):
    answer_all(draft, personas[Role.CTED_EXPERT])
    steps = [
        (services.assessment_submit, Role.CTED_EXPERT, AssessmentStatus.CTED_REVIEW),
        (
            services.assessment_send_to_subcommittee,
            Role.CTED_COORDINATOR,
            AssessmentStatus.WITH_SUBCOMMITTEE,
        ),
        (services.assessment_recommend, Role.SUBCOMMITTEE_MEMBER, AssessmentStatus.WITH_COMMITTEE),
        (services.assessment_approve, Role.CHAIR, AssessmentStatus.APPROVED),
        (services.assessment_send_to_state, Role.CTED_COORDINATOR, AssessmentStatus.SENT),
    ]
    for service, role, expected in steps:
        draft = service(assessment=draft, by=personas[role])
        assert draft.status == expected

    assert draft.transitions.count() == 5
    assert draft.snapshot.content["answers"]["2.1"]["status"] == "partially"
    assert len(draft.snapshot.sha256) == 64


def test_return_requires_a_comment(draft, personas):
    answer_all(draft, personas[Role.CTED_EXPERT])
    services.assessment_submit(assessment=draft, by=personas[Role.CTED_EXPERT])

    with pytest.raises(ValidationError):
        services.assessment_return(
            assessment=draft, by=personas[Role.CTED_COORDINATOR], comment="  "
        )
    returned = services.assessment_return(
        assessment=draft, by=personas[Role.CTED_COORDINATOR], comment="Section 1 needs sources."
    )

    assert returned.status == AssessmentStatus.DRAFT
    last = returned.transitions.last()
    assert (last.action, last.from_status, last.comment) == (
        "return",
        "cted_review",
        "Section 1 needs sources.",
    )


def test_new_assessment_starts_from_the_previous_across_formats(draft, next_format, personas):
    expert = personas[Role.CTED_EXPERT]
    answer = draft.answers.get(question__code="1.2")
    services.answer_save(
        answer=answer,
        finding="<p>Financing is an offence.</p>",
        status="implemented",
        sources="Law 12",
        revision=0,
        by=expert,
    )

    later = services.assessment_create(state=draft.state, fmt=next_format, cycle=2013, by=expert)

    carried = dict(later.answers.values_list("question__code", "finding"))
    assert later.previous == draft
    assert carried["1.2"] == "<p>Financing is an offence.</p>"
    assert carried["1.3"] == "<p>Financing is an offence.</p>"
    assert carried["1.1"] == ""


def _counts(assessment) -> tuple[int, int]:
    """(questions, answered questions) as stored on the assessment's row."""
    return Assessment.objects.values_list("question_count", "answered_count").get(pk=assessment.pk)


def test_create_and_saves_keep_the_counts_of_questions_and_answered_ones(draft, personas):
    expert = personas[Role.CTED_EXPERT]
    first, second = draft.answers.get(question__code="1.1"), draft.answers.get(question__code="2.1")
    created = _counts(draft)
    answered = services.answer_save(
        answer=first,
        finding="<p>Adopted.</p>",
        status="implemented",
        sources="",
        revision=0,
        by=expert,
    )
    without_status = services.answer_save(
        answer=second, finding="<p>Pending.</p>", status="", sources="", revision=0, by=expert
    )
    after_one = _counts(draft)
    services.answer_save(
        answer=without_status,
        finding="<p>Pending.</p>",
        status="partially",
        sources="",
        revision=1,
        by=expert,
    )
    after_two = _counts(draft)
    services.answer_save(
        answer=answered, finding="", status="implemented", sources="", revision=1, by=expert
    )

    assert (draft.question_count, draft.answered_count) == (3, 0)
    assert created == (3, 0)
    assert after_one == (3, 1)
    assert after_two == (3, 2)
    assert _counts(draft) == (3, 1)


def test_carried_over_answers_are_counted_as_answered(draft, next_format, personas):
    expert = personas[Role.CTED_EXPERT]
    services.answer_save(
        answer=draft.answers.get(question__code="1.2"),
        finding="<p>Financing is an offence.</p>",
        status="implemented",
        sources="Law 12",
        revision=0,
        by=expert,
    )

    later = services.assessment_create(state=draft.state, fmt=next_format, cycle=2013, by=expert)

    # 1.2 was split into 1.2 and 1.3: both start answered; 1.1 and 2.1 start empty.
    assert (later.question_count, later.answered_count) == (4, 2)
    assert _counts(later) == (4, 2)
    assert _counts(draft) == (3, 1)


def test_duplicate_cycle_is_refused(draft, pia_format, personas):
    with pytest.raises(ValidationError):
        services.assessment_create(
            state=draft.state, fmt=pia_format, cycle=2012, by=personas[Role.CTED_EXPERT]
        )
