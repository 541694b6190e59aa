"""The shared tag that shows a translated field in the reader's language, or its English
marked as such (ctc/public/templatetags/translated.py), and the lang filter bcp47."""

import pytest
from django.template import Context, Template
from django.utils import translation

from ctc.public.templatetags.ctc import bcp47
from ctc.public.templatetags.translated import translated_value
from tests.publications.factories import NewsItemFactory

pytestmark = pytest.mark.django_db


def _render(source: str, item, lang: str) -> str:
    with translation.override(lang):
        return Template("{% load translated %}" + source).render(Context({"item": item}))


def test_value_in_the_readers_language_is_not_a_fallback():
    item = NewsItemFactory(title_en="Briefing", title_ru="Брифинг")

    with translation.override("ru"):
        value = translated_value(item, "title")

    assert (value.text, value.fallback) == ("Брифинг", False)


def test_missing_translation_falls_back_to_english_flagged():
    item = NewsItemFactory(title_en="Briefing", title_ru="Брифинг")

    with translation.override("zh-hans"):
        value = translated_value(item, "title")

    assert (value.text, value.fallback) == ("Briefing", True)


def test_english_reader_never_gets_a_fallback_even_when_empty():
    item = NewsItemFactory(title_en="Briefing", body_en="")

    with translation.override("en"):
        assert translated_value(item, "body").fallback is False


def test_tag_escapes_plain_text_and_keeps_cleaned_rich_text():
    item = NewsItemFactory(title_en="A <b>bold</b> title", body_en="<p>One <em>two</em></p>")

    title = _render('{% translated item "title" %}', item, "fr")
    body = _render('{% translated item "body" html=True %}', item, "fr")

    assert title.startswith(
        '<span class="untranslated" lang="en" dir="ltr">A &lt;b&gt;bold&lt;/b&gt; title</span>'
    )
    assert '<div class="untranslated" lang="en" dir="ltr"><p>One <em>two</em></p></div>' in body


def test_marker_label_is_in_the_readers_language():
    item = NewsItemFactory(title_en="Briefing")

    html = _render('{% translated item "title" %}', item, "fr")
    with translation.override("fr"):
        label = translation.gettext("in English")  # "en anglais" once the catalogue has it

    assert html.endswith(f'<small class="translation-missing">{label}</small>')


def test_translated_value_tag_gives_text_and_flag():
    item = NewsItemFactory(title_en="Briefing")

    html = _render(
        '{% translated_value item "title" as t %}{{ t.text }}|{{ t.fallback }}', item, "ar"
    )

    assert html == "Briefing|True"


@pytest.mark.parametrize(
    "code,expected",
    [("zh-hans", "zh-Hans"), ("en", "en"), ("ar", "ar"), ("pt-br", "pt-br"), ("", "")],
)
def test_bcp47_writes_the_script_subtag_in_title_case(code, expected):
    assert bcp47(code) == expected
