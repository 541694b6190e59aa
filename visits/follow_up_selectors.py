"""Reads of visits' recommendations, follow-up actions and outcome, each through the scopes
of permissions.py.

"Today" is the day at UN Headquarters (settings.VISITS_HQ_TIME_ZONE): an action is overdue
once its due date has ended there, whichever the server's or the reader's time zone.
"""

import datetime
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.db.models import BooleanField, Case, Count, Prefetch, Q, QuerySet, Value, When, Window
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ctc.accounts.enums import CTED_ROLES, Role
from ctc.accounts.models import User
from ctc.registry import WaitingFile, WaitingItem

from . import permissions
from .enums import FollowUpStatus, OwnerKind
from .models import FollowUpAction, OutcomeEvaluation, Recommendation, Visit

PENDING = (FollowUpStatus.OPEN, FollowUpStatus.IN_PROGRESS)
WAITING_FILES = 5
# Sort orders of the follow-up lists: by due date, either way (then by id, stable).
SORTS = {"due": ("due_on", "pk"), "-due": ("-due_on", "-pk")}


def hq_today(now: datetime.datetime | None = None) -> datetime.date:
    """The day it is at UN Headquarters at `now` (default: this moment)."""
    return timezone.localdate(
        now or timezone.now(), zoneinfo.ZoneInfo(settings.VISITS_HQ_TIME_ZONE)
    )


def reminder_days() -> int:
    return int(settings.VISITS_REMINDER_DAYS)


def overdue_q(today: datetime.date, prefix: str = "") -> Q:
    """The one condition of "overdue": still open or in progress, and due before `today`
    (the due date has ended at headquarters). Lists, counts, the API and reminders use it."""
    return Q(**{f"{prefix}status__in": PENDING, f"{prefix}due_on__lt": today})


