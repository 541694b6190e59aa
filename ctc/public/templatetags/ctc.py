from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in each of the six languages, named in its own language."""
    request = context["request"]
    current = context.get("LANGUAGE_CODE")
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": translate_url(request.get_full_path(), code),
                "bidi": info["bidi"],
                "current": code == current,
            }
        )
    return links


@register.filter
def get_item(mapping, key):
    """{{ overrides|get_item:answer.pk }}: a dict lookup with a variable key."""
    if not mapping:
        return None
    return mapping.get(key)


@register.filter
def paired(labels, values):
    """{% for label, value in headers|paired:row %}: each value with its column's label (a
    table cell says its header on a phone, data-label)."""
    return list(zip(labels or (), values or (), strict=False))


@register.filter
def bcp47(code):
    """A Django language code as an HTML lang value: "zh-hans" → "zh-Hans" (script subtag in
    title case, as BCP 47 writes it); others unchanged."""
    language, _dash, rest = (code or "").partition("-")
    if len(rest) == 4:
        return f"{language}-{rest.title()}"
    return code
