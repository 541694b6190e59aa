"""Reads of the match lifecycle, the donor's view and the regional matrix, each through the
scopes of permissions.py: a donor never reads another donor's offers or an unshared need,
in a list, a count, the matrix or its export."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet, Window
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ctc.accounts.enums import COMMITTEE_ROLES, CTED_ROLES, Role
from ctc.accounts.models import User
from ctc.organisations.models import Organisation
from ctc.registry import WaitingFile, WaitingItem
from ctc.states.models import MemberState, Region, Subregion
from ctc.themes.models import ThematicArea

from . import permissions, scoring
from .enums import Criterion, MatchStatus, NeedStatus, OfferStatus
from .models import Match, MatchingWeights, MatchTransition, Need, Offer

M = MatchStatus
# The matches that hold a need ("matched") while they last.
HOLDING = (M.AGREED, M.DELIVERING, M.DELIVERED)
# Counted as agreed in the regional matrix: agreed and every step after it.
AGREED_ON = (M.AGREED, M.DELIVERING, M.DELIVERED, M.EVALUATED)
# A delivery that counts in a provider's track record.
DELIVERED = (M.DELIVERED, M.EVALUATED)
# What a donor is asked to answer.
AWAITING_ANSWER = (M.PROPOSED, M.CONTACTED)


def reads_matches(user) -> bool:
    """CTED and the Committee read every match; a donor those to its own programmes."""
    if permissions.is_donor(user):
        return True
    active = bool(user is not None and user.is_authenticated and user.is_active)
    return active and bool(user.roles & (CTED_ROLES | COMMITTEE_ROLES))


def reads_matrix(user) -> bool:
    """Whoever works on assistance: the matrix counts only what their scopes let them see."""
    return permissions.workspace_is_possible(user)


# --- Matches --------------------------------------------------------------------------------


def _listed(matches: QuerySet[Match]) -> QuerySet[Match]:
    """What every row shows, read in one query."""
    return matches.select_related(
        "need__state", "need__thematic_area", "offer__provider", "proposed_by"
    )


def match_list(
    *, user, status: str = "", thematic_area=None, provider=None, state=None
) -> QuerySet[Match]:
    """The matches the user may see, filtered, best score first."""
    matches = permissions.match_scope(Match.objects.all(), user)
    if status:
        matches = matches.filter(status=status)
    if thematic_area is not None:
        matches = matches.filter(need__thematic_area=thematic_area)
    if provider is not None:
        matches = matches.filter(offer__provider=provider)
    if state is not None:
        matches = matches.filter(need__state=state)
    return _listed(matches).order_by("-score", "-proposed_at", "pk")


def match_get(*, user, pk) -> Match:
    """One match in the user's scope (Match.DoesNotExist otherwise), with the run that
    proposed it."""
    matches = _listed(permissions.match_scope(Match.objects.all(), user))
    return matches.select_related("proposed_in").get(pk=pk)


def transition_list(*, match: Match) -> list[MatchTransition]:
    """Every step of the match, oldest first."""
    return list(match.transitions.select_related("by").order_by("at", "pk"))


def provider_choice_list(*, user) -> QuerySet[Organisation]:
    """The providers a user may filter by: those of the offers in their scope."""
    offers = permissions.offer_scope(Offer.objects.all(), user)
    return Organisation.objects.filter(pk__in=offers.values("provider_id")).order_by("name")


def live_match_exists(*, need_id: int, excluding: int) -> bool:
    """Whether another match still holds the need (agreed, being delivered, delivered)."""
    return Match.objects.filter(need_id=need_id, status__in=HOLDING).exclude(pk=excluding).exists()


def need_candidate_list(*, user) -> QuerySet[Need]:
    """The needs a match can be proposed for: open or already matched, in scope."""
    needs = permissions.need_scope(Need.objects.all(), user)
    return (
        needs.filter(status__in=(NeedStatus.OPEN, NeedStatus.MATCHED))
        .select_related("state", "thematic_area")
        .order_by("state__name", "thematic_area__position", "pk")
    )


def offer_candidate_list(*, user) -> QuerySet[Offer]:
    """The active programmes a match can be proposed to, in scope."""
    offers = permissions.offer_scope(Offer.objects.all(), user)
    return offers.filter(status=OfferStatus.ACTIVE).select_related("provider").order_by("title")


# --- The donor's view -----------------------------------------------------------------------


def donor_answer_list(*, user) -> QuerySet[Match]:
    """The donor's matches waiting for its answer (proposed or contacted) of needs still open
    or matched, best first."""
    matches = permissions.match_scope(Match.objects.all(), user).filter(
        status__in=AWAITING_ANSWER, need__status__in=permissions.DONOR_NEED_STATUSES
    )
    return _listed(matches).order_by("-score", "pk")


def donor_need_list(*, user) -> QuerySet[Need]:
    """The shared needs within the scope of the donor's programmes (need_scope)."""
    needs = permissions.need_scope(Need.objects.all(), user)
    return needs.select_related("state", "thematic_area").order_by("-created_at", "-pk")


