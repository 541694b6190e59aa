"""The site's frame (templates/base.html): messages in <main> as live regions, a scripts
block, the skip link's target, lang and dir."""

import pytest
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.cookie import CookieStorage
from django.shortcuts import render
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.test.html import Element, parse_html
from django.utils import translation

pytestmark = pytest.mark.django_db


def _request(lang: str, *notes: tuple[int, str]):
    request = RequestFactory().get(f"/{lang}/")
    request.user = AnonymousUser()
    request._messages = CookieStorage(request)
    for level, text in notes:
        messages.add_message(request, level, text)
    return request


def _home(lang: str, *notes: tuple[int, str]) -> Element:
    request = _request(lang, *notes)
    with translation.override(lang):
        return parse_html(render(request, "public/home.html").content.decode())


def _walk(element, ancestors=()):
    """(element, its ancestors) for every element of the tree, in document order."""
    if not ancestors and element.name:
        yield element, ()
        ancestors = (element,)
    for child in element.children:
        if isinstance(child, Element):
            yield child, ancestors
            yield from _walk(child, (*ancestors, child))


def _attrs(element) -> dict:
    return dict(element.attributes)


def _find(tree, **attrs):
    return [
        (el, anc)
        for el, anc in _walk(tree)
        if all(_attrs(el).get(k.rstrip("_").replace("_", "-")) == v for k, v in attrs.items())
    ]


def _text(element) -> str:
    return "".join(c if isinstance(c, str) else _text(c) for c in element.children)


def test_confirmation_is_a_polite_status_region_inside_main():
    tree = _home("en", (messages.SUCCESS, "The assessment was created."))

    [(status, ancestors)] = _find(tree, role="status")
    assert _attrs(status)["aria-live"] == "polite"
    assert "main" in [a.name for a in ancestors]
    assert "The assessment was created." in _text(status)


def test_error_message_is_an_alert_inside_main_and_not_in_the_status_region():
    tree = _home(
        "fr", (messages.ERROR, "Could not save."), (messages.INFO, "Three changes merged.")
    )

    [(alert, ancestors)] = _find(tree, role="alert")
    [(status, _)] = _find(tree, role="status")
    assert "main" in [a.name for a in ancestors]
    assert "Could not save." in _text(alert)
    assert "Could not save." not in _text(status)
    assert "Three changes merged." in _text(status)


def test_no_message_outside_main():
    tree = _home("en", (messages.SUCCESS, "Saved for sure."))

    [(main, _)] = _find(tree, id="main")
    body = next(el for el, _ in _walk(tree) if el.name == "body")
    assert main.name == "main"
    assert _text(body).count("Saved for sure.") == 1
    assert "Saved for sure." in _text(main)


def test_status_region_is_present_before_any_message():
    """A live region announces what is put into it later (htmx swaps), so it is always there."""
    tree = _home("ar")

    [(status, ancestors)] = _find(tree, role="status")
    assert _attrs(status)["aria-live"] == "polite"
    assert "main" in [a.name for a in ancestors]


def test_skip_link_targets_main_which_takes_focus():
    tree = _home("en")

    [(skip, _)] = _find(tree, class_="skip-link")
    [(main, _)] = _find(tree, id="main")
    assert _attrs(skip)["href"] == "#main"
    assert main.name == "main"
    assert _attrs(main)["tabindex"] == "-1"
    first = next(el for el, _ in _walk(tree) if el.name == "a")
    assert first is skip


def test_pages_can_add_scripts_at_the_end_of_the_body():
    template = Template(
        '{% extends "base.html" %}{% block scripts %}'
        '<script src="/static/js/page.js" defer></script>{% endblock %}'
    )
    request = _request("en")

    html = template.render(RequestContext(request, {}))

    tree = parse_html(html)
    body = next(el for el, _ in _walk(tree) if el.name == "body")
    last = [c for c in body.children if isinstance(c, Element)][-1]
    assert last.name == "script"
    assert _attrs(last)["src"] == "/static/js/page.js"


@pytest.mark.parametrize(
    "lang,attribute,direction",
    # Chinese: Django's code zh-hans, written zh-Hans in HTML (BCP 47's script subtag).
    [("en", "en", "ltr"), ("zh-hans", "zh-Hans", "ltr"), ("ru", "ru", "ltr"), ("ar", "ar", "rtl")],
)
def test_html_element_carries_language_and_direction(lang, attribute, direction):
    tree = _home(lang)

    html = next(el for el, _ in _walk(tree) if el.name == "html")
    assert _attrs(html)["lang"] == attribute
    assert _attrs(html)["dir"] == direction


@pytest.mark.parametrize("template", ["public/home.html", "500.html"])
def test_pages_set_the_mobile_viewport(template):
    request = _request("ru")
    with translation.override("ru"):
        html = render(request, template, {"message": "x"}).content.decode()

    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
