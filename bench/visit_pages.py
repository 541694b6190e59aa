"""The visits' pages of the bench (bench/pages.py's PAGE_SETS): the list, calendar and
programme, the follow-up of the State with the most open actions, the follow-up list, the
recommendations of the visit with the most, and a report; each asked by the roles that use
it, from objects picked in the data set (bench/build_visits.py).

Imported after django.setup().
"""

from django.db.models import Count
from django.db.models.functions import ExtractMonth, ExtractYear

from visits.enums import FollowUpStatus, ReportStatus, VisitStatus
from visits.models import FollowUpAction, Visit

from .pages import Page

PENDING = (FollowUpStatus.OPEN, FollowUpStatus.IN_PROGRESS)
# CTED writes and decides; the Committee reads what is before it or approved.
READERS = (("expert", "CTED expert"), ("committee", "Committee member"))


def _busiest_month() -> tuple[int, int, int]:
    """(year, month, visits) of the month in which the most visits start, cancelled out."""
    found = (
        Visit.objects.exclude(status=VisitStatus.CANCELLED)
        .annotate(year=ExtractYear("starts_on"), month=ExtractMonth("starts_on"))
        .values("year", "month")
        .annotate(n=Count("pk"))
        .order_by("-n", "year", "month")
        .first()
    )
    return found["year"], found["month"], found["n"]


def visit_pages() -> tuple[list, list]:
    if not Visit.objects.exists():
        return [], []
    count = Visit.objects.count()
    year, month, in_month = _busiest_month()
    busy = (
        FollowUpAction.objects.filter(status__in=PENDING)
        .values("visit__state__iso3")
        .annotate(n=Count("pk"))
        .order_by("-n", "visit__state__iso3")
        .first()
    )
    # The Committee reads recommendations and reports once approved: pick among those.
    readable = Visit.objects.filter(
        report_status__in=(ReportStatus.APPROVED, ReportStatus.TRANSMITTED)
    )
    most = readable.annotate(n=Count("recommendations")).order_by("-n", "pk").first()
    report = (
        readable.annotate(n=Count("report_versions", distinct=True)).order_by("-n", "pk").first()
    )
    done = Visit.objects.filter(status=VisitStatus.DONE, starts_on__year=2012).count()
    pending = FollowUpAction.objects.filter(status__in=PENDING).count()
    actions = FollowUpAction.objects.count()
    iso3 = busy["visit__state__iso3"]
    pages = [
        Page("visits list", "/en/visits/", "expert", target=1.0, note=f"{count} visits"),
        Page(
            "visits list filtered",
            "/en/visits/?status=done&year=2012",
            "expert",
            target=1.0,
            note=f"carried out in 2012: {done}",
        ),
        Page("visits list page 2", "/en/visits/?page=2", "expert", target=1.0),
        Page("visits list (Committee)", "/en/visits/", "committee", target=1.0),
        *(
            Page(
                f"visits calendar ({label})",
                f"/en/visits/calendar/?year={year}&month={month}",
                user,
                target=1.0,
                note=f"{in_month} visits start in {year}-{month:02d}",
            )
            for user, label in READERS
        ),
        Page("visits programme", "/en/visits/programme/", "coordinator", target=1.0),
        Page("visits programme (Committee)", "/en/visits/programme/", "committee", target=1.0),
        *(
            Page(
                f"State follow-up ({label})",
                f"/en/visits/follow-up/state/{iso3}/",
                user,
                target=1.0,
                note=f"{iso3}: {busy['n']} open or in progress",
            )
            for user, label in READERS
        ),
        Page(
            "follow-up list",
            "/en/visits/follow-up/",
            "expert",
            target=1.0,
            note=f"{actions} actions, {pending} open or in progress",
        ),
        Page(
            "follow-up list overdue",
            "/en/visits/follow-up/?overdue=true&owner=state",
            "coordinator",
            target=1.0,
        ),
        *(
            Page(
                f"recommendations ({label})",
                f"/en/visits/{most.pk}/recommendations/",
                user,
                target=1.0,
                note=f"{most.reference}: {most.n} recommendations",
            )
            for user, label in READERS
        ),
        *(
            Page(
                f"visit report ({label})",
                f"/en/visits/{report.pk}/report/",
                user,
                target=1.0,
                note=f"{report.reference}: {report.n} versions, {report.report_status}",
            )
            for user, label in READERS
        ),
    ]
    return pages, []
