from dataclasses import dataclass

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet

from .enums import ReportingFilter, Resolution
from .models import DialogueEntry, MemberState, Region, StateReport
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


def state_for_overview(*, iso3: str) -> MemberState:
    """One State for its timeline page: one query; raises MemberState.DoesNotExist."""
    return MemberState.objects.select_related("subcommittee", "region").get(iso3=iso3.upper())


def dialogue_list(*, state: MemberState) -> QuerySet[DialogueEntry]:
    """The dialogue with one State, newest first (readers: permissions.reads_overview)."""
    return DialogueEntry.objects.filter(state=state).order_by("-held_on", "-pk")


def dialogue_get(*, state: MemberState, pk: int) -> DialogueEntry:
    """One entry of the State's dialogue with who recorded it; raises
    DialogueEntry.DoesNotExist (also for an entry of another State)."""
    return DialogueEntry.objects.select_related("recorded_by").get(state=state, pk=pk)


def dialogue_versions(*, entry: DialogueEntry) -> list:
    """The entry's recorded versions, newest first, each with who saved it."""
    return list(entry.history.select_related("history_user").order_by("-history_date"))


@dataclass(frozen=True)
class RegionReporting:
    """How the States of one M49 region have reported."""

    region: str
    states: int
    reported_1373: int
    reported_1624: int
    both: int
    never: int

    @property
    def only_1373(self) -> int:
        return self.reported_1373 - self.both

    @property
    def only_1624(self) -> int:
        return self.reported_1624 - self.both


def reporting_by_region() -> list[RegionReporting]:
    """For each M49 region, how many States reported on 1373, on 1624, on both, never: two
    queries (C-8, C-21, E-16)."""
    on_1373, on_1624 = _reported_on(Resolution.R1373), _reported_on(Resolution.R1624)
    figures = (
        MemberState.objects.annotate(on_1373=on_1373, on_1624=on_1624)
        .values("region_id")
        .annotate(
            states=Count("pk"),
            reported_1373=Count("pk", filter=Q(on_1373=True)),
            reported_1624=Count("pk", filter=Q(on_1624=True)),
            both=Count("pk", filter=Q(on_1373=True, on_1624=True)),
            never=Count("pk", filter=Q(on_1373=False, on_1624=False)),
        )
        .order_by()
    )
    by_region = {row["region_id"]: row for row in figures}
    return [
        RegionReporting(
            region=region.name,
            states=row["states"],
            reported_1373=row["reported_1373"],
            reported_1624=row["reported_1624"],
            both=row["both"],
            never=row["never"],
        )
        for region in Region.objects.order_by("position", "code")
        if (row := by_region.get(region.pk))
    ]


def never_reported() -> QuerySet[MemberState]:
    """States with no report on either resolution, by name: one query."""
    return MemberState.objects.filter(
        ~_reported_on(Resolution.R1373), ~_reported_on(Resolution.R1624)
    ).order_by("name")
