"""The score of a need–offer pair, from 0 to 100, and why: six criteria, each a fit from 0 to
1 with its reason, weighed by MatchingWeights. Pure functions over plain facts (no queries), so
one need is scored at once and all open needs against all offers in one pass of a job.

An offer out of the need's thematic area or out of its geographic scope is never scored
(`fits` returns None): it never appears, whatever the weights.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .enums import Criterion, Priority

# A need with no "wanted until" is looked at over this many days from when it is wanted.
OPEN_WINDOW_DAYS = 730
# Deliveries in the same subregion (or region) that make a full track record.
TRACK_RECORD_FULL = 3
PRIORITY_FIT = {Priority.HIGH: 1.0, Priority.MEDIUM: 0.6, Priority.LOW: 0.3}
# Geographic fit by how the offer names the State: itself, its subregion, region, the world.
GEO_FIT = {"state": 1.0, "subregion": 0.8, "region": 0.6, "global": 0.4}
CRITERIA = (
    Criterion.THEMATIC,
    Criterion.GEOGRAPHIC,
    Criterion.TIMING,
    Criterion.PRIORITY,
    Criterion.LANGUAGE,
    Criterion.TRACK_RECORD,
)


@dataclass(frozen=True, slots=True)
class NeedFacts:
    pk: int
    thematic_area_id: int
    state_id: int
    region: str
    subregion: str
    priority: str
    wanted_from: datetime.date | None
    wanted_until: datetime.date | None
    languages: frozenset[str]


@dataclass(frozen=True, slots=True)
class OfferFacts:
    pk: int
    provider_id: int
    thematic_area_ids: frozenset[int]
    is_global: bool
    regions: frozenset[str]
    subregions: frozenset[str]
    state_ids: frozenset[int]
    starts_on: datetime.date
    ends_on: datetime.date
    languages: frozenset[str]


# (provider_id, M49 region or subregion code) → deliveries there (delivered or evaluated).
TrackRecord = Mapping[tuple[int, str], int]


@dataclass(frozen=True, slots=True)
class Fit:
    criterion: str
    fit: float
    reason: str
    params: dict


def geographic_reach(need: NeedFacts, offer: OfferFacts) -> str | None:
    """How the offer reaches the need's State ("state", "subregion", "region", "global"), or
    None when the State is outside its scope."""
    if need.state_id in offer.state_ids:
        return "state"
    if need.subregion and need.subregion in offer.subregions:
        return "subregion"
    if need.region and need.region in offer.regions:
        return "region"
    if offer.is_global:
        return "global"
    return None


def in_scope(need: NeedFacts, offer: OfferFacts) -> bool:
    return need.thematic_area_id in offer.thematic_area_ids and (
        geographic_reach(need, offer) is not None
    )


def _window(need: NeedFacts, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    start = need.wanted_from or today
    end = need.wanted_until or start + datetime.timedelta(days=OPEN_WINDOW_DAYS)
    return start, end


def thematic_fit(areas: int) -> Fit:
    """A programme devoted to one thematic area fits best; each further area costs a little."""
    if areas == 1:
        return Fit(Criterion.THEMATIC, 1.0, "specialised", {})
    return Fit(Criterion.THEMATIC, max(0.6, 1.0 - 0.05 * (areas - 1)), "among", {"areas": areas})


def geographic_fit(reach: str) -> Fit:
    return Fit(Criterion.GEOGRAPHIC, GEO_FIT[reach], reach, {})


def time_share(need: NeedFacts, offer: OfferFacts, today: datetime.date) -> float:
    """The share (0–1) of the time the assistance is wanted over which the programme runs."""
    start, end = _window(need, today)
    overlap = (min(end, offer.ends_on) - max(start, offer.starts_on)).days + 1
    wanted = (end - start).days + 1
    return max(0.0, min(1.0, overlap / wanted)) if wanted > 0 else 0.0


def timing_fit(share: float) -> Fit:
    return Fit(
        Criterion.TIMING,
        share,
        "overlap" if share > 0 else "no_overlap",
        {"percent": round(share * 100)},
    )


def priority_fit(priority: str) -> Fit:
    return Fit(Criterion.PRIORITY, PRIORITY_FIT[priority], priority, {})


def language_fit(shared: tuple[str, ...]) -> Fit:
    """`shared`: the languages of the State the programme is delivered in, sorted."""
    if shared:
        return Fit(Criterion.LANGUAGE, 1.0, "shared", {"languages": list(shared)})
    return Fit(Criterion.LANGUAGE, 0.0, "none_shared", {})


def track_record_fit(in_subregion: int, in_region: int) -> Fit:
    """From the provider's deliveries in the State's subregion, else in its region."""
    if in_subregion:
        return Fit(
            Criterion.TRACK_RECORD,
            min(1.0, in_subregion / TRACK_RECORD_FULL),
            "subregion",
            {"count": in_subregion},
        )
    if in_region:
        return Fit(
            Criterion.TRACK_RECORD,
            0.5 * min(1.0, in_region / TRACK_RECORD_FULL),
            "region",
            {"count": in_region},
        )
    return Fit(Criterion.TRACK_RECORD, 0.0, "none", {})


def deliveries_near(need: NeedFacts, offer: OfferFacts, track: TrackRecord) -> tuple[int, int]:
    """The provider's deliveries in the need's subregion and in its region."""
    return (
        track.get((offer.provider_id, need.subregion), 0) if need.subregion else 0,
        track.get((offer.provider_id, need.region), 0) if need.region else 0,
    )


# Each criterion's fit from its inputs (fit_inputs), in CRITERIA order.
FIT_BUILDERS = (
    thematic_fit,
    geographic_fit,
    timing_fit,
    priority_fit,
    language_fit,
    track_record_fit,
)


def fit_inputs(
    need: NeedFacts, offer: OfferFacts, *, reach: str, share: float, track: TrackRecord
) -> tuple[tuple, ...]:
    """What each criterion's fit depends on, in CRITERIA order: equal inputs, equal fits (the
    job explains ten thousand pairs from a few hundred distinct inputs)."""
    return (
        (len(offer.thematic_area_ids),),
        (reach,),
        (share,),
        (need.priority,),
        (tuple(sorted(need.languages & offer.languages)),),
        deliveries_near(need, offer, track),
    )


def fits(
    need: NeedFacts, offer: OfferFacts, *, today: datetime.date, track: TrackRecord
) -> tuple[Fit, ...] | None:
    """The six fits of the pair in CRITERIA order, or None when the offer is out of scope."""
    if need.thematic_area_id not in offer.thematic_area_ids:
        return None
    reach = geographic_reach(need, offer)
    if reach is None:
        return None
    inputs = fit_inputs(need, offer, reach=reach, share=time_share(need, offer, today), track=track)
    return tuple(build(*args) for build, args in zip(FIT_BUILDERS, inputs, strict=True))


def total(found: tuple[Fit, ...], weights: Mapping[str, int]) -> int:
    """The score out of 100: the weighted mean of the fits."""
    weight_sum = sum(weights[c] for c in CRITERIA)
    if not weight_sum:
        return 0
    return round(100 * sum(weights[f.criterion] * f.fit for f in found) / weight_sum)


def explanation(found: tuple[Fit, ...], weights: Mapping[str, int]) -> list[dict]:
    """What Match.explanation stores: each criterion's fit, weight, points and reason."""
    return [explanation_entry(f, weights) for f in found]


