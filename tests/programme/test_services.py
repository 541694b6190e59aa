"""Status changes through the one service (with their history), overdue items, the funding
computed from contributions, and bad input refused with nothing changed."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ctc.accounts.enums import Role
from programme import selectors, services
from programme.enums import Funding
from programme.models import Contribution, FundedActivity, ItemTransition, ProgrammeItem
from tests.factories import ContributionFactory, FundedActivityFactory, UserFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def coordinator():
    return UserFactory(roles=[Role.CTED_COORDINATOR])


def _item(ref="C-12") -> ProgrammeItem:
    return ProgrammeItem.objects.get(ref=ref)


def test_item_status_change_records_each_step(coordinator):
    item = _item()

    services.item_status_change(item=item, action="start", by=coordinator, comment=" Draft ")
    services.item_status_change(item=_item(), action="complete", by=coordinator)

    item.refresh_from_db()
    assert item.status == "done"
    steps = list(ItemTransition.objects.filter(item=item).values_list("from_status", "to_status"))
    assert steps == [("planned", "in_progress"), ("in_progress", "done")]
    assert ItemTransition.objects.filter(item=item).first().comment == "Draft"
    assert [h.status for h in item.history.order_by("history_id")][-2:] == ["in_progress", "done"]


def test_item_status_change_refuses_a_step_not_open_from_the_status(coordinator):
    item = _item()

    with pytest.raises(ValidationError):
        services.item_status_change(item=item, action="reopen", by=coordinator)

    item.refresh_from_db()
    assert item.status == "planned"
    assert ItemTransition.objects.filter(item=item).count() == 0


@pytest.mark.parametrize(
    "role", [Role.CTED_EXPERT, Role.COMMITTEE_MEMBER, Role.CHAIR, Role.FOCAL_POINT]
)
def test_item_status_change_refuses_anyone_but_a_coordinator(role):
    item = _item()

    with pytest.raises(PermissionDenied):
        services.item_status_change(item=item, action="start", by=UserFactory(roles=[role]))

    assert _item().status == "planned"


def test_item_status_change_refuses_an_unknown_action(coordinator):
    with pytest.raises(ValidationError):
        services.item_status_change(item=_item(), action="publish", by=coordinator)


def test_item_is_overdue_only_after_its_deadline_while_not_done(coordinator):
    item = _item()  # deadline 30 June 2012

    assert selectors.is_overdue(item, D(2012, 6, 30)) is False
    assert selectors.is_overdue(item, D(2012, 7, 1)) is True
    item.status = "done"
    assert selectors.is_overdue(item, D(2012, 7, 1)) is False
    item.status = "dropped"
    assert selectors.is_overdue(item, D(2012, 7, 1)) is False
    assert selectors.is_overdue(_item("C-1"), D(2030, 1, 1)) is False  # no deadline


def test_item_list_filters_overdue_body_and_status(coordinator, monkeypatch):
    monkeypatch.setattr(selectors, "today", lambda: D(2012, 7, 1))
    services.item_status_change(item=_item("E-7"), action="complete", by=coordinator)

    overdue = list(
        selectors.item_list(user=coordinator, overdue=True).values_list("ref", flat=True)
    )
    cted_done = selectors.item_list(user=coordinator, body="cted", status="done")

    assert overdue == ["C-12"]
    assert [i.ref for i in cted_done] == ["E-7"]
    assert selectors.item_list(user=coordinator, overdue=False).count() == 47


def test_item_list_is_empty_outside_the_workspace():
    focal = UserFactory(roles=[Role.FOCAL_POINT])

    assert selectors.item_list(user=focal).count() == 0


@pytest.mark.parametrize(
    ("cost", "funded", "expected"),
    [
        ("100000.00", "0", Funding.UNFUNDED),
        ("100000.00", "0.01", Funding.PARTLY),
        ("100000.00", "99999.99", Funding.PARTLY),
        ("100000.00", "100000.00", Funding.FUNDED),
        ("100000.00", "120000.00", Funding.FUNDED),
        ("0", "0", Funding.FUNDED),
    ],
)
def test_funding_of_cost_and_funded_amount(cost, funded, expected):
    assert selectors.funding_of(Decimal(cost), Decimal(funded)) == expected


def test_activity_list_sums_earmarked_contributions_exactly(coordinator):
    sahel = FundedActivityFactory(title="A Sahel workshop", estimated_cost=Decimal("180000"))
    meeting = FundedActivityFactory(title="B Special meeting", estimated_cost=Decimal("95000"))
    guide = FundedActivityFactory(title="C Technical Guide", estimated_cost=Decimal("60000"))
    ContributionFactory(activity=sahel, amount=Decimal("100000.10"))
    ContributionFactory(activity=sahel, amount=Decimal("79999.90"))
    ContributionFactory(activity=meeting, amount=Decimal("50000.00"))
    ContributionFactory(activity=meeting, amount=Decimal("20000.00"))
    ContributionFactory(activity=None, amount=Decimal("25000.00"))

    rows = selectors.activity_list(user=coordinator)
    totals = selectors.trust_fund_totals(rows, user=coordinator)

    assert [(r.activity, r.funded, r.shortfall, r.funding) for r in rows] == [
        (sahel, Decimal("180000.00"), Decimal("0.00"), Funding.FUNDED),
        (meeting, Decimal("70000.00"), Decimal("25000.00"), Funding.PARTLY),
        (guide, Decimal("0.00"), Decimal("60000.00"), Funding.UNFUNDED),
    ]
    assert totals.estimated == Decimal("335000.00")
    assert totals.earmarked == Decimal("250000.00")
    assert totals.unearmarked == Decimal("25000.00")
    assert totals.shortfall == Decimal("85000.00")


def test_contribution_record_earmarks_and_moves_the_funding(coordinator):
    activity = FundedActivityFactory(estimated_cost=Decimal("1000"))

    services.contribution_record(
        by=coordinator,
        donor=" Japan ",
        amount=Decimal("400"),
        received_on=D(2012, 4, 2),
        activity=activity,
    )

    row = selectors.activity_get(user=coordinator, pk=activity.pk)
    assert (row.funded, row.funding) == (Decimal("400.00"), Funding.PARTLY)
    assert Contribution.objects.get().donor == "Japan"


@pytest.mark.parametrize("amount", [Decimal("-5"), Decimal("0")])
def test_contribution_record_refuses_an_amount_not_above_zero(coordinator, amount):
    with pytest.raises(ValidationError) as caught:
        services.contribution_record(
            by=coordinator, donor="Japan", amount=amount, received_on=D(2012, 4, 2)
        )

    assert caught.value.message_dict == {"amount": ["Give an amount above zero."]}
    assert Contribution.objects.count() == 0


def test_contribution_record_refuses_an_unknown_activity(coordinator):
    ghost = FundedActivity(pk=999999, title="Gone", estimated_cost=1)

    with pytest.raises(ValidationError) as caught:
        services.contribution_record(
            by=coordinator,
            donor="Japan",
            amount=Decimal("1"),
            received_on=D(2012, 4, 2),
            activity=ghost,
        )

    assert caught.value.message_dict == {"activity": ["No such activity."]}
    assert Contribution.objects.count() == 0


def test_activity_create_refuses_a_negative_cost(coordinator):
    with pytest.raises(ValidationError) as caught:
        services.activity_create(by=coordinator, title="Workshop", estimated_cost=Decimal("-1"))

    assert caught.value.message_dict == {"estimated_cost": ["Give an amount of zero or more."]}
    assert FundedActivity.objects.count() == 0


def test_budget_services_refuse_a_reader(coordinator):
    chair = UserFactory(roles=[Role.CHAIR])

    with pytest.raises(PermissionDenied):
        services.activity_create(by=chair, title="Workshop", estimated_cost=Decimal("1"))
    with pytest.raises(PermissionDenied):
        services.contribution_record(
            by=chair, donor="Japan", amount=Decimal("1"), received_on=D(2012, 4, 2)
        )
    assert (FundedActivity.objects.count(), Contribution.objects.count()) == (0, 0)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "//evil.example/", "ftp://x", ""])
def test_link_add_refuses_an_address_that_is_not_a_page(coordinator, url):
    item = _item()

    with pytest.raises(ValidationError):
        services.link_add(item=item, by=coordinator, label="Report", url=url)

    assert item.links.count() == 0


def test_link_add_keeps_a_page_of_the_site(coordinator):
    link = services.link_add(item=_item(), by=coordinator, label=" Visit ", url="/en/visits/3/")

    assert (link.label, link.url, link.added_by) == ("Visit", "/en/visits/3/", coordinator)
