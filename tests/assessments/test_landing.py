"""What assessments add to the landing page through the registry: stages, sent files, and
"waiting for you"."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments import services
from assessments.enums import AssessmentStatus
from assessments.models import AssessmentFormat
from ctc.accounts.enums import Role
from ctc.states.models import MemberState
from tests.factories import UserFactory
from tests.factories import assessment_advance as advance

pytestmark = pytest.mark.django_db
LANDING = "/en/workspace/"


def _landing(client, user) -> dict:
    client.force_login(user)
    return client.get(LANDING).context["landing"]


def _block(landing, template) -> dict | None:
    return next((ctx for name, ctx in landing["blocks"] if name == template), None)


def _waiting(landing) -> dict[str, int]:
    return {str(item.label): item.count for item in landing["waiting"]}


def _create(personas, iso3="KEN", assignee=None):
    return services.assessment_create(
        state=MemberState.objects.get(iso3=iso3),
        fmt=AssessmentFormat.objects.get(code="pia-2012"),
        cycle=2012,
        by=personas[Role.CTED_COORDINATOR],
        assignee=assignee,
    )


def test_landing_counts_the_assessments_the_user_may_see(client, personas):
    _create(personas)

    stages = "assessments/_landing_stages.html"
    expert = _block(_landing(client, personas[Role.CTED_EXPERT]), stages)
    chair = _block(_landing(client, personas[Role.CHAIR]), stages)
    focal = _landing(client, personas[Role.FOCAL_POINT])

    assert dict((s, n) for s, _label, n in expert["by_status"])["draft"] == 1
    assert dict((s, n) for s, _label, n in chair["by_status"])["draft"] == 0
    assert _block(focal, stages) is None
    assert _block(focal, "assessments/_landing_sent.html") == {"sent": []}


def test_landing_blocks_hidden_from_partners_and_donors(client, personas):
    for role in (Role.PARTNER_ANALYST, Role.DONOR):
        landing = _landing(client, personas[role])

        assert landing["blocks"] == []
        assert landing["waiting"] == []


def test_waiting_shows_drafts_assigned_to_the_expert_only(client, personas):
    expert = personas[Role.CTED_EXPERT]
    other = UserFactory(roles=[Role.CTED_EXPERT])
    _create(personas, "KEN", assignee=expert)
    _create(personas, "FRA", assignee=other)

    waiting = _waiting(_landing(client, expert))
    response = client.get(LANDING)

    assert waiting == {"Drafts assigned to you": 1}
    assert "?status=draft&amp;assignee=expert" in response.content.decode()


def test_waiting_follows_the_file_through_the_reviewers(client, personas, draft):
    assessment = draft
    advance(assessment, AssessmentStatus.CTED_REVIEW, personas)

    coordinator = _waiting(_landing(client, personas[Role.CTED_COORDINATOR]))
    chair_before = _waiting(_landing(client, personas[Role.CHAIR]))
    assessment.refresh_from_db()
    advance(assessment, AssessmentStatus.WITH_COMMITTEE, personas)
    chair_after = _waiting(_landing(client, personas[Role.CHAIR]))
    coordinator_after = _waiting(_landing(client, personas[Role.CTED_COORDINATOR]))

    assert coordinator == {"To do: Send to the subcommittee": 1}
    assert chair_before == {}
    assert chair_after == {"To do: Approve": 1}
    assert coordinator_after == {}


def test_waiting_tells_the_focal_point_of_a_sent_assessment(
    client, personas, draft, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    advance(draft, AssessmentStatus.SENT, personas)

    focal = _waiting(_landing(client, personas[Role.FOCAL_POINT]))
    services.assessment_record_reply(
        assessment=draft,
        by=personas[Role.FOCAL_POINT],
        upload=SimpleUploadedFile("reply.txt", b"The State's reply."),
    )
    replied = _waiting(_landing(client, personas[Role.FOCAL_POINT]))

    assert focal == {"Assessments awaiting your State's reply": 1}
    assert replied == {}
