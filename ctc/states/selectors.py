from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet

from .enums import ReportingFilter, Resolution
from .models import MemberState, StateReport
from .search import normalise


def _reported_on(resolution: str):
    return Exists(StateReport.objects.filter(state=OuterRef("pk"), resolution=resolution))


def state_list(
    *,
    search: str = "",
    region: str = "",
    subcommittee: str = "",
    reporting: str = "",
) -> QuerySet[MemberState]:
    """Member states with their latest report on 1373 and 1624, in one query.

    `search` finds a state by its name in any of the six languages or a former name
    ("Turkey", "Swaziland"), ignoring case and accents, or by its ISO code."""
    states = (
        MemberState.objects.select_related("subcommittee", "region", "subregion")
        .annotate(
            last_1373=Max("reports__received_on", filter=Q(reports__resolution=Resolution.R1373)),
            last_1624=Max("reports__received_on", filter=Q(reports__resolution=Resolution.R1624)),
            report_count=Count("reports"),
        )
        .order_by("name")
    )
    query = normalise(search)
    if query:
        # Any language's name or a former name, whatever the case and accents; or a code.
        states = states.filter(
            Q(search_text__contains=query)
            | Q(iso2__iexact=search.strip())
            | Q(iso3__iexact=search.strip())
        )
    if region:
        states = states.filter(regional_group=region)
    if subcommittee:
        states = states.filter(subcommittee__code=subcommittee)
    if reporting == ReportingFilter.NON_REPORTING_1373:
        states = states.filter(~_reported_on(Resolution.R1373))
    elif reporting == ReportingFilter.NON_REPORTING_1624:
        states = states.filter(~_reported_on(Resolution.R1624))
    elif reporting == ReportingFilter.REPORTED_1624:
        states = states.filter(_reported_on(Resolution.R1624))
    return states


def non_reporting_states(*, resolution: str) -> QuerySet[MemberState]:
    """States that have never reported on the resolution: one query (C-8, C-21, E-16)."""
    return MemberState.objects.filter(~_reported_on(resolution)).order_by("name")


def state_get(*, iso3: str) -> MemberState:
    """One state with its reporting history; raises MemberState.DoesNotExist."""
    return (
        MemberState.objects.select_related("subcommittee", "region", "subregion")
        .prefetch_related("reports")
        .get(iso3=iso3.upper())
    )
