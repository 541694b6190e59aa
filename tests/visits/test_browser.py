"""A visit in a real browser, from the coordinator's proposal through the State's consent
and the Committee's approval to the report the Kenya focal point finds in the secure area
(filed by a real Celery worker); bad input on the pages; the plan in Arabic. Screenshots at
1280 and 390 px go to $CTC_SCREENSHOT_DIR, else to the git-ignored test-results/."""

import datetime
import os
from pathlib import Path

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from ctc.accounts.enums import Role
from ctc.organisations.models import Organisation
from ctc.public.tasks import worker_ping_task
from tests.conftest import ROOT, tasks_on_worker, wait_until
from tests.factories import VisitFactory
from tests.two_factor import sign_in
from visits import services
from visits.enums import ConsentStatus, ReportStatus, VisitAction, VisitStatus
from visits.models import Visit, VisitReportTransmission

pytestmark = pytest.mark.browser
A = VisitAction
NO_SIDEWAYS = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
WIDTHS = (1280, 390)


@pytest.fixture(scope="module")
def screenshot_dir() -> Path:
    chosen = os.environ.get("CTC_SCREENSHOT_DIR")
    path = Path(chosen) if chosen else ROOT / "test-results" / "visits"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def worker(reference_data, settings):
    """A real worker on its own queue: the transmitted report's PDF is filed there."""
    queue = f"test-visit-browser-{os.getpid()}"
    with tasks_on_worker(queue):
        worker_ping_task.apply_async(queue=queue).get(timeout=60)
        yield queue


def _signed_in(browser, live_server, username, *, lang="en", width=1280):
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.console_errors = errors
    sign_in(page, username, lang=lang)
    expect(page.locator("h1")).to_be_visible()
    return page


def _shots(page, screenshot_dir, name):
    """The page as it is at 1280 and at 390 px, with no sideways scrolling on the phone."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate(NO_SIDEWAYS), f"{name} scrolls sideways at {width} px"
        page.screenshot(path=screenshot_dir / f"{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _badge(page):
    return page.locator("span.badge[class*='visit-status-']")


def _next(page):
    return page.locator(".visit-next-steps li")


def _take(page, label, **fields):
    """Fills one step's form on the plan page (fields by label) and takes the step."""
    form = page.locator("form.visit-step", has=page.get_by_role("heading", name=label, exact=True))
    for name, value in fields.items():
        form.get_by_label(name, exact=True).fill(value)
    form.get_by_role("button", name=label, exact=True).click()
    expect(page.locator(".message-success")).to_contain_text(f"Done: {label}.")


def _step_forms(page):
    return page.locator("form.visit-step h3")


def _report_action(page, label):
    page.locator("form.action-form").get_by_role("button", name=label, exact=True).click()
    expect(page.locator(".message-success")).to_contain_text(f"Done: {label}.")


def _report_shows(page, status, next_step):
    """The report page's status badge and its "next step and who takes it" panel."""
    expect(page.locator(".facts .badge")).to_have_text(status)
    expect(_next(page)).to_have_text([next_step])


DRAFT_NEXT = (
    "The report is a draft: it is written and submitted for CTED review — by a CTED expert or "
    "coordinator."
)
TRANSMITTED_NEXT = (
    "The report was transmitted to the State: its recommendations are followed up — by the "
    "CTED team."
)


def _propose(page, *, state="KEN", starts_on, ends_on, expert=None, partner=None):
    page.goto("/en/visits/new/")
    page.get_by_label("State", exact=True).select_option(state)
    page.get_by_label("First day").fill(starts_on.isoformat())
    page.get_by_label("Last day").fill(ends_on.isoformat())
    page.get_by_label("Purpose").fill("Assess the implementation of resolution 1373 (2001).")
    page.get_by_label("Objectives").fill("Meet the border agencies and the financial unit.")
    page.get_by_label("Human-rights considerations").fill(
        "Meet the national human-rights institution and civil society."
    )
    if expert is not None:
        page.get_by_label("CTED experts on the team").select_option(str(expert.pk))
    if partner is not None:
        page.get_by_label("Partner organisations joining the visit").select_option(str(partner.pk))
    page.get_by_role("button", name="Propose the visit").click()


