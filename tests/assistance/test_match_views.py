"""The match pages, the donor's view, the regional matrix and its export, and the matches
API: what each person reads (consent respected everywhere a donor looks), the steps taken
from the pages, bad input answered with a message and nothing changed."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation

from assistance.enums import MatchStatus, NeedStatus
from assistance.models import Match
from ctc.accounts.enums import Role
from ctc.organisations.models import Organisation
from ctc.states.models import MemberState
from ctc.themes.models import ThematicArea
from tests.factories import MatchFactory, NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db

UNSHARED = "Unshared: training of the State's financial intelligence unit."
SHARED = "Shared: mentoring of prosecutors on terrorist financing cases."


@pytest.fixture
def world(personas):
    """The donor's programme and another donor's, a shared and an unshared need of Kenya in
    the programmes' area, and their matches."""
    donor = personas[Role.DONOR]
    area = ThematicArea.objects.order_by("pk").first()
    kenya = MemberState.objects.get(iso3="KEN")
    mine = OfferFactory(provider=donor.organisation, title="Our programme")
    theirs = OfferFactory(
        provider=Organisation.objects.get(code="world-bank"), title="Another donor's programme"
    )
    shared = NeedFactory(
        state=kenya, thematic_area=area, shared_with_donors=True, description=SHARED
    )
    unshared = NeedFactory(
        state=kenya, thematic_area=area, shared_with_donors=False, description=UNSHARED
    )
    return {
        "people": personas,
        "mine": mine,
        "theirs": theirs,
        "shared": shared,
        "unshared": unshared,
        "visible": MatchFactory(need=shared, offer=mine, score=80),
        "hidden_unshared": MatchFactory(need=unshared, offer=mine, score=75),
        "hidden_theirs": MatchFactory(need=shared, offer=theirs, score=60),
    }


def _as(client, user):
    client.force_login(user)
    return client


# --- Donors never read an unshared need or another donor's programme -------------------------


def test_match_list_shows_a_donor_only_its_matches_of_shared_needs(client, world):
    response = _as(client, world["people"][Role.DONOR]).get(reverse("assistance_matches:list"))

    assert response.status_code == 200
    assert [m.pk for m in response.context["page"]] == [world["visible"].pk]
    assert response.context["page"].paginator.count == 1
    body = response.content.decode()
    assert "Another donor&#x27;s programme" not in body
    assert "world-bank" not in body


def test_match_list_provider_filter_offers_a_donor_only_its_own(client, world):
    response = _as(client, world["people"][Role.DONOR]).get(
        reverse("assistance_matches:list"), {"provider": "world-bank"}
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "provider": ["No provider in your scope has this code."]
    }


def test_match_list_shows_cted_every_match_filtered(client, world):
    client = _as(client, world["people"][Role.CTED_EXPERT])

    everything = client.get(reverse("assistance_matches:list"))
    theirs = client.get(reverse("assistance_matches:list"), {"provider": "world-bank"})

    assert [m.pk for m in everything.context["page"]] == [
        world["visible"].pk,
        world["hidden_unshared"].pk,
        world["hidden_theirs"].pk,
    ]
    assert [m.pk for m in theirs.context["page"]] == [world["hidden_theirs"].pk]


