import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ctc.accounts.enums import Role
from publications.demo import publications_demo_seed
from publications.enums import EditionForm
from publications.models import Edition, EditionFile, NewsItem, Publication
from tests.factories import UserFactory
from tests.publications.factories import PDF, PublicationFactory

pytestmark = pytest.mark.django_db

LANGS = ["en", "fr", "es", "ru", "ar", "zh_hans"]


@pytest.fixture
def admin_client(client):
    client.force_login(
        UserFactory(username="admin", roles=[Role.ADMINISTRATOR], is_staff=True, is_superuser=True)
    )
    return client


def _publication_form(**extra):
    data = {
        "slug": "global-survey",
        "kind": "global-survey",
        "order": "10",
        "published": "on",
        "editions-TOTAL_FORMS": "1",
        "editions-INITIAL_FORMS": "0",
        "editions-0-language": "ar",
        "editions-0-form": "electronic",
    }
    for lang in LANGS:
        data[f"title_{lang}"] = ""
        data[f"summary_{lang}"] = ""
    data.update(extra)
    return data


def test_admin_form_has_all_six_languages_of_each_field(admin_client):
    html = admin_client.get("/en/admin/publications/publication/add/").content.decode()

    for lang in LANGS:
        assert f'name="title_{lang}"' in html
        assert f'name="summary_{lang}"' in html
    assert 'name="title_ar"' in html and 'dir="rtl"' in html


def test_admin_requires_english_title_only(admin_client):
    missing = admin_client.post("/en/admin/publications/publication/add/", _publication_form())
    only_english = admin_client.post(
        "/en/admin/publications/publication/add/",
        _publication_form(title_en="Global Survey"),
    )

    assert missing.status_code == 200
    assert "title_en" in missing.context["adminform"].form.errors
    assert only_english.status_code == 302
    assert Publication.objects.get().title_fr in (None, "")


def test_admin_upload_stores_the_file_with_its_checksum(admin_client):
    upload = SimpleUploadedFile("survey-ar.pdf", PDF, "application/pdf")

    response = admin_client.post(
        "/en/admin/publications/publication/add/",
        _publication_form(title_en="Global Survey", **{"editions-0-upload": upload}),
    )

    assert response.status_code == 302
    stored = EditionFile.objects.get()
    assert (stored.edition.language, stored.edition.form) == ("ar", EditionForm.ELECTRONIC)
    assert stored.filename == "survey-ar.pdf"
    assert stored.sha256 == hashlib.sha256(PDF).hexdigest()
    assert Publication.history.count() == 1


def test_admin_refuses_a_file_on_a_print_edition(admin_client):
    upload = SimpleUploadedFile("survey-ar.pdf", PDF, "application/pdf")

    response = admin_client.post(
        "/en/admin/publications/publication/add/",
        _publication_form(
            title_en="Global Survey", **{"editions-0-form": "print", "editions-0-upload": upload}
        ),
    )

    assert response.status_code == 200
    assert Publication.objects.count() == 0
    assert EditionFile.objects.count() == 0


def test_demo_seed_adds_the_publications_and_news_once():
    UserFactory(username="admin", is_staff=True)

    first = publications_demo_seed()
    second = publications_demo_seed()

    assert (first, second) == (7, 0)
    guide = Publication.objects.get(slug="technical-guide")
    forms = {(e.language, e.form) for e in Edition.objects.filter(publication=guide)}
    assert {lang for lang, form in forms if form == EditionForm.PRINT} == {"en", "fr", "es"}
    assert {lang for lang, form in forms if form == EditionForm.ELECTRONIC} == {
        "en",
        "fr",
        "es",
        "ru",
        "ar",
        "zh-hans",
    }
    assert EditionFile.objects.filter(edition__publication=guide).count() == 6
    assert NewsItem.objects.count() == 4
    assert NewsItem.objects.filter(title_ar__isnull=True).count() == 1


def test_demo_seed_leaves_an_existing_publication_as_it_is():
    PublicationFactory(slug="technical-guide")
    UserFactory(username="admin", is_staff=True)

    assert publications_demo_seed() == 6