@pytest.mark.celery_worker
def test_visit_goes_from_proposal_through_both_gates_to_a_report_the_state_receives(
    browser, live_server, reference_data, personas, worker, screenshot_dir
):
    today = timezone.localdate()
    starts_on, ends_on = today - datetime.timedelta(days=20), today - datetime.timedelta(days=16)
    day = date_format(today, "DATE_FORMAT")
    due = today + datetime.timedelta(days=45)
    expert = personas[Role.CTED_EXPERT]
    partner = Organisation.objects.get(code="1267-monitoring-team")

    # The coordinator proposes the visit through the form.
    coordinator = _signed_in(browser, live_server, "coordinator")
    _propose(coordinator, starts_on=starts_on, ends_on=ends_on, expert=expert, partner=partner)
    visit = Visit.objects.get()
    expect(coordinator.locator(".message-success")).to_contain_text(
        f"The visit {visit.reference} was proposed."
    )
    expect(coordinator.locator("h1")).to_have_text(f"{visit.reference} · Kenya")
    expect(_badge(coordinator)).to_have_text("Proposed")
    expect(_next(coordinator)).to_have_text(
        [
            "Submit the plan to the Committee for approval — by a CTED coordinator.",
            "Request the State's consent — by a CTED coordinator.",
        ]
    )
    team = coordinator.get_by_role("region", name="Team")
    expect(team).to_contain_text(expert.get_full_name() or expert.username)
    expect(team).to_contain_text(partner.name)
    _shots(coordinator, screenshot_dir, "visit-proposed")

    # It goes to the Committee, and the State is asked for its consent.
    _take(coordinator, "Submit to the Committee for approval")
    expect(_badge(coordinator)).to_have_text("Awaiting the Committee's approval")
    _take(
        coordinator,
        "Request the State's consent",
        Date=today.isoformat(),
        Reference="NV/KEN/2026/12",
        **{"Answer expected by": due.isoformat()},
    )
    requested = (
        f"requested {day} (NV/KEN/2026/12), answer expected by {date_format(due, 'DATE_FORMAT')}"
    )
    expect(_next(coordinator)).to_have_text(
        [
            "Waiting for the Committee's approval — the approval or return is recorded by a "
            "Committee member or the Chair, with the date and reference of the decision.",
            f"Waiting for the State's consent — {requested}; recorded by a CTED expert or the "
            "State's focal point.",
        ]
    )
    expect(coordinator.get_by_role("region", name="Gates before confirmation")).to_contain_text(
        f"Requested on {day} (NV/KEN/2026/12)"
    )
    # No confirmation is offered before both gates are passed.
    expect(coordinator.get_by_role("button", name="Confirm the visit")).to_have_count(0)

    # The Chair records the Committee's approval with its date and reference.
    chair = _signed_in(browser, live_server, "chair")
    chair.goto(f"/en/visits/{visit.pk}/")
    expect(_badge(chair)).to_have_text("Awaiting the Committee's approval")
    expect(_step_forms(chair)).to_have_text(["Approve the visit", "Return the plan for revision"])
    _take(chair, "Approve the visit", Date=today.isoformat(), Reference="CTC/2026/APP/7")
    expect(_badge(chair)).to_have_text("Approved by the Committee")
    expect(chair.get_by_role("region", name="Gates before confirmation")).to_contain_text(
        f"Approved on {day} (CTC/2026/APP/7)"
    )
    expect(_next(chair)).to_have_text(
        [
            f"Waiting for the State's consent — {requested}; recorded by a CTED expert or the "
            "State's focal point."
        ]
    )
    expect(_step_forms(chair)).to_have_count(0)

    # Kenya's focal point gives the consent in the secure area.
    focal = _signed_in(browser, live_server, "focal_ken")
    focal.goto("/en/secure/visits/")
    focal.get_by_role("link", name=visit.reference).click()
    expect(focal.locator("h1")).to_have_text(f"{visit.reference} · Kenya")
    expect(_step_forms(focal)).to_have_text(
        ["Record the State's consent", "Record that the State declined"]
    )
    _shots(focal, screenshot_dir, "visit-consent-secure")
    _take(focal, "Record the State's consent", Date=today.isoformat(), Reference="KEN/MFA/881")
    expect(focal.get_by_role("region", name="Gates before confirmation")).to_contain_text(
        f"Answered on {day} (KEN/MFA/881)"
    )
    expect(_step_forms(focal)).to_have_count(0)

    # Both gates passed: the coordinator confirms, then records that the visit took place.
    coordinator.reload()
    expect(_next(coordinator)).to_have_text(
        ["Both gates are passed: confirm the visit — by a CTED coordinator."]
    )
    _take(coordinator, "Confirm the visit")
    expect(_badge(coordinator)).to_have_text("Confirmed")
    expect(_next(coordinator)).to_have_text(
        ["Record that the visit took place — by a CTED expert or coordinator."]
    )
    _take(coordinator, "Record that the visit took place")
    expect(_badge(coordinator)).to_have_text("Carried out")
    expect(_next(coordinator)).to_have_text(
        ["The visit took place: the report comes next, written by the CTED team."]
    )
    history = coordinator.locator(".visit-history tbody tr td:nth-child(2)")
    expect(history).to_have_text(
        [
            "Submit to the Committee for approval",
            "Request the State's consent",
            "Approve the visit",
            "Record the State's consent",
            "Confirm the visit",
            "Record that the visit took place",
        ]
    )
    _shots(coordinator, screenshot_dir, "visit-done")

    # The expert starts the report, writes it in the editor and submits it.
    writer = _signed_in(browser, live_server, "expert")
    writer.goto(f"/en/visits/{visit.pk}/")
    writer.get_by_role("link", name="Report", exact=True).click()
    _report_shows(
        writer,
        "Not started",
        "The visit took place: the report comes next, written by the CTED team.",
    )
    writer.get_by_role("button", name="Start the report").click()
    expect(writer.locator(".message-success")).to_contain_text("The report was started.")
    _report_shows(writer, "Draft", DRAFT_NEXT)
    for name, text in (
        ("Summary", "The team visited Nairobi and Mombasa."),
        ("Human rights", "The team met the national human-rights institution."),
    ):
        section = writer.locator(".report-section", has=writer.get_by_role("heading", name=name))
        section.get_by_role("textbox", name=name).fill(text)
        section.get_by_role("button", name="Save", exact=True).click()
        expect(section.get_by_role("status")).to_have_text("Saved.")
    assert writer.evaluate(NO_SIDEWAYS)
    _shots(writer, screenshot_dir, "visit-report-draft")
    _report_action(writer, "Submit the report for CTED review")
    cted_review_next = (
        "The report is in CTED review: it is sent to the Committee or returned — by a CTED "
        "coordinator."
    )
    _report_shows(writer, "CTED review", cted_review_next)
    expect(writer.locator("form.action-form")).to_have_count(0)
    expect(writer.get_by_role("region", name="Actions")).to_contain_text(
        "No action is open to you at this stage."
    )

    # The coordinator sends it to the Committee; a Committee member approves it.
    coordinator.goto(f"/en/visits/{visit.pk}/report/")
    _report_shows(coordinator, "CTED review", cted_review_next)
    _report_action(coordinator, "Send the report to the Committee")
    with_committee_next = (
        "The report is with the Committee: it is approved or returned — by a Committee member "
        "or the Chair."
    )
    _report_shows(coordinator, "With the Committee", with_committee_next)

    member = _signed_in(browser, live_server, "committee")
    member.goto(f"/en/visits/{visit.pk}/report/")
    _report_shows(member, "With the Committee", with_committee_next)
    expect(member.locator(".report-section", has_text="Summary")).to_contain_text(
        "The team visited Nairobi and Mombasa."
    )
    _report_action(member, "Approve the report")
    _report_shows(
        member,
        "Approved by the Committee",
        "The report is approved: it is transmitted to the State — by a CTED coordinator.",
    )

    # The coordinator transmits it; the worker files it for Kenya.
    coordinator.reload()
    _report_action(coordinator, "Transmit the report to the State")
    _report_shows(coordinator, "Transmitted to the State", TRANSMITTED_NEXT)
    transmission = VisitReportTransmission.objects.get(visit=visit)
    assert wait_until(
        lambda: VisitReportTransmission.objects.get(pk=transmission.pk).document_id is not None
    )
    coordinator.reload()
    expect(coordinator.get_by_role("region", name="In the document area")).to_contain_text(
        f"Report of the visit to Kenya ({visit.reference})"
    )
    history = coordinator.locator(".history-list li strong")
    expect(history).to_have_text(
        [
            "Submit the report for CTED review",
            "Send the report to the Committee",
            "Approve the report",
            "Transmit the report to the State",
        ]
    )
    _shots(coordinator, screenshot_dir, "visit-report-transmitted")
    coordinator.get_by_role("link", name="The plan", exact=True).click()
    expect(_badge(coordinator)).to_have_text("Carried out")
    expect(_next(coordinator)).to_have_text([TRANSMITTED_NEXT])

    # Kenya's focal point finds it in the secure area's inbox and opens it.
    focal.goto("/en/secure/")
    row = focal.locator("[data-testid=inbox] tbody tr", has_text=f"{visit.reference}/REPORT")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Not yet opened")
    row.get_by_role("link", name=f"{visit.reference}/REPORT").click()
    expect(focal.locator("h1")).to_contain_text(f"Report of the visit to Kenya ({visit.reference})")
    _shots(focal, screenshot_dir, "visit-report-secure-document")

    visit.refresh_from_db()
    assert (visit.status, visit.consent_status, visit.report_status) == (
        VisitStatus.DONE,
        ConsentStatus.GIVEN,
        ReportStatus.TRANSMITTED,
    )
    for page in (coordinator, chair, focal, writer, member):
        assert page.console_errors == []


