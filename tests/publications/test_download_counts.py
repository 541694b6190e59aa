"""Downloads of public publications are counted per edition file and day, for every reader:
an anonymous reader leaves the count only (no person, no address); a signed-in person's
download is also recorded by name by ctc.files. A refused download counts nothing."""

import datetime
import io
import re
import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from ctc.accounts.enums import Role
from ctc.files.models import DownloadRecord
from publications import services
from publications.enums import EditionForm
from publications.models import DownloadCount, EditionFile
from tests.factories import UserFactory
from tests.publications.factories import EditionFactory, PublicationFactory, electronic_edition

pytestmark = pytest.mark.django_db

COUNTS = "/en/admin/publications/downloadcount/"


def _download(client, slug="technical-guide", language="ar", lang="en"):
    with translation.override(lang):
        url = reverse("publications:download", kwargs={"slug": slug, "language": language})
    response = client.get(url)
    if response.status_code == 200:
        b"".join(response.streaming_content)
    return response


def _file(language, slug="technical-guide") -> EditionFile:
    return EditionFile.objects.get(edition__publication__slug=slug, edition__language=language)


def _counts() -> dict:
    return {
        (c.edition_file.edition.publication.slug, c.edition_file.edition.language, c.day): c.count
        for c in DownloadCount.objects.select_related("edition_file__edition__publication")
    }


@pytest.fixture
def guide():
    uploader = UserFactory(username="publisher")
    guide = PublicationFactory(slug="technical-guide", title_en="Technical Guide")
    electronic_edition(guide, "ar", by=uploader)
    electronic_edition(guide, "fr", by=uploader)
    EditionFactory(publication=guide, language="es", form=EditionForm.PRINT)
    return guide


def test_anonymous_downloads_add_up_in_the_days_count(client, guide):
    today = timezone.localdate()

    first = _download(client)
    second = _download(client)

    assert (first.status_code, second.status_code) == (200, 200)
    assert _counts() == {("technical-guide", "ar", today): 2}
    row = DownloadCount.objects.get()
    assert row.edition_file == _file("ar")
    # Nobody signed in: the count is all that is kept.
    assert DownloadRecord.objects.count() == 0


def test_each_language_has_its_own_count(client, guide):
    today = timezone.localdate()

    _download(client, language="ar")
    _download(client, language="fr")
    _download(client, language="ar", lang="fr")

    assert _counts() == {
        ("technical-guide", "ar", today): 2,
        ("technical-guide", "fr", today): 1,
    }


def test_a_new_day_starts_a_new_count(guide):
    stored = _file("ar")

    services.download_count_add(stored=stored, day=datetime.date(2026, 11, 30))
    services.download_count_add(stored=stored, day=datetime.date(2026, 11, 30))
    services.download_count_add(stored=stored, day=datetime.date(2026, 12, 1))

    assert _counts() == {
        ("technical-guide", "ar", datetime.date(2026, 11, 30)): 2,
        ("technical-guide", "ar", datetime.date(2026, 12, 1)): 1,
    }


def test_signed_in_download_is_recorded_and_counted(client, guide):
    reader = UserFactory(username="reader")
    client.force_login(reader)

    response = _download(client, lang="fr")

    assert response.status_code == 200
    record = DownloadRecord.objects.get()
    assert (record.by, record.file_id, record.filename, record.language) == (
        reader,
        _file("ar").pk,
        "technical-guide-ar.pdf",
        "fr",
    )
    assert _counts() == {("technical-guide", "ar", timezone.localdate()): 1}


def test_unpublished_publication_download_counts_nothing(client, guide):
    guide.published = False
    guide.save()

    response = _download(client)

    assert response.status_code == 404
    assert DownloadCount.objects.count() == 0


def test_print_only_edition_download_counts_nothing(client, guide):
    response = _download(client, language="es")

    assert response.status_code == 404
    assert DownloadCount.objects.count() == 0


def test_tampered_file_counts_nothing(client, guide):
    stored = _file("ar")
    stored.file.storage.delete(stored.file.name)
    stored.file.storage.save(stored.file.name, io.BytesIO(b"%PDF-1.4 altered"))

    tampered = _download(client)
    untouched = _download(client, language="fr")

    assert tampered.status_code == 404
    assert untouched.status_code == 200
    assert _counts() == {("technical-guide", "fr", timezone.localdate()): 1}


def test_missing_file_counts_nothing(client, guide):
    stored = _file("ar")
    stored.file.storage.delete(stored.file.name)

    response = _download(client)

    assert response.status_code == 404
    assert DownloadCount.objects.count() == 0


