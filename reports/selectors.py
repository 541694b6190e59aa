"""Reads of the reports: the figures each report prints, gathered from every domain app in a
fixed number of aggregate queries, and the reports' past runs (jobs of ctc.jobs).

Labels (regions, thematic areas, States) are read in the active language: call these under
the report's language (services.report_build does).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from assessments.enums import AssessmentStatus
from assessments.models import Assessment
from assistance.enums import MatchStatus, NeedStatus
from assistance.models import Match, Need
from ctc.jobs.models import Job
from ctc.states.enums import Resolution
from ctc.states.models import MemberState, Region, StateReport
from ctc.themes.models import ThematicArea
from visits.enums import FollowUpStatus, VisitStatus
from visits.models import FollowUpAction, Visit

from . import permissions
from .constants import GENERATE_JOB, RUNS_LISTED
from .periods import Period

# Matches that count as help under way or given; proposals and refusals do not.
LIVE_MATCHES = (
    MatchStatus.CONTACTED,
    MatchStatus.AGREED,
    MatchStatus.DELIVERING,
    MatchStatus.DELIVERED,
    MatchStatus.EVALUATED,
)
NO_REGION = "—"


@dataclass
class Breakdown:
    """Figures per label (a thematic area, a region), in the reference order."""

    rows: list[tuple[str, list[int]]] = field(default_factory=list)


def _regions() -> list[Region]:
    return list(Region.objects.order_by("code"))


def _areas() -> list[ThematicArea]:
    return list(ThematicArea.objects.order_by("position", "code"))


def assessments_by_stage() -> list[tuple[str, int]]:
    """(stage label, number of assessments now in it), in workflow order: one query."""
    counts = dict(Assessment.objects.values_list("status").annotate(n=Count("pk")).order_by())
    return [(str(status.label), counts.get(status.value, 0)) for status in AssessmentStatus]


def visits_in(period_start: datetime.date, period_end: datetime.date) -> dict:
    """Visits starting in the period: carried out, still planned, cancelled, and the share of
    the programme's yearly target (settings.VISITS_TARGET_PER_YEAR) due in the period."""
    days = (period_end - period_start).days + 1
    rows = dict(
        Visit.objects.filter(starts_on__range=(period_start, period_end))
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    done = rows.get(VisitStatus.DONE, 0)
    cancelled = rows.get(VisitStatus.CANCELLED, 0)
    planned = sum(rows.values()) - done - cancelled
    target = round(settings.VISITS_TARGET_PER_YEAR * days / 365)
    return {
        "done": done,
        "planned": planned,
        "cancelled": cancelled,
        "target": target,
        "per_year": settings.VISITS_TARGET_PER_YEAR,
    }


def follow_up_in(period_start: datetime.date, period_end: datetime.date, today) -> dict:
    """Follow-up actions due in the period: done, dropped, open, overdue, and the completion
    rate in per cent of those not dropped (None when there are none)."""
    actions = FollowUpAction.objects.filter(due_on__range=(period_start, period_end))
    figures = actions.aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(status=FollowUpStatus.DONE)),
        dropped=Count("pk", filter=Q(status=FollowUpStatus.DROPPED)),
        overdue=Count(
            "pk",
            filter=Q(
                status__in=(FollowUpStatus.OPEN, FollowUpStatus.IN_PROGRESS), due_on__lt=today
            ),
        ),
    )
    figures["open"] = figures["total"] - figures["done"] - figures["dropped"]
    counted = figures["total"] - figures["dropped"]
    figures["completion"] = round(100 * figures["done"] / counted, 1) if counted else None
    return figures


