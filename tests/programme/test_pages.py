"""The staff pages (overdue flags, history, bad input) and the public pages (six languages,
right to left in Arabic, English where a translation is missing, only what is public)."""

import re

import pytest

from ctc.accounts.enums import Role
from ctc.public.templatetags.ctc import bcp47
from programme import services
from programme.models import Contribution, Event, FundedActivity, ProgrammeItem
from tests.factories import EventFactory, FundedActivityFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    return UserFactory(roles=[Role.CTED_COORDINATOR], first_name="Irina", last_name="Volkova")


def _rows(html: str) -> dict[str, str]:
    """Each row of the items' table by its reference."""
    return dict(
        re.findall(r'<a href="/en/programme/items/\d+/">([CE]-\d+)</a>(.*?)</tr>', html, re.S)
    )


def test_item_list_flags_overdue_items_not_done(client, coordinator):
    services.item_status_change(
        item=ProgrammeItem.objects.get(ref="E-7"), action="complete", by=coordinator
    )
    client.force_login(coordinator)

    rows = _rows(client.get("/en/programme/").content.decode())

    assert len(rows) == 48
    assert "data-overdue" in rows["C-12"]  # 30 June 2012, still planned
    assert "data-overdue" not in rows["E-7"]  # same deadline, done
    assert "data-overdue" not in rows["C-1"]  # no deadline


def test_item_list_filter_overdue_and_body(client, coordinator):
    client.force_login(coordinator)

    html = client.get("/en/programme/?body=cted&overdue=yes").content.decode()

    assert sorted(_rows(html)) == ["E-5", "E-6", "E-7"]


def test_item_list_refuses_an_unknown_filter_value(client, coordinator):
    client.force_login(coordinator)

    response = client.get("/en/programme/?status=archived")

    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()


def test_item_page_shows_history_and_links(client, coordinator):
    item = ProgrammeItem.objects.get(ref="C-12")
    client.force_login(coordinator)

    client.post(
        f"/en/programme/items/{item.pk}/status/", {"action": "start", "comment": "Report drafted"}
    )
    client.post(
        f"/en/programme/items/{item.pk}/links/",
        {"label": "Interim review report", "url": "/en/docs/7/"},
    )
    html = client.get(f"/en/programme/items/{item.pk}/").content.decode()

    assert 'Irina Volkova · Planned → In progress · <span dir="auto">Report drafted</span>' in html
    assert '<a href="/en/docs/7/" dir="auto">Interim review report</a>' in html
    assert 'value="complete">Mark done</button>' in html
    assert 'value="start"' not in html


def test_item_status_refused_step_answers_400_in_the_users_language(client, coordinator):
    item = ProgrammeItem.objects.get(ref="C-12")
    client.force_login(coordinator)

    response = client.post(f"/fr/programme/items/{item.pk}/status/", {"action": "reopen"})

    assert response.status_code == 400
    assert ProgrammeItem.objects.get(pk=item.pk).status == "planned"
    assert item.transitions.count() == 0


def test_item_page_of_a_reader_has_no_buttons(client):
    item = ProgrammeItem.objects.get(ref="C-12")
    client.force_login(UserFactory(roles=[Role.COMMITTEE_MEMBER]))

    html = client.get(f"/en/programme/items/{item.pk}/").content.decode()

    assert "Mark done" not in html and "Add the link" not in html


def test_item_link_with_a_script_address_answers_400(client, coordinator):
    item = ProgrammeItem.objects.get(ref="C-12")
    client.force_login(coordinator)

    response = client.post(
        f"/en/programme/items/{item.pk}/links/", {"label": "x", "url": "javascript:alert(1)"}
    )

    assert response.status_code == 400
    assert (
        "Give a page of this site (starting with /) or an http(s) address."
        in response.content.decode()
    )
    assert item.links.count() == 0


