"""Reads of visits: lists and pages, each through permissions' scopes."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Window
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ctc.accounts.enums import COMMITTEE_ROLES, Role
from ctc.accounts.models import User
from ctc.organisations.enums import GrantScope, OrganisationKind
from ctc.organisations.models import Organisation
from ctc.organisations.selectors import grant_active
from ctc.registry import WaitingFile, WaitingItem

from . import permissions
from .enums import ConsentStatus, ReportStatus, VisitStatus
from .models import CalendarFeed, Visit, VisitTransition

S = VisitStatus
C = ConsentStatus
R = ReportStatus
WAITING_FILES = 5
# Partner organisations that may join a visit (donors match assistance, not visits).
PARTNER_KINDS = (
    OrganisationKind.PARTNER_BODY,
    OrganisationKind.INTERNATIONAL,
    OrganisationKind.REGIONAL,
)
# CTED staff who may go on a visit.
TEAM_ROLES = (Role.CTED_EXPERT, Role.CTED_COORDINATOR)
# The Committee's approval is in hand from "approved" on.
APPROVED_STAGES = (S.APPROVED, S.CONFIRMED, S.DONE)
SCHEDULE_STAGES = APPROVED_STAGES


def _listed(queryset: QuerySet[Visit]) -> QuerySet[Visit]:
    """What every list row shows, read in a constant number of queries."""
    return queryset.select_related("state", "coordinator").prefetch_related(
        Prefetch("partners", queryset=Organisation.objects.order_by("name"))
    )


def mine_q(user) -> Q:
    """The visits a person is on: as coordinator, expert, or through their organisation."""
    on = Q(coordinator=user) | Q(
        pk__in=Visit.experts.through.objects.filter(user=user).values("visit_id")
    )
    if user.organisation_id:
        on |= Q(
            pk__in=Visit.partners.through.objects.filter(
                organisation_id=user.organisation_id
            ).values("visit_id")
        )
    return on


def visit_list(
    *,
    user,
    status: str = "",
    consent: str = "",
    state=None,
    year: int | None = None,
    joint: bool | None = None,
    mine: bool = False,
    q: str = "",
) -> QuerySet[Visit]:
    """The visits the user may see, filtered, soonest first."""
    visits = permissions.scope(Visit.objects.all(), user)
    if status:
        visits = visits.filter(status=status)
    if consent:
        visits = visits.filter(consent_status=consent)
    if state is not None:
        visits = visits.filter(state=state)
    if year:
        visits = visits.filter(starts_on__year=year)
    if joint is not None:
        joined = Exists(Visit.partners.through.objects.filter(visit_id=OuterRef("pk")))
        visits = visits.filter(joined if joint else ~joined)
    if mine:
        visits = visits.filter(mine_q(user))
    if q:
        visits = visits.filter(
            Q(reference__icontains=q)
            | Q(state__name__icontains=q)
            | Q(purpose__icontains=q)
            | Q(objectives__icontains=q)
        )
    return _listed(visits).order_by("starts_on", "pk")


def visit_get(*, user, pk) -> Visit:
    """One visit in the user's scope (Visit.DoesNotExist otherwise)."""
    return (
        permissions.scope(Visit.objects.all(), user)
        .select_related("state", "coordinator")
        .prefetch_related("experts", "partners")
        .get(pk=pk)
    )


def transition_list(*, visit: Visit) -> list[VisitTransition]:
    """Every step of the visit's plan, consent (and report), oldest first."""
    return list(visit.transitions.select_related("by").order_by("at", "pk"))