def _with_overdue(actions: QuerySet[FollowUpAction], today) -> QuerySet[FollowUpAction]:
    return actions.annotate(
        is_overdue=Case(
            When(overdue_q(today), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def owns_follow_up(user) -> bool:
    """Whether the user answers for follow-up from the secure area: a focal point (their
    State's actions) or a partner analyst (their organisation's)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return bool(
        (Role.FOCAL_POINT in user.roles and user.member_state_id)
        or (Role.PARTNER_ANALYST in user.roles and user.organisation_id)
    )


def _owner_q(owner: str, user) -> Q:
    if owner == "me":
        mine = Q(pk__in=[])
        if user.roles & CTED_ROLES:
            mine |= Q(owner_kind=OwnerKind.CTED, owner_user=user)
        if Role.FOCAL_POINT in user.roles and user.member_state_id:
            mine |= Q(owner_kind=OwnerKind.STATE, visit__state_id=user.member_state_id)
        if Role.PARTNER_ANALYST in user.roles and user.organisation_id:
            mine |= Q(owner_kind=OwnerKind.PARTNER, owner_organisation_id=user.organisation_id)
        return mine
    if owner:
        return Q(owner_kind=owner)
    return Q()


def follow_up_list(
    *,
    user,
    state: str = "",
    owner: str = "",
    status: str = "",
    overdue: bool | None = None,
    visit: Visit | None = None,
    sort: str = "due",
    today: datetime.date | None = None,
) -> QuerySet[FollowUpAction]:
    """The follow-up actions the user may see, with `is_overdue`, their visit, State,
    recommendation and owner (one query with the page).

    `state`: ISO3 code; `owner`: cted/state/partner, or "me" (the reader's own, their State's
    or their organisation's); `overdue`: True/False/None (either)."""
    today = today or hq_today()
    actions = permissions.follow_up_scope(FollowUpAction.objects.all(), user)
    if visit is not None:
        actions = actions.filter(visit=visit)
    if state:
        actions = actions.filter(visit__state__iso3=state.upper())
    if status:
        actions = actions.filter(status=status)
    actions = actions.filter(_owner_q(owner, user))
    if overdue is True:
        actions = actions.filter(overdue_q(today))
    elif overdue is False:
        actions = actions.exclude(overdue_q(today))
    return (
        _with_overdue(actions, today)
        .select_related(
            "visit__state",
            "recommendation__thematic_area",
            "owner_user",
            "owner_organisation",
        )
        .order_by(*SORTS.get(sort, SORTS["due"]))
    )


def follow_up_get(*, user, pk: int, today: datetime.date | None = None) -> FollowUpAction:
    """One follow-up action in the user's scope (FollowUpAction.DoesNotExist otherwise)."""
    return follow_up_list(user=user, today=today).get(pk=pk)


def recommendations_readable(user, visit: Visit) -> bool:
    """CTED reads a visit's recommendations at any time; others once the report is approved
    and they may read it (the visit comes from permissions.scope())."""
    if permissions.is_cted(user):
        return True
    return visit.report_status in permissions.REPORT_READ_BY_COMMITTEE and bool(
        permissions.report_readable(user, visit)
    )


def visit_get(*, user, pk: int) -> Visit:
    """A visit whose recommendations the user may read (Visit.DoesNotExist otherwise)."""
    visit = permissions.scope(Visit.objects.select_related("state"), user).get(pk=pk)
    if not recommendations_readable(user, visit):
        raise Visit.DoesNotExist
    return visit


def recommendation_list(
    *, user, visit: Visit, today: datetime.date | None = None
) -> QuerySet[Recommendation]:
    """The visit's recommendations in order, each with the actions the user may see
    (`visible_actions`, due date first, with `is_overdue`)."""
    actions = follow_up_list(user=user, visit=visit, today=today)
    return (
        Recommendation.objects.filter(visit=visit)
        .select_related("thematic_area")
        .prefetch_related(Prefetch("actions", queryset=actions, to_attr="visible_actions"))
        .order_by("position", "pk")
    )


def recommendation_get(*, user, pk: int) -> Recommendation:
    """A recommendation of a visit the user may read (Recommendation.DoesNotExist otherwise)."""
    recommendation = Recommendation.objects.select_related("visit__state").get(pk=pk)
    try:
        visit_get(user=user, pk=recommendation.visit_id)
    except Visit.DoesNotExist:
        raise Recommendation.DoesNotExist from None
    return recommendation


@dataclass(frozen=True)
class Completion:
    """The follow-up of one visit in figures: done / (all − dropped)."""

    total: int
    done: int
    dropped: int

    @property
    def counted(self) -> int:
        return self.total - self.dropped

    @property
    def percent(self) -> int | None:
        if not self.counted:
            return None
        return round(100 * self.done / self.counted)


def completion_rate(*, visit: Visit) -> Completion | None:
    """How far the visit's follow-up got (all its actions, whoever reads); None without
    actions."""
    figures = FollowUpAction.objects.filter(visit=visit).aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(status=FollowUpStatus.DONE)),
        dropped=Count("pk", filter=Q(status=FollowUpStatus.DROPPED)),
    )
    if not figures["total"]:
        return None
    return Completion(**figures)


def evaluation_get(*, visit: Visit) -> OutcomeEvaluation | None:
    return OutcomeEvaluation.objects.filter(visit=visit).select_related("evaluated_by").first()


# --- Reminders --------------------------------------------------------------------------------


def reminder_due_list(*, today: datetime.date) -> QuerySet[FollowUpAction]:
    """Overdue actions never reminded, or last reminded at least VISITS_REMINDER_DAYS
    headquarters days before `today`."""
    last = today - datetime.timedelta(days=reminder_days())
    return FollowUpAction.objects.filter(overdue_q(today)).filter(
        Q(reminded_on__isnull=True) | Q(reminded_on__lte=last)
    )


def owner_people(*, action: FollowUpAction) -> list[User]:
    """Who answers for an action: its CTED expert; the State's focal points; the partner
    organisation's analysts (active people only)."""
    if action.owner_kind == OwnerKind.CTED:
        people = User.objects.filter(pk=action.owner_user_id)
    elif action.owner_kind == OwnerKind.STATE:
        people = User.objects.filter(
            groups__name=Role.FOCAL_POINT, member_state_id=action.visit.state_id
        )
    else:
        people = User.objects.filter(
            groups__name=Role.PARTNER_ANALYST, organisation_id=action.owner_organisation_id
        )
    return list(people.filter(is_active=True).distinct().order_by("pk"))


# --- "Waiting for you" ---------------------------------------------------------------------


def _waiting_item(label: str, actions: QuerySet[FollowUpAction], url: str, link) -> WaitingItem:
    rows = list(actions.annotate(group_count=Window(Count("pk")))[:WAITING_FILES])
    files = tuple(
        WaitingFile(
            title=f"{a.visit.reference} · {a.description[:80]}",
            url=link(a),
            status=a.get_status_display(),
            since=a.status_changed_at,
            due=a.due_on,
            overdue=True,
        )
        for a in rows
    )
    return WaitingItem(label, rows[0].group_count if rows else 0, url, files)


def waiting(user) -> list[WaitingItem]:
    """Overdue follow-up the reader answers for (their own, their State's, their
    organisation's); for CTED coordinators, all overdue follow-up too."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    items = []
    owners = {Role.FOCAL_POINT, Role.PARTNER_ANALYST} | set(CTED_ROLES)
    if user.roles & owners:
        mine = follow_up_list(user=user, owner="me", overdue=True)
        if permissions.is_cted(user):
            url = reverse("visits:follow_up_list") + "?owner=me&overdue=true"

            def link(a):
                return reverse("visits:recommendations", kwargs={"pk": a.visit_id})
        else:
            url = reverse("visits_secure:follow_up") + "?overdue=true"

            def link(a):
                return reverse("visits_secure:follow_up") + "?overdue=true"

        items.append(_waiting_item(str(_("Your overdue follow-up actions")), mine, url, link))
    if Role.CTED_COORDINATOR in user.roles:
        every = follow_up_list(user=user, overdue=True)
        items.append(
            _waiting_item(
                str(_("Overdue follow-up actions, all visits")),
                every,
                reverse("visits:follow_up_list") + "?overdue=true",
                lambda a: reverse("visits:recommendations", kwargs={"pk": a.visit_id}),
            )
        )
    return items