# --- Scoring one pair -----------------------------------------------------------------------


def state_geography(state: MemberState) -> tuple[str, str]:
    """(region, subregion) of a State as UN M49 codes (select its region and subregion)."""
    return state.region.code, state.subregion.code


def state_languages(state: MemberState) -> frozenset[str]:
    return frozenset({state.official_language}) if state.official_language else frozenset()


def need_facts(need: Need) -> scoring.NeedFacts:
    region, subregion = state_geography(need.state)
    return scoring.NeedFacts(
        pk=need.pk,
        thematic_area_id=need.thematic_area_id,
        state_id=need.state_id,
        region=region,
        subregion=subregion,
        priority=need.priority,
        wanted_from=need.wanted_from,
        wanted_until=need.wanted_until,
        languages=state_languages(need.state),
    )


def offer_facts(offer: Offer) -> scoring.OfferFacts:
    return scoring.OfferFacts(
        pk=offer.pk,
        provider_id=offer.provider_id,
        thematic_area_ids=frozenset(a.pk for a in offer.thematic_areas.all()),
        is_global=offer.is_global,
        regions=frozenset(offer.regions or ()),
        subregions=frozenset(offer.subregions or ()),
        state_ids=frozenset(s.pk for s in offer.states.all()),
        starts_on=offer.starts_on,
        ends_on=offer.ends_on,
        languages=frozenset(offer.languages or ()),
    )


def weights_get() -> dict[str, int]:
    """The administrators' weights, or the model's defaults when never saved."""
    row = MatchingWeights.objects.order_by("pk").first() or MatchingWeights()
    return {c: getattr(row, c.value) for c in Criterion}


def track_record_get(*, provider_id: int, region: str, subregion: str) -> dict:
    """The provider's deliveries in the State's region and subregion, keyed as scoring wants."""
    delivered = Match.objects.filter(offer__provider_id=provider_id, status__in=DELIVERED)
    places = (("need__state__region__code", region), ("need__state__subregion__code", subregion))
    return {
        (provider_id, code): delivered.filter(**{lookup: code}).count()
        for lookup, code in places
        if code
    }


@dataclass(frozen=True)
class PairScore:
    score: int
    explanation: list


def pair_score(*, need: Need, offer: Offer, today: datetime.date | None = None):
    """The score and explanation of one need–offer pair, or None when the offer does not
    reach the need (thematic area or geography)."""
    facts = need_facts(need)
    found = scoring.fits(
        facts,
        offer_facts(offer),
        today=today or timezone.localdate(),
        track=track_record_get(
            provider_id=offer.provider_id, region=facts.region, subregion=facts.subregion
        ),
    )
    if found is None:
        return None
    weights = weights_get()
    return PairScore(scoring.total(found, weights), scoring.explanation(found, weights))


def explanation_rows(match: Match) -> list[dict]:
    """The stored explanation in words, criterion by criterion, in the active language."""
    rows = []
    for entry in match.explanation or []:
        try:
            label = Criterion(entry["criterion"]).label
        except ValueError:
            label = entry["criterion"]
        rows.append(
            {
                "criterion": label,
                "fit": round(100 * entry.get("fit", 0)),
                "weight": entry.get("weight", 0),
                "points": entry.get("points", 0),
                "reason": scoring.reason_text(entry),
            }
        )
    return rows