def team_candidate_list() -> QuerySet[User]:
    """CTED staff who may be on a visit's team."""
    return (
        User.objects.filter(is_active=True, groups__name__in=TEAM_ROLES)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def partner_candidate_list() -> QuerySet[Organisation]:
    """Organisations that may join a visit."""
    return Organisation.objects.filter(kind__in=PARTNER_KINDS).order_by("name")


def recipient_list(*, roles=(), state=None, people=()) -> list[User]:
    """Active holders of `roles` (focal points only of `state`) and the given people."""
    wanted = Q(pk__in=[p.pk for p in people if p is not None])
    for role in roles:
        holders = Q(groups__name=role)
        if role == Role.FOCAL_POINT:
            holders &= Q(member_state=state)
        wanted |= holders
    return list(User.objects.filter(wanted, is_active=True).distinct().order_by("pk"))


def committee_list() -> list[User]:
    return recipient_list(roles=sorted(COMMITTEE_ROLES))


def month_list(*, user, first: datetime.date, last: datetime.date) -> list[Visit]:
    """The visits in the user's scope that overlap the days first..last, cancelled ones out."""
    visits = permissions.scope(Visit.objects.all(), user).filter(
        starts_on__lte=last, ends_on__gte=first
    )
    return list(_listed(visits.exclude(status=S.CANCELLED)).order_by("starts_on", "pk"))


@dataclass(frozen=True)
class ProgrammeYear:
    """One year of the programme against its target."""

    year: int
    target: int
    proposed: int
    consented: int
    approved: int
    done: int
    cancelled: int
    visits: list

    @property
    def gap(self) -> int:
        """Approved visits still missing to reach the target (0 once reached)."""
        return max(self.target - self.approved, 0)


def programme_list(*, user, years, target: int) -> list[ProgrammeYear]:
    """For each year, the visits in the user's scope starting then, counted by gate; each
    visit with `status_label` and `consent_label`, the only fields its line shows."""
    first, last = min(years), max(years)
    visits = list(
        permissions.scope(Visit.objects.all(), user)
        .filter(starts_on__year__gte=first, starts_on__year__lte=last)
        .select_related("state")
        .only("reference", "starts_on", "status", "consent_status", "state")
        .order_by("starts_on", "pk")
    )
    # The labels once per request: get_FOO_display translates every choice on each call.
    statuses = {value: str(label) for value, label in S.choices}
    consents = {value: str(label) for value, label in C.choices}
    for visit in visits:
        visit.status_label = statuses[visit.status]
        visit.consent_label = consents[visit.consent_status]
    rows = []
    for year in years:
        of_year = [v for v in visits if v.starts_on.year == year]
        live = [v for v in of_year if v.status != S.CANCELLED]
        rows.append(
            ProgrammeYear(
                year=year,
                target=target,
                proposed=len(live),
                consented=sum(v.consent_status == C.GIVEN for v in live),
                approved=sum(v.status in APPROVED_STAGES for v in live),
                done=sum(v.status == S.DONE for v in live),
                cancelled=len(of_year) - len(live),
                visits=of_year,
            )
        )
    return rows


# --- Calendar feeds --------------------------------------------------------------------------


def feed_live_get(*, user) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).first()


def feed_get(*, token: str) -> CalendarFeed:
    """The live feed of this token, its person active (CalendarFeed.DoesNotExist otherwise)."""
    return CalendarFeed.objects.select_related("user").get(
        token=token, revoked_at__isnull=True, user__is_active=True
    )


def feed_visits(*, user) -> list[Visit]:
    """The visits the person is on, within their scope: the content of their feed."""
    visits = permissions.scope(Visit.objects.all(), user).filter(mine_q(user))
    return list(_listed(visits).prefetch_related("experts").order_by("starts_on", "pk"))


# --- Secure area -----------------------------------------------------------------------------


def is_secure_reader(user) -> bool:
    """Focal points and partner analysts read visits in the secure area."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.roles & {Role.FOCAL_POINT, Role.PARTNER_ANALYST}
    )


def schedule_list(*, user) -> QuerySet[Visit]:
    """The schedule of approved visits a partner reads under a visit_schedule grant."""
    if not grant_active(user, GrantScope.VISIT_SCHEDULE):
        return Visit.objects.none()
    return _listed(Visit.objects.filter(status__in=SCHEDULE_STAGES)).order_by("starts_on", "pk")


# --- The next step ---------------------------------------------------------------------------


def _day(value) -> str:
    return date_format(value, "DATE_FORMAT") if value else "—"


def _requested(visit: Visit) -> str:
    """ "requested 3 March 2012 (NV/12/31), answer expected by 3 April 2012"."""
    text = _("requested {dated}").format(dated=_day(visit.consent_requested_on))
    if visit.consent_request_reference:
        text += f" ({visit.consent_request_reference})"
    if visit.consent_answer_due_on:
        text += ", " + _("answer expected by {due}").format(due=_day(visit.consent_answer_due_on))
    return text


def _report_next_step(report_status: str) -> str:
    """Once the visit took place, the next step is the report's, until its transmission."""
    return {
        R.NOT_STARTED: _("The visit took place: the report comes next, written by the CTED team."),
        R.DRAFT: _(
            "The report is a draft: it is written and submitted for CTED review — by a CTED "
            "expert or coordinator."
        ),
        R.CTED_REVIEW: _(
            "The report is in CTED review: it is sent to the Committee or returned — by a CTED "
            "coordinator."
        ),
        R.WITH_COMMITTEE: _(
            "The report is with the Committee: it is approved or returned — by a Committee "
            "member or the Chair."
        ),
        R.APPROVED: _(
            "The report is approved: it is transmitted to the State — by a CTED coordinator."
        ),
        R.TRANSMITTED: _(
            "The report was transmitted to the State: its recommendations are followed up — by "
            "the CTED team."
        ),
    }[report_status]


