"""The plan's pages: list, form, detail with its next-step panel, calendar, programme,
calendar feed, secure area."""

import datetime
import re

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from ctc.accounts.enums import Role
from ctc.organisations.models import AccessGrant, Organisation
from ctc.states.models import MemberState
from tests.factories import UserFactory, VisitFactory
from visits import services
from visits.enums import ConsentStatus, VisitStatus
from visits.models import CalendarFeed, Visit, VisitTransition

pytestmark = pytest.mark.django_db

D = datetime.date


def _page(client, user, name, *args, **query):
    client.force_login(user)
    response = client.get(reverse(name, args=args), query)
    return response, response.content.decode()


def _next_panel(html: str) -> str:
    start = html.index('id="next-title"')
    return " ".join(html[start : html.index("</ul>", start)].split())


# --- List --------------------------------------------------------------------------------


def test_list_filters_by_status_and_search(client, personas):
    VisitFactory(reference="VIS/KEN/2012/1", status=VisitStatus.APPROVED)
    VisitFactory(reference="VIS/KEN/2012/2", purpose="Maritime security.")
    coordinator = personas[Role.CTED_COORDINATOR]

    _r, html = _page(client, coordinator, "visits:list", status="approved")
    assert "VIS/KEN/2012/1" in html and "VIS/KEN/2012/2" not in html
    _r, html = _page(client, coordinator, "visits:list", q="maritime")
    assert "VIS/KEN/2012/2" in html and "VIS/KEN/2012/1" not in html


def test_list_my_visits_and_joint(client, personas):
    expert = personas[Role.CTED_EXPERT]
    monitoring = Organisation.objects.get(code="1267-monitoring-team")
    VisitFactory(reference="VIS/A/1", experts=[expert])
    VisitFactory(reference="VIS/B/1", partners=[monitoring])

    _r, html = _page(client, expert, "visits:list", mine="on")
    assert "VIS/A/1" in html and "VIS/B/1" not in html
    _r, html = _page(client, expert, "visits:list", joint="yes")
    assert "VIS/B/1" in html and "VIS/A/1" not in html


def test_list_with_a_bad_filter_answers_400(client, personas):
    response, html = _page(client, personas[Role.CTED_EXPERT], "visits:list", state="ZZZ")
    assert response.status_code == 400
    assert "No member state has this code." in html


def test_committee_sees_only_plans_before_it(client, personas):
    VisitFactory(reference="VIS/DRAFT/1")
    VisitFactory(reference="VIS/SENT/1", status=VisitStatus.AWAITING_APPROVAL)
    _r, html = _page(client, personas[Role.COMMITTEE_MEMBER], "visits:list")
    assert "VIS/SENT/1" in html and "VIS/DRAFT/1" not in html


# --- Create and edit ---------------------------------------------------------------------


def _form(**overrides):
    data = {
        "state": "KEN",
        "starts_on": "2012-05-14",
        "ends_on": "2012-05-18",
        "purpose": "Assess resolution 1373.",
        "objectives": "Meet the border police.",
        "human_rights": "Meet the ombudsman.",
    }
    return {**data, **overrides}


def test_create_page_proposes_and_redirects(client, personas):
    coordinator = personas[Role.CTED_COORDINATOR]
    client.force_login(coordinator)
    expert = personas[Role.CTED_EXPERT]
    response = client.post(reverse("visits:create"), _form(experts=[expert.pk]))
    visit = Visit.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("visits:detail", args=[visit.pk])
    assert visit.reference == "VIS/KEN/2012/1"
    assert list(visit.experts.all()) == [expert]


