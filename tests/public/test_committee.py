import re

import pytest
from django.urls import reverse
from django.utils import translation

from ctc.registry import NavEntry, site
from tests.publications.factories import NewsItemFactory, PublicationFactory

pytestmark = pytest.mark.django_db

RESOLUTIONS = ["1373", "1535", "1566", "1624", "1805", "1963"]
LANGUAGES = [("en", "en", "ltr"), ("fr", "fr", "ltr"), ("es", "es", "ltr"), ("ru", "ru", "ltr")]
LANGUAGES += [("zh-hans", "zh-Hans", "ltr"), ("ar", "ar", "rtl")]


def _url(name, lang="en"):
    with translation.override(lang):
        return reverse(name)


@pytest.mark.parametrize("lang,attribute,direction", LANGUAGES)
def test_committee_page_lists_the_six_resolutions_in_every_language(
    client, lang, attribute, direction
):
    html = client.get(_url("public:committee", lang)).content.decode()

    assert f'<html lang="{attribute}" dir="{direction}">' in html
    listed = re.search(r'<dl class="resolutions".*?</dl>', html, re.S).group(0)
    titles = re.findall(r"<dt>(.*?)</dt>", listed, re.S)
    assert [re.search(r"1\d{3}", title).group(0) for title in titles] == RESOLUTIONS
    assert listed.count("<dd>") == 6


def test_header_shows_the_registered_public_links_in_order(client):
    html = client.get(_url("public:home")).content.decode()

    nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
    ours = ["Home", "The Committee", "Member states", "Publications", "News"]
    labels = [label for label in re.findall(r">([^<>]+)</a>", nav) if label in ours]
    assert labels == ours
    assert 'href="/en/" aria-current="page"' in nav


def test_header_and_home_show_a_link_another_app_registers(client):
    entry = NavEntry("test-events", "Events of the test", "public:state_list", lambda u: True, 60)
    site.add_public_nav(entry)
    try:
        html = client.get(_url("public:home")).content.decode()
    finally:
        del site.public_nav["test-events"]

    assert html.count('href="/en/states/">Events of the test</a>') == 2  # header and home


def test_home_shows_latest_news_and_publications_and_the_mandate(client):
    PublicationFactory(slug="technical-guide", title_en="Technical Guide")
    PublicationFactory(slug="draft", title_en="Draft guide", published=False)
    for day in range(1, 6):
        NewsItemFactory(title_en=f"News of day {day}", date=f"2012-12-0{day}")

    html = client.get(_url("public:home")).content.decode()

    news = re.search(r'data-testid="home-news".*?</ul>', html, re.S).group(0)
    assert re.findall(r"News of day \d", news) == [
        "News of day 5",
        "News of day 4",
        "News of day 3",
    ]
    assert 'href="/en/publications/technical-guide/">Technical Guide</a>' in html
    assert "Draft guide" not in html
    assert 'href="/en/committee/"' in html


def test_home_marks_a_news_title_missing_in_arabic(client):
    NewsItemFactory(title_en="Briefing", title_fr="Exposé")

    arabic = client.get(_url("public:home", "ar")).content.decode()
    french = client.get(_url("public:home", "fr")).content.decode()

    assert '<span class="untranslated" lang="en" dir="ltr">Briefing</span>' in arabic
    assert "Exposé</a>" in french and "untranslated" not in french
