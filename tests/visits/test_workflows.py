"""The visit workflows as data: both gates before confirmation, guards, and scope."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from ctc.accounts.enums import Role
from tests.factories import MemberStateFactory, UserFactory, VisitFactory
from visits import permissions
from visits.enums import ConsentStatus, VisitAction, VisitStatus
from visits.models import Visit, VisitTransition

pytestmark = pytest.mark.django_db


def test_confirm_needs_the_states_consent_as_well_as_the_approval():
    visit = VisitFactory(status=VisitStatus.APPROVED, consent_status=ConsentStatus.REQUESTED)
    coordinator = visit.coordinator

    assert not permissions.can_take(coordinator, visit, VisitAction.CONFIRM)
    with pytest.raises(ValidationError):
        permissions.PLAN.transition(visit, VisitAction.CONFIRM, by=coordinator)
    assert Visit.objects.get(pk=visit.pk).status == VisitStatus.APPROVED

    permissions.CONSENT.transition(
        visit,
        VisitAction.RECORD_CONSENT,
        by=coordinator,
        record={"gate": "consent", "dated": datetime.date(2012, 3, 1), "reference": "NV/12/3"},
    )
    visit.refresh_from_db()
    result = permissions.PLAN.transition(visit, VisitAction.CONFIRM, by=coordinator)

    assert result.subject.status == VisitStatus.CONFIRMED
    gates = list(VisitTransition.objects.filter(visit=visit).values_list("action", "reference"))
    assert gates[0] == (VisitAction.RECORD_CONSENT, "NV/12/3")


def test_plan_goes_to_the_committee_only_with_human_rights_considerations():
    visit = VisitFactory(human_rights="  ")

    assert not permissions.can_take(visit.coordinator, visit, VisitAction.SUBMIT)
    visit.human_rights = "Meet the ombudsman."
    assert permissions.can_take(visit.coordinator, visit, VisitAction.SUBMIT)


def test_focal_point_answers_consent_of_its_own_state_only():
    visit = VisitFactory(consent_status=ConsentStatus.REQUESTED)
    own = UserFactory(roles=[Role.FOCAL_POINT], member_state=visit.state)
    other = UserFactory(roles=[Role.FOCAL_POINT], member_state=MemberStateFactory())

    assert permissions.can_take(own, visit, VisitAction.RECORD_CONSENT)
    assert not permissions.can_take(other, visit, VisitAction.RECORD_CONSENT)
    assert list(permissions.scope(Visit.objects.all(), other)) == []
    assert list(permissions.scope(Visit.objects.all(), own)) == [visit]
