"""The assessment factories build through the services, so what they make is what people make."""

import pytest

from assessments.enums import AssessmentStatus, FormatStatus, MappingKind, TransitionAction
from assessments.models import QuestionMapping
from ctc.accounts.enums import Role
from tests.factories import AssessmentFactory, AssessmentFormatFactory

pytestmark = pytest.mark.django_db

S = AssessmentStatus


def test_format_factory_publishes_a_small_format_with_a_human_rights_section():
    fmt = AssessmentFormatFactory()

    questions = fmt.sections.values_list("code", "is_human_rights", "questions__code")
    assert (fmt.status, fmt.published_at is not None) == (FormatStatus.PUBLISHED, True)
    assert sorted(questions) == [
        ("human-rights", True, "2.1"),
        ("legislation", False, "1.1"),
        ("legislation", False, "1.2"),
    ]


def test_format_factory_derives_with_every_question_kept():
    source = AssessmentFormatFactory()

    derived = AssessmentFormatFactory(derived_from=source, publish=False)

    mapping = QuestionMapping.objects.filter(to_question__section__format=derived)
    assert (derived.status, derived.derived_from) == (FormatStatus.DRAFT, source)
    assert sorted(mapping.values_list("from_question__code", "to_question__code", "kind")) == [
        ("1.1", "1.1", MappingKind.KEPT),
        ("1.2", "1.2", MappingKind.KEPT),
        ("2.1", "2.1", MappingKind.KEPT),
    ]


def test_assessment_factory_walks_the_workflow_with_the_right_people(personas):
    closed = AssessmentFactory(stage=S.CLOSED, people=personas)

    steps = closed.transitions.values_list("action", "by__username")
    reply = closed.replies.get()
    assert closed.status == S.CLOSED
    assert list(steps) == [
        (TransitionAction.SUBMIT, "expert"),
        (TransitionAction.SEND_TO_SUBCOMMITTEE, "coordinator"),
        (TransitionAction.RECOMMEND, "sub_b"),
        (TransitionAction.APPROVE, "chair"),
        (TransitionAction.SEND_TO_STATE, "coordinator"),
        (TransitionAction.RECORD_REPLY, "focal_ken"),
        (TransitionAction.CLOSE, "coordinator"),
    ]
    assert (reply.filename, reply.uploaded_by) == ("reply.pdf", personas[Role.FOCAL_POINT])
    assert closed.versions.get(number=1).created_by == personas[Role.CTED_COORDINATOR]
