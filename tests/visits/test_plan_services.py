"""The plan's services: numbering, validation, both gates, idempotence, notifications."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ctc.accounts.enums import Role
from ctc.notifications.models import Notification
from ctc.organisations.models import Organisation
from ctc.states.models import MemberState
from tests.factories import OrganisationFactory, UserFactory, VisitFactory
from visits import notifications, services
from visits.enums import ConsentStatus, VisitAction, VisitStatus
from visits.models import Visit, VisitTransition

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2012, 3, 10)


def _plan(**overrides):
    kenya = MemberState.objects.get(iso3="KEN")
    fields = {
        "state": kenya,
        "purpose": "Assess resolution 1373.",
        "objectives": "Meet the border police.",
        "human_rights": "Meet the ombudsman.",
        "starts_on": D(2012, 5, 14),
        "ends_on": D(2012, 5, 18),
        "experts": [],
        "partners": [],
    }
    return {**fields, **overrides}


def _kinds(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_visit_create_numbers_references_per_state_and_year(personas):
    coordinator = personas[Role.CTED_COORDINATOR]
    france = MemberState.objects.get(iso3="FRA")

    first = services.visit_create(**_plan(), by=coordinator)
    second = services.visit_create(**_plan(), by=coordinator)
    other_year = services.visit_create(
        **_plan(starts_on=D(2013, 2, 1), ends_on=D(2013, 2, 3)), by=coordinator
    )
    other_state = services.visit_create(**_plan(state=france), by=coordinator)

    assert [first.reference, second.reference] == ["VIS/KEN/2012/1", "VIS/KEN/2012/2"]
    assert other_year.reference == "VIS/KEN/2013/1"
    assert other_state.reference == "VIS/FRA/2012/1"
    assert first.coordinator == coordinator
    assert first.history.count() == 1


def test_visit_create_is_for_coordinators_only(personas):
    with pytest.raises(PermissionDenied):
        services.visit_create(**_plan(), by=personas[Role.CTED_EXPERT])
    assert Visit.objects.count() == 0


def test_visit_create_refuses_end_before_start_with_a_field_message(personas):
    with pytest.raises(ValidationError) as caught:
        services.visit_create(
            **_plan(starts_on=D(2012, 5, 14), ends_on=D(2012, 5, 10)),
            by=personas[Role.CTED_COORDINATOR],
        )
    assert caught.value.message_dict == {
        "ends_on": ["The last day cannot be before the first day."]
    }
    assert Visit.objects.count() == 0


def test_visit_create_refuses_non_cted_experts_and_donor_partners(personas):
    donor = Organisation.objects.filter(kind="donor").first()
    committee = personas[Role.COMMITTEE_MEMBER]
    inactive = UserFactory(roles=[Role.CTED_EXPERT], is_active=False)

    with pytest.raises(ValidationError) as caught:
        services.visit_create(
            **_plan(experts=[committee, inactive], partners=[donor]),
            by=personas[Role.CTED_COORDINATOR],
        )

    assert set(caught.value.message_dict) == {"experts", "partners"}
    assert str(committee) in caught.value.message_dict["experts"][0]
    assert str(inactive) in caught.value.message_dict["experts"][0]
    assert Visit.objects.count() == 0


def test_visit_create_refuses_too_long_text(personas):
    with pytest.raises(ValidationError) as caught:
        services.visit_create(**_plan(purpose="x" * 5001), by=personas[Role.CTED_COORDINATOR])
    assert caught.value.message_dict["purpose"] == ["At most 5000 characters (this text has 5001)."]


def test_visit_create_keeps_team_and_partners(personas):
    expert = personas[Role.CTED_EXPERT]
    monitoring = Organisation.objects.get(code="1267-monitoring-team")
    visit = services.visit_create(
        **_plan(experts=[expert], partners=[monitoring]), by=personas[Role.CTED_COORDINATOR]
    )
    assert list(visit.experts.all()) == [expert]
    assert list(visit.partners.all()) == [monitoring]
    assert visit.is_joint


def test_visit_update_records_history_and_only_while_proposed(personas):
    coordinator = personas[Role.CTED_COORDINATOR]
    visit = services.visit_create(**_plan(), by=coordinator)

    services.visit_update(visit=visit, **_plan(purpose="A new purpose."), by=coordinator)
    visit.refresh_from_db()
    assert visit.purpose == "A new purpose."
    assert visit.history.count() == 2
    assert visit.history.first().history_user == coordinator

    Visit.objects.filter(pk=visit.pk).update(status=VisitStatus.AWAITING_APPROVAL)
    with pytest.raises(ValidationError):
        services.visit_update(visit=visit, **_plan(purpose="Late."), by=coordinator)
    visit.refresh_from_db()
    assert visit.purpose == "A new purpose."


def test_plan_walk_from_proposal_to_done_records_every_gate(personas):
    coordinator = personas[Role.CTED_COORDINATOR]
    committee = personas[Role.COMMITTEE_MEMBER]
    focal = personas[Role.FOCAL_POINT]
    expert = personas[Role.CTED_EXPERT]
    visit = services.visit_create(**_plan(experts=[expert]), by=coordinator)

    services.visit_submit(visit=visit, by=coordinator)
    services.visit_consent_request(
        visit=visit, dated=D(2012, 3, 3), reference="NV/12/31", by=coordinator, today=TODAY
    )
    services.visit_approve(
        visit=visit, dated=D(2012, 3, 5), reference="CTC/2012/7", by=committee, today=TODAY
    )
    services.visit_consent_record(
        visit=visit, dated=D(2012, 3, 8), reference="NV/KEN/88", by=focal, today=TODAY
    )
    services.visit_confirm(visit=visit, by=coordinator)
    services.visit_mark_done(visit=visit, by=expert, today=D(2012, 5, 14))

    visit.refresh_from_db()
    assert visit.status == VisitStatus.DONE
    assert visit.consent_status == ConsentStatus.GIVEN
    assert (visit.approved_on, visit.approval_reference) == (D(2012, 3, 5), "CTC/2012/7")
    assert (visit.consent_requested_on, visit.consent_request_reference) == (
        D(2012, 3, 3),
        "NV/12/31",
    )
    assert visit.consent_answer_due_on == D(2012, 4, 3)
    assert (visit.consent_answered_on, visit.consent_reference) == (D(2012, 3, 8), "NV/KEN/88")
    steps = list(
        VisitTransition.objects.filter(visit=visit).values_list("gate", "action", "reference")
    )
    assert steps == [
        ("plan", "submit", ""),
        ("consent", "request_consent", "NV/12/31"),
        ("plan", "approve", "CTC/2012/7"),
        ("consent", "record_consent", "NV/KEN/88"),
        ("plan", "confirm", ""),
        ("plan", "mark_done", ""),
    ]


def test_visit_submit_needs_human_rights_considerations(personas):
    visit = VisitFactory(coordinator=personas[Role.CTED_COORDINATOR], human_rights="")
    with pytest.raises(ValidationError) as caught:
        services.visit_submit(visit=visit, by=visit.coordinator)
    assert "human_rights" in caught.value.message_dict
    assert Visit.objects.get(pk=visit.pk).status == VisitStatus.PROPOSED


def test_visit_approve_refuses_a_future_date_and_a_missing_reference(personas):
    visit = VisitFactory(status=VisitStatus.AWAITING_APPROVAL)
    with pytest.raises(ValidationError) as caught:
        services.visit_approve(
            visit=visit,
            dated=D(2012, 3, 11),
            reference="",
            by=personas[Role.CHAIR],
            today=TODAY,
        )
    assert caught.value.message_dict == {
        "dated": ["The date cannot be in the future."],
        "reference": ["Give the reference of the decision or note."],
    }
    visit.refresh_from_db()
    assert (visit.status, visit.approved_on) == (VisitStatus.AWAITING_APPROVAL, None)
    assert VisitTransition.objects.count() == 0


def test_visit_approve_twice_is_refused_and_records_once(personas):
    visit = VisitFactory(status=VisitStatus.AWAITING_APPROVAL)
    chair = personas[Role.CHAIR]
    services.visit_approve(visit=visit, dated=TODAY, reference="D/1", by=chair, today=TODAY)
    with pytest.raises(ValidationError):
        services.visit_approve(visit=visit, dated=TODAY, reference="D/2", by=chair, today=TODAY)
    visit.refresh_from_db()
    assert visit.approval_reference == "D/1"
    assert VisitTransition.objects.filter(action=VisitAction.APPROVE).count() == 1
    assert _kinds(visit.coordinator) == [notifications.APPROVED]


def test_visit_return_needs_a_reason_and_tells_the_coordinator(personas):
    visit = VisitFactory(status=VisitStatus.AWAITING_APPROVAL)
    committee = personas[Role.COMMITTEE_MEMBER]
    with pytest.raises(ValidationError) as caught:
        services.visit_return(visit=visit, by=committee, comment="  ")
    assert caught.value.message_dict == {"comment": ["Say why the plan is returned."]}

    services.visit_return(visit=visit, by=committee, comment="Add the human-rights meetings.")
    visit.refresh_from_db()
    assert visit.status == VisitStatus.PROPOSED
    note = Notification.objects.get(recipient=visit.coordinator)
    assert (note.kind, note.params["reason"]) == (
        notifications.RETURNED,
        "Add the human-rights meetings.",
    )


def test_visit_submit_tells_committee_members_not_cted(personas):
    visit = VisitFactory(coordinator=personas[Role.CTED_COORDINATOR])
    services.visit_submit(visit=visit, by=visit.coordinator)
    told = set(
        Notification.objects.filter(kind=notifications.AWAITING_APPROVAL).values_list(
            "recipient__username", flat=True
        )
    )
    assert told == {"committee", "chair"}


def test_visit_consent_request_tells_the_states_focal_points_only(personas):
    visit = VisitFactory()
    fra = UserFactory(roles=[Role.FOCAL_POINT], member_state=MemberState.objects.get(iso3="FRA"))
    services.visit_consent_request(
        visit=visit,
        dated=D(2012, 3, 3),
        reference="NV/12/31",
        answer_due_on=D(2012, 4, 3),
        by=personas[Role.CTED_COORDINATOR],
        today=TODAY,
    )
    assert _kinds(personas[Role.FOCAL_POINT]) == [notifications.CONSENT_REQUESTED]
    assert _kinds(fra) == []


def test_consent_answer_in_the_future_or_before_the_request_is_refused(personas):
    visit = VisitFactory(consent_status=ConsentStatus.REQUESTED, consent_requested_on=D(2012, 3, 3))
    focal = personas[Role.FOCAL_POINT]
    with pytest.raises(ValidationError) as future:
        services.visit_consent_record(
            visit=visit, dated=D(2012, 3, 20), reference="NV/1", by=focal, today=TODAY
        )
    with pytest.raises(ValidationError) as early:
        services.visit_consent_decline(
            visit=visit, dated=D(2012, 3, 1), reference="NV/1", by=focal, today=TODAY
        )
    assert future.value.message_dict == {"dated": ["The date cannot be in the future."]}
    assert list(early.value.message_dict) == ["dated"]
    assert Visit.objects.get(pk=visit.pk).consent_status == ConsentStatus.REQUESTED


def test_focal_point_of_another_state_cannot_answer(personas):
    visit = VisitFactory(consent_status=ConsentStatus.REQUESTED)
    fra = UserFactory(roles=[Role.FOCAL_POINT], member_state=MemberState.objects.get(iso3="FRA"))
    with pytest.raises(ValidationError):
        services.visit_consent_record(
            visit=visit, dated=TODAY, reference="NV/1", by=fra, today=TODAY
        )
    assert Visit.objects.get(pk=visit.pk).consent_status == ConsentStatus.REQUESTED


def test_consent_decline_tells_the_coordinator(personas):
    visit = VisitFactory(consent_status=ConsentStatus.REQUESTED)
    services.visit_consent_decline(
        visit=visit, dated=TODAY, reference="NV/9", by=personas[Role.FOCAL_POINT], today=TODAY
    )
    note = Notification.objects.get(recipient=visit.coordinator)
    assert (note.kind, note.params["given"]) == (notifications.CONSENT_ANSWERED, False)
    assert Visit.objects.get(pk=visit.pk).consent_status == ConsentStatus.DECLINED


def test_consent_expire_only_after_the_expected_answer(personas):
    visit = VisitFactory(
        consent_status=ConsentStatus.REQUESTED, consent_answer_due_on=D(2012, 4, 3)
    )
    coordinator = personas[Role.CTED_COORDINATOR]
    with pytest.raises(ValidationError):
        services.visit_consent_expire(visit=visit, by=coordinator, today=D(2012, 4, 3))
    services.visit_consent_expire(visit=visit, by=coordinator, today=D(2012, 4, 4))
    assert Visit.objects.get(pk=visit.pk).consent_status == ConsentStatus.EXPIRED


@pytest.mark.parametrize(
    ("status", "consent", "message"),
    [
        (
            VisitStatus.AWAITING_APPROVAL,
            ConsentStatus.REQUESTED,
            "The visit cannot be confirmed yet: both the Committee's approval and the State's "
            "consent are missing.",
        ),
        (
            VisitStatus.APPROVED,
            ConsentStatus.REQUESTED,
            "The visit cannot be confirmed yet: the State's consent is missing.",
        ),
        (
            VisitStatus.PROPOSED,
            ConsentStatus.GIVEN,
            "The visit cannot be confirmed yet: the Committee's approval is missing.",
        ),
    ],
)
def test_visit_confirm_names_the_missing_gate(personas, status, consent, message):
    visit = VisitFactory(status=status, consent_status=consent)
    with pytest.raises(ValidationError) as caught:
        services.visit_confirm(visit=visit, by=personas[Role.CTED_COORDINATOR])
    assert caught.value.messages == [message]
    assert Visit.objects.get(pk=visit.pk).status == status


def test_visit_confirm_tells_the_team(personas):
    expert = personas[Role.CTED_EXPERT]
    visit = VisitFactory(
        status=VisitStatus.APPROVED, consent_status=ConsentStatus.GIVEN, experts=[expert]
    )
    services.visit_confirm(visit=visit, by=personas[Role.CTED_COORDINATOR])
    assert _kinds(expert) == [notifications.CONFIRMED]
    assert _kinds(visit.coordinator) == [notifications.CONFIRMED]


def test_visit_mark_done_waits_for_the_first_day(personas):
    visit = VisitFactory(status=VisitStatus.CONFIRMED, consent_status=ConsentStatus.GIVEN)
    expert = personas[Role.CTED_EXPERT]
    with pytest.raises(ValidationError):
        services.visit_mark_done(visit=visit, by=expert, today=D(2012, 5, 13))
    services.visit_mark_done(visit=visit, by=expert, today=D(2012, 5, 14))
    assert Visit.objects.get(pk=visit.pk).status == VisitStatus.DONE


def test_visit_cancel_needs_a_reason(personas):
    visit = VisitFactory(status=VisitStatus.APPROVED)
    coordinator = personas[Role.CTED_COORDINATOR]
    with pytest.raises(ValidationError) as caught:
        services.visit_cancel(visit=visit, by=coordinator, comment="")
    assert caught.value.message_dict == {"comment": ["Say why the visit is cancelled."]}
    services.visit_cancel(visit=visit, by=coordinator, comment="Security situation.")
    visit.refresh_from_db()
    assert visit.status == VisitStatus.CANCELLED
    assert visit.transitions.get().comment == "Security situation."


def test_committee_cannot_confirm(personas):
    visit = VisitFactory(status=VisitStatus.APPROVED, consent_status=ConsentStatus.GIVEN)
    with pytest.raises(PermissionDenied):
        services.visit_confirm(visit=visit, by=personas[Role.CHAIR])


def test_unknown_action_is_a_field_error(personas):
    visit = VisitFactory()
    with pytest.raises(ValidationError) as caught:
        services.visit_transition(visit=visit, action="fly", by=personas[Role.CTED_COORDINATOR])
    assert list(caught.value.message_dict) == ["action"]


def test_feed_renew_revokes_the_old_token(personas):
    expert = personas[Role.CTED_EXPERT]
    first = services.feed_renew(by=expert)
    second = services.feed_renew(by=expert)
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert second.revoked_at is None
    assert first.token != second.token


def test_partner_organisation_fixture_kind_is_accepted(personas):
    body = OrganisationFactory(kind="regional")
    visit = services.visit_create(**_plan(partners=[body]), by=personas[Role.CTED_COORDINATOR])
    assert list(visit.partners.all()) == [body]


def test_notification_reads_in_the_readers_language(personas):
    from django.utils import translation

    from ctc.registry import site

    visit = VisitFactory(status=VisitStatus.AWAITING_APPROVAL)
    services.visit_return(visit=visit, by=personas[Role.CHAIR], comment="Revoir.")
    note = Notification.objects.get(recipient=visit.coordinator)
    render = site.notification_kinds[note.kind].render
    with translation.override("fr"):
        subject, _text = render(note.params)
    with translation.override("en"):
        _subject, text = render(note.params)
    assert subject.endswith(visit.reference)
    assert (
        text == f"The Committee returned the plan of the visit {visit.reference} to Kenya: Revoir."
    )


def test_visit_update_to_another_state_renumbers_the_reference(personas):
    coordinator = personas[Role.CTED_COORDINATOR]
    visit = services.visit_create(**_plan(), by=coordinator)
    france = MemberState.objects.get(iso3="FRA")

    services.visit_update(visit=visit, **_plan(state=france), by=coordinator)

    assert Visit.objects.get(pk=visit.pk).reference == "VIS/FRA/2012/1"
