"""The matching job's engine (assistance.matching.match_all_run): which proposals it stores,
that a rerun writes nothing, that it never touches matches past "proposed", and that its fast
ranking gives exactly scoring.total."""

import dataclasses
import datetime
import random

import pytest
from django.db import connection, transaction
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from assistance import matching, scoring
from assistance.enums import MatchStatus, OfferStatus, Priority
from assistance.matching import _OfferIndex, _rank_scores
from assistance.models import Match, MatchingWeights, Need, Offer
from ctc.accounts.enums import Role
from ctc.jobs.models import Job
from ctc.notifications.models import Notification
from ctc.states.models import MemberState
from ctc.themes.models import ThematicArea
from tests.factories import MatchFactory, NeedFactory, OfferFactory, UserFactory

from .test_scoring import DEFAULT_WEIGHTS, TODAY, dates, need, offer, offers

YEAR_2027 = dict(wanted_from=datetime.date(2027, 1, 1), wanted_until=datetime.date(2027, 12, 31))
PERIOD_2027 = dict(starts_on=datetime.date(2027, 1, 1), ends_on=datetime.date(2027, 12, 31))


# --- The fast ranking is scoring.total -------------------------------------------------------
weights = st.fixed_dictionaries(
    {c: st.integers(min_value=0, max_value=40) for c in DEFAULT_WEIGHTS}
)
tracks = st.dictionaries(
    st.tuples(st.just(1), st.sampled_from(["002", "014", "019"])),
    st.integers(min_value=1, max_value=5),
    max_size=3,
)
ranked_needs = st.builds(
    need,
    thematic_area_id=st.integers(min_value=1, max_value=9),
    priority=st.sampled_from(list(Priority)),
    wanted_from=st.none() | dates,
    wanted_until=st.none(),
    languages=st.frozensets(st.sampled_from(["en", "fr", "ar"]), max_size=2),
)


@settings(max_examples=300)
@given(ranked_needs, offers, weights, tracks, st.integers(min_value=0, max_value=400))
def test_rank_scores_equal_scoring_total_of_the_fits(n, o, w, track, extra_days):
    if n.wanted_from is not None:
        n = dataclasses.replace(n, wanted_until=n.wanted_from + datetime.timedelta(days=extra_days))
    best, pairs = _rank_scores(
        [n],
        _OfferIndex([o], w),
        weights=w,
        track=track,
        today=TODAY,
        keep=5,
        min_score=0,
        skip=set(),
    )
    found = scoring.fits(n, o, today=TODAY, track=track)
    if found is None or not sum(w.values()):
        assert best == {}
    else:
        assert pairs == 1
        assert [item[:2] for item in best[n.pk]] == [(scoring.total(found, w), o)]


def test_rank_scores_leaves_out_the_skipped_pairs_and_keeps_the_best_by_score_then_pk():
    offers_ = [offer(pk=pk, languages=frozenset({"fr"} if pk == 2 else {"en"})) for pk in (3, 1, 2)]
    best, pairs = _rank_scores(
        [need()],
        _OfferIndex(offers_, DEFAULT_WEIGHTS),
        weights=DEFAULT_WEIGHTS,
        track={},
        today=TODAY,
        keep=2,
        min_score=0,
        skip={(1, 1)},
    )
    assert pairs == 2
    assert [(item[0], item[1].pk) for item in best[1]] == [(89, 3), (79, 2)]


# --- What the job stores ---------------------------------------------------------------------
@pytest.fixture
def world(db, settings):
    """Three needs and four offers whose scores are worked out by hand below."""
    settings.ASSISTANCE_PROPOSALS_PER_NEED = 2
    settings.ASSISTANCE_MIN_SCORE = 50
    a, b = ThematicArea.objects.order_by("pk")[:2]
    ken, fra = MemberState.objects.get(iso3="KEN"), MemberState.objects.get(iso3="FRA")
    needs = {
        "ken_a": NeedFactory(state=ken, thematic_area=a, priority=Priority.HIGH, **YEAR_2027),
        "fra_a": NeedFactory(state=fra, thematic_area=a, priority=Priority.LOW, **YEAR_2027),
        "ken_b": NeedFactory(state=ken, thematic_area=b, priority=Priority.MEDIUM, **YEAR_2027),
    }
    offers_ = {
        # Names Kenya, area A only, all 2027, in English: 30 + 25 + 15 + 15 + 10 = 95.
        "kenya": OfferFactory(
            is_global=False, states=[ken], thematic_areas=[a], languages=["en"], **PERIOD_2027
        ),
        # Global, areas A and B (0.95), in French: 68 for ken_a and fra_a, 62 for ken_b.
        "world": OfferFactory(thematic_areas=[a, b], languages=["fr"], **PERIOD_2027),
        # Global, area A, in 2030 and Arabic: 55 for ken_a, 44 (under 50) for fra_a.
        "late": OfferFactory(
            thematic_areas=[a],
            languages=["ar"],
            starts_on=datetime.date(2030, 1, 1),
            ends_on=datetime.date(2030, 12, 31),
        ),
        "closed": OfferFactory(
            is_global=False,
            states=[ken],
            thematic_areas=[a],
            status=OfferStatus.CLOSED,
            **PERIOD_2027,
        ),
    }
    return needs, offers_


