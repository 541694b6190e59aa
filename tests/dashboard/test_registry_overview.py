"""The registry's timeline sources and dashboard panels, without a database."""

import datetime

from ctc.registry import DashboardPanel, Registry, TimelineEntry, TimelineSource

DAY = datetime.date(2012, 5, 1)


def _source(key, order, *days):
    def entries(state, user):
        return [TimelineEntry(date=day, kind=key, title=f"{key} {day}") for day in days]

    return TimelineSource(key, key.title(), entries, order)


def test_timeline_for_merges_sources_newest_first_keeping_source_order_within_a_day():
    registry = Registry()
    registry.add_timeline(_source("visits", 40, DAY, datetime.date(2011, 1, 1)))
    registry.add_timeline(_source("reports", 10, DAY, datetime.date(2013, 1, 1)))

    entries = registry.timeline_for("KEN", "reader")

    assert [e.title for e in entries] == [
        "reports 2013-01-01",
        "reports 2012-05-01",
        "visits 2012-05-01",
        "visits 2011-01-01",
    ]
    assert [s.key for s in registry.timeline_kinds()] == ["reports", "visits"]


def test_timeline_for_orders_a_days_events_by_their_moment_untimed_last():
    registry = Registry()
    morning = datetime.datetime(2012, 5, 1, 9, tzinfo=datetime.UTC)
    evening = datetime.datetime(2012, 5, 1, 18, tzinfo=datetime.UTC)

    def timed(state, user):
        return [
            TimelineEntry(date=DAY, kind="visits", title="morning", at=morning),
            TimelineEntry(date=DAY, kind="visits", title="evening", at=evening),
        ]

    registry.add_timeline(_source("reports", 10, DAY))
    registry.add_timeline(TimelineSource("visits", "Visits", timed, 40))

    titles = [e.title for e in registry.timeline_for("KEN", "reader")]

    assert titles == ["evening", "morning", "reports 2012-05-01"]


def test_timeline_for_asks_only_the_chosen_kinds():
    registry = Registry()
    asked = []

    def refusing(state, user):
        asked.append(state)
        return []

    registry.add_timeline(TimelineSource("visits", "Visits", refusing))
    registry.add_timeline(_source("reports", 10, DAY))

    assert [e.kind for e in registry.timeline_for("KEN", "reader", {"reports"})] == ["reports"]
    assert asked == []


def test_registration_is_keyed_and_dashboard_skips_hidden_panels():
    registry = Registry()
    registry.add_timeline(_source("reports", 10, DAY))
    registry.add_timeline(_source("reports", 10, DAY))
    registry.add_dashboard_panel(DashboardPanel("b", "b.html", lambda user: {"n": 2}, 20))
    registry.add_dashboard_panel(DashboardPanel("a", "a.html", lambda user: {"n": 1}, 10))
    registry.add_dashboard_panel(DashboardPanel("hidden", "h.html", lambda user: None, 5))

    assert len(registry.timeline) == 1
    assert registry.dashboard_for("reader") == [("a.html", {"n": 1}), ("b.html", {"n": 2})]
