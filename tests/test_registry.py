"""The registry the site reads instead of importing apps (ctc/registry.py)."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from ctc.registry import FiledDocument, LandingBlock, NavEntry, Registry, WaitingItem, site


def test_registering_twice_replaces_and_reads_follow_order():
    registry = Registry()
    registry.add_nav(NavEntry("b", "B", "public:home", lambda u: True, order=20))
    registry.add_nav(NavEntry("a", "A", "public:home", lambda u: True, order=10))
    registry.add_nav(NavEntry("b", "B2", "public:home", lambda u: u == "alice", order=5))
    registry.add_admin_app("x")
    registry.add_admin_app("x")

    assert [e.label for e in registry.nav_for("alice")] == ["B2", "A"]
    assert [e.label for e in registry.nav_for("bob")] == ["A"]
    assert registry.admin_apps == ["x"]


def test_public_nav_is_kept_apart_from_the_staff_nav():
    registry = Registry()
    registry.add_public_nav(NavEntry("news", "News", "public:home", lambda u: True, order=20))
    registry.add_public_nav(NavEntry("events", "Events", "public:home", lambda u: True, order=10))

    assert [e.label for e in registry.public_nav_for(None)] == ["Events", "News"]
    assert registry.nav_for(None) == []


def test_landing_skips_hidden_blocks_and_waiting_drops_empty_items():
    registry = Registry()
    registry.add_landing(LandingBlock("shown", "s.html", lambda u: {"n": 1}, order=2))
    registry.add_landing(LandingBlock("hidden", "h.html", lambda u: None, order=1))
    registry.add_waiting("w", lambda u: [WaitingItem("none", 0, "/"), WaitingItem("two", 2, "/")])

    assert registry.landing_for("anyone") == [("s.html", {"n": 1})]
    assert [i.label for i in registry.waiting_for("anyone")] == ["two"]


def test_every_app_of_the_site_registered_its_parts():
    assert "assessments" in site.nav
    # The assessments' own secure area is gone: the document area's inbox took its place.
    assert "secure" not in site.nav
    assert "assessments-sent" not in site.landing
    assert "assessments.assessment" in site.reply_handlers
    assert {"states", "assessments"} <= set(site.api)
    assert {"assessments", "assessments-secure", "jobs"} <= set(site.pages)
    assert {"assessments", "states", "files", "jobs", "visits"} <= set(site.admin_apps)
    assert "jobs.job_expire_stale (daily)" in site.beat
    assert "accounts.credential_rotation (quarterly)" in site.beat
    assert "accounts-rotation" in site.pages


def test_documents_for_reads_the_document_areas_lister_or_nothing():
    registry = Registry()
    row = FiledDocument("Reply of Kenya", "/en/docs/7/", datetime.datetime(2026, 1, 5), True)

    assert registry.documents_for("source", user="alice") == []
    registry.set_document_lister(lambda source, user: [row] if user == "alice" else [])
    assert registry.documents_for("source", user="alice") == [row]
    assert registry.documents_for("source", user="bob") == []


@pytest.mark.django_db
def test_load_reference_data_runs_every_registered_loader_in_order():
    out = StringIO()

    call_command("load_reference_data", stdout=out)

    labels = [line.split(":")[0] for line in out.getvalue().splitlines()]
    assert labels == [
        "subcommittees",
        "M49 regions",
        "member states",
        "organisations",
        "thematic areas",
        "assessment formats",
        "work programme 2012",
        "periodic tasks",
        "role groups",
        "secure-area accounts",
    ]
    assert "member states: 193" in out.getvalue()


def test_public_home_blocks_are_kept_apart_from_the_landing_page():
    registry = Registry()
    registry.add_public_home(LandingBlock("news", "n.html", lambda u: {"items": []}, order=2))
    registry.add_public_home(LandingBlock("hidden", "h.html", lambda u: None, order=1))

    assert registry.public_home_for(None) == [("n.html", {"items": []})]
    assert registry.landing_for(None) == []


def test_public_site_and_publications_registered_their_header_links_and_home_blocks():
    ours = ["home", "committee", "states", "publications", "news"]
    # Other apps' links (the work programme, events) fall in between by their order.
    assert [e.key for e in site.public_nav_for(None) if e.key in ours] == ours
    assert {"news", "publications"} <= set(site.public_home)
    assert "publications" in site.demo_seeders
    assert "publications" in site.admin_apps
