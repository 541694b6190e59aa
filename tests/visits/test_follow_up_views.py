"""Pages of recommendations and follow-up: the visit's page, the State's open follow-up
(sorted by due date both ways, bulk update), the list, and the owners' secure page."""

import datetime

import pytest
from django.utils import translation

from ctc.accounts.enums import Role
from ctc.organisations.models import Organisation
from ctc.states.models import MemberState
from tests.factories import FollowUpActionFactory, VisitFactory, VisitRecommendationFactory
from visits.models import FollowUpAction, OutcomeEvaluation, Recommendation

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def monitoring():
    return Organisation.objects.get(code="1267-monitoring-team")


@pytest.fixture
def visit(personas, monitoring):
    return VisitFactory(
        reference="VIS/KEN/2012/1",
        status="done",
        consent_status="given",
        report_status="draft",
        partners=[monitoring],
    )


@pytest.fixture
def recommendation(visit):
    return VisitRecommendationFactory(visit=visit, position=1)


def _signed_in(client, user):
    client.force_login(user)
    return client


def _url(path):
    return f"/en/visits/{path}"


def test_recommendations_page_flags_overdue_and_shows_the_rate(
    client, personas, recommendation, monkeypatch
):
    from ctc.registry import site

    # Without the assistance app's hook there is no button to record a need.
    monkeypatch.setattr(site, "need_from_recommendation", None)
    FollowUpActionFactory(
        recommendation=recommendation, description="Late one", due_on=D(2012, 1, 1)
    )
    FollowUpActionFactory(recommendation=recommendation, status="done", description="Done one")
    client = _signed_in(client, personas[Role.CTED_EXPERT])

    response = client.get(_url(f"{recommendation.visit_id}/recommendations/"))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="is-overdue"') == 1
    assert 'badge badge-overdue">Overdue' in html
    assert "Follow-up completed: 50% (1 of 2 actions done)" in html
    assert "Record as an assistance need" not in html


def test_recommendations_page_shows_the_need_button_once_a_hook_exists(
    client, personas, recommendation, monkeypatch
):
    from ctc.registry import site

    monkeypatch.setattr(site, "need_from_recommendation", lambda r, by: None)
    client = _signed_in(client, personas[Role.CTED_EXPERT])

    response = client.get(_url(f"{recommendation.visit_id}/recommendations/"))

    assert "Record as an assistance need" in response.content.decode()


def test_recommendation_add_from_the_page(client, personas, visit):
    client = _signed_in(client, personas[Role.CTED_EXPERT])
    area = Recommendation._meta.get_field("thematic_area").related_model.objects.first()

    response = client.post(
        _url(f"{visit.pk}/recommendations/"),
        {"text": "Ratify the conventions.", "thematic_area": area.pk, "priority": "high"},
    )

    assert response.status_code == 302
    assert list(visit.recommendations.values_list("text", flat=True)) == ["Ratify the conventions."]


def test_follow_up_add_without_due_date_says_so_next_to_the_field(client, personas, recommendation):
    client = _signed_in(client, personas[Role.CTED_EXPERT])

    response = client.post(
        _url(f"{recommendation.visit_id}/follow-up/add/"),
        {"recommendation": recommendation.pk, "description": "Do it", "owner_kind": "state"},
    )

    assert response.status_code == 400
    assert '<div class="field-error" id="id_due_on_error"><p>Give a due date.</p>' in (
        response.content.decode()
    )
    assert FollowUpAction.objects.count() == 0


def test_follow_up_add_unknown_partner(client, personas, recommendation, monitoring):
    other = Organisation.objects.exclude(pk=monitoring.pk).first()
    client = _signed_in(client, personas[Role.CTED_EXPERT])

    response = client.post(
        _url(f"{recommendation.visit_id}/follow-up/add/"),
        {
            "recommendation": recommendation.pk,
            "description": "Do it",
            "owner_kind": "partner",
            "owner_organisation": other.pk,
            "due_on": "2012-12-31",
        },
    )

    assert response.status_code == 400
    assert "Unknown partner: this organisation does not take part in the visit." in (
        response.content.decode()
    )


