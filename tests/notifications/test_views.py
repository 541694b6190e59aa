"""The notifications page: one's own only, newest first, read on opening; the header's
unread count; the e-mail preference; a fixed number of queries whatever the size."""

import re

import pytest
from django.contrib.messages import get_messages

from ctc.accounts.enums import NotificationMode
from ctc.notifications import services
from ctc.notifications.models import Notification
from tests.factories import UserFactory
from tests.notifications.kinds import NOTE

pytestmark = pytest.mark.django_db

LIST = "/en/notifications/"
# Session, user, roles (the nav), the unread count (header and page share it), the page's
# count and its rows.
LIST_QUERIES = 6


def _tell(person, n, *, url="/en/assessments/7/"):
    services.notify(
        event=f"tests.event:{n}", kind=NOTE, recipients=[person], params={"what": f"n{n}"}, url=url
    )
    return Notification.objects.get(recipient=person, event=f"tests.event:{n}")


def _subjects(html: str) -> list[str]:
    return re.findall(r'<a href="/en/notifications/\d+/">([^<]+)</a>', html)


def test_list_shows_ones_own_newest_first_with_the_unread_marked(client):
    person, other = UserFactory(), UserFactory()
    first, second = _tell(person, 1), _tell(person, 2)
    _tell(other, 3)
    services.notification_read(notification=first, by=person)
    client.force_login(person)

    response = client.get(LIST)

    html = response.content.decode()
    assert _subjects(html) == ["Approved: n2", "Approved: n1"]
    assert html.count('class="badge badge-unread"') == 1
    assert f'href="/en/notifications/{second.pk}/"' in html
    assert "About n2." in html


def test_opening_marks_read_and_follows_the_link_in_the_pages_language(client):
    person = UserFactory()
    row = _tell(person, 1, url="/en/assessments/7/#c-3")
    client.force_login(person)

    response = client.get(f"/fr/notifications/{row.pk}/")

    assert response.status_code == 302
    assert response["Location"] == "/fr/assessments/7/#c-3"
    row.refresh_from_db()
    assert row.read_at is not None


def test_anothers_notification_is_not_found_and_stays_unread(client):
    person, other = UserFactory(), UserFactory()
    row = _tell(other, 1)
    client.force_login(person)

    response = client.get(f"/en/notifications/{row.pk}/")

    assert response.status_code == 404
    row.refresh_from_db()
    assert row.read_at is None


def test_a_link_off_the_site_goes_back_to_the_list(client):
    person = UserFactory()
    row = _tell(person, 1, url="https://elsewhere.example/")
    client.force_login(person)

    response = client.get(f"/en/notifications/{row.pk}/")

    assert (response.status_code, response["Location"]) == (302, LIST)


def test_mark_all_as_read_reads_ones_own_only(client):
    person, other = UserFactory(), UserFactory()
    for n in range(3):
        _tell(person, n)
    _tell(other, 9)
    client.force_login(person)

    response = client.post(f"{LIST}read-all/")

    assert (response.status_code, response["Location"]) == (302, LIST)
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "3 notifications marked as read."
    ]
    assert Notification.objects.filter(read_at__isnull=True).count() == 1


def test_header_shows_the_unread_count_as_the_links_accessible_name(client):
    person = UserFactory()
    for n in range(3):
        _tell(person, n)
    client.force_login(person)

    html = client.get("/en/workspace/").content.decode()

    link = re.search(r'<a href="/en/notifications/"[^>]*>.*?</a>', html, re.S).group(0)
    assert 'aria-label="Notifications, 3 unread"' in link
    assert '<span class="notification-count">3</span>' in link


def test_header_without_unread_says_notifications_only(client):
    person = UserFactory()
    services.notification_read(notification=_tell(person, 1), by=person)
    client.force_login(person)

    html = client.get("/en/workspace/").content.decode()

    link = re.search(r'<a href="/en/notifications/"[^>]*>.*?</a>', html, re.S).group(0)
    assert "aria-label" not in link
    assert link.endswith(">Notifications</a>")


def test_header_of_a_visitor_has_no_notifications_link(client):
    html = client.get("/en/").content.decode()

    assert "/en/notifications/" not in html


def test_header_count_in_arabic_uses_the_plural_form(client):
    person = UserFactory()
    for n in range(3):
        _tell(person, n)
    client.force_login(person)

    html = client.get("/ar/workspace/").content.decode()

    assert 'aria-label="الإشعارات، 3 غير مقروءة"' in html


def test_preference_is_saved_for_oneself(client):
    person = UserFactory()
    client.force_login(person)

    response = client.post(f"{LIST}preferences/", {"notification_mode": "digest"})

    assert (response.status_code, response["Location"]) == (302, LIST)
    person.refresh_from_db()
    assert person.notification_mode == NotificationMode.DAILY_DIGEST
    html = client.get(LIST).content.decode()
    assert re.search(
        r'<input type="radio" name="notification_mode" value="digest"[^>]*checked', html
    )


def test_an_unknown_preference_changes_nothing_and_says_why(client):
    person = UserFactory()
    client.force_login(person)

    response = client.post(f"{LIST}preferences/", {"notification_mode": "hourly"})

    assert response.status_code == 400
    assert "Choose how to receive e-mails." in response.content.decode()
    person.refresh_from_db()
    assert person.notification_mode == NotificationMode.IMMEDIATE


def test_empty_list_says_so(client):
    client.force_login(UserFactory())

    html = client.get(LIST).content.decode()

    assert "You have no notifications yet." in html
    assert "Mark all as read" not in html


@pytest.mark.parametrize("size", [3, 40])
def test_list_runs_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    person = UserFactory()
    for n in range(size):
        _tell(person, n)
    client.force_login(person)

    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(LIST)

    assert len(_subjects(response.content.decode())) == min(size, 25)
    assert f'aria-label="Notifications, {size} unread"' in response.content.decode()