def next_step_list(visit: Visit, *, today: datetime.date) -> list[str]:
    """What happens next to the visit and who does it, one sentence per gate."""
    steps = []
    status, consent = visit.status, visit.consent_status
    if status == S.CANCELLED:
        return [_("The visit is cancelled: nothing more happens.")]
    if status == S.DONE:
        return [_report_next_step(visit.report_status)]
    if status == S.CONFIRMED:
        if visit.starts_on > today:
            return [
                _(
                    "The visit is confirmed. On or after its first day, {day}, the team "
                    "records that it took place (a CTED expert or coordinator)."
                ).format(day=_day(visit.starts_on))
            ]
        return [_("Record that the visit took place — by a CTED expert or coordinator.")]
    if status == S.PROPOSED:
        if visit.human_rights.strip():
            steps.append(
                _("Submit the plan to the Committee for approval — by a CTED coordinator.")
            )
        else:
            steps.append(
                _(
                    "Write the human-rights considerations, then submit the plan to the "
                    "Committee for approval — by a CTED coordinator."
                )
            )
    elif status == S.AWAITING_APPROVAL:
        steps.append(
            _(
                "Waiting for the Committee's approval — the approval or return is recorded "
                "by a Committee member or the Chair, with the date and reference of the "
                "decision."
            )
        )
    if consent in (C.NOT_REQUESTED, C.DECLINED, C.EXPIRED):
        if consent == C.NOT_REQUESTED:
            steps.append(_("Request the State's consent — by a CTED coordinator."))
        else:
            steps.append(
                _(
                    "The State's consent is “{status}”: request it again or cancel the "
                    "visit — by a CTED coordinator."
                ).format(status=visit.get_consent_status_display())
            )
    elif consent == C.REQUESTED:
        steps.append(
            _(
                "Waiting for the State's consent — {requested}; recorded by a CTED expert or "
                "the State's focal point."
            ).format(requested=_requested(visit))
        )
    if status == S.APPROVED and consent == C.GIVEN:
        steps.append(_("Both gates are passed: confirm the visit — by a CTED coordinator."))
    return steps


# --- Waiting for you -------------------------------------------------------------------------


def waiting(user, *, today: datetime.date | None = None) -> list[WaitingItem]:
    """ "Waiting for you": plans to approve (Committee), visits to confirm and overdue
    consent requests (coordinators), consent requests to answer (focal points)."""
    today = today or timezone.localdate()
    items = []
    visits = permissions.scope(Visit.objects.all(), user)
    listed = reverse("visits:list")
    if user.is_authenticated and user.roles & COMMITTEE_ROLES:
        items.append(
            _item(
                _("Visit plans awaiting approval"),
                visits.filter(status=S.AWAITING_APPROVAL),
                "visits:detail",
                f"{listed}?status={S.AWAITING_APPROVAL}",
                S.AWAITING_APPROVAL.label,
            )
        )
    if permissions.can_propose(user):
        items.append(
            _item(
                _("Visits ready to confirm"),
                visits.filter(status=S.APPROVED, consent_status=C.GIVEN),
                "visits:detail",
                f"{listed}?status={S.APPROVED}&consent={C.GIVEN}",
                _("Ready to confirm"),
            )
        )
        items.append(
            _item(
                _("Consent requests past their expected answer"),
                visits.filter(consent_status=C.REQUESTED, consent_answer_due_on__lt=today),
                "visits:detail",
                f"{listed}?consent={C.REQUESTED}",
                _("Answer overdue"),
                today=today,
            )
        )
    if user.is_authenticated and Role.FOCAL_POINT in user.roles and user.member_state_id:
        items.append(
            _item(
                _("Consent requests to answer"),
                visits.filter(
                    state_id=user.member_state_id,
                    consent_status=C.REQUESTED,
                    status__in=permissions.LIVE_STAGES,
                ),
                "visits_secure:detail",
                reverse("visits_secure:list"),
                C.REQUESTED.label,
                today=today,
            )
        )
    return [item for item in items if item is not None]


def _item(label, visits, detail_url: str, url: str, status, *, today=None):
    """One group of "waiting for you"; with `today`, about consent requests and their due
    dates."""
    rows = list(
        visits.select_related("state")
        .annotate(group_count=Window(Count("pk")))
        .order_by("starts_on", "pk")[:WAITING_FILES]
    )
    if not rows:
        return None
    consent = today is not None
    files = tuple(
        WaitingFile(
            title=f"{v.reference} · {v.state.name}",
            url=reverse(detail_url, kwargs={"pk": v.pk}),
            status=str(status),
            since=(v.consent_changed_at or v.status_changed_at) if consent else v.status_changed_at,
            due=v.consent_answer_due_on if consent else None,
            overdue=bool(consent and v.consent_answer_due_on and v.consent_answer_due_on < today),
        )
        for v in rows
    )
    return WaitingItem(str(label), rows[0].group_count, url, files)
