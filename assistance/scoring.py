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


def fits(
    need: NeedFacts, offer: OfferFacts, *, today: datetime.date, track: TrackRecord
) -> tuple[Fit, ...] | None:
    """The six fits of the pair in CRITERIA order, or None when the offer is out of scope."""
    if need.thematic_area_id not in offer.thematic_area_ids:
        return None
    reach = geographic_reach(need, offer)
    if reach is None:
        return None
    areas = len(offer.thematic_area_ids)
    thematic = (
        Fit(Criterion.THEMATIC, 1.0, "specialised", {})
        if areas == 1
        else Fit(Criterion.THEMATIC, max(0.6, 1.0 - 0.05 * (areas - 1)), "among", {"areas": areas})
    )
    geographic = Fit(Criterion.GEOGRAPHIC, GEO_FIT[reach], reach, {})
    start, end = _window(need, today)
    overlap = (min(end, offer.ends_on) - max(start, offer.starts_on)).days + 1
    wanted = (end - start).days + 1
    share = max(0.0, min(1.0, overlap / wanted)) if wanted > 0 else 0.0
    timing = Fit(
        Criterion.TIMING,
        share,
        "overlap" if share > 0 else "no_overlap",
        {"percent": round(share * 100)},
    )
    priority = Fit(Criterion.PRIORITY, PRIORITY_FIT[need.priority], need.priority, {})
    shared = sorted(need.languages & offer.languages)
    language = (
        Fit(Criterion.LANGUAGE, 1.0, "shared", {"languages": shared})
        if shared
        else Fit(Criterion.LANGUAGE, 0.0, "none_shared", {})
    )
    in_subregion = track.get((offer.provider_id, need.subregion), 0) if need.subregion else 0
    in_region = track.get((offer.provider_id, need.region), 0) if need.region else 0
    if in_subregion:
        record = Fit(
            Criterion.TRACK_RECORD,
            min(1.0, in_subregion / TRACK_RECORD_FULL),
            "subregion",
            {"count": in_subregion},
        )
    elif in_region:
        record = Fit(
            Criterion.TRACK_RECORD,
            0.5 * min(1.0, in_region / TRACK_RECORD_FULL),
            "region",
            {"count": in_region},
        )
    else:
        record = Fit(Criterion.TRACK_RECORD, 0.0, "none", {})
    return (thematic, geographic, timing, priority, language, record)


def total(found: tuple[Fit, ...], weights: Mapping[str, int]) -> int:
    """The score out of 100: the weighted mean of the fits."""
    weight_sum = sum(weights[c] for c in CRITERIA)
    if not weight_sum:
        return 0
    return round(100 * sum(weights[f.criterion] * f.fit for f in found) / weight_sum)


def explanation(found: tuple[Fit, ...], weights: Mapping[str, int]) -> list[dict]:
    """What Match.explanation stores: each criterion's fit, weight, points and reason."""
    weight_sum = sum(weights[c] for c in CRITERIA) or 1
    return [
        {
            "criterion": str(f.criterion),
            "fit": round(f.fit, 3),
            "weight": weights[f.criterion],
            "points": round(100 * weights[f.criterion] * f.fit / weight_sum, 1),
            "reason": f.reason,
            "params": f.params,
        }
        for f in found
    ]


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
