"""Reads of the work programme, events and budget, each scoped to the reader."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from .enums import Funding, ItemStatus
from .models import Contribution, Event, FundedActivity, ProgrammeItem
from .permissions import activity_scope, contribution_scope, event_scope, item_scope

ZERO = Decimal("0.00")
# Done or dropped: no longer owed, whatever its deadline.
CLOSED = (ItemStatus.DONE, ItemStatus.DROPPED)


def today() -> datetime.date:
    return timezone.localdate()


def is_overdue(item: ProgrammeItem, on: datetime.date | None = None) -> bool:
    """The deadline has passed and the item is neither done nor dropped."""
    on = on or today()
    return item.deadline is not None and item.deadline < on and item.status not in CLOSED


def _overdue_q(on: datetime.date) -> Q:
    return Q(deadline__lt=on) & ~Q(status__in=CLOSED)


def item_list(
    *, user, body: str = "", status: str = "", overdue: bool | None = None
) -> QuerySet[ProgrammeItem]:
    items = item_scope(ProgrammeItem.objects.all(), user)
    if body:
        items = items.filter(body=body)
    if status:
        items = items.filter(status=status)
    if overdue is True:
        items = items.filter(_overdue_q(today()))
    elif overdue is False:
        items = items.exclude(_overdue_q(today()))
    return items.order_by("position", "ref")


def item_get(*, user, pk: int) -> ProgrammeItem:
    return (
        item_scope(ProgrammeItem.objects.all(), user)
        .prefetch_related("transitions__by", "links", "events")
        .get(pk=pk)
    )


def public_item_list() -> QuerySet[ProgrammeItem]:
    return ProgrammeItem.objects.filter(is_public=True).order_by("position", "ref")


def event_list(*, user) -> QuerySet[Event]:
    return event_scope(Event.objects.select_related("item"), user).order_by("-date", "pk")


def event_get(*, user, pk: int) -> Event:
    return (
        event_scope(Event.objects.select_related("item"), user).prefetch_related("links").get(pk=pk)
    )


def public_event_list() -> QuerySet[Event]:
    return Event.objects.filter(is_public=True).prefetch_related("links").order_by("-date", "pk")


# --- Budget -------------------------------------------------------------------------------


def funding_of(cost: Decimal, funded: Decimal) -> Funding:
    """Funded when the earmarked contributions cover the estimated cost; partly when some
    money but not all; unfunded when none."""
    if funded >= cost:
        return Funding.FUNDED
    if funded > 0:
        return Funding.PARTLY
    return Funding.UNFUNDED


@dataclass(frozen=True)
class ActivityFunding:
    activity: FundedActivity
    funded: Decimal
    shortfall: Decimal
    funding: Funding

    @property
    def label(self) -> str:
        return self.funding.label


def _with_funded(queryset):
    return queryset.annotate(
        funded_amount=Coalesce(Sum("contributions__amount"), Value(ZERO))
    ).select_related("item", "event")


def _funding(activity) -> ActivityFunding:
    funded = activity.funded_amount
    shortfall = max(activity.estimated_cost - funded, ZERO)
    return ActivityFunding(activity, funded, shortfall, funding_of(activity.estimated_cost, funded))


def activity_list(*, user) -> list[ActivityFunding]:
    activities = _with_funded(activity_scope(FundedActivity.objects.all(), user))
    return [_funding(a) for a in activities.order_by("title", "pk")]


def activity_get(*, user, pk: int) -> ActivityFunding:
    activity = _with_funded(activity_scope(FundedActivity.objects.all(), user)).get(pk=pk)
    return _funding(activity)


def contribution_list(*, user, activity: FundedActivity | None = None) -> QuerySet[Contribution]:
    contributions = contribution_scope(Contribution.objects.select_related("activity"), user)
    if activity is not None:
        contributions = contributions.filter(activity=activity)
    return contributions.order_by("-received_on", "-pk")


@dataclass(frozen=True)
class TrustFundTotals:
    estimated: Decimal
    earmarked: Decimal
    unearmarked: Decimal
    shortfall: Decimal


def trust_fund_totals(rows: list[ActivityFunding], *, user) -> TrustFundTotals:
    """Totals of the activities listed and of the contributions kept for no activity."""
    unearmarked = contribution_scope(Contribution.objects.filter(activity=None), user).aggregate(
        total=Coalesce(Sum("amount"), Value(ZERO))
    )["total"]
    return TrustFundTotals(
        estimated=sum((r.activity.estimated_cost for r in rows), ZERO),
        earmarked=sum((r.funded for r in rows), ZERO),
        unearmarked=unearmarked,
        shortfall=sum((r.shortfall for r in rows), ZERO),
    )
