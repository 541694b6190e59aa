"""The work programme's demo (seed_demo, through programme/demo.py): items started and done
by the demo coordinator, three events, four activities with their contributions; a second
run adds nothing and no mail is sent."""

from decimal import Decimal

import pytest
from django.core import mail

from ctc.accounts.enums import Role
from ctc.registry import site
from programme import selectors
from programme.demo import programme_demo_seed
from programme.enums import Funding
from programme.models import Contribution, Event, FundedActivity, ItemTransition, ProgrammeItem
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MODELS = [ItemTransition, Event, FundedActivity, Contribution, ProgrammeItem.history.model]


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_programme_demo_seed_is_registered_after_the_accounts():
    assert site.demo_seeders["programme"].order == 180
    assert site.reference_loaders["work-programme"].run() == 48


def test_programme_demo_seed_makes_statuses_events_and_budget_once():
    coordinator = UserFactory(username="coordinator", roles=[Role.CTED_COORDINATOR])

    made = programme_demo_seed()
    first = _counts()
    again = programme_demo_seed()

    assert (made, again) == (22, 0)
    assert _counts() == first
    assert len(mail.outbox) == 0
    statuses = dict(ProgrammeItem.objects.exclude(status="planned").values_list("ref", "status"))
    assert statuses["C-12"] == "done" and statuses["E-5"] == "in_progress"
    assert sorted(set(statuses.values())) == ["done", "in_progress"]
    assert Event.objects.count() == 3
    assert Event.objects.filter(is_public=True).count() == 2
    rows = selectors.activity_list(user=coordinator)
    assert [(r.funded, r.funding) for r in rows] == [
        (Decimal("180000.00"), Funding.FUNDED),  # Regional workshop (Sahel)
        (Decimal("70000.00"), Funding.PARTLY),  # Special meeting: travel
        (Decimal("60000.00"), Funding.FUNDED),  # Translation of the Technical Guide
        (Decimal("0.00"), Funding.UNFUNDED),  # Workshop on resolution 1624
    ]


def test_programme_demo_seed_without_the_demo_coordinator_does_nothing():
    assert programme_demo_seed() == 0
    assert Event.objects.count() == 0