# --- Notifications' recipients --------------------------------------------------------------


def cted_recipient_list(*, need: Need) -> list[User]:
    """Who at CTED hears of a donor's answer: the need's recorder and the coordinators."""
    return list(
        User.objects.filter(
            Q(pk=need.created_by_id) | Q(groups__name=Role.CTED_COORDINATOR), is_active=True
        )
        .distinct()
        .order_by("pk")
    )


# --- The regional matrix (E-10, E-12) -------------------------------------------------------


@dataclass(frozen=True)
class Column:
    code: str
    name: str


@dataclass
class Cell:
    needs: int = 0
    offers: int = 0
    agreed: int = 0
    # Open needs that no programme in scope reaches (thematic area and geography).
    unreached: int = 0

    @property
    def gap(self) -> bool:
        return self.unreached > 0


@dataclass
class MatrixRow:
    area: ThematicArea
    cells: list = field(default_factory=list)  # [(Column, Cell)]


@dataclass
class Matrix:
    level: str
    columns: list
    rows: list
    totals: list  # [(Column, Cell)]


# The matrix's columns: the UN M49 regions, or their subregions (E-10, E-12).
LEVEL_LABELS = {"region": _("Regions"), "subregion": _("Subregions")}
LEVELS = tuple(LEVEL_LABELS)


@dataclass(frozen=True)
class Reach:
    """What the matrix reads of a programme: its areas and where it reaches, as plain ids
    and codes (model instances of 500 programmes' areas and States cost more than the
    queries)."""

    is_global: bool
    regions: frozenset
    subregions: frozenset
    states: frozenset  # MemberState ids
    areas: tuple  # ThematicArea ids


@dataclass(frozen=True)
class Geography:
    """The columns of one level, and where each State and subregion lies (M49 codes)."""

    level: str
    columns: list
    places: dict  # state id → (region code, subregion code)
    region_of: dict  # subregion code → region code

    def column_of(self, state_id: int) -> str | None:
        place = self.places.get(state_id)
        return None if place is None else place[0 if self.level == "region" else 1]

    def reach(self, offer: Reach) -> set | None:
        """The columns an offer reaches, None for all of them (a global programme)."""
        if offer.is_global:
            return None
        named = {self.column_of(pk) for pk in offer.states}
        if self.level == "region":
            widened = {self.region_of.get(code) for code in offer.subregions}
            return (named | offer.regions | widened) - {None}
        within = {code for code, region in self.region_of.items() if region in offer.regions}
        return (named | offer.subregions | within) - {None}

    def reaches_state(self, offer: Reach, state_id: int) -> bool:
        region, subregion = self.places.get(state_id, ("", ""))
        return (
            offer.is_global
            or region in offer.regions
            or subregion in offer.subregions
            or state_id in offer.states
        )


def _reaches(offers: QuerySet[Offer]) -> list[Reach]:
    """Three queries: the programmes, their thematic areas, their named States."""
    areas, states = defaultdict(list), defaultdict(set)
    links = Offer.thematic_areas.through.objects.filter(offer__in=offers)
    for offer_id, area_id in links.values_list("offer_id", "thematicarea_id"):
        areas[offer_id].append(area_id)
    named = Offer.states.through.objects.filter(offer__in=offers)
    for offer_id, state_id in named.values_list("offer_id", "memberstate_id"):
        states[offer_id].add(state_id)
    return [
        Reach(
            is_global,
            frozenset(regions),
            frozenset(subregions),
            frozenset(states[pk]),
            tuple(areas[pk]),
        )
        for pk, is_global, regions, subregions in offers.values_list(
            "pk", "is_global", "regions", "subregions"
        )
    ]


def _geography(level: str) -> Geography:
    """Three queries: the regions or subregions, the subregions' regions, the States'."""
    region_of = dict(Subregion.objects.values_list("code", "region__code"))
    places = {
        pk: (region, subregion)
        for pk, region, subregion in MemberState.objects.values_list(
            "pk", "region__code", "subregion__code"
        )
    }
    model = Region if level == "region" else Subregion
    columns = [Column(code, name) for code, name in model.objects.values_list("code", "name")]
    return Geography(level, columns, places, region_of)


