"""What ctc/states adds to a State's timeline (its reports, the dialogue) and to the
Committee dashboard (reporting by region). Reads only, each a bounded number of queries."""

from django.urls import reverse
from django.utils.translation import gettext as _

from ctc.charts import bar_chart
from ctc.registry import TimelineEntry

from . import permissions, selectors
from .enums import Resolution


def report_entries(state, user) -> list[TimelineEntry]:
    """The reports the State submitted on 1373 and 1624: one query."""
    if not permissions.reads_overview(user):
        return []
    labels = dict(Resolution.choices)
    reports = state.reports.order_by("-received_on", "-pk")
    return [
        TimelineEntry(
            date=report.received_on,
            kind="reports",
            title=_("Report received on {resolution}").format(resolution=labels[report.resolution]),
            detail=report.document_symbol,
        )
        for report in reports
    ]


def dialogue_entries(state, user) -> list[TimelineEntry]:
    """The dialogue logged with the State: one query."""
    if not permissions.reads_overview(user):
        return []
    entries = []
    for entry in selectors.dialogue_list(state=state):
        detail = entry.summary
        if entry.participants:
            detail = _("{summary} (participants: {participants})").format(
                summary=entry.summary, participants=entry.participants
            )
        entries.append(
            TimelineEntry(
                date=entry.held_on,
                kind="dialogue",
                title=entry.get_kind_display(),
                url=entry.link,
                detail=detail,
                edit_url=reverse(
                    "overview:dialogue_edit", kwargs={"iso3": state.iso3, "pk": entry.pk}
                )
                if permissions.can_correct_dialogue(user, entry)
                else "",
            )
        )
    return entries


def reporting_panel(user) -> dict | None:
    """Reporting by M49 region (reported on 1373, on 1624, never) and the States that have
    never reported, each linked to its timeline: three queries."""
    if not permissions.reads_overview(user):
        return None
    rows = selectors.reporting_by_region()
    chart = bar_chart(
        title=_("Reporting by region"),
        series=[
            _("Reported on 1373 and 1624"),
            _("Reported on 1373 only"),
            _("Reported on 1624 only"),
            _("Never reported"),
        ],
        rows=[(r.region, [r.both, r.only_1373, r.only_1624, r.never]) for r in rows],
    )
    return {
        "chart": chart,
        "rows": rows,
        "totals": {
            "states": sum(r.states for r in rows),
            "reported_1373": sum(r.reported_1373 for r in rows),
            "reported_1624": sum(r.reported_1624 for r in rows),
            "never": sum(r.never for r in rows),
        },
        "never_reported": list(selectors.never_reported()),
    }