def test_create_page_shows_field_errors_and_writes_nothing(client, personas):
    client.force_login(personas[Role.CTED_COORDINATOR])
    committee = personas[Role.COMMITTEE_MEMBER]
    response = client.post(
        reverse("visits:create"), _form(ends_on="2012-05-01", experts=[committee.pk])
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "The last day cannot be before the first day." in html
    assert 'id="id_experts_error"' in html
    assert Visit.objects.count() == 0


def test_edit_page_refuses_a_submitted_plan(client, personas):
    coordinator = personas[Role.CTED_COORDINATOR]
    visit = VisitFactory(status=VisitStatus.AWAITING_APPROVAL)
    response, _html = _page(client, coordinator, "visits:edit", visit.pk)
    assert response.status_code == 403


# --- Detail: the next step at every stage ------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {},
            [
                "Submit the plan to the Committee for approval — by a CTED coordinator.",
                "Request the State's consent — by a CTED coordinator.",
            ],
        ),
        (
            {
                "status": "awaiting_approval",
                "consent_status": "requested",
                "consent_requested_on": D(2012, 3, 3),
                "consent_request_reference": "NV/12/31",
                "consent_answer_due_on": D(2012, 4, 3),
            },
            [
                "Waiting for the Committee's approval — the approval or return is recorded by "
                "a Committee member or the Chair, with the date and reference of the decision.",
                "Waiting for the State's consent — requested 3 March 2012 (NV/12/31), answer "
                "expected by 3 April 2012; recorded by a CTED expert or the State's focal "
                "point.",
            ],
        ),
        (
            {"status": "approved", "consent_status": "given"},
            ["Both gates are passed: confirm the visit — by a CTED coordinator."],
        ),
        (
            {"status": "approved", "consent_status": "declined"},
            [
                "The State's consent is “Declined”: request it again or cancel the visit — by "
                "a CTED coordinator."
            ],
        ),
        (
            {"status": "confirmed", "consent_status": "given", "starts_on": D(2012, 5, 14)},
            ["Record that the visit took place — by a CTED expert or coordinator."],
        ),
        (
            {"status": "done", "consent_status": "given"},
            ["The visit took place: the report comes next, written by the CTED team."],
        ),
        (
            {"status": "done", "consent_status": "given", "report_status": "with_committee"},
            [
                "The report is with the Committee: it is approved or returned — by a Committee "
                "member or the Chair."
            ],
        ),
        (
            {"status": "done", "consent_status": "given", "report_status": "transmitted"},
            [
                "The report was transmitted to the State: its recommendations are followed up "
                "— by the CTED team."
            ],
        ),
        ({"status": "cancelled"}, ["The visit is cancelled: nothing more happens."]),
    ],
)
def test_detail_next_step_panel_says_what_and_who(client, personas, fields, expected):
    visit = VisitFactory(**fields)
    _r, html = _page(client, personas[Role.CTED_COORDINATOR], "visits:detail", visit.pk)
    panel = _next_panel(html)
    for sentence in expected:
        assert sentence.replace("'", "&#x27;") in panel
    assert panel.count("<li>") == len(expected)


def test_detail_shows_gates_and_history(client, personas):
    coordinator = personas[Role.CTED_COORDINATOR]
    visit = VisitFactory(status=VisitStatus.AWAITING_APPROVAL, coordinator=coordinator)
    services.visit_approve(
        visit=visit, dated=D(2012, 3, 5), reference="CTC/2012/7", by=personas[Role.CHAIR]
    )
    _r, html = _page(client, coordinator, "visits:detail", visit.pk)
    assert "Approved on 5 March 2012 (CTC/2012/7)" in html
    assert "Approve the visit" in html  # the history's step
    assert "Meetings with the national human-rights institution" in html


def test_detail_offers_only_the_viewers_steps(client, personas):
    visit = VisitFactory(status=VisitStatus.AWAITING_APPROVAL)
    _r, chair_html = _page(client, personas[Role.CHAIR], "visits:detail", visit.pk)
    _r, expert_html = _page(client, personas[Role.CTED_EXPERT], "visits:detail", visit.pk)
    assert 'value="approve"' in chair_html and 'name="approve-reference"' in chair_html
    assert 'value="approve"' not in expert_html


