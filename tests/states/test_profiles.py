"""State profiles of the shared database (E-20): what a partner with the state_profiles grant
reads, on the page and in the API, and how a grant given, revoked or expired changes it at
once."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ctc.accounts.enums import Role
from ctc.organisations.enums import GrantScope
from ctc.organisations.models import AccessGrant
from ctc.organisations.services import grant_revoke
from ctc.states.enums import Resolution
from ctc.states.models import MemberState
from tests.factories import StateReportFactory
from tests.organisations.grants import grant_make

pytestmark = pytest.mark.django_db

LIST = "/en/secure/partner/states/"
API = "/api/v1/partner/state-profiles/"
SCOPE = GrantScope.STATE_PROFILES


@pytest.fixture
def partner(personas, client):
    user = personas[Role.PARTNER_ANALYST]
    client.force_login(user)
    return user


def test_partner_with_the_grant_reads_every_state_profile(client, partner):
    grant_make(partner.organisation, SCOPE)
    StateReportFactory(
        state=MemberState.objects.get(iso3="KEN"),
        resolution=Resolution.R1624,
        received_on=datetime.date(2008, 5, 2),
    )

    response = client.get(LIST)

    html = response.content.decode()
    assert response.status_code == 200
    assert "193 member states" in html
    assert len(re.findall(r'href="/en/secure/partner/states/[A-Z]{3}/"', html)) == 193
    kenya = html[html.index(">Kenya</a>") :].split("</tr>")[0]
    assert "2 May 2008" in kenya
    assert "Not reported</span>" in kenya  # nothing on 1373 for Kenya here
    assert '<td data-label="Preferred language">English</td>' in kenya


def test_state_profiles_are_named_in_the_readers_language(client, partner):
    grant_make(partner.organisation, SCOPE)

    html = client.get("/fr/secure/partner/states/", {"q": "DEU"}).content.decode()

    assert '<a href="/fr/secure/partner/states/DEU/">Allemagne</a>' in html
    assert "États d&#x27;Europe occidentale et autres États" in html


def test_state_profiles_search_and_filters(client, partner):
    grant_make(partner.organisation, SCOPE)

    found = client.get(LIST, {"q": "Swaziland"}).content.decode()
    eastern = client.get(LIST, {"region": "EASTERN_EUROPEAN", "subcommittee": "A"})

    assert "1 member state<" in found and ">Eswatini</a>" in found
    expected = MemberState.objects.filter(
        regional_group="EASTERN_EUROPEAN", subcommittee__code="A"
    ).count()
    assert f"{expected} member state" in eastern.content.decode()


def test_state_profiles_bad_filter_is_a_clear_400(client, partner):
    grant_make(partner.organisation, SCOPE)

    response = client.get(LIST, {"region": "MARS"})

    assert response.status_code == 400
    assert "Some filter values are not valid:" in response.content.decode()


def test_state_profile_shows_the_reporting_history(client, partner):
    grant_make(partner.organisation, SCOPE)
    StateReportFactory(
        state=MemberState.objects.get(iso3="NOR"),
        resolution=Resolution.R1373,
        received_on=datetime.date(2001, 12, 27),
        document_symbol="S/2001/1234",
    )

    response = client.get("/en/secure/partner/states/nor/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Norway</h1>" in html
    assert "S/2001/1234" in html and "27 December 2001" in html
    assert "<dt>Preferred language</dt><dd>English</dd>" in html
    assert "No report received." in html  # on 1624


def test_an_unknown_state_profile_is_404(client, partner):
    grant_make(partner.organisation, SCOPE)

    assert client.get("/en/secure/partner/states/XXX/").status_code == 404
    assert client.get(API + "XXX/").status_code == 404


def test_a_grant_given_then_revoked_shows_then_hides_the_profiles_at_once(
    client, partner, personas
):
    before = client.get(LIST).status_code
    grant = grant_make(partner.organisation, SCOPE)
    given = [client.get(LIST).status_code, client.get(API).status_code]
    grant_revoke(grant=grant, reason="Mandate ended.", by=personas[Role.ADMINISTRATOR])
    revoked = [client.get(LIST).status_code, client.get(API).status_code]

    assert (before, given, revoked) == (404, [200, 200], [404, 404])


def test_an_expired_grant_hides_the_profiles_at_once(client, partner):
    grant = grant_make(partner.organisation, SCOPE)
    assert client.get("/en/secure/partner/states/KEN/").status_code == 200
    now = timezone.now()
    AccessGrant.objects.filter(pk=grant.pk).update(
        granted_at=now - datetime.timedelta(days=2), expires_at=now - datetime.timedelta(seconds=1)
    )

    assert client.get("/en/secure/partner/states/KEN/").status_code == 404
    assert client.get(API + "KEN/").status_code == 404


def test_state_profiles_api_lists_the_profiles_with_the_grant(client, partner):
    grant_make(partner.organisation, SCOPE)

    body = client.get(API, {"q": "KEN"}, headers={"accept-language": "fr"}).json()

    assert body["count"] == 1
    kenya = body["results"][0]
    assert (kenya["iso3"], kenya["name"], kenya["subcommittee"]) == ("KEN", "Kenya", "B")
    assert kenya["official_language"] == "en"
    assert kenya["official_language_display"] == "anglais"
    assert kenya["report_count"] == MemberState.objects.get(iso3="KEN").reports.count()


def test_state_profiles_api_detail_has_the_history(client, partner):
    grant_make(partner.organisation, SCOPE)
    StateReportFactory(state=MemberState.objects.get(iso3="NOR"), document_symbol="S/2002/77")

    body = client.get(API + "nor/").json()

    assert body["iso3"] == "NOR"
    assert body["official_language_display"] == "English"
    assert {"resolution": "1373", "received_on": "2002-03-01", "document_symbol": "S/2002/77"} in (
        body["reports"]
    )


def test_state_profiles_api_bad_filter_is_400(client, partner):
    grant_make(partner.organisation, SCOPE)

    response = client.get(API, {"reporting": "sometimes"})

    assert response.status_code == 400
    assert "reporting" in response.json()


def test_partner_home_lists_the_grants_with_their_expiry_and_pages(client, partner):
    grant_make(partner.organisation, SCOPE, days=30)
    grant_make(partner.organisation, GrantScope.VISIT_SCHEDULE, days=60)

    html = client.get("/en/secure/partner/").content.decode()

    assert html.index("State profiles</td>") < html.index("Visit schedule</td>")
    assert '<a href="/en/secure/partner/states/">State profiles</a>' in html
    # The visit schedule's page comes from visits (its GrantView).
    assert '<a href="/en/secure/visits/schedule/">Schedule of visits</a>' in html
    assert "No page yet: this part opens in a later release." not in html
    assert "Consented assistance needs" not in html


def test_partner_home_without_a_grant_says_so(client, partner):
    html = client.get("/en/secure/partner/").content.decode()

    assert "Your organisation holds no access grant in force." in html


def test_cted_home_lists_every_grant_page(client, personas):
    client.force_login(personas[Role.CTED_EXPERT])

    html = client.get("/en/secure/partner/").content.decode()

    assert "CTED staff read every part of the shared database without a grant." in html
    assert '<a href="/en/secure/partner/states/">State profiles</a>' in html


def test_partner_nav_leads_to_the_shared_database(client, partner):
    html = client.get("/en/workspace/").content.decode()

    assert '<a href="/en/secure/partner/">Shared database</a>' in html


# --- Queries: the same count whatever the size of the data --------------------------------


def _count(client, path, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
    assert response.status_code == 200
    return response, len(queries)


def _reports(n: int, batch: str) -> None:
    for i, state in enumerate(MemberState.objects.order_by("iso3")[:n]):
        symbol = f"S/{batch}/{i}"
        StateReportFactory(state=state, resolution=Resolution.R1624, document_symbol=symbol)


# Session, user, roles, the header's unread notifications, the organisation's grants, then
# the states with their latest reports.
LIST_QUERIES = 6
# Session, user, roles, the organisation's grants, then the count and the page of states.
API_QUERIES = 6
# Session, user, roles, the header's unread notifications, the grants in force (read once),
# the partner's organisation.
HOME_QUERIES = 6


def test_state_profiles_page_query_count_is_the_same_for_few_and_many_reports(client, partner):
    grant_make(partner.organisation, SCOPE)
    _reports(2, "small")
    small, small_queries = _count(client, LIST, reporting="reported-1624")
    _reports(40, "large")
    large, large_queries = _count(client, LIST, reporting="reported-1624")

    assert (small_queries, large_queries) == (LIST_QUERIES, LIST_QUERIES)
    assert large.content.decode().count("<tr>") > small.content.decode().count("<tr>")


def test_state_profiles_api_query_count_is_the_same_for_few_and_many_reports(client, partner):
    grant_make(partner.organisation, SCOPE)
    _reports(2, "small")
    small, small_queries = _count(client, API, reporting="reported-1624")
    _reports(40, "large")
    large, large_queries = _count(client, API, reporting="reported-1624")

    assert (small_queries, large_queries) == (API_QUERIES, API_QUERIES)
    assert large.json()["count"] > small.json()["count"]


def test_partner_home_query_count_is_the_same_for_one_and_three_grants(client, partner):
    grant_make(partner.organisation, SCOPE)
    small, small_queries = _count(client, "/en/secure/partner/")
    grant_make(partner.organisation, GrantScope.VISIT_SCHEDULE)
    grant_make(partner.organisation, GrantScope.ASSISTANCE_NEEDS)
    large, large_queries = _count(client, "/en/secure/partner/")

    assert (small_queries, large_queries) == (HOME_QUERIES, HOME_QUERIES)
    assert large.content.decode().count("<tr>") == small.content.decode().count("<tr>") + 2