def assistance_by_area(period: Period | None = None) -> Breakdown:
    """Per thematic area: needs recorded, needs still open, matches under way or given (all
    time, or recorded in `period`): two queries and the areas."""
    needs = Need.objects.all()
    matches = Match.objects.filter(status__in=LIVE_MATCHES)
    if period is not None:
        needs = needs.filter(created_at__date__range=(period.starts_on, period.ends_on))
        matches = matches.filter(proposed_at__date__range=(period.starts_on, period.ends_on))
    need_rows = needs.values("thematic_area_id").annotate(
        n=Count("pk"), open=Count("pk", filter=Q(status=NeedStatus.OPEN))
    )
    by_area = {r["thematic_area_id"]: (r["n"], r["open"]) for r in need_rows.order_by()}
    match_rows = matches.values_list("need__thematic_area_id").annotate(n=Count("pk")).order_by()
    matched = dict(match_rows)
    return Breakdown(
        [(area.name, [*by_area.get(area.pk, (0, 0)), matched.get(area.pk, 0)]) for area in _areas()]
    )


def assistance_by_region(period: Period | None = None) -> Breakdown:
    """Per M49 region: needs recorded, needs still open, matches under way or given."""
    needs = Need.objects.all()
    matches = Match.objects.filter(status__in=LIVE_MATCHES)
    if period is not None:
        needs = needs.filter(created_at__date__range=(period.starts_on, period.ends_on))
        matches = matches.filter(proposed_at__date__range=(period.starts_on, period.ends_on))
    need_rows = needs.values("state__region_id").annotate(
        n=Count("pk"), open=Count("pk", filter=Q(status=NeedStatus.OPEN))
    )
    by_region = {r["state__region_id"]: (r["n"], r["open"]) for r in need_rows.order_by()}
    matched = dict(matches.values_list("need__state__region_id").annotate(n=Count("pk")).order_by())
    return Breakdown(
        [
            (region.name, [*by_region.get(region.pk, (0, 0)), matched.get(region.pk, 0)])
            for region in _regions()
        ]
    )


def _reported(resolution: str):
    return Exists(StateReport.objects.filter(state=OuterRef("pk"), resolution=resolution))


def states_with_reporting() -> QuerySet[MemberState]:
    """Every member State, its region, and whether it ever reported on 1373 and on 1624."""
    return (
        MemberState.objects.select_related("region")
        .annotate(
            reported_1373=_reported(Resolution.R1373), reported_1624=_reported(Resolution.R1624)
        )
        .order_by("name")
    )


def non_reporting() -> dict[str, list[str]]:
    """The names of the States that never reported, per resolution ("1373", "1624")."""
    states = list(states_with_reporting())
    return {
        "1373": [s.name for s in states if not s.reported_1373],
        "1624": [s.name for s in states if not s.reported_1624],
    }


def reporting_by_region() -> Breakdown:
    """Per region: States that reported on 1373, on 1624, and those that never reported."""
    counts: dict = defaultdict(lambda: [0, 0, 0])
    for state in states_with_reporting():
        row = counts[state.region_id]
        row[0] += state.reported_1373
        row[1] += state.reported_1624
        row[2] += not (state.reported_1373 or state.reported_1624)
    return Breakdown([(region.name, counts[region.pk]) for region in _regions()])


def survey_states() -> list[dict]:
    """One row per member State for the global survey: its region, reporting, its latest
    assessment's stage, visits carried out and needs recorded. Four queries."""
    latest = {}
    stages = dict(AssessmentStatus.choices)
    for state_id, status in Assessment.objects.order_by("state_id", "cycle").values_list(
        "state_id", "status"
    ):
        latest[state_id] = stages[status]
    visits = dict(
        Visit.objects.filter(status=VisitStatus.DONE)
        .values_list("state_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    needs = dict(Need.objects.values_list("state_id").annotate(n=Count("pk")).order_by())
    return [
        {
            "name": state.name,
            "region": state.region.name if state.region_id else NO_REGION,
            "reported_1373": state.reported_1373,
            "reported_1624": state.reported_1624,
            "assessment": latest.get(state.pk),
            "visits": visits.get(state.pk, 0),
            "needs": needs.get(state.pk, 0),
        }
        for state in states_with_reporting()
    ]


# --- Past runs -----------------------------------------------------------------------------
def report_runs(*, user, limit: int = RUNS_LISTED) -> list[Job]:
    """The last report generations the user may see, newest first (permissions.run_scope)."""
    runs = Job.objects.filter(kind=GENERATE_JOB).select_related("created_by")
    return list(permissions.run_scope(runs, user).order_by("-created_at")[:limit])
