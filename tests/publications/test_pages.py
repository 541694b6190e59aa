import hashlib

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation

from ctc.files.models import DownloadRecord
from ctc.public.templatetags.ctc import bcp47
from publications.enums import EditionForm
from publications.models import EditionFile
from tests.factories import UserFactory
from tests.publications.factories import (
    PDF,
    EditionFactory,
    NewsItemFactory,
    PublicationFactory,
    electronic_edition,
)

pytestmark = pytest.mark.django_db

LANGUAGES = [("en", "ltr"), ("fr", "ltr"), ("es", "ltr"), ("ru", "ltr"), ("zh-hans", "ltr")]
LANGUAGES += [("ar", "rtl")]


def _url(name, lang="en", **kwargs):
    with translation.override(lang):
        return reverse(name, kwargs=kwargs)


@pytest.fixture
def content():
    uploader = UserFactory(username="publisher")
    guide = PublicationFactory(
        slug="technical-guide", title_en="Technical Guide", title_fr="Guide technique"
    )
    EditionFactory(publication=guide, language="fr", form=EditionForm.PRINT)
    electronic_edition(guide, "ar", by=uploader)
    news = NewsItemFactory(title_en="Committee meets", title_fr="Le Comité se réunit")
    return {"guide": guide, "news": news, "uploader": uploader}


def _pages(content):
    return [
        ("publications:list", {}),
        ("publications:detail", {"slug": content["guide"].slug}),
        ("publications:news_list", {}),
        ("publications:news_detail", {"pk": content["news"].pk}),
    ]


@pytest.mark.parametrize("lang,direction", LANGUAGES)
def test_publication_and_news_pages_in_every_language(client, content, lang, direction):
    for name, kwargs in _pages(content):
        url = _url(name, lang, **kwargs)

        response = client.get(url)

        assert response.status_code == 200, name
        assert f'<html lang="{bcp47(lang)}" dir="{direction}">' in response.content.decode()


def test_chinese_pages_say_zh_hans_with_the_script_in_title_case(client, content):
    html = client.get(_url("publications:list", "zh-hans")).content.decode()

    assert '<html lang="zh-Hans" dir="ltr">' in html


def test_missing_translation_shows_english_marked_as_english(client, content):
    html = client.get(
        _url("publications:news_detail", "ar", pk=content["news"].pk)
    ).content.decode()

    assert '<span class="untranslated" lang="en" dir="ltr">Committee meets</span>' in html
    assert '<div class="untranslated" lang="en" dir="ltr"><p>Body.</p></div>' in html
    assert html.count('class="translation-missing"') == 2


def test_present_translation_is_shown_unmarked(client, content):
    html = client.get(
        _url("publications:news_detail", "fr", pk=content["news"].pk)
    ).content.decode()

    assert "<h1>Le Comité se réunit</h1>" in html
    assert "Committee meets" not in html
    # Only the body (English only) is marked.
    assert html.count('<span class="untranslated"') == 0
    assert html.count('<div class="untranslated" lang="en" dir="ltr">') == 1


def test_english_page_never_marks_english_text(client, content):
    html = client.get(
        _url("publications:news_detail", "en", pk=content["news"].pk)
    ).content.decode()

    assert "<h1>Committee meets</h1>" in html
    assert "untranslated" not in html


def test_availability_table_lists_each_language_and_form(client, content):
    response = client.get(_url("publications:detail", "en", slug="technical-guide"))

    rows = {row["code"]: row for row in response.context["publication"].availability}
    assert list(rows) == ["en", "fr", "es", "ru", "zh-hans", "ar"]  # the site's order
    assert (rows["fr"]["print"], rows["fr"]["electronic"], rows["fr"]["file"]) == (
        True,
        False,
        None,
    )
    assert (rows["ar"]["print"], rows["ar"]["electronic"]) == (False, True)
    assert rows["ar"]["file"].filename == "technical-guide-ar.pdf"
    html = response.content.decode()
    assert 'href="/en/publications/technical-guide/ar/download/"' in html
    assert 'data-testid="download-fr"' not in html


def test_download_of_an_electronic_edition_serves_the_stored_file(client, content):
    response = client.get(_url("publications:download", slug="technical-guide", language="ar"))

    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body == PDF
    assert hashlib.sha256(body).hexdigest() == EditionFile.objects.get().sha256
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="technical-guide-ar.pdf"' in response["Content-Disposition"]
    # Nobody signed in: nobody to record.
    assert DownloadRecord.objects.count() == 0


