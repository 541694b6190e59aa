"""HTTP only: the public site's work programme and events (no sign-in, six languages)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import selectors
from .enums import Body


@require_GET
def programme(request):
    items = list(selectors.public_item_list())
    context = {
        "committee": [i for i in items if i.body == Body.COMMITTEE],
        "cted": [i for i in items if i.body == Body.CTED],
    }
    return render(request, "programme/public/programme.html", context)


@require_GET
def events(request):
    return render(
        request, "programme/public/events.html", {"events": selectors.public_event_list()}
    )
