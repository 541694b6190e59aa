"""The matching engine: reads the facts of needs and offers from the database in a constant
number of queries, scores them with assistance/scoring.py, and stores proposals.

- `suggestions_for_need` / `suggestions_for_offer`: instant, ranked, explained suggestions
  for one need (offers) or one offer (needs), within the reader's scope.
- `match_all_run`: every open need against every active offer, the best few per need kept
  as proposed matches (the "assistance.match_all" job, assistance/tasks.py).

Scores are computed by scoring.fits/total; the job ranks its many pairs with `_rank_scores`,
the same arithmetic without building the explanation, which it builds only for what it keeps.
"""

import datetime
import functools
import json
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language, gettext_noop

from ctc.accounts.enums import COMMITTEE_ROLES, CTED_ROLES
from ctc.jobs.enums import ACTIVE_STATUSES
from ctc.jobs.models import Job
from ctc.jobs.services import job_create
from ctc.states.models import MemberState

from . import notifications, scoring
from .enums import Criterion, MatchStatus, NeedStatus, OfferStatus
from .models import Match, MatchingWeights, Need, Offer
from .permissions import need_scope, offer_scope
from .scoring import CRITERIA, GEO_FIT, PRIORITY_FIT, NeedFacts, OfferFacts

logger = logging.getLogger(__name__)

# The job kind (ctc.jobs) registered by assistance/tasks.py.
MATCH_ALL = "assistance.match_all"
DELIVERED_STATUSES = (MatchStatus.DELIVERED, MatchStatus.EVALUATED)
STAGE_READING = gettext_noop("Reading the open needs and the active programmes")
STAGE_SCORING = gettext_noop("Scoring {needs} needs against {offers} programmes")


# --- Facts ----------------------------------------------------------------------------------
def _state_geo_fields() -> dict[str, str]:
    """ "region"/"subregion" → the lookup of a State's M49 code from MemberState, for those it
    has: a relation to the Region/Subregion reference (its `code`) or a plain code field."""
    lookups = {}
    for name in ("region", "subregion"):
        try:
            field = MemberState._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        lookups[name] = f"{name}__code" if field.is_relation else name
    return lookups


def weights_get() -> dict[str, int]:
    """The administrators' weights of each criterion; the model's defaults when never saved."""
    row = MatchingWeights.objects.order_by("pk").first()
    if row is None:
        return {c.value: MatchingWeights._meta.get_field(c.value).default for c in CRITERIA}
    return {c.value: getattr(row, c.value) for c in CRITERIA}