def test_step_post_approves_with_date_and_reference(client, personas):
    visit = VisitFactory(status=VisitStatus.AWAITING_APPROVAL)
    client.force_login(personas[Role.CHAIR])
    today = timezone.localdate().isoformat()
    response = client.post(
        reverse("visits:step", args=[visit.pk]),
        {"action": "approve", "approve-dated": today, "approve-reference": "CTC/1"},
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert (visit.status, visit.approval_reference) == (VisitStatus.APPROVED, "CTC/1")


def test_step_post_with_a_future_date_answers_400_next_to_the_field(client, personas):
    visit = VisitFactory(status=VisitStatus.AWAITING_APPROVAL)
    client.force_login(personas[Role.CHAIR])
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    response = client.post(
        reverse("visits:step", args=[visit.pk]),
        {"action": "approve", "approve-dated": future, "approve-reference": "CTC/1"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_approve-dated_error"' in html
    assert "The date cannot be in the future." in html
    assert Visit.objects.get(pk=visit.pk).status == VisitStatus.AWAITING_APPROVAL


def test_step_post_confirm_names_the_missing_gate(client, personas):
    visit = VisitFactory(status=VisitStatus.APPROVED, consent_status=ConsentStatus.REQUESTED)
    client.force_login(personas[Role.CTED_COORDINATOR])
    response = client.post(reverse("visits:step", args=[visit.pk]), {"action": "confirm"})
    assert response.status_code == 400
    assert "the State&#x27;s consent is missing" in response.content.decode()


def test_step_post_by_a_committee_member_to_confirm_is_403(client, personas):
    visit = VisitFactory(status=VisitStatus.APPROVED, consent_status=ConsentStatus.GIVEN)
    client.force_login(personas[Role.CHAIR])
    response = client.post(reverse("visits:step", args=[visit.pk]), {"action": "confirm"})
    assert response.status_code == 403
    assert VisitTransition.objects.count() == 0


# --- Calendar and programme --------------------------------------------------------------


def test_calendar_shows_a_visit_on_each_of_its_days(client, personas):
    visit = VisitFactory(starts_on=D(2012, 5, 30), ends_on=D(2012, 6, 2))
    VisitFactory(reference="VIS/CAN/1", status=VisitStatus.CANCELLED)
    _r, may = _page(client, personas[Role.CTED_EXPERT], "visits:calendar", year=2012, month=5)
    _r, june = _page(client, personas[Role.CTED_EXPERT], "visits:calendar", year=2012, month=6)
    link = f'href="{reverse("visits:detail", args=[visit.pk])}"'
    # 30 and 31 May, then 1 and 2 June in the grid's last week.
    assert may.count(f'class="visit-calendar-item visit-status-proposed" {link}') == 4
    assert "May 2012" in may and "?year=2012&amp;month=6" in may and "?year=2012&amp;month=4" in may
    assert june.count(f'class="visit-calendar-item visit-status-proposed" {link}') == 4
    assert "VIS/TST" not in june.split('id="month-list-title"')[0]
    assert "VIS/CAN/1" not in may


def test_calendar_with_a_bad_month_is_404(client, personas):
    response, _html = _page(client, personas[Role.CTED_EXPERT], "visits:calendar", month=13)
    assert response.status_code == 404


@override_settings(VISITS_TARGET_PER_YEAR=4)
def test_programme_counts_each_gate_and_the_gap(client, personas):
    VisitFactory(starts_on=D(2012, 2, 1), ends_on=D(2012, 2, 3))
    VisitFactory(starts_on=D(2012, 3, 1), ends_on=D(2012, 3, 3), consent_status="given")
    VisitFactory(starts_on=D(2012, 4, 1), ends_on=D(2012, 4, 3), status="approved")
    VisitFactory(
        starts_on=D(2012, 5, 1), ends_on=D(2012, 5, 3), status="done", consent_status="given"
    )
    VisitFactory(starts_on=D(2012, 6, 1), ends_on=D(2012, 6, 3), status="cancelled")
    VisitFactory(starts_on=D(2013, 6, 1), ends_on=D(2013, 6, 3), status="confirmed")
    _r, html = _page(client, personas[Role.CTED_COORDINATOR], "visits:programme")

    def figure(year, name):
        row = html[html.index(f'?year={year}">{year}</a>') :]
        return re.search(rf'data-figure="{name}">(?:<a [^>]*>)?(\d+)', row).group(1)

    assert [figure(2012, n) for n in ("proposed", "consented", "approved", "done", "gap")] == [
        "4",
        "2",
        "2",
        "1",
        "2",
    ]
    assert [figure(2013, n) for n in ("proposed", "approved", "gap")] == ["1", "1", "3"]


# --- Calendar feed -----------------------------------------------------------------------


def test_feed_lists_only_the_persons_visits_with_cancelled_ones_marked(client, personas):
    expert = personas[Role.CTED_EXPERT]
    VisitFactory(reference="VIS/KEN/2012/1", experts=[expert], purpose="Borders, ports; airports.")
    VisitFactory(reference="VIS/KEN/2012/2", experts=[expert], status="cancelled")
    VisitFactory(reference="VIS/KEN/2012/3")
    feed = services.feed_renew(by=expert)

    response = client.get(reverse("visits:feed", args=[feed.token]))
    text = response.content.decode()

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 2
    assert "SUMMARY:VIS/KEN/2012/1 · Kenya" in text
    assert "DTSTART;VALUE=DATE:20120514\r\nDTEND;VALUE=DATE:20120519" in text
    assert "DESCRIPTION:Borders\\, ports\\; airports." in text
    assert "STATUS:CANCELLED" in text and "STATUS:TENTATIVE" in text
    assert "VIS/KEN/2012/3" not in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_feed_of_a_partner_lists_its_organisations_visits(client, personas):
    partner = personas[Role.PARTNER_ANALYST]
    VisitFactory(reference="VIS/J/1", partners=[partner.organisation])
    VisitFactory(reference="VIS/N/1")
    feed = services.feed_renew(by=partner)
    text = client.get(reverse("visits:feed", args=[feed.token])).content.decode()
    assert "VIS/J/1" in text and "VIS/N/1" not in text


def test_revoked_feed_token_answers_404(client, personas):
    expert = personas[Role.CTED_EXPERT]
    old = services.feed_renew(by=expert)
    new = services.feed_renew(by=expert)
    assert client.get(reverse("visits:feed", args=[old.token])).status_code == 404
    assert client.get(reverse("visits:feed", args=[new.token])).status_code == 200
    assert client.get(reverse("visits:feed", args=["guess"])).status_code == 404


def test_feeds_page_makes_and_revokes_the_address(client, personas):
    expert = personas[Role.CTED_EXPERT]
    client.force_login(expert)
    assert client.post(reverse("visits:feeds")).status_code == 302
    feed = CalendarFeed.objects.get(user=expert)
    html = client.get(reverse("visits:feeds")).content.decode()
    assert feed.token in html
    client.post(reverse("visits:feeds"), {"revoke": "1"})
    assert CalendarFeed.objects.get(user=expert).revoked_at is not None


# --- Secure area -------------------------------------------------------------------------


def test_focal_point_sees_its_states_visits_once_consent_was_asked(client, personas):
    VisitFactory(reference="VIS/KEN/2012/1")
    asked = VisitFactory(reference="VIS/KEN/2012/2", consent_status="requested")
    _r, html = _page(client, personas[Role.FOCAL_POINT], "visits_secure:list")
    assert "VIS/KEN/2012/2" in html and "VIS/KEN/2012/1" not in html
    response, html = _page(client, personas[Role.FOCAL_POINT], "visits_secure:detail", asked.pk)
    assert response.status_code == 200
    assert 'value="record_consent"' in html and 'value="record_decline"' in html


def test_focal_point_gives_consent_in_the_secure_area(client, personas):
    visit = VisitFactory(consent_status="requested", consent_requested_on=D(2012, 3, 3))
    client.force_login(personas[Role.FOCAL_POINT])
    today = timezone.localdate().isoformat()
    response = client.post(
        reverse("visits_secure:consent", args=[visit.pk]),
        {
            "action": "record_consent",
            "record_consent-dated": today,
            "record_consent-reference": "NV/KEN/1",
        },
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert (visit.consent_status, visit.consent_reference) == ("given", "NV/KEN/1")


def test_focal_point_of_another_state_gets_404(client):
    visit = VisitFactory(consent_status="requested")
    fra = UserFactory(roles=[Role.FOCAL_POINT], member_state=MemberState.objects.get(iso3="FRA"))
    response, _html = _page(client, fra, "visits_secure:detail", visit.pk)
    assert response.status_code == 404


def test_schedule_needs_a_grant_in_force(client, personas):
    partner = personas[Role.PARTNER_ANALYST]
    VisitFactory(reference="VIS/OK/1", status="approved")
    VisitFactory(reference="VIS/NO/1")
    response, _html = _page(client, partner, "visits_secure:schedule")
    assert response.status_code == 404
    AccessGrant.objects.create(
        organisation=partner.organisation,
        scope="visit_schedule",
        expires_at=timezone.now() + datetime.timedelta(days=30),
        granted_by=personas[Role.ADMINISTRATOR],
    )
    client.logout()
    partner = type(partner).objects.get(pk=partner.pk)
    response, html = _page(client, partner, "visits_secure:schedule")
    assert response.status_code == 200
    assert "VIS/OK/1" in html and "VIS/NO/1" not in html


def test_waiting_lists_plans_for_the_committee_and_consent_for_focal_points(personas):
    from visits import selectors

    VisitFactory(status="awaiting_approval")
    VisitFactory(consent_status="requested", consent_answer_due_on=D(2012, 4, 3))
    VisitFactory(status="approved", consent_status="given")
    committee = selectors.waiting(personas[Role.COMMITTEE_MEMBER], today=D(2012, 5, 1))
    coordinator = selectors.waiting(personas[Role.CTED_COORDINATOR], today=D(2012, 5, 1))
    focal = selectors.waiting(personas[Role.FOCAL_POINT], today=D(2012, 5, 1))
    assert [(i.label, i.count) for i in committee] == [("Visit plans awaiting approval", 1)]
    assert [(i.label, i.count) for i in coordinator] == [
        ("Visits ready to confirm", 1),
        ("Consent requests past their expected answer", 1),
    ]
    assert coordinator[1].files[0].overdue
    assert [(i.label, i.count) for i in focal] == [("Consent requests to answer", 1)]


def test_workspace_landing_lists_plans_awaiting_the_committee(client, personas):
    visit = VisitFactory(status=VisitStatus.AWAITING_APPROVAL)
    client.force_login(personas[Role.CHAIR])
    html = client.get("/en/workspace/").content.decode()
    assert "Visit plans awaiting approval" in html
    assert reverse("visits:detail", args=[visit.pk]) in html
