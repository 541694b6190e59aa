import pytest
from django.utils import translation

from assessments import services as assessment_services
from assessments.enums import AssessmentStatus
from ctc.accounts.enums import Role
from ctc.states.models import MemberState
from tests.assessments.conftest import pia_format  # noqa: F401  (a fixture)
from tests.factories import assessment_advance
from tests.visits.report_helpers import report_at
from visits.enums import ReportStatus

COVER = "Zq8-cover-note-for-the-committee"
LETTER = "Zq8-letter-to-kenya"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def kenya():
    return MemberState.objects.get(iso3="KEN")


@pytest.fixture
def sent_assessment(pia_format, kenya, personas, django_capture_on_commit_callbacks):  # noqa: F811
    """Kenya's 2012 assessment, sent, with a marked cover note and letter."""
    expert = personas[Role.CTED_EXPERT]
    draft = assessment_services.assessment_create(
        state=kenya, fmt=pia_format, cycle=2012, by=expert, assignee=expert
    )
    for field, text in (("cover_note", COVER), ("letter", LETTER)):
        assessment_services.note_save(
            assessment=draft, field=field, text=f"<p>{text}</p>", revision=0, by=expert
        )
    approved = assessment_advance(draft, AssessmentStatus.APPROVED, personas)
    with django_capture_on_commit_callbacks(execute=True):
        assessment_services.assessment_send_to_state(
            assessment=approved, by=personas[Role.CTED_COORDINATOR]
        )
    return approved


@pytest.fixture
def transmitted_visit(personas, kenya):
    return report_at(personas, ReportStatus.TRANSMITTED, state=kenya)