def track_record_get(region: str | None = None) -> dict[tuple[int, str], int]:
    """(provider, M49 region or subregion) → matches delivered or evaluated there: one
    aggregate query; only in `region` (an M49 code) when given, as one need's score needs."""
    geo = _state_geo_fields()
    if not geo:
        return {}
    delivered = Match.objects.filter(status__in=DELIVERED_STATUSES)
    if region is not None and "region" in geo:
        delivered = delivered.filter(**{f"need__state__{geo['region']}": region})
    rows = (
        delivered.values(
            "offer__provider_id", *(f"need__state__{lookup}" for lookup in geo.values())
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    track: dict[tuple[int, str], int] = defaultdict(int)
    for row in rows:
        for lookup in geo.values():
            code = row[f"need__state__{lookup}"]
            if code:
                track[(row["offer__provider_id"], code)] += row["n"]
    return dict(track)


def need_facts(needs: QuerySet[Need]) -> list[NeedFacts]:
    """The facts of each need: one query (its State's language and M49 codes joined)."""
    geo = _state_geo_fields()
    rows = needs.order_by("pk").values(
        "pk",
        "thematic_area_id",
        "state_id",
        "priority",
        "wanted_from",
        "wanted_until",
        "state__official_language",
        **{name: F(f"state__{lookup}") for name, lookup in geo.items()},
    )
    return [
        NeedFacts(
            pk=row["pk"],
            thematic_area_id=row["thematic_area_id"],
            state_id=row["state_id"],
            region=row.get("region") or "",
            subregion=row.get("subregion") or "",
            priority=row["priority"],
            wanted_from=row["wanted_from"],
            wanted_until=row["wanted_until"],
            languages=frozenset(filter(None, [row["state__official_language"]])),
        )
        for row in rows
    ]


def offer_facts(offers: QuerySet[Offer]) -> list[OfferFacts]:
    """The facts of each offer: three queries (the offers, their thematic areas, their
    named States), whatever the number of offers."""
    rows = list(
        offers.order_by("pk").values_list(
            "pk",
            "provider_id",
            "is_global",
            "regions",
            "subregions",
            "starts_on",
            "ends_on",
            "languages",
        )
    )
    ids = [row[0] for row in rows]
    areas: dict[int, set[int]] = defaultdict(set)
    areas_through = Offer.thematic_areas.through.objects.filter(offer_id__in=ids)
    for offer_id, area_id in areas_through.values_list("offer_id", "thematicarea_id"):
        areas[offer_id].add(area_id)
    states: dict[int, set[int]] = defaultdict(set)
    states_through = Offer.states.through.objects.filter(offer_id__in=ids)
    for offer_id, state_id in states_through.values_list("offer_id", "memberstate_id"):
        states[offer_id].add(state_id)
    return [
        OfferFacts(
            pk=pk,
            provider_id=provider_id,
            thematic_area_ids=frozenset(areas[pk]),
            is_global=is_global,
            regions=frozenset(str(code) for code in regions or ()),
            subregions=frozenset(str(code) for code in subregions or ()),
            state_ids=frozenset(states[pk]),
            starts_on=starts_on,
            ends_on=ends_on,
            languages=frozenset(languages or ()),
        )
        for pk, provider_id, is_global, regions, subregions, starts_on, ends_on, languages in rows
    ]


# --- Suggestions for one need or one offer ---------------------------------------------------
@dataclass(frozen=True)
class Suggestion:
    """An offer suggested for a need (or a need for an offer): its score out of 100 and,
    criterion by criterion, the fit, weight, points and the reason in the reader's words."""

    target: Need | Offer
    score: int
    explanation: list[dict]


def explanation_in_words(entries: Iterable[dict]) -> list[dict]:
    """Stored explanation entries (codes and values) as the reader reads them, in the active
    language: the criterion's name and the reason in words."""
    return [
        {
            "criterion": entry["criterion"],
            "label": str(Criterion(entry["criterion"]).label),
            "fit": entry["fit"],
            "weight": entry["weight"],
            "points": entry["points"],
            "reason": _reason_text(
                get_language(),
                entry["criterion"],
                entry["reason"],
                json.dumps(entry.get("params", {}), sort_keys=True),
            ),
        }
        for entry in entries
    ]


@functools.lru_cache(maxsize=4096)
def _reason_text(language: str | None, criterion: str, reason: str, params: str) -> str:
    """scoring.reason_text, remembered per language: it looks up all its sentences at each
    call, and twenty suggestions of six reasons each mostly repeat a few."""
    entry = {"criterion": criterion, "reason": reason, "params": json.loads(params)}
    return scoring.reason_text(entry)


def _ranked(
    pairs: Iterable[tuple[NeedFacts, OfferFacts]],
    *,
    key: Callable[[NeedFacts, OfferFacts], int],
    limit: int,
    track: dict[tuple[int, str], int],
) -> list[tuple[int, int, list[dict]]]:
    """(target pk, score, explanation) of the best `limit` pairs in scope, by score then pk."""
    weights, today = weights_get(), timezone.localdate()
    scored = []
    for need, offer in pairs:
        found = scoring.fits(need, offer, today=today, track=track)
        if found is not None:
            scored.append((scoring.total(found, weights), key(need, offer), found))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [
        (pk, score, explanation_in_words(scoring.explanation(found, weights)))
        for score, pk, found in scored[:limit]
    ]


def _reads_everything(user) -> bool:
    return bool(user.roles & (CTED_ROLES | COMMITTEE_ROLES))


def suggestions_for_need(need: Need, user, limit: int = 20) -> list[Suggestion]:
    """The active offers the user may see that fit the need, best first (score, then pk).

    Nothing when the need is outside the user's scope: a donor never gets suggestions for a
    need its State did not agree to share, and sees only its own offers. Queries: a constant
    number, whatever the number of offers.
    """
    visible = need_facts(need_scope(Need.objects.filter(pk=need.pk), user))
    if not visible:
        return []
    [facts] = visible
    offers = offer_scope(Offer.objects.filter(status=OfferStatus.ACTIVE), user).filter(
        pk__in=Offer.thematic_areas.through.objects.filter(
            thematicarea_id=need.thematic_area_id
        ).values("offer_id")
    )
    ranked = _ranked(
        ((facts, offer) for offer in offer_facts(offers)),
        key=lambda n, o: o.pk,
        limit=limit,
        track=track_record_get(region=facts.region),
    )
    found = Offer.objects.select_related("provider").in_bulk([pk for pk, _, _ in ranked])
    return [Suggestion(found[pk], score, words) for pk, score, words in ranked]


def suggestions_for_offer(offer: Offer, user, limit: int = 20) -> list[Suggestion]:
    """The open needs the user may see that the (active) offer fits, best first.

    Nothing for an offer outside the user's scope or closed. A donor sees only needs shared
    with donors (need_scope, and the consent checked again here). Queries: a constant number.
    """
    visible = offer_scope(Offer.objects.filter(pk=offer.pk, status=OfferStatus.ACTIVE), user)
    offers = offer_facts(visible)
    if not offers:
        return []
    [facts] = offers
    needs = need_scope(
        Need.objects.filter(
            status=NeedStatus.OPEN, thematic_area_id__in=sorted(facts.thematic_area_ids)
        ),
        user,
    )
    if not _reads_everything(user):
        needs = needs.filter(shared_with_donors=True)
    ranked = _ranked(
        ((need, facts) for need in need_facts(needs)),
        key=lambda n, o: n.pk,
        limit=limit,
        track=track_record_get(),
    )
    found = Need.objects.select_related("state", "thematic_area").in_bulk(
        [pk for pk, _, _ in ranked]
    )
    return [Suggestion(found[pk], score, words) for pk, score, words in ranked]


# --- All open needs against all active offers ------------------------------------------------
@dataclass(frozen=True)
class MatchAllResult:
    needs: int
    offers: int
    pairs: int
    created: int
    updated: int
    removed: int
    told: int = 0  # donors told of new proposals

    def as_dict(self) -> dict:
        return {
            "needs": self.needs,
            "offers": self.offers,
            "pairs": self.pairs,
            "created": self.created,
            "updated": self.updated,
            "removed": self.removed,
            "told": self.told,
        }


class _OfferIndex:
    """Active offers by thematic area, and within an area by the States, subregions and
    regions they name and whether they are global: a need looks only at the offers that can
    reach it, each once, through the closest way (scoring.geographic_reach's order)."""

    def __init__(self, offers: list[OfferFacts], weights: dict[str, int]):
        self.by_area: dict[int, tuple[dict, dict, dict, list]] = {}
        for offer in offers:
            thematic = scoring.thematic_fit(len(offer.thematic_area_ids)).fit
            row = (
                offer,
                weights[Criterion.THEMATIC] * thematic,
                offer.starts_on.toordinal(),
                offer.ends_on.toordinal(),
            )
            for area in offer.thematic_area_ids:
                states, subregions, regions, world = self.by_area.setdefault(area, ({}, {}, {}, []))
                for state_id in offer.state_ids:
                    states.setdefault(state_id, []).append(row)
                for code in offer.subregions:
                    subregions.setdefault(code, []).append(row)
                for code in offer.regions:
                    regions.setdefault(code, []).append(row)
                if offer.is_global:
                    world.append(row)

    def reaching(self, need: NeedFacts):
        """(offer row, geographic reach) of every offer in the need's area that reaches it."""
        found = self.by_area.get(need.thematic_area_id)
        if found is None:
            return
        states, subregions, regions, world = found
        seen = set()
        for rows, reach in (
            (states.get(need.state_id, ()), "state"),
            (subregions.get(need.subregion, ()) if need.subregion else (), "subregion"),
            (regions.get(need.region, ()) if need.region else (), "region"),
            (world, "global"),
        ):
            for row in rows:
                pk = row[0].pk
                if pk not in seen:
                    seen.add(pk)
                    yield row, reach


Ranked = list[tuple[int, OfferFacts, str, float]]  # (score, offer, reach, share of time)


def _ranked_per_need(
    needs: list[NeedFacts],
    index: _OfferIndex,
    *,
    weights: dict[str, int],
    track: dict[tuple[int, str], int],
    today: datetime.date,
    keep: int,
    min_score: int,
    skip: set[tuple[int, int]],
) -> Iterator[tuple[NeedFacts, Ranked, int]]:
    """For each need: its best `keep` (score, offer, reach, share of time) at or above
    `min_score`, by score then offer pk, leaving out the pairs in `skip`; and the number of
    pairs scored. One need at a time, so that the job stores while it scores.

    The score is scoring.total of scoring.fits, computed with the same operations in the same
    order (tests/assistance/test_matching_engine.py holds them equal) without building the
    fits: the job scores hundreds of thousands of pairs and explains only what it keeps.
    """
    w = {c: weights[c] for c in CRITERIA}
    weight_sum = sum(w.values())
    if not weight_sum:
        return
    w_geo = {reach: w[Criterion.GEOGRAPHIC] * fit for reach, fit in GEO_FIT.items()}
    w_timing, w_language = w[Criterion.TIMING], w[Criterion.LANGUAGE]
    w_track = w[Criterion.TRACK_RECORD]
    open_days = datetime.timedelta(days=scoring.OPEN_WINDOW_DAYS)
    records: dict[tuple[int, int], float] = {}  # deliveries near → track-record fit
    for need in needs:
        start = need.wanted_from or today
        end = need.wanted_until or start + open_days
        start_day, end_day = start.toordinal(), end.toordinal()
        wanted = end_day - start_day + 1
        w_priority = w[Criterion.PRIORITY] * PRIORITY_FIT[need.priority]
        languages, subregion, region = need.languages, need.subregion, need.region
        kept, pairs = [], 0
        for (offer, w_thematic, offer_start, offer_end), reach in index.reaching(need):
            if skip and (need.pk, offer.pk) in skip:
                continue
            pairs += 1
            overlap = min(end_day, offer_end) - max(start_day, offer_start) + 1
            share = max(0.0, min(1.0, overlap / wanted)) if wanted > 0 else 0.0
            language = 0.0 if languages.isdisjoint(offer.languages) else 1.0
            near = (
                track.get((offer.provider_id, subregion), 0) if subregion else 0,
                track.get((offer.provider_id, region), 0) if region else 0,
            )
            record = records.get(near)
            if record is None:
                record = records[near] = scoring.track_record_fit(*near).fit
            points = (
                w_thematic
                + w_geo[reach]
                + w_timing * share
                + w_priority
                + w_language * language
                + w_track * record
            )
            score = round(100 * points / weight_sum)
            if score >= min_score:
                kept.append((score, offer, reach, share))
        kept.sort(key=lambda item: (-item[0], item[1].pk))
        yield need, kept[:keep], pairs


def _rank_scores(needs: list[NeedFacts], index: _OfferIndex, **options) -> tuple[dict, int]:
    """need pk → its best (score, offer, reach, share), for the needs with any; and the number
    of pairs scored (_ranked_per_need, all at once)."""
    best, pairs = {}, 0
    for need, kept, scored in _ranked_per_need(needs, index, **options):
        pairs += scored
        if kept:
            best[need.pk] = kept
    return best, pairs


class _Explainer:
    """The stored explanation (JSON) of a kept pair, from each criterion's entry remembered by
    its inputs (scoring.fit_inputs): the same text scoring.explanation would give."""

    def __init__(self, weights: dict[str, int], track: dict[tuple[int, str], int]):
        self.weights, self.track = weights, track
        self.entries: dict[tuple[int, tuple], str] = {}

    def __call__(self, need: NeedFacts, offer: OfferFacts, reach: str, share: float) -> str:
        inputs = scoring.fit_inputs(need, offer, reach=reach, share=share, track=self.track)
        parts = []
        for number, args in enumerate(inputs):
            text = self.entries.get((number, args))
            if text is None:
                fit = scoring.FIT_BUILDERS[number](*args)
                text = _to_json(scoring.explanation_entry(fit, self.weights))
                self.entries[(number, args)] = text
            parts.append(text)
        return "[" + ",".join(parts) + "]"


@dataclass(frozen=True, slots=True)
class _Proposal:
    pk: int | None  # the proposed match already stored for the pair, if any
    need_id: int
    offer_id: int
    score: int
    explanation: str  # JSON


_to_json = json.JSONEncoder(separators=(",", ":"), check_circular=False).encode


def _store_postgresql(rows: Iterable[_Proposal], now, run_id: int | None) -> tuple[int, int]:
    """Writes the proposals with COPY as `rows` come, so that the database stores the new ones
    while the job still scores (two processes, two cores): the new ones straight into the
    matches; the existing ones into a temporary table, from which the database updates only
    those that changed and are still proposed (a match moved on meanwhile is left alone). Ten
    thousand rows cost no Python quoting of parameters. Returns (created, updated)."""
    table = connection.ops.quote_name(Match._meta.db_table)
    proposed = MatchStatus.PROPOSED.value
    existing: list[_Proposal] = []

    def new_ones():
        for row in rows:
            if row.pk is None:
                yield row
            else:
                existing.append(row)

    with connection.cursor() as cursor:
        # The proposals are derived data a rerun rebuilds: no need to wait for the disk.
        cursor.execute("SET LOCAL synchronous_commit TO OFF")
        created = _copy_new(cursor, table, new_ones(), now, run_id)
        if not existing:
            return created, 0
        cursor.execute(
            "CREATE TEMPORARY TABLE assistance_proposal (id bigint, score smallint,"
            " explanation jsonb) ON COMMIT DROP"
        )
        with cursor.copy("COPY assistance_proposal FROM STDIN") as copy:
            for row in existing:
                copy.write_row((row.pk, row.score, row.explanation))
        cursor.execute(
            f"UPDATE {table} AS m SET score = p.score, explanation = p.explanation,"
            " updated_at = %s FROM assistance_proposal AS p WHERE p.id = m.id"
            " AND m.status = %s AND (m.score <> p.score OR m.explanation <> p.explanation)",
            [now, proposed],
        )
        updated = cursor.rowcount
        cursor.execute("DROP TABLE assistance_proposal")
    return created, updated


def _remove_postgresql(fallen: list[int]) -> int:
    """Deletes the job's own proposals in `fallen` that are still proposals."""
    table = connection.ops.quote_name(Match._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} WHERE id = ANY(%s) AND status = %s AND proposed_by_id IS NULL",
            [fallen, MatchStatus.PROPOSED.value],
        )
        return cursor.rowcount


COPY_BATCH = 500  # rows sent at a time, so that the database stores while the job scores
NEW_COLUMNS = (
    "need_id, offer_id, score, explanation, status, status_changed_at, proposed_at,"
    " updated_at, proposed_in_id, decline_reason, outcome"
)


def _copy_new(cursor, table: str, rows: Iterable[_Proposal], now, run_id: int | None) -> int:
    """Copies the new proposals straight into the matches. Should a person have proposed one
    of the pairs since the run read them, the copy is undone and the new proposals go in
    through INSERT … ON CONFLICT DO NOTHING instead (the pair keeps the person's)."""
    proposed = MatchStatus.PROPOSED.value
    sent: list[_Proposal] = []
    # COPY's text format, written by hand: str.join is a fifth of write_row's cost per row.
    # Compact JSON has no tab or newline; its backslashes (\uXXXX) are doubled.
    stamp, run = now.isoformat(), "\\N" if run_id is None else str(run_id)
    tail = f"\t{proposed}\t{stamp}\t{stamp}\t{stamp}\t{run}\t\t\n"  # …, decline_reason, outcome
    try:
        # wrap_database_errors: COPY bypasses Django's cursor, whose errors it translates.
        with (
            transaction.atomic(),
            connection.wrap_database_errors,
            cursor.copy(f"COPY {table} ({NEW_COLUMNS}) FROM STDIN") as copy,
        ):
            lines = []
            for r in rows:
                sent.append(r)
                explanation = r.explanation.replace("\\", "\\\\")
                lines.append(f"{r.need_id}\t{r.offer_id}\t{r.score}\t{explanation}{tail}")
                if len(lines) == COPY_BATCH:
                    copy.write("".join(lines))
                    lines.clear()
            copy.write("".join(lines))
        return len(sent)
    except IntegrityError:
        logger.info("Matching: a pair was proposed meanwhile; inserting one by one")
    created = 0
    for r in [*sent, *rows]:
        cursor.execute(
            f"INSERT INTO {table} ({NEW_COLUMNS})"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, '', '')"
            " ON CONFLICT DO NOTHING",
            (r.need_id, r.offer_id, r.score, r.explanation, proposed, now, now, now, run_id),
        )
        created += cursor.rowcount
    return created