def test_download_by_a_signed_in_person_is_recorded(client, content):
    reader = UserFactory(username="reader")
    client.force_login(reader)

    client.get(_url("publications:download", "fr", slug="technical-guide", language="ar"))

    record = DownloadRecord.objects.get()
    assert record.file_type == ContentType.objects.get_for_model(EditionFile)
    assert (record.by, record.filename, record.language) == (reader, "technical-guide-ar.pdf", "fr")


def test_print_only_edition_has_no_download(client, content):
    response = client.get(_url("publications:download", slug="technical-guide", language="fr"))

    assert response.status_code == 404


def test_download_of_an_unpublished_publication_is_404(client, content):
    content["guide"].published = False
    content["guide"].save()

    response = client.get(_url("publications:download", slug="technical-guide", language="ar"))

    assert response.status_code == 404


def test_download_of_an_altered_file_is_404(client, content):
    stored = EditionFile.objects.get()
    stored.file.storage.delete(stored.file.name)
    stored.file.storage.save(stored.file.name, __import__("io").BytesIO(b"%PDF-1.4 altered"))

    response = client.get(_url("publications:download", slug="technical-guide", language="ar"))

    assert response.status_code == 404


def test_newest_file_of_an_edition_is_the_one_offered(client, content):
    edition = EditionFile.objects.get().edition
    newer = PDF.replace(b"Catalog", b"Catalog /Lang (ar)")
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ctc.files.uploads import DOCUMENT_POLICY, upload_take
    from publications import services

    upload = SimpleUploadedFile("guide-ar-2.pdf", newer, "application/pdf")
    services.edition_file_add(
        edition=edition,
        taken=upload_take(upload, policy=DOCUMENT_POLICY),
        by=content["uploader"],
    )

    response = client.get(_url("publications:download", slug="technical-guide", language="ar"))

    assert b"".join(response.streaming_content) == newer
    assert EditionFile.objects.filter(edition=edition).count() == 2


@pytest.mark.parametrize("name", ["publications:detail", "publications:news_detail"])
def test_unpublished_content_is_404(client, content, name):
    draft_publication = PublicationFactory(published=False)
    draft_news = NewsItemFactory(published=False)
    kwargs = (
        {"slug": draft_publication.slug} if name == "publications:detail" else {"pk": draft_news.pk}
    )

    response = client.get(_url(name, **kwargs))

    assert response.status_code == 404


def test_lists_leave_out_unpublished_content(client, content):
    PublicationFactory(title_en="Draft guide", published=False)
    NewsItemFactory(title_en="Draft news", published=False)

    publications = client.get(_url("publications:list")).content.decode()
    news = client.get(_url("publications:news_list")).content.decode()

    assert "Technical Guide" in publications and "Draft guide" not in publications
    assert "Committee meets" in news and "Draft news" not in news


def test_news_body_is_cleaned_in_every_language_on_save():
    item = NewsItemFactory(
        body_en='<p onclick="x()">Hi<script>alert(1)</script></p>',
        body_ar='<p>مرحبا</p><img src=x onerror="y()">',
    )

    item.refresh_from_db()
    assert item.body_en == "<p>Hi</p>"
    assert item.body_ar == "<p>مرحبا</p>"


def test_news_list_is_newest_first(client):
    import datetime

    NewsItemFactory(title_en="Older", date=datetime.date(2012, 1, 1))
    NewsItemFactory(title_en="Newer", date=datetime.date(2012, 6, 1))

    response = client.get(_url("publications:news_list"))

    assert [i.title for i in response.context["items"]] == ["Newer", "Older"]


def _fill(size, uploader):
    for n in range(size):
        publication = PublicationFactory()
        EditionFactory(publication=publication, language="fr")
        electronic_edition(publication, "en", by=uploader)
        NewsItemFactory(title_en=f"Item {n}")


@pytest.mark.parametrize("name", ["publications:list", "publications:news_list", "public:home"])
def test_lists_run_a_constant_number_of_queries(client, django_assert_num_queries, name):
    uploader = UserFactory(username="publisher")
    expected = {"publications:list": 3, "publications:news_list": 1, "public:home": 2}[name]
    _fill(2, uploader)
    client.get(_url(name))  # warm caches (content types, sessions)
    with django_assert_num_queries(expected):
        small = client.get(_url(name))
    _fill(5, uploader)
    with django_assert_num_queries(expected):
        large = client.get(_url(name))

    assert small.status_code == large.status_code == 200
    assert large.content.count(b"Item ") + large.content.count(
        b"Publication "
    ) > small.content.count(b"Item ") + small.content.count(b"Publication ")