def _stored(needs, offers_):
    names = {n.pk: key for key, n in needs.items()}
    offer_names = {o.pk: key for key, o in offers_.items()}
    return {
        (names[m.need_id], offer_names[m.offer_id], m.score, m.status) for m in Match.objects.all()
    }


P = MatchStatus.PROPOSED


def test_match_all_stores_the_best_offers_per_need_above_the_minimum(world):
    needs, offers_ = world

    result = matching.match_all_run()

    assert _stored(needs, offers_) == {
        ("ken_a", "kenya", 95, P),
        ("ken_a", "world", 68, P),
        ("fra_a", "world", 68, P),
        ("ken_b", "world", 62, P),
    }
    assert (result.needs, result.offers, result.pairs) == (3, 3, 6)
    assert (result.created, result.updated, result.removed) == (4, 0, 0)
    stored = Match.objects.get(need=needs["ken_a"], offer=offers_["kenya"])
    assert stored.proposed_by is None
    assert [(e["criterion"], e["reason"], e["points"]) for e in stored.explanation] == [
        ("thematic", "specialised", 30.0),
        ("geographic", "state", 25.0),
        ("timing", "overlap", 15.0),
        ("priority", "high", 15.0),
        ("language", "shared", 10.0),
        ("track_record", "none", 0.0),
    ]


def test_match_all_tells_each_donor_once_per_run_of_shared_needs_only(world):
    needs, offers_ = world
    Need.objects.filter(pk=needs["ken_a"].pk).update(shared_with_donors=True)
    world_donor = UserFactory(roles=[Role.DONOR], organisation=offers_["world"].provider)
    kenya_donor = UserFactory(roles=[Role.DONOR], organisation=offers_["kenya"].provider)

    result = matching.match_all_run()
    again = matching.match_all_run()

    told = {
        n.recipient_id: (n.kind, n.params, n.url)
        for n in Notification.objects.filter(kind="assistance.match_proposals")
    }
    home = "/en/assistance/donor/"
    assert told == {
        world_donor.pk: (
            "assistance.match_proposals",
            {"count": 1, "offers": [offers_["world"].title]},
            home,
        ),
        kenya_donor.pk: (
            "assistance.match_proposals",
            {"count": 1, "offers": [offers_["kenya"].title]},
            home,
        ),
    }
    assert (result.told, again.told) == (2, 0)


def test_match_all_run_again_writes_nothing(world):
    matching.match_all_run()
    before = list(
        Match.objects.order_by("pk").values_list("pk", "score", "explanation", "updated_at")
    )

    result = matching.match_all_run()

    assert (result.created, result.updated, result.removed) == (0, 0, 0)
    after = list(
        Match.objects.order_by("pk").values_list("pk", "score", "explanation", "updated_at")
    )
    assert after == before


def test_match_all_never_touches_matches_past_proposed_nor_proposes_their_pair_again(world):
    needs, offers_ = world
    agreed = MatchFactory(
        need=needs["ken_a"], offer=offers_["kenya"], score=10, status=MatchStatus.AGREED
    )
    declined = MatchFactory(
        need=needs["fra_a"], offer=offers_["world"], score=12, status=MatchStatus.DECLINED
    )

    matching.match_all_run()

    assert _stored(needs, offers_) == {
        ("ken_a", "kenya", 10, MatchStatus.AGREED),
        ("ken_a", "world", 68, P),
        ("ken_a", "late", 55, P),
        ("fra_a", "world", 12, MatchStatus.DECLINED),
        ("ken_b", "world", 62, P),
    }
    agreed.refresh_from_db()
    declined.refresh_from_db()
    assert (agreed.explanation, declined.explanation) == ([], [])