@pytest.mark.parametrize(
    ("amount", "message"),
    [("-100", "Ensure this value is greater than or equal to 0.01."), ("abc", "Enter a number.")],
)
def test_contribution_form_refuses_a_bad_amount(client, coordinator, amount, message):
    client.force_login(coordinator)

    response = client.post(
        "/en/programme/budget/contributions/new/",
        {"donor": "Japan", "amount": amount, "received_on": "2012-04-02"},
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert Contribution.objects.count() == 0


def test_contribution_form_refuses_an_unknown_activity(client, coordinator):
    client.force_login(coordinator)

    response = client.post(
        "/en/programme/budget/contributions/new/",
        {"donor": "Japan", "amount": "100", "received_on": "2012-04-02", "activity": "999999"},
    )

    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert Contribution.objects.count() == 0


def test_activity_form_refuses_a_negative_cost(client, coordinator):
    client.force_login(coordinator)

    response = client.post(
        "/en/programme/budget/activities/new/", {"title": "Workshop", "estimated_cost": "-1"}
    )

    assert response.status_code == 400
    assert "Ensure this value is greater than or equal to 0." in response.content.decode()
    assert FundedActivity.objects.count() == 0


def test_budget_export_lists_activities_with_their_funding(client, coordinator):
    activity = FundedActivityFactory(title="Sahel workshop", estimated_cost=1000)
    services.contribution_record(
        by=coordinator, donor="Canada", amount=400, received_on="2012-02-15", activity=activity
    )
    client.force_login(UserFactory(roles=[Role.CHAIR]))

    response = client.get("/en/programme/budget/export.csv")

    lines = response.content.decode().splitlines()
    assert lines == [
        "Activity,Estimated cost (USD),Funded (USD),Shortfall (USD),Funding",
        "Sahel workshop,1000.00,400.00,600.00,Partly funded",
    ]


# --- Public pages ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "direction", "title"),
    [
        ("ar", "rtl", "الاستعراض المؤقت للمديرية التنفيذية"),
        ("zh-hans", "ltr", "对反恐执行局进行临时审查"),
        ("ru", "ltr", "Промежуточный обзор ИДКТК"),
        ("fr", "ltr", "Examen intérimaire de la DECT"),
        ("es", "ltr", "Examen provisional de la DECT"),
        ("en", "ltr", "Interim review of CTED"),
    ],
)
def test_public_programme_in_each_language(client, lang, direction, title):
    response = client.get(f"/{lang}/work-programme/")

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{bcp47(lang)}" dir="{direction}">' in html
    assert title in html


def test_public_programme_leaves_out_items_not_public(client):
    ProgrammeItem.objects.filter(ref="E-20").update(is_public=False)

    html = client.get("/en/work-programme/").content.decode()

    assert 'id="E-19"' in html and 'id="E-20"' not in html


def test_public_events_show_public_events_with_english_fallback(client):
    EventFactory(title_en="Special meeting", title_ar="اجتماع خاص", is_public=True)
    EventFactory(title_en="Regional briefing on the Sahel", is_public=True)
    EventFactory(title_en="Closed briefing", is_public=False)

    html = client.get("/ar/work-programme/events/").content.decode()

    assert '<html lang="ar" dir="rtl">' in html
    assert "اجتماع خاص" in html and "Special meeting" not in html
    assert "Regional briefing on the Sahel" in html
    assert "Closed briefing" not in html


def test_budget_export_quotes_a_title_a_spreadsheet_would_run(client, coordinator):
    FundedActivityFactory(title="=HYPERLINK(1)", estimated_cost=10)
    client.force_login(coordinator)

    lines = client.get("/en/programme/budget/export.csv").content.decode().splitlines()

    assert lines[1] == "'=HYPERLINK(1),10.00,0.00,10.00,Unfunded"


def test_event_form_without_an_english_title_answers_400(client, coordinator):
    client.force_login(coordinator)

    response = client.post(
        "/en/programme/events/new/",
        {
            "title_fr": "Exposé",
            "kind": "thematic_briefing",
            "date": "2012-05-10",
            "audience": "public",
        },
    )

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert Event.objects.count() == 0


def test_event_edit_saves_each_language_with_history(client, coordinator):
    event = EventFactory(title_en="Briefing", is_public=False)
    client.force_login(coordinator)

    response = client.post(
        f"/en/programme/events/{event.pk}/edit/",
        {
            "title_en": "Briefing on the Sahel",
            "title_ar": "إحاطة بشأن منطقة الساحل",
            "kind": "regional_briefing",
            "date": "2012-06-01",
            "audience": "all_members",
            "is_public": "on",
        },
    )

    event.refresh_from_db()
    assert response.status_code == 302
    assert (event.title_en, event.title_ar, event.title_fr) == (
        "Briefing on the Sahel",
        "إحاطة بشأن منطقة الساحل",
        None,
    )
    assert (event.kind, event.is_public) == ("regional_briefing", True)
    assert event.history.count() == 2


def test_item_edit_refuses_a_bad_deadline(client, coordinator):
    item = ProgrammeItem.objects.get(ref="C-12")
    client.force_login(coordinator)

    response = client.post(
        f"/en/programme/items/{item.pk}/edit/", {"owner": "chair", "deadline": "30 June"}
    )

    assert response.status_code == 400
    assert "Enter a valid date." in response.content.decode()
    item.refresh_from_db()
    assert (item.owner, item.deadline.isoformat()) == ("committee", "2012-06-30")
