"""A State's timeline: every kind of event, newest first, filtered by kind, scoped by each
app's own rules, in a constant number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments.enums import AssessmentStatus
from ctc.accounts.enums import Role
from ctc.registry import site
from ctc.states.enums import DialogueKind, Resolution
from ctc.states.models import DialogueEntry, MemberState, StateReport
from docs_tracker import services as docs_services
from docs_tracker.models import Document
from tests.docs_tracker.helpers import make_document
from tests.factories import (
    AssessmentFactory,
    AssessmentFormatFactory,
    FollowUpActionFactory,
    MatchFactory,
    VisitFactory,
)
from visits.models import VisitTransition

pytestmark = pytest.mark.django_db

URL = "/en/dashboard/states/{}/"


@pytest.fixture
def kenya():
    return MemberState.objects.get(iso3="KEN")


def _report(state, day, symbol, resolution=Resolution.R1373):
    return StateReport.objects.create(
        state=state, resolution=resolution, received_on=day, document_symbol=symbol
    )


def _dialogue(state, day, by, kind=DialogueKind.MEETING, summary="Briefing."):
    return DialogueEntry.objects.create(
        state=state, held_on=day, kind=kind, summary=summary, recorded_by=by
    )


def _dated(personas, kenya):
    """One event of four kinds, on four known days."""
    expert = personas[Role.CTED_EXPERT]
    _report(kenya, datetime.date(2003, 5, 1), "S/2003/501")
    _dialogue(kenya, datetime.date(2012, 2, 14), expert)
    FollowUpActionFactory()  # a visit to Kenya from 14 May 2012, its action due 30 Sep 2012


def test_timeline_lists_the_events_of_every_kind_newest_first(personas, kenya):
    _dated(personas, kenya)

    entries = site.timeline_for(kenya, personas[Role.CTED_EXPERT])

    assert [(e.date, e.kind) for e in entries] == [
        (datetime.date(2012, 9, 30), "follow-up"),
        (datetime.date(2012, 5, 14), "visits"),
        (datetime.date(2012, 2, 14), "dialogue"),
        (datetime.date(2003, 5, 1), "reports"),
    ]
    assert entries[3].title == "Report received on Resolution 1373 (2001)"
    assert entries[3].detail == "S/2003/501"
    assert entries[2].title == "Meeting at headquarters"


def test_timeline_keeps_another_states_events_out(personas, kenya):
    france = MemberState.objects.get(iso3="FRA")
    _report(france, datetime.date(2004, 1, 1), "S/2004/1")
    _dialogue(france, datetime.date(2012, 1, 1), personas[Role.CTED_EXPERT])
    VisitFactory(state=france)

    assert site.timeline_for(kenya, personas[Role.CTED_EXPERT]) == []


def test_timeline_page_filters_by_kind(client, personas, kenya):
    _dated(personas, kenya)
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.get(URL.format("KEN"), {"kind": ["dialogue", "reports"]})

    assert response.status_code == 200
    assert [(e.date, e.kind) for e, _label in response.context["entries"]] == [
        (datetime.date(2012, 2, 14), "dialogue"),
        (datetime.date(2003, 5, 1), "reports"),
    ]
    assert [label for _e, label in response.context["entries"]] == ["Dialogue", "Reports"]


def test_timeline_page_with_an_unknown_kind_is_400_with_a_message(client, personas, kenya):
    _dated(personas, kenya)
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.get(URL.format("KEN"), {"kind": "gossip"})

    assert response.status_code == 400
    assert response.context["entries"] == []
    body = response.content.decode()
    assert "Choose the kinds of event from the list." in body
    assert "Select a valid choice. gossip is not one of the available choices." in body


def test_timeline_page_answers_htmx_with_the_entries_only(client, personas, kenya):
    _dated(personas, kenya)
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.get(URL.format("KEN"), {"kind": "dialogue"}, HTTP_HX_REQUEST="true")

    body = response.content.decode()
    assert body.lstrip().startswith('<section id="entries"')
    assert "<html" not in body
    assert body.count('class="timeline-entry') == 1


def test_timeline_page_of_an_unknown_state_is_404(client, personas):
    client.force_login(personas[Role.CTED_EXPERT])

    assert client.get(URL.format("XXX")).status_code == 404


@pytest.mark.parametrize("iso3", ["KEN", "FRA"])
def test_timeline_of_any_state_is_404_for_a_focal_point(client, personas, kenya, iso3):
    _dated(personas, kenya)
    client.force_login(personas[Role.FOCAL_POINT])  # Kenya's

    response = client.get(URL.format(iso3))

    assert response.status_code == 404
    assert b"Briefing." not in response.content


def test_timeline_shows_the_committee_only_what_each_app_shows_it(
    client, personas, kenya, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    expert = personas[Role.CTED_EXPERT]
    fmt = AssessmentFormatFactory(by=personas[Role.ADMINISTRATOR])
    draft = AssessmentFactory(state=kenya, format=fmt, cycle=2012, people=personas)
    considered = AssessmentFactory(
        state=kenya,
        format=fmt,
        cycle=2013,
        people=personas,
        stage=AssessmentStatus.WITH_COMMITTEE,
    )
    VisitFactory(reference="VIS/KEN/PROPOSED")
    VisitFactory(reference="VIS/KEN/DONE", status="done", consent_status="given")
    _dialogue(kenya, datetime.date(2012, 2, 14), expert)
    document = make_document(expert, symbol="S/AC.40/2012/7", states=[kenya])
    docs_services.receipt_acknowledge(document=document, by=personas[Role.FOCAL_POINT])

    cted = site.timeline_for(kenya, expert)
    committee = site.timeline_for(kenya, personas[Role.COMMITTEE_MEMBER])

    def titles(entries, kind):
        return sorted(e.title for e in entries if e.kind == kind)

    assert f"/en/assessments/{draft.pk}/" in {e.url for e in cted}
    assert {e.url for e in committee if e.kind == "assessments"} == {
        f"/en/assessments/{considered.pk}/"
    }
    assert titles(committee, "visits") == ["Visit VIS/KEN/DONE (14 May 2012 to 18 May 2012)"]
    assert len(titles(cted, "visits")) == 2
    assert titles(cted, "documents") == [
        "Document acknowledged: S/AC.40/2012/7 · Document S/AC.40/2012/7",
        "Document sent: S/AC.40/2012/7 · Document S/AC.40/2012/7",
    ]
    # Tracking is CTED's (docs_tracker.permissions.receipt_scope).
    assert titles(committee, "documents") == []
    assert titles(committee, "dialogue") == ["Meeting at headquarters"]


def test_timeline_shows_needs_and_matches(personas, kenya):
    match = MatchFactory()
    today = timezone.localdate()

    entries = site.timeline_for(kenya, personas[Role.CHAIR], {"assistance"})

    # The match was proposed after the need was recorded, the same day: it comes first.
    assert [(e.date, e.url) for e in entries] == [
        (today, f"/en/assistance/matches/{match.pk}/"),
        (today, f"/en/assistance/needs/{match.need.pk}/"),
    ]
    assert entries[0].title == f"Match proposed: {match.offer.title}"


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def _of_every_kind(personas, kenya, fmt, numbers):
    expert = personas[Role.CTED_EXPERT]
    for i in numbers:
        _report(kenya, datetime.date(2003 + i, 1, 1), f"S/{2003 + i}/1")
        _dialogue(kenya, datetime.date(2012, 1, 1 + i), expert)
        AssessmentFactory(state=kenya, format=fmt, cycle=2012 + i, people=personas)
        FollowUpActionFactory()
        MatchFactory()
        make_document(expert, symbol=f"S/AC.40/2012/{i}", states=[kenya])


def test_timeline_page_runs_the_same_queries_for_1_and_3_events_of_each_kind(
    client, personas, kenya, settings, tmp_path, django_assert_num_queries
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(personas[Role.CTED_EXPERT])
    fmt = AssessmentFormatFactory(by=personas[Role.ADMINISTRATOR])
    _of_every_kind(personas, kenya, fmt, range(1))
    small = _queries(client, URL.format("KEN"))
    _of_every_kind(personas, kenya, fmt, range(1, 3))

    with django_assert_num_queries(small):
        response = client.get(URL.format("KEN"))

    assert len(response.context["entries"]) > 3 * 7
    assert small == QUERIES


# The session, the user and the page's header (4); the State; reports, dialogue, follow-up,
# needs (1 each); assessments, visits, matches, documents (2 each).
QUERIES = 17


def test_timeline_shows_the_committee_a_visits_report_steps_once_it_reads_the_report(personas):
    coordinator = personas[Role.CTED_COORDINATOR]
    visit = VisitFactory(status="done", consent_status="given", report_status="cted_review")
    VisitTransition.objects.create(
        visit=visit,
        gate="plan",
        action="mark_done",
        from_status="confirmed",
        to_status="done",
        by=coordinator,
    )
    VisitTransition.objects.create(
        visit=visit,
        gate="report",
        action="submit_report",
        from_status="draft",
        to_status="cted_review",
        by=coordinator,
    )
    kenya = visit.state

    def steps(role):
        entries = site.timeline_for(kenya, personas[role], {"visits"})
        return sorted(e.title.split(": ")[1] for e in entries if ": " in e.title)

    assert steps(Role.CTED_EXPERT) == [
        "Record that the visit took place",
        "Submit the report for CTED review",
    ]
    # The report in CTED review is not the Committee's yet (visits.permissions.report_readable).
    assert steps(Role.CHAIR) == ["Record that the visit took place"]
    visit.report_status = "with_committee"
    visit.save(update_fields=["report_status"])
    assert steps(Role.CHAIR) == [
        "Record that the visit took place",
        "Submit the report for CTED review",
    ]


def test_timeline_shows_documents_the_state_submitted(personas, kenya):
    document = Document.objects.create(
        reference="KEN/2012/R1",
        kind="state_report_1373",
        title="Fifth report of Kenya",
        classification="restricted",
        author=personas[Role.FOCAL_POINT],
        state=kenya,
        submitted_by_state=kenya,
    )
    france = MemberState.objects.get(iso3="FRA")
    Document.objects.create(
        reference="FRA/2012/R1",
        kind="state_report_1373",
        title="Report of France",
        classification="restricted",
        author=personas[Role.CTED_EXPERT],
        state=france,
        submitted_by_state=france,
    )

    entries = site.timeline_for(kenya, personas[Role.COMMITTEE_MEMBER], {"documents"})

    assert [(e.title, e.url) for e in entries] == [
        (
            "Document received from the State: KEN/2012/R1 · Fifth report of Kenya",
            f"/en/docs/{document.pk}/",
        )
    ]