def test_match_all_updates_proposed_scores_when_the_weights_change(world):
    needs, offers_ = world
    matching.match_all_run()
    MatchingWeights.objects.create(
        thematic=30, geographic=25, timing=15, priority=15, language=0, track_record=0
    )

    result = matching.match_all_run()

    # Without language and track record, out of 85: 85, 68.5, 58 and 62.5 points; France's
    # need now takes the late offer too (44.5 points, 52).
    assert (result.created, result.updated, result.removed) == (1, 4, 0)
    assert _stored(needs, offers_) == {
        ("ken_a", "kenya", 100, P),
        ("ken_a", "world", 81, P),
        ("fra_a", "world", 68, P),
        ("fra_a", "late", 52, P),
        ("ken_b", "world", 74, P),
    }
    entry = Match.objects.get(need=needs["ken_a"], offer=offers_["kenya"]).explanation[4]
    assert (entry["criterion"], entry["weight"], entry["points"]) == ("language", 0, 0.0)


def test_match_all_removes_its_proposals_that_fell_out_and_keeps_a_persons(world):
    needs, offers_ = world
    matching.match_all_run()
    coordinator = UserFactory(roles=[Role.CTED_COORDINATOR])
    by_hand = MatchFactory(
        need=needs["fra_a"], offer=offers_["closed"], score=40, proposed_by=coordinator
    )
    offers_["world"].status = OfferStatus.CLOSED
    offers_["world"].save()

    result = matching.match_all_run()

    assert (result.created, result.updated, result.removed) == (1, 0, 3)
    assert _stored(needs, offers_) == {
        ("ken_a", "kenya", 95, P),
        ("ken_a", "late", 55, P),
        ("fra_a", "closed", 40, P),
    }
    assert Match.objects.filter(pk=by_hand.pk).exists()


def test_match_all_drops_the_proposals_of_a_need_no_longer_open(world):
    needs, offers_ = world
    matching.match_all_run()
    needs["ken_a"].status = "withdrawn"
    needs["ken_a"].save()

    result = matching.match_all_run()

    assert (result.needs, result.removed) == (2, 2)
    assert not Match.objects.filter(need=needs["ken_a"]).exists()


def test_match_all_reports_progress_in_stages(world):
    seen = []

    matching.match_all_run(None, lambda percent, stage=None, **params: seen.append(percent))

    # Scoring and storing are one stage: the job stores each need's proposals as it goes.
    assert seen == [5, 20, 95]


def test_weights_are_the_defaults_until_an_administrator_saves_them(db):
    assert matching.weights_get() == {
        "thematic": 30,
        "geographic": 25,
        "timing": 15,
        "priority": 15,
        "language": 10,
        "track_record": 5,
    }


def test_match_all_stores_what_brute_force_scoring_keeps_on_a_random_world(db, settings):
    settings.ASSISTANCE_PROPOSALS_PER_NEED = 3
    settings.ASSISTANCE_MIN_SCORE = 40
    rng = random.Random(12)
    areas = list(ThematicArea.objects.order_by("pk")[:3])
    states = list(MemberState.objects.filter(iso3__in=["KEN", "FRA", "PER", "EGY", "CHN"]))
    for _ in range(12):
        start = datetime.date(2026, 1, 1) + datetime.timedelta(days=rng.randrange(0, 700))
        OfferFactory(
            is_global=rng.random() < 0.5,
            states=rng.sample(states, 2),
            thematic_areas=rng.sample(areas, rng.randint(1, 3)),
            languages=rng.sample(["en", "fr", "es", "ar", "zh-hans"], 2),
            starts_on=start,
            ends_on=start + datetime.timedelta(days=rng.randrange(30, 900)),
        )
    for _ in range(25):
        start = datetime.date(2026, 6, 1) + datetime.timedelta(days=rng.randrange(0, 500))
        NeedFactory(
            state=rng.choice(states),
            thematic_area=rng.choice(areas),
            priority=rng.choice(list(Priority)),
            wanted_from=start,
            wanted_until=start + datetime.timedelta(days=rng.randrange(30, 400)),
        )
    weights, today = matching.weights_get(), timezone.localdate()
    expected = {}
    all_offers = matching.offer_facts(Offer.objects.filter(status="active"))
    for n in matching.need_facts(Need.objects.all()):
        scored = []
        for o in all_offers:
            found = scoring.fits(n, o, today=today, track={})
            if found and scoring.total(found, weights) >= 40:
                scored.append((scoring.total(found, weights), o.pk, found))
        scored.sort(key=lambda item: (-item[0], item[1]))
        for score, offer_pk, found in scored[:3]:
            expected[(n.pk, offer_pk)] = (score, scoring.explanation(found, weights))

    matching.match_all_run()

    stored = {(m.need_id, m.offer_id): (m.score, m.explanation) for m in Match.objects.all()}
    assert len(stored) > 20
    assert stored == expected


