"""The public site's new pages (the Committee, publications, news) have no serious axe-core
violation in English and Arabic, and a publication's download link serves its PDF."""

import pytest

from publications.demo import publications_demo_seed
from publications.models import NewsItem
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

BLOCKING = {"critical", "serious"}
RUN_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
}


@pytest.fixture
def demo_content(reference_data):
    UserFactory(username="admin", is_staff=True)
    publications_demo_seed()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_public_pages_have_no_serious_accessibility_violation(page, demo_content, lang):
    from axe_playwright_python.sync_playwright import Axe

    untranslated = NewsItem.objects.get(title_ar__isnull=True)
    paths = [
        "/",
        "/committee/",
        "/publications/",
        "/publications/technical-guide/",
        "/news/",
        f"/news/{untranslated.pk}/",
    ]
    problems = []
    for path in paths:
        response = page.goto(f"/{lang}{path}")
        assert response.status == 200, path
        for violation in Axe().run(page, options=RUN_OPTIONS).response["violations"]:
            if violation["impact"] in BLOCKING:
                problems.append(f"{path}: {violation['id']} {violation['nodes'][0]['target']}")

    assert problems == []


def test_download_link_of_the_arabic_edition_serves_its_pdf(page, demo_content):
    page.goto("/ar/publications/technical-guide/")

    with page.expect_download() as info:
        page.get_by_test_id("download-ar").click()

    download = info.value
    assert download.suggested_filename == "technical-guide-ar.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