def regional_matrix(*, user, level: str = "region") -> Matrix:
    """Thematic areas × regions: the open needs, the programmes and the agreed matches in
    the user's scope, and the open needs no programme reaches (the gaps). A constant number
    of queries: the needs and matches are counted by the database per (area, State)."""
    geography = _geography(level)
    columns = geography.columns
    areas = list(ThematicArea.objects.order_by("position", "pk"))
    cells = {(a.pk, c.code): Cell() for a in areas for c in columns}
    needs = (
        permissions.need_scope(Need.objects.all(), user)
        .filter(status=NeedStatus.OPEN)
        .values("thematic_area_id", "state_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    offers = _reaches(
        permissions.offer_scope(Offer.objects.all(), user).filter(status=OfferStatus.ACTIVE)
    )
    # Each programme's columns, worked out once (None: all of them).
    reaches = [geography.reach(offer) for offer in offers]
    by_area = defaultdict(list)
    for offer, reach in zip(offers, reaches, strict=True):
        for area in offer.areas:
            by_area[area].append(offer)
            for column in columns:
                if (area, column.code) in cells and (reach is None or column.code in reach):
                    cells[(area, column.code)].offers += 1
    for row in needs:
        key = (row["thematic_area_id"], geography.column_of(row["state_id"]))
        if key not in cells:
            continue
        cells[key].needs += row["n"]
        if not any(geography.reaches_state(o, row["state_id"]) for o in by_area[key[0]]):
            cells[key].unreached += row["n"]
    agreed = (
        permissions.match_scope(Match.objects.all(), user)
        .filter(status__in=AGREED_ON)
        .values("need__thematic_area_id", "need__state_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in agreed:
        key = (row["need__thematic_area_id"], geography.column_of(row["need__state_id"]))
        if key in cells:
            cells[key].agreed += row["n"]
    rows = [MatrixRow(a, [(c, cells[(a.pk, c.code)]) for c in columns]) for a in areas]
    totals = []
    for column in columns:
        total = Cell()
        for area in areas:
            cell = cells[(area.pk, column.code)]
            total.needs += cell.needs
            total.agreed += cell.agreed
            total.unreached += cell.unreached
        # A programme is counted once per column, however many of its areas are listed.
        total.offers = sum(1 for reach in reaches if reach is None or column.code in reach)
        totals.append((column, total))
    return Matrix(level=level, columns=columns, rows=rows, totals=totals)


# --- Waiting for you ------------------------------------------------------------------------

WAITING_FILES = 5


def waiting(user) -> list[WaitingItem]:
    """ "Waiting for you": a donor's proposals to answer; CTED writers' delivered matches to
    evaluate. Each group is one query (its count rides along as a window)."""
    items = []
    if permissions.is_donor(user):
        items.append(
            _waiting_item(
                _("Proposed matches awaiting your answer"),
                donor_answer_list(user=user),
                reverse("assistance_donor:home"),
            )
        )
    if permissions.can_write(user):
        delivered = _listed(Match.objects.filter(status=M.DELIVERED)).order_by(
            "status_changed_at", "pk"
        )
        items.append(
            _waiting_item(
                _("Delivered assistance to evaluate"),
                delivered,
                f"{reverse('assistance_matches:list')}?status={M.DELIVERED}",
            )
        )
    return [item for item in items if item is not None]


def _waiting_item(label, matches: QuerySet[Match], url: str) -> WaitingItem | None:
    rows = list(matches.annotate(group_count=Window(Count("pk")))[:WAITING_FILES])
    if not rows:
        return None
    files = tuple(
        WaitingFile(
            title=f"{m.need.state.name} · {m.need.thematic_area.name} · {m.offer.title}",
            url=reverse("assistance_matches:detail", args=[m.pk]),
            status=m.get_status_display(),
            since=m.status_changed_at,
        )
        for m in rows
    )
    return WaitingItem(label=str(label), count=rows[0].group_count, url=url, files=files)