def _store_orm(rows: Iterable[_Proposal], now, run_id: int | None) -> tuple[int, int]:
    """The same writes through the ORM, for databases other than PostgreSQL."""
    rows = list(rows)
    old = dict(
        Match.objects.select_for_update()
        .filter(pk__in=[r.pk for r in rows if r.pk], status=MatchStatus.PROPOSED)
        .values_list("pk", "score")
    )
    old_explanations = dict(Match.objects.filter(pk__in=old).values_list("pk", "explanation"))
    update = [
        Match(pk=r.pk, score=r.score, explanation=json.loads(r.explanation), updated_at=now)
        for r in rows
        if r.pk in old
        and (old[r.pk], old_explanations[r.pk]) != (r.score, json.loads(r.explanation))
    ]
    Match.objects.bulk_update(update, ["score", "explanation", "updated_at"], batch_size=500)
    create = [
        Match(
            need_id=r.need_id,
            offer_id=r.offer_id,
            score=r.score,
            explanation=json.loads(r.explanation),
            proposed_in_id=run_id,
        )
        for r in rows
        if r.pk is None
    ]
    # A pair a person proposed meanwhile keeps the person's: count what went in.
    before = Match.objects.count()
    Match.objects.bulk_create(create, batch_size=500, ignore_conflicts=True)
    return Match.objects.count() - before, len(update)