def test_follow_up_edit_refused_by_the_service_says_so_next_to_the_field_and_changes_nothing(
    client, personas, recommendation
):
    action = FollowUpActionFactory(recommendation=recommendation)
    client = _signed_in(client, personas[Role.CTED_EXPERT])

    # The form takes a CTED owner without the expert; the service refuses it.
    response = client.post(
        _url(f"follow-up/{action.pk}/edit/"),
        {"description": "Another text", "owner_kind": "cted", "due_on": "2012-12-31"},
    )

    assert response.status_code == 400
    assert (
        '<div class="field-error" id="id_owner_user_error">'
        "<p>Choose the CTED expert who owns this action.</p>"
    ) in response.content.decode()
    action.refresh_from_db()
    assert (action.description, action.owner_kind, action.due_on) == (
        "Adopt the draft law on the financial intelligence unit.",
        "state",
        D(2012, 9, 30),
    )


def test_follow_up_step_drop_without_reason_is_400_and_changes_nothing(
    client, personas, recommendation
):
    action = FollowUpActionFactory(recommendation=recommendation)
    client = _signed_in(client, personas[Role.CTED_EXPERT])

    response = client.post(_url(f"follow-up/{action.pk}/step/"), {"action": "drop"})

    assert response.status_code == 400
    assert "Say why the action is dropped." in response.content.decode()
    action.refresh_from_db()
    assert action.status == "open"


def test_evaluation_saved_from_the_page(client, personas, visit):
    client = _signed_in(client, personas[Role.CTED_EXPERT])

    response = client.post(_url(f"{visit.pk}/evaluation/"), {"what_changed": "A FIU exists."})

    assert response.status_code == 302
    assert OutcomeEvaluation.objects.get(visit=visit).what_changed == "A FIU exists."


def _three_actions(recommendation):
    return [
        FollowUpActionFactory(recommendation=recommendation, description=name, due_on=due)
        for name, due in (
            ("B-second", D(2012, 8, 1)),
            ("A-first", D(2012, 6, 1)),
            ("C-third", D(2012, 10, 1)),
        )
    ]


def test_state_page_sorts_by_due_date_both_ways(client, personas, recommendation):
    _three_actions(recommendation)
    FollowUpActionFactory(recommendation=recommendation, description="Z-done", status="done")
    client = _signed_in(client, personas[Role.CTED_EXPERT])

    def order(sort):
        html = client.get(_url(f"follow-up/state/KEN/?sort={sort}")).content.decode()
        names = ["A-first", "B-second", "C-third", "Z-done"]
        return sorted((html.index(n), n) for n in names if n in html)

    assert [n for _i, n in order("due")] == ["A-first", "B-second", "C-third"]
    assert [n for _i, n in order("-due")] == ["C-third", "B-second", "A-first"]


def test_state_page_overdue_filter(client, personas, recommendation):
    FollowUpActionFactory(recommendation=recommendation, description="Late", due_on=D(2012, 1, 1))
    FollowUpActionFactory(recommendation=recommendation, description="Later", due_on=D(2099, 1, 1))
    client = _signed_in(client, personas[Role.CTED_EXPERT])

    html = client.get(_url("follow-up/state/KEN/?overdue=true")).content.decode()

    assert "Late" in html and "Later" not in html


def test_state_page_bulk_update_starts_the_chosen(client, personas, recommendation):
    first, second, third = _three_actions(recommendation)
    client = _signed_in(client, personas[Role.CTED_EXPERT])

    response = client.post(
        _url("follow-up/state/KEN/"), {"actions": [first.pk, third.pk], "action": "start"}
    )

    assert response.status_code == 302
    statuses = dict(FollowUpAction.objects.values_list("description", "status"))
    assert statuses == {"B-second": "in_progress", "A-first": "open", "C-third": "in_progress"}


def test_state_page_bulk_drop_without_reason_changes_nothing(client, personas, recommendation):
    actions = _three_actions(recommendation)
    client = _signed_in(client, personas[Role.CTED_EXPERT])

    response = client.post(
        _url("follow-up/state/KEN/"), {"actions": [a.pk for a in actions], "action": "drop"}
    )

    assert response.status_code == 400
    assert "Say why the actions are dropped." in response.content.decode()
    assert set(FollowUpAction.objects.values_list("status", flat=True)) == {"open"}


def test_state_page_unknown_state_is_404(client, personas):
    client = _signed_in(client, personas[Role.CTED_EXPERT])

    assert client.get(_url("follow-up/state/XXX/")).status_code == 404


