"""The follow-up lists run a fixed number of SQL queries, whatever the size of the data."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ctc.accounts.enums import Role
from ctc.organisations.models import Organisation
from tests.factories import (
    FollowUpActionFactory,
    UserFactory,
    VisitFactory,
    VisitRecommendationFactory,
)

pytestmark = pytest.mark.django_db

# Session, user and roles (3), the header's unread notifications, the State, the count,
# the page of actions with their visit, State, recommendation and owner.
STATE_PAGE_QUERIES = 7
# Session, user and roles (3), the header's unread notifications, the count, the page.
LIST_QUERIES = 6
SECURE_QUERIES = 6
# Session, user and roles (3: the API's session authentication), the count, the page.
API_LIST_QUERIES = 5


def _add(count, personas):
    """`count` visits to Kenya, each with a recommendation and three actions of three
    owners (a new CTED expert, the State, the 1267 Monitoring Team)."""
    monitoring = Organisation.objects.get(code="1267-monitoring-team")
    for i in range(count):
        visit = VisitFactory(status="done", consent_status="given", partners=[monitoring])
        recommendation = VisitRecommendationFactory(visit=visit)
        due = datetime.date(2012, 6, 1) + datetime.timedelta(days=i)
        FollowUpActionFactory(recommendation=recommendation, due_on=due)
        FollowUpActionFactory(
            recommendation=recommendation,
            owner_kind="partner",
            owner_organisation=monitoring,
            due_on=due,
        )
        FollowUpActionFactory(
            recommendation=recommendation,
            owner_kind="cted",
            owner_user=UserFactory(roles=[Role.CTED_EXPERT]),
            due_on=due,
        )


def test_state_page_shows_fifty_actions_a_page_with_the_same_queries(client, personas):
    _add(17, personas)  # 51 open actions of Kenya

    first_html, first = _count(
        client, personas[Role.CTED_EXPERT], "/en/visits/follow-up/state/KEN/"
    )
    second_html, second = _count(
        client, personas[Role.CTED_EXPERT], "/en/visits/follow-up/state/KEN/?page=2"
    )

    assert "51 open actions" in first_html
    assert (first_html.count('name="actions"'), second_html.count('name="actions"')) == (50, 1)
    assert "Page 1 of 2" in first_html and "Page 2 of 2" in second_html
    assert (first, second) == (STATE_PAGE_QUERIES, STATE_PAGE_QUERIES)


def _count(client, user, path):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


@pytest.mark.parametrize(
    ("who", "path", "expected", "small_text", "large_text"),
    [
        (
            Role.CTED_EXPERT,
            "/en/visits/follow-up/state/KEN/",
            STATE_PAGE_QUERIES,
            "6 open actions",
            "24 open actions",
        ),
        (
            Role.CTED_EXPERT,
            "/en/visits/follow-up/",
            LIST_QUERIES,
            "6 follow-up actions",
            "24 follow-up actions",
        ),
        (
            Role.FOCAL_POINT,
            "/en/secure/visits/follow-up/",
            SECURE_QUERIES,
            "2 follow-up actions",
            "8 follow-up actions",
        ),
        (
            Role.CTED_EXPERT,
            "/api/v1/follow-up-actions/",
            API_LIST_QUERIES,
            '"count":6',
            '"count":24',
        ),
    ],
)
def test_follow_up_lists_run_the_same_queries_at_two_sizes(
    client, personas, who, path, expected, small_text, large_text
):
    _add(2, personas)
    small_html, small = _count(client, personas[who], path)
    _add(6, personas)

    large_html, large = _count(client, personas[who], path)

    assert small_text in small_html
    assert large_text in large_html
    assert (small, large) == (expected, expected)


# Session, user and roles (3), the header's unread notifications, the visit, the
# recommendations and their actions (2), the completion rate, the evaluation, and the
# choices of the forms (recommendations, CTED experts, partners, thematic areas).
RECOMMENDATIONS_QUERIES = 13


def _recommend(visit, count):
    for _i in range(count):
        recommendation = VisitRecommendationFactory(visit=visit)
        FollowUpActionFactory(recommendation=recommendation, due_on=datetime.date(2012, 1, 1))
        FollowUpActionFactory(recommendation=recommendation, status="done")


def test_recommendations_page_runs_the_same_queries_at_two_sizes(client, personas):
    visit = VisitFactory(status="done", consent_status="given", report_status="draft")
    path = f"/en/visits/{visit.pk}/recommendations/"
    _recommend(visit, 1)
    small_html, small = _count(client, personas[Role.CTED_EXPERT], path)
    _recommend(visit, 4)

    large_html, large = _count(client, personas[Role.CTED_EXPERT], path)

    assert "(1 of 2 actions done)" in small_html
    assert "(5 of 10 actions done)" in large_html
    assert (small, large) == (RECOMMENDATIONS_QUERIES, RECOMMENDATIONS_QUERIES)
