"""The matching score's properties, over generated needs and offers (no database)."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from assistance import scoring
from assistance.enums import Criterion, Priority
from assistance.scoring import NeedFacts, OfferFacts

TODAY = datetime.date(2012, 6, 1)
DEFAULT_WEIGHTS = {
    Criterion.THEMATIC: 30,
    Criterion.GEOGRAPHIC: 25,
    Criterion.TIMING: 15,
    Criterion.PRIORITY: 15,
    Criterion.LANGUAGE: 10,
    Criterion.TRACK_RECORD: 5,
}
# Kenya: Africa (002), Eastern Africa (014); Peru: Americas (019), South America (005).
KEN = dict(state_id=1, region="002", subregion="014", languages=frozenset({"en"}))
AREAS = st.integers(min_value=1, max_value=9)
dates = st.dates(min_value=datetime.date(2011, 1, 1), max_value=datetime.date(2014, 12, 31))


def need(**changes):
    facts = dict(
        pk=1,
        thematic_area_id=1,
        priority=Priority.MEDIUM,
        wanted_from=None,
        wanted_until=None,
        **KEN,
    )
    return NeedFacts(**{**facts, **changes})


def offer(**changes):
    facts = dict(
        pk=1,
        provider_id=1,
        thematic_area_ids=frozenset({1}),
        is_global=False,
        regions=frozenset(),
        subregions=frozenset(),
        state_ids=frozenset({1}),
        starts_on=datetime.date(2012, 1, 1),
        ends_on=datetime.date(2014, 12, 31),
        languages=frozenset({"en"}),
    )
    return OfferFacts(**{**facts, **changes})


def score(n, o, weights=DEFAULT_WEIGHTS, track=None):
    found = scoring.fits(n, o, today=TODAY, track=track or {})
    return None if found is None else scoring.total(found, weights)


offers = st.builds(
    offer,
    thematic_area_ids=st.frozensets(AREAS, min_size=1, max_size=9),
    is_global=st.booleans(),
    regions=st.frozensets(st.sampled_from(["002", "019", "142", "150", "009"]), max_size=3),
    subregions=st.frozensets(st.sampled_from(["014", "015", "005", "034", "155"]), max_size=3),
    state_ids=st.frozensets(st.integers(min_value=1, max_value=5), max_size=3),
    languages=st.frozensets(st.sampled_from(["en", "fr", "es", "ar", "ru", "zh-hans"])),
)
needs = st.builds(
    need,
    thematic_area_id=AREAS,
    priority=st.sampled_from(list(Priority)),
)


@given(needs, offers)
def test_score_is_between_0_and_100_or_none_when_out_of_scope(n, o):
    result = score(n, o)
    assert (result is None) == (not scoring.in_scope(n, o))
    assert result is None or 0 <= result <= 100


@given(needs, offers)
def test_offer_outside_the_thematic_area_is_never_scored(n, o):
    if n.thematic_area_id not in o.thematic_area_ids:
        assert score(n, o) is None


@given(needs, offers)
def test_offer_outside_the_geography_is_never_scored_whatever_the_weights(n, o):
    outside = (
        not o.is_global
        and n.state_id not in o.state_ids
        and n.subregion not in o.subregions
        and n.region not in o.regions
    )
    if outside:
        assert score(n, o) is None
        assert score(n, o, weights={c: 0 for c in DEFAULT_WEIGHTS} | {"geographic": 0}) is None


@given(needs, offers, offers)
def test_perfect_thematic_and_geographic_fit_outranks_a_partial_one(n, perfect, partial):
    # The same offer but for its scope: devoted to the need's area and naming the State,
    # against one covering other areas too and reaching the State only by region.
    perfect = offer(
        thematic_area_ids=frozenset({n.thematic_area_id}),
        state_ids=frozenset({n.state_id}),
        languages=partial.languages,
    )
    partial = offer(
        thematic_area_ids=frozenset({n.thematic_area_id, n.thematic_area_id + 10}),
        state_ids=frozenset(),
        regions=frozenset({n.region}),
        languages=partial.languages,
    )
    assert score(n, perfect) > score(n, partial)


def test_reach_ranks_state_then_subregion_then_region_then_world():
    scores = [
        score(need(), offer(state_ids=frozenset({1}))),
        score(need(), offer(state_ids=frozenset(), subregions=frozenset({"014"}))),
        score(need(), offer(state_ids=frozenset(), regions=frozenset({"002"}))),
        score(need(), offer(state_ids=frozenset(), is_global=True)),
    ]
    assert scores == sorted(scores, reverse=True)
    assert len(set(scores)) == 4


def test_changing_a_weight_changes_the_order_as_expected():
    # A: names the State but delivers in French only; B: global, in English.
    a = offer(pk=1, languages=frozenset({"fr"}))
    b = offer(pk=2, state_ids=frozenset(), is_global=True)
    assert score(need(), a) > score(need(), b)
    language_first = DEFAULT_WEIGHTS | {Criterion.LANGUAGE: 60}
    assert score(need(), b, language_first) > score(need(), a, language_first)


def test_timing_counts_the_share_of_the_wanted_time_the_programme_runs():
    wanted = need(wanted_from=datetime.date(2013, 1, 1), wanted_until=datetime.date(2013, 12, 31))
    half = offer(starts_on=datetime.date(2012, 1, 1), ends_on=datetime.date(2013, 7, 1))
    found = scoring.fits(wanted, half, today=TODAY, track={})
    assert found[2].criterion == Criterion.TIMING
    assert found[2].params == {"percent": 50}
    ended = offer(starts_on=datetime.date(2011, 1, 1), ends_on=datetime.date(2011, 12, 31))
    assert scoring.fits(wanted, ended, today=TODAY, track={})[2].reason == "no_overlap"


def test_track_record_prefers_deliveries_in_the_subregion():
    in_subregion = score(need(), offer(), track={(1, "014"): 3})
    in_region = score(need(), offer(), track={(1, "002"): 3})
    none = score(need(), offer())
    assert in_subregion > in_region > none


def test_explanation_points_add_up_to_the_score_and_read_in_words():
    found = scoring.fits(need(priority=Priority.HIGH), offer(), today=TODAY, track={})
    entries = scoring.explanation(found, DEFAULT_WEIGHTS)
    assert [e["criterion"] for e in entries] == [str(c) for c in scoring.CRITERIA]
    assert round(sum(e["points"] for e in entries)) == scoring.total(found, DEFAULT_WEIGHTS)
    assert scoring.reason_text(entries[1]) == "The programme names the State."
    assert scoring.reason_text(entries[4]) == "Delivered in a language of the State: en."
