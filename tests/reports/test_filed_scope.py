"""Who may open a filed report: a report about a State is that State's document, so the
document area's own scope decides. The subcommittee handling the State and the Committee see
both copies, another subcommittee neither; a focal point sees only the State's copy, and only
once CTED has distributed it; nothing is distributed when the report is filed."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ctc.accounts.enums import Role
from ctc.states.models import MemberState
from docs_tracker import services as docs_services
from docs_tracker.models import Document, Receipt
from reports import services
from reports.constants import COPY_COMMITTEE, COPY_STATE
from tests.factories import SubcommitteeFactory, UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 a filed report"
STAFF = [
    Role.CTED_EXPERT,
    Role.CTED_COORDINATOR,
    Role.ADMINISTRATOR,
    Role.CHAIR,
    Role.COMMITTEE_MEMBER,
    Role.SUBCOMMITTEE_MEMBER,
    "sub_a",
]
RECIPIENTS = [Role.FOCAL_POINT, "focal_fra", Role.PARTNER_ANALYST, Role.DONOR]
# Kenya's subcommittee is B (sub_b); sub_a handles other States.
SEES_BOTH_COPIES = {
    Role.CTED_EXPERT: 200,
    Role.CTED_COORDINATOR: 200,
    Role.ADMINISTRATOR: 200,
    Role.CHAIR: 200,
    Role.COMMITTEE_MEMBER: 200,
    Role.SUBCOMMITTEE_MEMBER: 200,
    "sub_a": 404,
    Role.FOCAL_POINT: 404,
    "focal_fra": 404,
    Role.PARTNER_ANALYST: 404,
    Role.DONOR: 404,
}


@pytest.fixture
def people(personas):
    return {
        **personas,
        "sub_a": UserFactory(
            username="sub_a",
            roles=[Role.SUBCOMMITTEE_MEMBER],
            subcommittee=SubcommitteeFactory(code="A"),
        ),
        "focal_fra": UserFactory(
            username="focal_fra",
            roles=[Role.FOCAL_POINT],
            member_state=MemberState.objects.get(iso3="FRA"),
        ),
    }


def _filed(kind, by, copy=COPY_COMMITTEE, state="KEN") -> Document:
    request = services.report_request_make(kind=kind, language="en", state=state, copy=copy)
    built = services.report_build(request)
    return Document.objects.get(
        pk=services.report_file(request=request, built=built, pdf=PDF, by=by)
    )


def _answers(client, people, document) -> dict:
    """Each person's answer on the document's page: the workspace page for staff, the
    secure-area page for recipients."""
    answers = {}
    for who in [*STAFF, *RECIPIENTS]:
        client.force_login(people[who])
        route = "docs:detail" if who in STAFF else "docs_secure:detail"
        answers[who] = client.get(reverse(route, args=[document.pk])).status_code
    return answers


def test_a_states_assessment_is_filed_as_that_states_restricted_document_undistributed(
    people, sent_assessment, kenya
):
    by = people[Role.CTED_EXPERT]
    committee = _filed("state_assessment", by, COPY_COMMITTEE)
    state = _filed("state_assessment", by, COPY_STATE)

    assert [(d.state_id, d.classification) for d in (committee, state)] == [
        (kenya.pk, "restricted"),
        (kenya.pk, "restricted"),
    ]
    assert Receipt.objects.filter(document__in=[committee, state]).count() == 0


def test_the_committees_copy_opens_only_to_cted_the_committee_and_the_states_subcommittee(
    client, people, sent_assessment
):
    committee = _filed("state_assessment", people[Role.CTED_EXPERT], COPY_COMMITTEE)

    assert _answers(client, people, committee) == SEES_BOTH_COPIES


def test_the_states_copy_reaches_its_focal_point_only_once_distributed_never_the_committees(
    client, people, sent_assessment, kenya
):
    coordinator = people[Role.CTED_COORDINATOR]
    committee = _filed("state_assessment", coordinator, COPY_COMMITTEE)
    state = _filed("state_assessment", coordinator, COPY_STATE)

    before = _answers(client, people, state)
    docs_services.document_distribute(document=state, states=[kenya], by=coordinator)
    after = _answers(client, people, state)

    assert before == SEES_BOTH_COPIES
    assert after == {**SEES_BOTH_COPIES, Role.FOCAL_POINT: 200}
    assert _answers(client, people, committee) == SEES_BOTH_COPIES


def test_the_committees_copy_can_never_be_distributed_to_the_state_by_hand(
    client, people, sent_assessment, kenya
):
    coordinator = people[Role.CTED_COORDINATOR]
    committee = _filed("state_assessment", coordinator, COPY_COMMITTEE)
    state = _filed("state_assessment", coordinator, COPY_STATE)

    with pytest.raises(ValidationError, match="for the Committee only"):
        docs_services.document_distribute(document=committee, states=[kenya], by=coordinator)
    client.force_login(coordinator)
    page = client.get(reverse("docs:detail", args=[committee.pk])).content.decode()
    answer = client.post(reverse("docs:distribute", args=[committee.pk]), {"states": [kenya.pk]})

    assert (committee.committee_only, state.committee_only) == (True, False)
    assert reverse("docs:distribute", args=[committee.pk]) not in page
    assert "For the Committee only" in page
    assert answer.status_code == 400
    assert "for the Committee only" in answer.content.decode()
    assert Receipt.objects.filter(document=committee).count() == 0
    assert _answers(client, people, committee) == SEES_BOTH_COPIES


def test_a_visit_report_is_filed_as_its_states_document(client, people, transmitted_visit, kenya):
    document = _filed("visit_report", people[Role.CTED_EXPERT])

    assert document.state_id == kenya.pk
    assert _answers(client, people, document) == SEES_BOTH_COPIES


def test_a_report_to_the_committee_stays_about_no_state_and_opens_to_every_subcommittee(
    client, people
):
    document = _filed("interim_review", people[Role.CTED_EXPERT], state="")

    assert document.state_id is None
    assert _answers(client, people, document) == {
        **SEES_BOTH_COPIES,
        "sub_a": 200,
    }


def test_the_distribution_page_of_the_committees_copy_offers_no_form(
    client, people, sent_assessment
):
    coordinator = people[Role.CTED_COORDINATOR]
    committee = _filed("state_assessment", coordinator, COPY_COMMITTEE)
    client.force_login(coordinator)

    page = client.get(reverse("docs:distribute", args=[committee.pk])).content.decode()

    assert "This document is for the Committee only: it is never distributed." in page
    assert 'name="states"' not in page