def test_match_list_refuses_an_unknown_state_code_with_a_message(client, world):
    response = _as(client, world["people"][Role.CTED_EXPERT]).get(
        reverse("assistance_matches:list"), {"state": "XXX", "status": "nonsense"}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["state"] == ["No member state has this code."]
    assert "status" in response.context["form"].errors


@pytest.mark.parametrize("name", ["hidden_unshared", "hidden_theirs"])
def test_match_detail_of_an_unshared_need_or_another_donor_is_404_for_a_donor(client, world, name):
    response = _as(client, world["people"][Role.DONOR]).get(
        reverse("assistance_matches:detail", args=[world[name].pk])
    )

    assert response.status_code == 404


def test_donor_home_lists_its_proposals_and_the_shared_needs_in_its_scope(client, world):
    # Shared, but out of the donor's programmes' thematic area.
    NeedFactory(
        state=MemberState.objects.get(iso3="PER"),
        thematic_area=ThematicArea.objects.order_by("pk")[1],
        shared_with_donors=True,
    )

    response = _as(client, world["people"][Role.DONOR]).get(reverse("assistance_donor:home"))

    assert response.status_code == 200
    assert [a["match"].pk for a in response.context["answers"]] == [world["visible"].pk]
    assert [a["action"] for a in response.context["answers"][0]["steps"]] == [
        "agree",
        "decline",
    ]
    assert [n.pk for n in response.context["page"]] == [world["shared"].pk]
    body = response.content.decode()
    assert UNSHARED not in body


def test_donor_home_is_404_for_everyone_but_donors(client, world):
    response = _as(client, world["people"][Role.CTED_EXPERT]).get(reverse("assistance_donor:home"))

    assert response.status_code == 404


def test_donor_agrees_from_its_home_and_goes_back_there(client, world):
    match = world["visible"]

    response = _as(client, world["people"][Role.DONOR]).post(
        reverse("assistance_matches:step", args=[match.pk]),
        {"action": "agree", "agree-comment": "We can start in March.", "back": "donor"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("assistance_donor:home")
    match.refresh_from_db()
    match.need.refresh_from_db()
    assert (match.status, match.need.status) == (MatchStatus.AGREED, NeedStatus.MATCHED)


def test_donor_declining_without_a_reason_gets_the_message_next_to_the_field(client, world):
    match = world["visible"]

    response = _as(client, world["people"][Role.DONOR]).post(
        reverse("assistance_matches:step", args=[match.pk]),
        {"action": "decline", "decline-comment": ""},
    )

    assert response.status_code == 400
    bound = next(s for s in response.context["steps"] if s["action"] == "decline")
    assert bound["form"].errors == {"comment": ["Say why the match is declined."]}
    match.refresh_from_db()
    assert match.status == MatchStatus.PROPOSED


def test_match_step_refused_now_shows_why(client, world):
    match = world["visible"]
    match.status = MatchStatus.EVALUATED
    match.save()

    response = _as(client, world["people"][Role.CTED_EXPERT]).post(
        reverse("assistance_matches:step", args=[match.pk]), {"action": "agree"}
    )

    assert response.status_code == 400
    assert response.context["refused"] == ["This is not possible while the match is “Evaluated”."]


def test_match_detail_explains_the_score_criterion_by_criterion(client, world):
    expert = world["people"][Role.CTED_EXPERT]
    client = _as(client, expert)
    response = client.post(
        reverse("assistance_matches:create"),
        {"need": world["shared"].pk, "offer": OfferFactory(provider=world["mine"].provider).pk},
    )
    match = Match.objects.get(pk=response["Location"].rstrip("/").rsplit("/", 1)[1])

    page = client.get(reverse("assistance_matches:detail", args=[match.pk]))

    rows = page.context["explanation"]
    assert [r["criterion"] for r in rows] == [
        "Thematic fit",
        "Geographic fit",
        "Timing overlap",
        "Priority of the need",
        "Language of delivery",
        "Past delivery in the region",
    ]
    assert rows[1]["reason"] == "The programme is global."
    assert rows[3]["reason"] == "The need has a medium priority."
    assert "The programme is devoted to this thematic area." in page.content.decode()


def test_match_create_refuses_a_pair_out_of_scope_with_a_message(client, world):
    elsewhere = OfferFactory(
        provider=world["mine"].provider, thematic_areas=[ThematicArea.objects.order_by("pk")[2]]
    )

    response = _as(client, world["people"][Role.CTED_EXPERT]).post(
        reverse("assistance_matches:create"), {"need": world["shared"].pk, "offer": elsewhere.pk}
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "offer": ["This programme does not cover the need's thematic area or its State."]
    }
    assert Match.objects.filter(offer=elsewhere).count() == 0


# --- The API --------------------------------------------------------------------------------


def test_api_match_list_gives_a_donor_only_its_matches_of_shared_needs(client, world):
    response = _as(client, world["people"][Role.DONOR]).get("/api/v1/assistance/matches/")

    assert response.status_code == 200
    assert [m["id"] for m in response.json()["results"]] == [world["visible"].pk]
    assert response.json()["count"] == 1


@pytest.mark.parametrize("name", ["hidden_unshared", "hidden_theirs"])
def test_api_match_detail_out_of_a_donors_scope_is_404(client, world, name):
    response = _as(client, world["people"][Role.DONOR]).get(
        f"/api/v1/assistance/matches/{world[name].pk}/"
    )

    assert response.status_code == 404


def test_api_match_detail_explains_the_score(client, world):
    response = _as(client, world["people"][Role.CTED_EXPERT]).post(
        "/api/v1/assistance/matches/",
        {"need": world["shared"].pk, "offer": OfferFactory(provider=world["mine"].provider).pk},
        content_type="application/json",
    )

    assert response.status_code == 201
    body = response.json()
    assert [e["criterion"] for e in body["explanation"]] == [
        "thematic",
        "geographic",
        "timing",
        "priority",
        "language",
        "track_record",
    ]
    assert body["explanation"][1]["reason"] == "The programme is global."
    assert body["status"] == "proposed"


def test_api_transition_declines_with_a_reason_and_lists_the_step(client, world):
    client = _as(client, world["people"][Role.DONOR])
    url = f"/api/v1/assistance/matches/{world['visible'].pk}/transitions/"

    refused = client.post(url, {"action": "decline"}, content_type="application/json")
    taken = client.post(
        url, {"action": "decline", "comment": "Not this year."}, content_type="application/json"
    )
    steps = client.get(url)

    assert (refused.status_code, refused.json()) == (
        400,
        {"comment": ["Say why the match is declined."]},
    )
    assert taken.status_code == 200
    assert (taken.json()["status"], taken.json()["decline_reason"]) == (
        "declined",
        "Not this year.",
    )
    assert [(s["action"], s["by"], s["comment"]) for s in steps.json()] == [
        ("decline", "donor", "Not this year.")
    ]


def test_api_transition_evaluate_is_refused_to_a_donor(client, world):
    match = world["visible"]
    match.status = MatchStatus.DELIVERED
    match.save()

    response = _as(client, world["people"][Role.DONOR]).post(
        f"/api/v1/assistance/matches/{match.pk}/transitions/",
        {"action": "evaluate", "outcome": "Done.", "need_met": True},
        content_type="application/json",
    )

    assert response.status_code == 403
    match.refresh_from_db()
    assert match.status == MatchStatus.DELIVERED


# --- The regional matrix and its export -----------------------------------------------------


def _cell(matrix, area, column_code):
    row = next(r for r in matrix.rows if r.area == area)
    return next(cell for column, cell in row.cells if column.code == column_code)


def _csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    return list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))


def test_matrix_counts_needs_programmes_agreed_matches_and_gaps(client, personas):
    first, second = ThematicArea.objects.order_by("pk")[:2]
    kenya, nigeria, france = (MemberState.objects.get(iso3=c) for c in ("KEN", "NGA", "FRA"))
    provider = Organisation.objects.get(code="world-bank")
    NeedFactory.create_batch(2, state=kenya, thematic_area=first)
    NeedFactory(state=nigeria, thematic_area=first)
    NeedFactory(state=nigeria, thematic_area=first, status=NeedStatus.MET)
    met_need = NeedFactory(state=france, thematic_area=second, status=NeedStatus.MATCHED)
    NeedFactory(state=france, thematic_area=second)
    # Kenya's programme in the first area reaches Kenya, not Nigeria.
    OfferFactory(provider=provider, is_global=False, states=[kenya], thematic_areas=[first])
    OfferFactory(provider=provider, status="closed", thematic_areas=[first])
    agreed_offer = OfferFactory(provider=provider, thematic_areas=[second])
    MatchFactory(need=met_need, offer=agreed_offer, status=MatchStatus.DELIVERING)
    MatchFactory(need=NeedFactory(state=france, thematic_area=second), offer=agreed_offer)

    response = _as(client, personas[Role.CTED_EXPERT]).get(reverse("assistance_matrix:matrix"))
    matrix = response.context["matrix"]

    african = _cell(matrix, first, "002")
    assert (african.needs, african.offers, african.agreed, african.unreached) == (3, 1, 0, 1)
    assert african.gap
    western = _cell(matrix, second, "150")
    assert (western.needs, western.offers, western.agreed, western.unreached) == (2, 1, 1, 0)
    assert not western.gap
    assert 'class="matrix-cell matrix-gap"' in response.content.decode()


def test_matrix_by_subregion_reaches_states_through_regions_and_subregions(client, personas):
    area = ThematicArea.objects.order_by("pk").first()
    kenya, nigeria, peru = (MemberState.objects.get(iso3=c) for c in ("KEN", "NGA", "PER"))
    provider = Organisation.objects.get(code="world-bank")
    for state in (kenya, nigeria, peru):
        NeedFactory(state=state, thematic_area=area)
    # Eastern Africa by its code, and the whole of the Americas.
    OfferFactory(provider=provider, is_global=False, subregions=["014"], thematic_areas=[area])
    OfferFactory(provider=provider, is_global=False, regions=["019"], thematic_areas=[area])

    client = _as(client, personas[Role.CTED_EXPERT])
    by_subregion = client.get(reverse("assistance_matrix:matrix"), {"level": "subregion"})
    by_region = client.get(reverse("assistance_matrix:matrix"), {"level": "region"})

    matrix = by_subregion.context["matrix"]
    eastern, western, south = (_cell(matrix, area, c) for c in ("014", "011", "005"))
    assert (eastern.needs, eastern.offers, eastern.unreached) == (1, 1, 0)
    assert (western.needs, western.offers, western.unreached) == (1, 0, 1)
    assert (south.needs, south.offers, south.unreached) == (1, 1, 0)
    africa = _cell(by_region.context["matrix"], area, "002")
    # The Eastern African programme reaches Africa, yet not Nigeria: a gap of one need.
    assert (africa.needs, africa.offers, africa.unreached) == (2, 1, 1)
    assert [c.code for c in by_region.context["matrix"].columns] == [
        "002",
        "019",
        "142",
        "150",
        "009",
    ]


def test_matrix_for_a_donor_counts_only_shared_needs_and_its_programmes(client, world):
    area = ThematicArea.objects.order_by("pk").first()

    page = _as(client, world["people"][Role.DONOR]).get(reverse("assistance_matrix:matrix"))
    export = client.get(reverse("assistance_matrix:export"))

    african = _cell(page.context["matrix"], area, "002")
    # The shared need only; its own programme only (the other donor's is not counted).
    assert (african.needs, african.offers, african.agreed) == (1, 1, 0)
    rows = _csv(export)
    assert rows[0] == [
        "Thematic area",
        "Regions",
        "Open needs",
        "Programmes",
        "Agreed matches",
        "Open needs no programme reaches",
    ]
    assert [area.name, "Africa", "1", "1", "0", "0"] in rows
    assert export["Content-Type"] == "text/csv; charset=utf-8"


def test_matrix_export_for_cted_counts_every_need(client, world):
    area = ThematicArea.objects.order_by("pk").first()

    export = _as(client, world["people"][Role.CTED_EXPERT]).get(reverse("assistance_matrix:export"))

    assert [area.name, "Africa", "2", "2", "0", "0"] in _csv(export)


def test_matrix_refuses_an_unknown_level_with_a_message(client, world):
    client = _as(client, world["people"][Role.CTED_EXPERT])

    page = client.get(reverse("assistance_matrix:matrix"), {"level": "planet"})
    export = client.get(reverse("assistance_matrix:export"), {"level": "planet"})

    assert page.status_code == 400
    assert "Choose the columns from the list." in page.content.decode()
    assert (export.status_code, export.content.decode()) == (
        400,
        "Choose the columns from the list.",
    )


def test_donor_with_a_regional_programme_sees_only_shared_needs_of_that_region(client, personas):
    donor = personas[Role.DONOR]
    area = ThematicArea.objects.order_by("pk").first()
    # Africa (002) by its M49 code: Kenya is in, Peru (the Americas) is not.
    OfferFactory(provider=donor.organisation, is_global=False, regions=["002"])
    kenya = NeedFactory(thematic_area=area, shared_with_donors=True)
    NeedFactory(
        state=MemberState.objects.get(iso3="PER"), thematic_area=area, shared_with_donors=True
    )
    NeedFactory(thematic_area=area, shared_with_donors=False)

    home = _as(client, donor).get(reverse("assistance_donor:home"))
    matrix = client.get(reverse("assistance_matrix:matrix")).context["matrix"]

    assert [n.pk for n in home.context["page"]] == [kenya.pk]
    assert (_cell(matrix, area, "002").needs, _cell(matrix, area, "019").needs) == (1, 0)
    assert _cell(matrix, area, "002").unreached == 0


def test_match_evaluated_from_its_page_as_not_met_opens_the_need_again(client, world):
    match = world["visible"]
    match.status = MatchStatus.DELIVERED
    match.save()
    need = match.need
    need.status = NeedStatus.MATCHED
    need.save()
    client = _as(client, world["people"][Role.CTED_COORDINATOR])
    url = reverse("assistance_matches:step", args=[match.pk])

    incomplete = client.post(url, {"action": "evaluate", "evaluate-outcome": "Two courses."})
    done = client.post(
        url,
        {"action": "evaluate", "evaluate-outcome": "Two courses.", "evaluate-need_met": "no"},
    )

    bound = next(s for s in incomplete.context["steps"] if s["action"] == "evaluate")
    assert bound["form"].errors == {"need_met": ["Say whether the need is met."]}
    assert done.status_code == 302
    match.refresh_from_db()
    need.refresh_from_db()
    assert (match.status, match.outcome, match.need_met) == (
        MatchStatus.EVALUATED,
        "Two courses.",
        False,
    )
    assert need.status == NeedStatus.OPEN


def test_matrix_export_names_areas_and_regions_in_the_readers_language(client, world):
    area = ThematicArea.objects.order_by("pk").first()

    client = _as(client, world["people"][Role.CTED_EXPERT])
    # The request activates French in this thread: the override puts English back after.
    with translation.override("fr"):
        url = reverse("assistance_matrix:export")
        export = client.get(url)

    assert url.startswith("/fr/")
    assert [area.name_fr, "Afrique", "2", "2", "0", "0"] in _csv(export)


# --- Waiting for you ------------------------------------------------------------------------


def _waiting(client, user):
    response = _as(client, user).get("/en/workspace/")
    assert response.status_code == 200
    return {item.label: item for item in response.context["landing"]["waiting"]}


def test_waiting_lists_a_donor_only_its_proposals_of_shared_needs(client, world):
    waiting = _waiting(client, world["people"][Role.DONOR])

    item = waiting["Proposed matches awaiting your answer"]
    assert item.count == 1
    assert [f.url for f in item.files] == [
        reverse("assistance_matches:detail", args=[world["visible"].pk])
    ]
    assert item.url == reverse("assistance_donor:home")


def test_waiting_drops_a_donors_group_once_the_state_withdraws_consent(client, world):
    world["shared"].shared_with_donors = False
    world["shared"].save()

    waiting = _waiting(client, world["people"][Role.DONOR])

    assert "Proposed matches awaiting your answer" not in waiting


def test_waiting_lists_delivered_matches_for_cted_writers_only(client, world):
    world["hidden_theirs"].status = MatchStatus.DELIVERED
    world["hidden_theirs"].save()

    expert = _waiting(client, world["people"][Role.CTED_EXPERT])
    committee = _waiting(client, world["people"][Role.COMMITTEE_MEMBER])

    item = expert["Delivered assistance to evaluate"]
    assert (item.count, item.url) == (1, f"{reverse('assistance_matches:list')}?status=delivered")
    assert "Delivered assistance to evaluate" not in committee


def test_donor_nav_has_one_assistance_entry_to_its_home_which_links_every_view(client, world):
    donor = _as(client, world["people"][Role.DONOR])

    workspace = donor.get("/en/workspace/").content.decode()
    home = donor.get(reverse("assistance_donor:home")).content.decode()

    assert workspace.count(">Assistance</a>") == 1
    assert 'href="/en/assistance/donor/"' in workspace
    assert 'href="/en/assistance/needs/"' not in workspace
    for path in ["needs/", "offers/", "matches/", "matrix/"]:
        assert f'href="/en/assistance/{path}"' in home