def test_counting_adds_one_query_to_a_download(client, guide, django_assert_num_queries):
    # The file's query, then the count's upsert: the same whether the day's row is new or not.
    with django_assert_num_queries(2):
        _download(client)
    with django_assert_num_queries(2):
        _download(client)

    assert DownloadCount.objects.get().count == 2


@pytest.mark.django_db(transaction=True)
def test_simultaneous_downloads_are_all_counted():
    uploader = UserFactory(username="publisher")
    electronic_edition(PublicationFactory(slug="technical-guide"), "ar", by=uploader)
    stored = _file("ar")
    day = datetime.date(2026, 12, 1)
    start = threading.Barrier(4)
    failures = []

    def reader():
        try:
            start.wait()
            for _ in range(5):
                services.download_count_add(stored=stored, day=day)
        except Exception as exc:  # reported below; a thread's exception is otherwise lost
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert _counts() == {("technical-guide", "ar", day): 20}


# --- Admin ---------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client):
    client.force_login(
        UserFactory(username="admin", roles=[Role.ADMINISTRATOR], is_staff=True, is_superuser=True)
    )
    return client


@pytest.fixture
def counted(guide):
    survey = PublicationFactory(slug="global-survey", title_en="Global Survey", order=200)
    electronic_edition(survey, "en", by=UserFactory(username="surveyor"))
    for language, day, times in [
        ("ar", datetime.date(2026, 11, 30), 3),
        ("ar", datetime.date(2026, 12, 1), 4),
        ("fr", datetime.date(2026, 12, 1), 5),
    ]:
        for _ in range(times):
            services.download_count_add(stored=_file(language), day=day)
    for _ in range(6):
        services.download_count_add(
            stored=_file("en", slug="global-survey"), day=datetime.date(2026, 12, 1)
        )
    return guide


def test_admin_lists_the_counts_and_the_total_per_edition(admin_client, counted):
    html = admin_client.get(COUNTS).content.decode()

    assert html.count('<td class="field-count">') == 4
    assert '<td class="field-count">3</td>' in html
    assert '<td class="field-count">6</td>' in html
    assert 'data-testid="total-technical-guide-ar">7<' in html
    assert 'data-testid="total-technical-guide-fr">5<' in html
    assert 'data-testid="total-global-survey-en">6<' in html
    assert 'data-testid="total-all">18<' in html
    # By publication, then in the site's language order (French before Arabic).
    assert html.index("total-technical-guide-fr") < html.index("total-technical-guide-ar")
    assert html.index("total-technical-guide-ar") < html.index("total-global-survey-en")


def test_admin_totals_follow_the_filters(admin_client, counted):
    arabic = admin_client.get(COUNTS, {"edition_file__edition__language__exact": "ar"})
    one_day = admin_client.get(COUNTS, {"day": "2026-12-01"})
    html, day_html = arabic.content.decode(), one_day.content.decode()

    assert 'data-testid="total-technical-guide-ar">7<' in html
    assert "total-technical-guide-fr" not in html
    assert 'data-testid="total-all">7<' in html
    assert 'data-testid="total-technical-guide-ar">4<' in day_html
    assert 'data-testid="total-all">15<' in day_html


def test_admin_counts_are_read_only(admin_client, counted):
    row = DownloadCount.objects.get(edition_file=_file("fr"))
    change_url = f"{COUNTS}{row.pk}/change/"

    add = admin_client.get(f"{COUNTS}add/")
    add_post = admin_client.post(
        f"{COUNTS}add/", {"edition_file": row.edition_file_id, "day": "2026-12-02", "count": 9}
    )
    change = admin_client.post(change_url, {"count": 99})
    delete = admin_client.post(f"{COUNTS}{row.pk}/delete/", {"post": "yes"})
    listing = admin_client.get(COUNTS).content.decode()

    assert (add.status_code, add_post.status_code) == (403, 403)
    assert (change.status_code, delete.status_code) == (403, 403)
    assert f"{COUNTS}add/" not in listing
    assert DownloadCount.objects.count() == 4
    row.refresh_from_db()
    assert row.count == 5


def test_publication_admin_page_shows_each_editions_total(admin_client, counted):
    html = admin_client.get(
        f"/en/admin/publications/publication/{counted.pk}/change/"
    ).content.decode()

    cells = re.findall(r'<td class="field-download_total">\s*<p>([^<]*)</p>', html)
    # Editions ar (electronic), es (print: no file to download), fr (electronic); then the
    # inline's blank row for a new edition.
    assert cells == ["7", "—", "5", "—"]