def explanation_entry(f: Fit, weights: Mapping[str, int]) -> dict:
    """One criterion of an explanation (its points are out of the weights of all six)."""
    weight_sum = sum(weights[c] for c in CRITERIA) or 1
    return {
        "criterion": str(f.criterion),
        "fit": round(f.fit, 3),
        "weight": weights[f.criterion],
        "points": round(100 * weights[f.criterion] * f.fit / weight_sum, 1),
        "reason": f.reason,
        "params": f.params,
    }


def reason_text(entry: dict) -> str:
    """One stored explanation entry in words, in the active language."""
    criterion, reason, params = entry["criterion"], entry["reason"], entry.get("params", {})
    texts = {
        ("thematic", "specialised"): _("The programme is devoted to this thematic area."),
        ("thematic", "among"): _("The programme covers this thematic area among {areas}."),
        ("geographic", "state"): _("The programme names the State."),
        ("geographic", "subregion"): _("The programme covers the State's subregion."),
        ("geographic", "region"): _("The programme covers the State's region."),
        ("geographic", "global"): _("The programme is global."),
        ("timing", "overlap"): _("The programme runs over {percent} per cent of the time wanted."),
        ("timing", "no_overlap"): _("The programme does not run when the assistance is wanted."),
        ("priority", "high"): _("The need has a high priority."),
        ("priority", "medium"): _("The need has a medium priority."),
        ("priority", "low"): _("The need has a low priority."),
        ("language", "shared"): _("Delivered in a language of the State: {languages}."),
        ("language", "none_shared"): _("Not delivered in a language of the State."),
        ("track_record", "subregion"): _("The provider delivered {count} times in the subregion."),
        ("track_record", "region"): _("The provider delivered {count} times in the region."),
        ("track_record", "none"): _("No delivery by the provider in the region yet."),
    }
    text = texts.get((criterion, reason), "")
    if "languages" in params:
        params = {**params, "languages": ", ".join(params["languages"])}
    return text.format(**params)