def test_follow_up_list_filters_by_owner_and_state(client, personas, recommendation, monitoring):
    FollowUpActionFactory(recommendation=recommendation, description="State-owned")
    FollowUpActionFactory(
        recommendation=recommendation,
        description="Partner-owned",
        owner_kind="partner",
        owner_organisation=monitoring,
    )
    client = _signed_in(client, personas[Role.CTED_EXPERT])

    html = client.get(_url("follow-up/?owner=partner&state=KEN")).content.decode()

    assert "Partner-owned" in html and "State-owned" not in html


def test_follow_up_list_bad_filter_is_400(client, personas):
    client = _signed_in(client, personas[Role.CTED_EXPERT])

    assert client.get(_url("follow-up/?owner=nobody")).status_code == 400


# --- The secure area ----------------------------------------------------------------------------


def _france_action():
    france = MemberState.objects.get(iso3="FRA")
    visit = VisitFactory(state=france, status="done", consent_status="given")
    return FollowUpActionFactory(
        recommendation=VisitRecommendationFactory(visit=visit), description="French action"
    )


def test_secure_page_lists_the_focal_points_own_states_actions(
    client, personas, recommendation, monitoring
):
    FollowUpActionFactory(recommendation=recommendation, description="Kenyan action")
    FollowUpActionFactory(
        recommendation=recommendation,
        description="Monitoring action",
        owner_kind="partner",
        owner_organisation=monitoring,
    )
    _france_action()
    client = _signed_in(client, personas[Role.FOCAL_POINT])

    html = client.get("/en/secure/visits/follow-up/").content.decode()

    assert "Kenyan action" in html
    assert "Monitoring action" not in html and "French action" not in html


def test_secure_page_partner_completes_its_organisations_action(
    client, personas, recommendation, monitoring
):
    action = FollowUpActionFactory(
        recommendation=recommendation, owner_kind="partner", owner_organisation=monitoring
    )
    client = _signed_in(client, personas[Role.PARTNER_ANALYST])

    response = client.post(
        "/en/secure/visits/follow-up/", {"actions": [action.pk], "action": "complete"}
    )

    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "done"


def test_secure_page_another_states_action_is_404(client, personas):
    foreign = _france_action()
    client = _signed_in(client, personas[Role.FOCAL_POINT])

    response = client.post(
        "/en/secure/visits/follow-up/", {"actions": [foreign.pk], "action": "start"}
    )

    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == "open"


def test_secure_page_drop_is_not_offered_to_owners(client, personas, recommendation):
    action = FollowUpActionFactory(recommendation=recommendation)
    client = _signed_in(client, personas[Role.FOCAL_POINT])

    response = client.post(
        "/en/secure/visits/follow-up/", {"actions": [action.pk], "action": "drop", "reason": "x"}
    )

    assert response.status_code == 400
    action.refresh_from_db()
    assert action.status == "open"


def test_waiting_lists_overdue_follow_up_of_the_focal_point_and_coordinator(
    personas, recommendation
):
    from ctc.registry import site

    FollowUpActionFactory(recommendation=recommendation, due_on=D(2012, 1, 1))
    with translation.override("en"):
        focal = site.waiting_for(personas[Role.FOCAL_POINT])
        coordinator = site.waiting_for(personas[Role.CTED_COORDINATOR])

    assert [(i.label, i.count) for i in focal if "follow-up" in i.label] == [
        ("Your overdue follow-up actions", 1)
    ]
    assert [(i.label, i.count) for i in coordinator if "follow-up" in i.label] == [
        ("Overdue follow-up actions, all visits", 1)
    ]


def test_secure_page_nothing_chosen_says_so(client, personas, recommendation):
    FollowUpActionFactory(recommendation=recommendation)
    client = _signed_in(client, personas[Role.FOCAL_POINT])

    response = client.post("/en/secure/visits/follow-up/", {"action": "start"})

    assert response.status_code == 400
    assert "Choose at least one action." in response.content.decode()


def test_state_page_bad_sort_is_400(client, personas):
    client = _signed_in(client, personas[Role.CTED_EXPERT])

    response = client.get(_url("follow-up/state/KEN/?sort=sideways"))

    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