def test_visit_form_with_the_last_day_before_the_first_says_so_and_creates_nothing(
    browser, live_server, reference_data, personas, screenshot_dir
):
    today = timezone.localdate()
    page = _signed_in(browser, live_server, "coordinator")

    _propose(page, starts_on=today, ends_on=today - datetime.timedelta(days=1))

    expect(page.locator("h1")).to_have_text("Propose a visit")
    field = page.locator(".field", has=page.get_by_label("Last day"))
    expect(field.locator(".field-error")).to_have_text(
        "The last day cannot be before the first day."
    )
    expect(page.get_by_label("Purpose")).to_have_value(
        "Assess the implementation of resolution 1373 (2001)."
    )
    _shots(page, screenshot_dir, "visit-form-error")
    assert Visit.objects.count() == 0


def test_confirming_before_the_state_consents_is_refused_with_the_reason(
    browser, live_server, reference_data, personas, screenshot_dir
):
    coordinator = personas[Role.CTED_COORDINATOR]
    visit = VisitFactory(coordinator=coordinator)
    today = timezone.localdate()
    services.visit_transition(visit=visit, action=A.SUBMIT, by=coordinator)
    services.visit_transition(
        visit=visit, action=A.REQUEST_CONSENT, by=coordinator, dated=today, reference="NV/1"
    )
    services.visit_transition(
        visit=visit, action=A.APPROVE, by=personas[Role.CHAIR], dated=today, reference="CTC/1"
    )
    page = _signed_in(browser, live_server, "coordinator")
    page.goto(f"/en/visits/{visit.pk}/")
    expect(page.get_by_role("button", name="Confirm the visit")).to_have_count(0)

    # A page left open elsewhere, or a forged request, posts the confirmation anyway.
    page.locator("form.visit-step input[name=action]").first.evaluate(
        "input => { input.value = 'confirm'; input.form.submit(); }"
    )

    summary = page.locator(".visit-next .error-summary")
    expect(summary).to_be_visible()
    expect(summary.locator("li")).to_have_text(
        ["The visit cannot be confirmed yet: the State's consent is missing."]
    )
    expect(_badge(page)).to_have_text("Approved by the Committee")
    _shots(page, screenshot_dir, "visit-confirm-refused")
    visit.refresh_from_db()
    assert (visit.status, visit.consent_status) == (VisitStatus.APPROVED, ConsentStatus.REQUESTED)


def test_plan_in_arabic_reads_right_to_left_with_the_next_step_translated(
    browser, live_server, reference_data, personas, screenshot_dir
):
    visit = VisitFactory(coordinator=personas[Role.CTED_COORDINATOR], human_rights="Safeguards.")
    page = _signed_in(browser, live_server, "coordinator", lang="ar")

    page.goto(f"/ar/visits/{visit.pk}/")

    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"
    expect(page.locator("#next-title")).to_have_text("الخطوة التالية")
    expect(_next(page)).to_have_text(
        [
            "تقديم الخطة إلى اللجنة للموافقة عليها — من قبل منسق من المديرية التنفيذية.",
            "طلب موافقة الدولة — من قبل منسق من المديرية التنفيذية.",
        ]
    )
    _shots(page, screenshot_dir, "visit-plan-ar")
