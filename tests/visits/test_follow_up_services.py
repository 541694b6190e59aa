"""Recommendations, follow-up actions and the outcome: who may write, what is refused (in
the user's language, with nothing changed), the workflow, bulk updates, the completion
rate, "overdue" at UN Headquarters and the reminders."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from ctc.accounts.enums import Role
from ctc.notifications.models import Notification
from ctc.organisations.models import Organisation
from ctc.registry import site
from ctc.themes.models import ThematicArea
from tests.factories import (
    FollowUpActionFactory,
    UserFactory,
    VisitFactory,
    VisitRecommendationFactory,
)
from visits import follow_up_selectors as selectors
from visits import follow_up_services as services
from visits.models import FollowUpAction, FollowUpTransition, OutcomeEvaluation, Recommendation

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
D = datetime.date


def _at(day, hour):
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


@pytest.fixture
def monitoring():
    return Organisation.objects.get(code="1267-monitoring-team")


@pytest.fixture
def visit(personas, monitoring):
    return VisitFactory(
        status="done",
        consent_status="given",
        report_status="draft",
        coordinator=personas[Role.CTED_COORDINATOR],
        partners=[monitoring],
    )


@pytest.fixture
def area():
    return ThematicArea.objects.order_by("pk").first()


@pytest.fixture
def recommendation(visit):
    return VisitRecommendationFactory(visit=visit, position=1)


def _messages(exc) -> dict:
    return exc.value.message_dict


# --- Recommendations ----------------------------------------------------------------------


def test_recommendation_add_numbers_after_the_last(personas, visit, area, recommendation):
    added = services.recommendation_add(
        visit=visit,
        text="  Train border officers.  ",
        thematic_area=area,
        priority="high",
        by=personas[Role.CTED_EXPERT],
    )

    assert (added.position, added.text, added.priority) == (2, "Train border officers.", "high")
    assert added.history.get().history_user == personas[Role.CTED_EXPERT]


def test_recommendation_add_refused_to_the_committee(personas, visit, area):
    with pytest.raises(PermissionDenied):
        services.recommendation_add(
            visit=visit, text="x", thematic_area=area, priority="high", by=personas[Role.CHAIR]
        )


@pytest.mark.parametrize("report_status", ["approved", "transmitted"])
def test_recommendation_add_refused_once_the_report_is_approved(
    personas, visit, area, report_status
):
    visit.report_status = report_status
    visit.save()

    with pytest.raises(ValidationError) as exc:
        services.recommendation_add(
            visit=visit,
            text="x",
            thematic_area=area,
            priority="high",
            by=personas[Role.CTED_EXPERT],
        )

    assert exc.value.messages == [
        "The report is approved: its recommendations can no longer be changed."
    ]
    assert Recommendation.objects.count() == 0


def test_recommendation_add_refused_before_the_visit_took_place(personas, visit, area):
    visit.status = "confirmed"
    visit.save()

    with pytest.raises(ValidationError) as exc:
        services.recommendation_add(
            visit=visit, text="x", thematic_area=area, priority="low", by=personas[Role.CTED_EXPERT]
        )

    assert exc.value.messages == ["This is possible once the visit has taken place."]


def test_recommendation_add_without_text_says_so_in_french(personas, visit, area):
    with translation.override("fr"), pytest.raises(ValidationError) as exc:
        services.recommendation_add(
            visit=visit, text=" ", thematic_area=area, priority="low", by=personas[Role.CTED_EXPERT]
        )

    assert list(_messages(exc)) == ["text"]


def test_recommendation_remove_refused_with_actions(personas, recommendation):
    FollowUpActionFactory(recommendation=recommendation)

    with pytest.raises(ValidationError) as exc:
        services.recommendation_remove(recommendation=recommendation, by=personas[Role.CTED_EXPERT])

    assert exc.value.messages == [
        "This recommendation has follow-up actions: it can no longer be removed."
    ]
    assert Recommendation.objects.filter(pk=recommendation.pk).exists()


def test_recommendation_remove_without_actions(personas, recommendation):
    services.recommendation_remove(recommendation=recommendation, by=personas[Role.CTED_EXPERT])

    assert not Recommendation.objects.filter(pk=recommendation.pk).exists()


def test_recommendation_update_rewrites_the_text(personas, recommendation, area):
    services.recommendation_update(
        recommendation=recommendation,
        text="Adopt a counter-terrorism strategy.",
        thematic_area=area,
        priority="low",
        by=personas[Role.CTED_EXPERT],
    )

    recommendation.refresh_from_db()
    assert (recommendation.text, recommendation.priority) == (
        "Adopt a counter-terrorism strategy.",
        "low",
    )


# --- Follow-up actions: owners and validation ------------------------------------------------


def _create(recommendation, by, **kwargs):
    values = {"description": "Adopt the law.", "owner_kind": "state", "due_on": D(2012, 9, 30)}
    values.update(kwargs)
    return services.follow_up_create(recommendation=recommendation, by=by, **values)


def test_follow_up_create_owned_by_a_cted_expert(personas, recommendation):
    expert = personas[Role.CTED_EXPERT]

    action = _create(recommendation, expert, owner_kind="cted", owner_user=expert)

    assert (action.owner_kind, action.owner_user, action.status) == ("cted", expert, "open")
    assert action.visit == recommendation.visit


def test_follow_up_create_cted_owner_must_hold_a_cted_role(personas, recommendation):
    with pytest.raises(ValidationError) as exc:
        _create(
            recommendation,
            personas[Role.CTED_EXPERT],
            owner_kind="cted",
            owner_user=personas[Role.CHAIR],
        )

    assert _messages(exc) == {"owner_user": ["This person is not a CTED expert."]}
    assert FollowUpAction.objects.count() == 0


def test_follow_up_create_owned_by_a_partner_of_the_visit(personas, recommendation, monitoring):
    action = _create(
        recommendation,
        personas[Role.CTED_EXPERT],
        owner_kind="partner",
        owner_organisation=monitoring,
    )

    assert (action.owner_kind, action.owner_organisation) == ("partner", monitoring)


def test_follow_up_create_unknown_partner(personas, recommendation, monitoring):
    other = Organisation.objects.exclude(pk=monitoring.pk).first()

    with pytest.raises(ValidationError) as exc:
        _create(
            recommendation,
            personas[Role.CTED_EXPERT],
            owner_kind="partner",
            owner_organisation=other,
        )

    assert _messages(exc) == {
        "owner_organisation": [
            "Unknown partner: this organisation does not take part in the visit."
        ]
    }


def test_follow_up_create_state_owner_names_nobody_else(personas, recommendation, monitoring):
    action = _create(
        recommendation,
        personas[Role.CTED_EXPERT],
        owner_kind="state",
        owner_user=personas[Role.CTED_EXPERT],
        owner_organisation=monitoring,
    )

    assert (action.owner_user, action.owner_organisation) == (None, None)


def test_follow_up_create_without_due_date(personas, recommendation):
    with pytest.raises(ValidationError) as exc:
        _create(recommendation, personas[Role.CTED_EXPERT], due_on=None)

    assert _messages(exc) == {"due_on": ["Give a due date."]}


def test_follow_up_create_refused_to_a_focal_point(personas, recommendation):
    with pytest.raises(PermissionDenied):
        _create(recommendation, personas[Role.FOCAL_POINT])


def test_follow_up_update_new_due_date_forgets_the_last_reminder(personas, recommendation):
    action = FollowUpActionFactory(
        recommendation=recommendation, reminded_on=D(2012, 10, 8), reminders=1
    )

    services.follow_up_update(
        action=action,
        description=action.description,
        owner_kind="state",
        due_on=D(2012, 12, 31),
        by=personas[Role.CTED_EXPERT],
    )

    action.refresh_from_db()
    assert (action.due_on, action.reminded_on, action.reminders) == (D(2012, 12, 31), None, 1)


# --- The workflow ----------------------------------------------------------------------------


def test_follow_up_start_and_complete_by_the_owning_states_focal_point(personas, recommendation):
    action = FollowUpActionFactory(recommendation=recommendation)
    focal = personas[Role.FOCAL_POINT]

    services.follow_up_start(action=action, by=focal)
    services.follow_up_complete(action=action, by=focal, comment="Law adopted.")

    steps = list(FollowUpTransition.objects.filter(follow_up=action).values_list("action", "by"))
    assert steps == [("start", focal.pk), ("complete", focal.pk)]
    action.refresh_from_db()
    assert action.status == "done"


def test_follow_up_start_refused_to_another_states_focal_point(personas, recommendation):
    action = FollowUpActionFactory(recommendation=recommendation)
    france = UserFactory(
        roles=[Role.FOCAL_POINT], member_state=personas[Role.FOCAL_POINT].member_state
    )
    france.member_state_id = None
    france.save()

    with pytest.raises(ValidationError):
        services.follow_up_start(action=action, by=france)


def test_follow_up_start_refused_to_a_partner_on_a_state_action(personas, recommendation):
    action = FollowUpActionFactory(recommendation=recommendation)

    with pytest.raises(ValidationError):
        services.follow_up_start(action=action, by=personas[Role.PARTNER_ANALYST])


def test_follow_up_drop_requires_a_reason(personas, recommendation):
    action = FollowUpActionFactory(recommendation=recommendation)

    with pytest.raises(ValidationError) as exc:
        services.follow_up_drop(action=action, reason="  ", by=personas[Role.CTED_EXPERT])

    assert _messages(exc) == {"reason": ["Say why the action is dropped."]}
    action.refresh_from_db()
    assert (action.status, action.drop_reason) == ("open", "")


def test_follow_up_drop_keeps_its_reason_and_reopen_clears_it(personas, recommendation):
    action = FollowUpActionFactory(recommendation=recommendation)
    expert = personas[Role.CTED_EXPERT]

    services.follow_up_drop(action=action, reason="Overtaken by the new law.", by=expert)
    action.refresh_from_db()
    dropped = (action.status, action.drop_reason)
    services.follow_up_reopen(action=action, by=expert)
    action.refresh_from_db()

    assert dropped == ("dropped", "Overtaken by the new law.")
    assert (action.status, action.drop_reason) == ("open", "")
    assert FollowUpTransition.objects.get(action="drop").comment == "Overtaken by the new law."


def test_follow_up_drop_refused_to_a_focal_point(personas, recommendation):
    action = FollowUpActionFactory(recommendation=recommendation)

    with pytest.raises(PermissionDenied):
        services.follow_up_drop(action=action, reason="No.", by=personas[Role.FOCAL_POINT])


def test_follow_up_bulk_update_moves_every_action(personas, recommendation):
    actions = FollowUpActionFactory.create_batch(3, recommendation=recommendation)

    moved = services.follow_up_bulk_update(
        actions=actions, action="start", by=personas[Role.CTED_EXPERT]
    )

    assert moved == 3
    assert set(FollowUpAction.objects.values_list("status", flat=True)) == {"in_progress"}


def test_follow_up_bulk_update_all_or_nothing(personas, recommendation):
    first, second = FollowUpActionFactory.create_batch(2, recommendation=recommendation)
    done = FollowUpActionFactory(
        recommendation=recommendation, status="done", description="Already done."
    )

    with pytest.raises(ValidationError) as exc:
        services.follow_up_bulk_update(
            actions=[first, done, second], action="start", by=personas[Role.CTED_EXPERT]
        )

    assert exc.value.messages == [
        "“Already done.”: This is not possible while the action is “Done”."
    ]
    assert list(FollowUpAction.objects.order_by("pk").values_list("status", flat=True)) == [
        "open",
        "open",
        "done",
    ]
    assert FollowUpTransition.objects.count() == 0


def test_follow_up_bulk_drop_requires_a_reason(personas, recommendation):
    actions = FollowUpActionFactory.create_batch(2, recommendation=recommendation)

    with pytest.raises(ValidationError) as exc:
        services.follow_up_bulk_update(
            actions=actions, action="drop", by=personas[Role.CTED_EXPERT]
        )

    assert _messages(exc) == {"reason": ["Say why the actions are dropped."]}


# --- Outcome ---------------------------------------------------------------------------------


def test_completion_rate_counts_done_over_all_but_dropped(recommendation):
    for status in ("done", "done", "open", "in_progress", "dropped"):
        FollowUpActionFactory(recommendation=recommendation, status=status, drop_reason="x")

    rate = selectors.completion_rate(visit=recommendation.visit)

    assert (rate.total, rate.done, rate.dropped, rate.counted, rate.percent) == (5, 2, 1, 4, 50)


def test_completion_rate_none_without_actions(visit):
    assert selectors.completion_rate(visit=visit) is None


def test_completion_rate_all_dropped_has_no_percent(recommendation):
    FollowUpActionFactory(recommendation=recommendation, status="dropped", drop_reason="x")

    assert selectors.completion_rate(visit=recommendation.visit).percent is None


def test_evaluation_save_writes_then_rewrites(personas, visit):
    expert, coordinator = personas[Role.CTED_EXPERT], personas[Role.CTED_COORDINATOR]

    services.evaluation_save(visit=visit, what_changed="A FIU was set up.", by=expert)
    services.evaluation_save(visit=visit, what_changed="A FIU works.", by=coordinator)

    evaluation = OutcomeEvaluation.objects.get(visit=visit)
    assert (evaluation.what_changed, evaluation.evaluated_by) == ("A FIU works.", coordinator)


def test_evaluation_save_refused_before_the_visit(personas, visit):
    visit.status = "confirmed"
    visit.save()

    with pytest.raises(ValidationError):
        services.evaluation_save(visit=visit, what_changed="x", by=personas[Role.CTED_EXPERT])


def test_evaluation_save_refused_to_the_committee(personas, visit):
    with pytest.raises(PermissionDenied):
        services.evaluation_save(visit=visit, what_changed="x", by=personas[Role.CHAIR])


# --- Overdue at headquarters ------------------------------------------------------------------


def test_hq_today_is_new_york_not_utc():
    assert selectors.hq_today(_at(D(2012, 5, 1), 3)) == D(2012, 4, 30)
    assert selectors.hq_today(_at(D(2012, 5, 1), 5)) == D(2012, 5, 1)


def test_hq_today_follows_the_setting(settings):
    settings.VISITS_HQ_TIME_ZONE = "Asia/Tokyo"

    assert selectors.hq_today(_at(D(2012, 4, 30), 16)) == D(2012, 5, 1)


def test_overdue_only_once_the_due_date_ended_at_headquarters(personas, recommendation):
    action = FollowUpActionFactory(recommendation=recommendation, due_on=D(2012, 4, 30))
    user = personas[Role.CTED_EXPERT]

    def overdue(hour):
        today = selectors.hq_today(_at(D(2012, 5, 1), hour))
        return list(selectors.follow_up_list(user=user, overdue=True, today=today))

    assert overdue(3) == []
    assert overdue(5) == [action]


@pytest.mark.parametrize("status", ["done", "dropped"])
def test_overdue_never_for_finished_actions(personas, recommendation, status):
    FollowUpActionFactory(
        recommendation=recommendation, due_on=D(2012, 4, 30), status=status, drop_reason="x"
    )

    found = selectors.follow_up_list(
        user=personas[Role.CTED_EXPERT], overdue=True, today=D(2012, 6, 1)
    )

    assert list(found) == []


# --- Reminders --------------------------------------------------------------------------------


@pytest.fixture
def overdue_action(personas, recommendation):
    return FollowUpActionFactory(recommendation=recommendation, due_on=D(2012, 4, 30))


def test_reminders_send_not_before_the_due_date_ended_at_headquarters(overdue_action):
    assert services.reminders_send(now=_at(D(2012, 5, 1), 3)) == 0
    assert services.reminders_send(now=_at(D(2012, 5, 1), 5)) == 1


def test_reminders_send_twice_the_same_day_reminds_once(overdue_action, personas):
    first = services.reminders_send(now=_at(D(2012, 5, 1), 11))
    second = services.reminders_send(now=_at(D(2012, 5, 1), 23))

    assert (first, second) == (1, 0)
    overdue_action.refresh_from_db()
    assert (overdue_action.reminded_on, overdue_action.reminders) == (D(2012, 5, 1), 1)
    people = Notification.objects.filter(kind="visits.follow_up_reminder")
    assert list(people.values_list("recipient__username", flat=True)) == ["focal_ken"]


def test_follow_up_remind_twice_for_one_day_sends_once(overdue_action):
    today = D(2012, 5, 2)

    results = [services.follow_up_remind(action=overdue_action, today=today) for _ in range(2)]

    assert results == [True, False]
    assert Notification.objects.filter(kind="visits.follow_up_reminder").count() == 1


def test_reminders_send_again_after_the_reminder_period(overdue_action, settings):
    settings.VISITS_REMINDER_DAYS = 7

    sent = [
        services.reminders_send(now=_at(day, 12))
        for day in (D(2012, 5, 1), D(2012, 5, 7), D(2012, 5, 8))
    ]

    assert sent == [1, 0, 1]
    overdue_action.refresh_from_db()
    assert overdue_action.reminders == 2


def test_reminder_goes_to_the_owner_in_their_language(
    personas, recommendation, monitoring, django_capture_on_commit_callbacks
):
    expert = personas[Role.CTED_EXPERT]
    expert.email, expert.preferred_language = "expert@un.org", "fr"
    expert.save()
    analyst = UserFactory(
        roles=[Role.PARTNER_ANALYST], organisation=monitoring, email="analyst@un.org"
    )
    FollowUpActionFactory(
        recommendation=recommendation, owner_kind="cted", owner_user=expert, due_on=D(2012, 4, 1)
    )
    FollowUpActionFactory(
        recommendation=recommendation,
        owner_kind="partner",
        owner_organisation=monitoring,
        due_on=D(2012, 4, 1),
    )

    with django_capture_on_commit_callbacks(execute=True):
        sent = services.reminders_send(now=_at(D(2012, 5, 1), 12))

    assert sent == 2
    by_address = {m.to[0]: m for m in mail.outbox}
    partner = personas[Role.PARTNER_ANALYST]
    assert set(by_address) == {"expert@un.org", analyst.email, partner.email}
    assert by_address["analyst@un.org"].subject == f"Overdue follow-up: {recommendation.visit}"
    # The French reader's date is French (Django's own catalogue; ours comes at merge).
    assert "1 avril 2012" in by_address["expert@un.org"].body
    assert "1 April 2012" in by_address["analyst@un.org"].body


def test_need_hook_absent_refuses_the_need(personas, recommendation, monkeypatch):
    monkeypatch.setattr(site, "need_from_recommendation", None)
    with pytest.raises(ValidationError):
        services.recommendation_to_need(
            recommendation=recommendation, by=personas[Role.CTED_EXPERT]
        )


def test_need_hook_called_once_registered(personas, recommendation, monkeypatch):
    calls = []
    monkeypatch.setattr(site, "need_from_recommendation", lambda r, by: calls.append((r, by)))

    services.recommendation_to_need(recommendation=recommendation, by=personas[Role.CTED_EXPERT])

    assert calls == [(recommendation, personas[Role.CTED_EXPERT])]


def test_follow_up_complete_by_the_state_tells_the_coordinator(personas, recommendation):
    action = FollowUpActionFactory(recommendation=recommendation)

    services.follow_up_complete(action=action, by=personas[Role.FOCAL_POINT], comment="Adopted.")

    told = Notification.objects.filter(kind="visits.follow_up_changed")
    assert list(told.values_list("recipient__username", flat=True)) == ["coordinator"]
    with translation.override("en"):
        subject, text = told.get().rendered
    assert subject == f"Follow-up done: {recommendation.visit}"
    assert text.endswith("Adopted.")


def test_follow_up_drop_by_cted_tells_the_states_focal_points(personas, recommendation):
    action = FollowUpActionFactory(recommendation=recommendation)

    services.follow_up_drop(action=action, reason="Overtaken.", by=personas[Role.CTED_EXPERT])

    told = Notification.objects.filter(kind="visits.follow_up_changed")
    assert list(told.values_list("recipient__username", "url")) == [
        ("focal_ken", "/en/secure/visits/follow-up/")
    ]
