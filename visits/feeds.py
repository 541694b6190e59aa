"""Each person's iCalendar feed of the visits they are on (RFC 5545, written by hand)."""

import datetime

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from . import selectors
from .enums import VisitStatus
from .models import CalendarFeed

PRODID = "-//United Nations CTED//CTC Workspace visits//EN"
EVENT_STATUS = {
    VisitStatus.CONFIRMED: "CONFIRMED",
    VisitStatus.DONE: "CONFIRMED",
    VisitStatus.CANCELLED: "CANCELLED",
}


def escape(text: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines escaped."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Content lines longer than 75 octets are folded (§3.1), never inside a character."""
    out, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode())
            current = b""
        current += encoded
    out.append(current.decode())
    return "\r\n ".join(out)


def _stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar_text(visits, *, host: str, base_url: str) -> str:
    now = _stamp(timezone.now())
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    lines.append("X-WR-CALNAME:" + escape("CTC Workspace"))
    for visit in visits:
        url = base_url + reverse("visits:detail", args=[visit.pk])
        description = "\n\n".join(filter(None, [visit.purpose, visit.objectives]))
        lines += [
            "BEGIN:VEVENT",
            f"UID:visit-{visit.pk}@{host}",
            f"DTSTAMP:{now}",
            f"LAST-MODIFIED:{_stamp(visit.updated_at)}",
            f"DTSTART;VALUE=DATE:{visit.starts_on:%Y%m%d}",
            # DTEND of an all-day event is the day after the last (exclusive).
            f"DTEND;VALUE=DATE:{visit.ends_on + datetime.timedelta(days=1):%Y%m%d}",
            "SUMMARY:" + escape(f"{visit.reference} · {visit.state.name}"),
            "DESCRIPTION:" + escape(description),
            "LOCATION:" + escape(visit.state.name),
            f"STATUS:{EVENT_STATUS.get(visit.status, 'TENTATIVE')}",
            f"URL:{url}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


@require_GET
def feed(request, token):
    """The feed of the person whose live token this is; any other token answers 404."""
    try:
        calendar_feed = selectors.feed_get(token=token)
    except CalendarFeed.DoesNotExist as exc:
        raise Http404 from exc
    visits = selectors.feed_visits(user=calendar_feed.user)
    text = calendar_text(
        visits, host=request.get_host().split(":")[0], base_url=request.build_absolute_uri("/")[:-1]
    )
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="visits.ics"'
    return response