def test_store_keeps_a_persons_proposal_made_while_the_job_ran(world):
    needs, offers_ = world
    person = MatchFactory(need=needs["ken_a"], offer=offers_["kenya"], score=33)
    rows = [
        matching._Proposal(None, needs["ken_a"].pk, offers_["kenya"].pk, 95, "[]"),
        matching._Proposal(None, needs["fra_a"].pk, offers_["world"].pk, 68, "[]"),
    ]

    store = matching._store_postgresql if connection.vendor == "postgresql" else matching._store_orm

    with transaction.atomic():
        created, updated = store(iter(rows), timezone.now(), None)

    assert (created, updated) == (1, 0)
    person.refresh_from_db()
    assert person.score == 33
    assert Match.objects.get(need=needs["fra_a"]).score == 68


def test_store_copies_explanations_with_backslashes_and_names_the_run(world):
    needs, offers_ = world
    job = Job.objects.create(kind=matching.MATCH_ALL, created_by=UserFactory())
    text = '[{"reason":"caf\\u00e9 \\\\ \\"quoted\\""}]'
    rows = [matching._Proposal(None, needs["ken_a"].pk, offers_["kenya"].pk, 95, text)]
    store = matching._store_postgresql if connection.vendor == "postgresql" else matching._store_orm

    with transaction.atomic():
        created, updated = store(iter(rows), timezone.now(), job.pk)

    match = Match.objects.get(need=needs["ken_a"], offer=offers_["kenya"])
    assert (created, updated) == (1, 0)
    assert match.explanation == [{"reason": 'café \\ "quoted"'}]
    assert match.proposed_in_id == job.pk


# --- Facts from the database ---------------------------------------------------------------------
def test_need_facts_carry_the_states_language_and_m49_codes(db):
    kenya, peru = MemberState.objects.get(iso3="KEN"), MemberState.objects.get(iso3="PER")
    ken, per = NeedFactory(state=kenya), NeedFactory(state=peru, priority=Priority.LOW)

    found = matching.need_facts(Need.objects.filter(pk__in=[ken.pk, per.pk]))

    assert [(f.pk, f.state_id, f.region, f.subregion, f.languages, f.priority) for f in found] == [
        (ken.pk, kenya.pk, "002", "014", frozenset({"en"}), "medium"),
        (per.pk, peru.pk, "019", "005", frozenset({"es"}), "low"),
    ]


def test_track_record_counts_deliveries_by_provider_region_and_subregion(db):
    kenya, uganda, peru = (MemberState.objects.get(iso3=c) for c in ("KEN", "UGA", "PER"))
    offer = OfferFactory()
    for state, status in [
        (kenya, MatchStatus.DELIVERED),
        (uganda, MatchStatus.EVALUATED),
        (peru, MatchStatus.DELIVERED),
        (peru, MatchStatus.AGREED),
    ]:
        MatchFactory(need=NeedFactory(state=state), offer=offer, status=status)

    assert matching.track_record_get() == {
        (offer.provider_id, "002"): 2,
        (offer.provider_id, "014"): 2,
        (offer.provider_id, "019"): 1,
        (offer.provider_id, "005"): 1,
    }
    assert matching.track_record_get(region="019") == {
        (offer.provider_id, "019"): 1,
        (offer.provider_id, "005"): 1,
    }


def test_match_all_reaches_by_subregion_and_counts_the_track_record(db, settings):
    settings.ASSISTANCE_MIN_SCORE = 0
    uganda = MemberState.objects.get(iso3="UGA")
    eastern_africa = OfferFactory(is_global=False, subregions=["014"], **PERIOD_2027)
    south_america = OfferFactory(is_global=False, regions=["019"], **PERIOD_2027)
    for _ in range(2):
        MatchFactory(
            need=NeedFactory(state=uganda), offer=eastern_africa, status=MatchStatus.DELIVERED
        )
    need = NeedFactory(**YEAR_2027)  # Kenya, Eastern Africa

    matching.match_all_run()

    match = Match.objects.get(need=need)
    assert match.offer_id == eastern_africa.pk
    assert not Match.objects.filter(offer=south_america).exists()
    # 30 + 25 × 0.8 + 15 + 9 + 10 + 5 × 2/3 = 87.33
    assert match.score == 87
    assert [(e["reason"], e["params"]) for e in match.explanation[1::4]] == [
        ("subregion", {}),
        ("subregion", {"count": 2}),
    ]
