"""A translated field shown in the reader's language, or in English marked as such.

`{% translated obj "title" %}` renders the value; when the reader's language has no
translation, the English text is wrapped in lang="en" dir="ltr" (screen readers switch voice,
Arabic and Chinese pages keep it in its own direction) and followed by a small label.
`{% translated obj "body" html=True %}` does the same for cleaned rich text (a block).
`{% translated_value obj "title" as title %}` gives the Translated itself (text, fallback).
"""

from dataclasses import dataclass

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

register = template.Library()
ENGLISH = "en"


@dataclass(frozen=True)
class Translated:
    text: str
    fallback: bool  # True: the reader's language has none, `text` is the English

    def __str__(self):
        return self.text


def translated_value(obj, field: str) -> Translated:
    """`field` of `obj` in the active language, else its English with fallback=True."""
    language = get_language() or ENGLISH
    own = getattr(obj, build_localized_fieldname(field, language), None)
    if own or language == ENGLISH:
        return Translated(own or "", False)
    english = getattr(obj, build_localized_fieldname(field, ENGLISH), None) or ""
    return Translated(english, bool(english))


@register.simple_tag(name="translated_value")
def translated_value_tag(obj, field):
    return translated_value(obj, field)


@register.simple_tag
def translated(obj, field, html=False):
    value = translated_value(obj, field)
    # Rich text was cleaned with nh3 (ctc.richtext) when it was saved.
    text = mark_safe(value.text) if html else value.text
    if not value.fallback:
        return text if html else format_html("{}", text)
    if html:
        return format_html(
            '<p class="translation-missing">{}</p>'
            '<div class="untranslated" lang="en" dir="ltr">{}</div>',
            _("Not yet translated: this text is shown in English."),
            text,
        )
    return format_html(
        '<span class="untranslated" lang="en" dir="ltr">{}</span> '
        '<small class="translation-missing">{}</small>',
        text,
        _("in English"),
    )