def _remove_orm(fallen: list[int]) -> int:
    _total, removed = Match.objects.filter(
        pk__in=fallen, status=MatchStatus.PROPOSED, proposed_by__isnull=True
    ).delete()
    return removed.get(Match._meta.label, 0)


def match_all_start(*, by):
    """Starts the matching job (ctc.jobs), or returns the one already queued or running:
    two runs at once would only do the same work twice.

    Side effects: a queued Job and its task sent after commit (ctc.jobs.services.job_create).
    """
    running = (
        Job.objects.filter(kind=MATCH_ALL, status__in=ACTIVE_STATUSES)
        .order_by("created_at")
        .first()
    )
    return running or job_create(kind=MATCH_ALL, by=by)


def match_all_runs(limit: int = 10) -> list[Job]:
    """The last runs of the matching job, newest first."""
    return list(
        Job.objects.filter(kind=MATCH_ALL)
        .select_related("created_by")
        .order_by("-created_at")[:limit]
    )


def match_all_run(job=None, report_progress: Callable | None = None) -> MatchAllResult:
    """Scores every open need against every active offer and stores, per need, the best
    settings.ASSISTANCE_PROPOSALS_PER_NEED offers scoring at least
    settings.ASSISTANCE_MIN_SCORE as proposed matches. Idempotent: a second run with the same
    data writes nothing. `job` is the ctc.jobs Job running it (None when called directly).

    Side effects, in one transaction: new proposals created (proposed by nobody: the job);
    the score and explanation of existing *proposed* matches updated where they changed; the
    job's own proposals that no longer make the cut (or whose need is no longer open, or whose
    offer closed) deleted; each new proposal names the run (`proposed_in`); the donors of each
    provider told once of the run's new proposals of shared needs (notifications). Matches
    past "proposed" are never touched, and a pair already past "proposed" (declined,
    agreed…) is never proposed again. The job writes in bulk, so its rescoring and removing
    proposals make no history rows (the Job keeps the counts); a match's history starts with
    a person's first step (ctc.workflow).
    """
    progress = report_progress or (lambda *args, **kwargs: None)
    progress(5, STAGE_READING)
    weights, track, today = weights_get(), track_record_get(), timezone.localdate()
    needs = need_facts(Need.objects.filter(status=NeedStatus.OPEN))
    offers = offer_facts(Offer.objects.filter(status=OfferStatus.ACTIVE))
    existing = list(
        Match.objects.filter(Q(status=MatchStatus.PROPOSED) | Q(need__status=NeedStatus.OPEN))
        .order_by()
        .values_list("pk", "need_id", "offer_id", "status", "proposed_by")
    )
    proposed = {(n, o): (pk, by) for pk, n, o, st, by in existing if st == MatchStatus.PROPOSED}
    moved_on = {(n, o) for _pk, n, o, st, _by in existing if st != MatchStatus.PROPOSED}
    progress(20, STAGE_SCORING, needs=len(needs), offers=len(offers))
    ranking = _ranked_per_need(
        needs,
        _OfferIndex(offers, weights),
        weights=weights,
        track=track,
        today=today,
        keep=settings.ASSISTANCE_PROPOSALS_PER_NEED,
        min_score=settings.ASSISTANCE_MIN_SCORE,
        skip=moved_on,
    )
    explain = _Explainer(weights, track)
    rows: list[_Proposal] = []
    pairs = 0

    def proposals() -> Iterator[_Proposal]:
        nonlocal pairs
        for need, kept, scored in ranking:
            pairs += scored
            for score, offer, reach, share in kept:
                pk = proposed.get((need.pk, offer.pk), (None, None))[0]
                row = _Proposal(pk, need.pk, offer.pk, score, explain(need, offer, reach, share))
                rows.append(row)
                yield row

    postgresql = connection.vendor == "postgresql"
    store = _store_postgresql if postgresql else _store_orm
    remove = _remove_postgresql if postgresql else _remove_orm
    now, run_id = timezone.now(), getattr(job, "pk", None)
    with transaction.atomic():
        created, updated = store(proposals(), now, run_id)
        # A person's proposal stays until a person moves it; only the job's own ones fall out.
        kept_pks = {row.pk for row in rows}
        removed = remove([pk for pk, by in proposed.values() if by is None and pk not in kept_pks])
        new = [(r.need_id, r.offer_id) for r in rows if r.pk is None]
        told = notifications.match_proposals_tell(new, run=run_id or now.isoformat())
    result = MatchAllResult(
        needs=len(needs),
        offers=len(offers),
        pairs=pairs,
        created=created,
        updated=updated,
        removed=removed,
        told=told,
    )
    logger.info("Matching: %s", result.as_dict())
    progress(95)
    return result
