"""The public home page in Arabic and Chinese, on a phone and on a desktop: no sideways
scroll, Arabic laid out right to left. Screenshots go to artifacts/screenshots/ (git-ignored,
kept by CI as artefacts; CTC_ARTIFACTS_DIR to put them elsewhere)."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from publications.demo import publications_demo_seed
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

ARTIFACTS = Path(os.environ.get("CTC_ARTIFACTS_DIR", Path(__file__).parents[2] / "artifacts"))
WIDTHS = [(390, 844), (1280, 900)]
LANGUAGES = [("ar", "ar", "rtl"), ("zh-hans", "zh-Hans", "ltr")]


@pytest.fixture
def demo_content(reference_data):
    UserFactory(username="admin", is_staff=True)
    publications_demo_seed()


@pytest.mark.parametrize("lang,attribute,direction", LANGUAGES)
@pytest.mark.parametrize("width,height", WIDTHS)
def test_home_page_has_no_sideways_scroll_and_is_screenshot(
    browser, live_server, demo_content, lang, attribute, direction, width, height
):
    shots = ARTIFACTS / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": height}
    )
    page = context.new_page()

    response = page.goto(f"/{lang}/")
    page.screenshot(path=shots / f"home-{lang}-{width}.png", full_page=True)
    scroll_width, inner_width = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    html_lang, html_dir = page.evaluate(
        "[document.documentElement.lang, document.documentElement.dir]"
    )
    context.close()

    assert response.status == 200
    assert (html_lang, html_dir) == (attribute, direction)
    assert scroll_width <= inner_width, (lang, width, scroll_width, inner_width)
    assert (shots / f"home-{lang}-{width}.png").stat().st_size > 0


@pytest.mark.parametrize("lang,attribute,direction", LANGUAGES)
def test_home_page_carries_its_language_and_direction(
    page, demo_content, lang, attribute, direction
):
    page.goto(f"/{lang}/")

    expect(page.locator("html")).to_have_attribute("lang", attribute)
    expect(page.locator("html")).to_have_attribute("dir", direction)
    # The news item not yet in Arabic: its English title, marked, on the Arabic list only.
    page.locator("section[aria-labelledby=home-news-heading] > p > a").click()
    expect(page.locator("html")).to_have_attribute("lang", attribute)
    untranslated = page.locator("[data-testid=news] .untranslated")
    expect(untranslated).to_have_count(1 if lang == "ar" else 0)


def test_arabic_header_starts_at_the_right(browser, live_server, demo_content):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto("/ar/")

    brand = page.locator(".brand").bounding_box()
    context.close()

    # Mirrored: the site's name sits at the inline start, the right-hand side.
    assert brand["x"] + brand["width"] > 1280 / 2
