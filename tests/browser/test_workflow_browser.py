"""Consequential steps ask first, in the browser; "waiting for you" on the landing page;
both pages at 390 px and in Arabic (screenshots kept in /tmp to look at)."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from assessments import services
from assessments.enums import AssessmentStatus
from ctc.accounts.enums import Role
from tests.browser.test_accessibility_browser import BLOCKING, RUN_OPTIONS
from tests.conftest import PASSWORD
from tests.factories import AssessmentFactory
from tests.two_factor import sign_in

pytestmark = pytest.mark.browser
S = AssessmentStatus
NO_SIDEWAYS = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def _sign_in(page, username, lang="en"):
    sign_in(page, username, PASSWORD, lang=lang)
    expect(page.locator("h1")).to_be_visible()


@pytest.fixture
def with_committee(reference_data, personas):
    return AssessmentFactory(people=personas, stage=S.WITH_COMMITTEE)


def test_confirmation_before_approve(page, with_committee):
    assessment = with_committee
    _sign_in(page, "chair")
    page.goto(f"/en/assessments/{assessment.pk}/")

    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Approve the {assessment.cycle} assessment of Kenya?"
    )
    expect(page.get_by_test_id("consequences")).to_contain_text(
        "It goes to the secretariat to be sent to the State."
    )
    expect(page.get_by_test_id("consequences")).to_contain_text(
        "The Committee can no longer return it."
    )
    page.get_by_role("link", name="Cancel").click()
    expect(page.get_by_test_id("status")).to_have_text("With the Committee")
    assessment.refresh_from_db()
    assert assessment.status == S.WITH_COMMITTEE

    page.get_by_role("button", name="Approve").click()
    page.get_by_role("button", name="Confirm: Approve").click()

    expect(page.get_by_test_id("status")).to_have_text("Approved")
    expect(page.locator(".message-success")).to_contain_text("Done: Approve.")
    page.screenshot(path="/tmp/wf-approved.png")
    assessment.refresh_from_db()
    assert assessment.status == S.APPROVED
    assert page.console_errors == []


def test_landing_shows_the_expert_a_returned_file_with_its_age_and_due_date(
    page, reference_data, personas
):
    due = timezone.localdate() - datetime.timedelta(days=2)
    assessment = AssessmentFactory(
        people=personas, assignee=personas[Role.CTED_EXPERT], stage=S.CTED_REVIEW
    )
    services.assessment_assign(
        assessment=assessment,
        assignee=personas[Role.CTED_EXPERT],
        due_on=due,
        by=personas[Role.CTED_COORDINATOR],
    )
    services.assessment_return(
        assessment=assessment, by=personas[Role.CTED_COORDINATOR], comment="Add sources."
    )

    _sign_in(page, "expert")

    group = page.locator(".waiting-group", has_text="Returned to you for revision")
    row = group.get_by_role("listitem")
    expect(row).to_have_count(1)
    expect(row.get_by_role("link")).to_have_text(f"Kenya {assessment.cycle}")
    expect(row).to_contain_text("Draft")
    expect(row).to_contain_text(re.compile(r"for 0\xa0minutes"))
    expect(row).to_contain_text(f"due {due.day} {due:%B %Y}")
    expect(row).to_contain_text("Overdue")
    page.screenshot(path="/tmp/wf-landing-expert.png")
    row.get_by_role("link").click()
    expect(page.get_by_test_id("overdue")).to_have_text("Overdue")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_landing_and_confirmation_at_390_px(browser, live_server, reference_data, personas, lang):
    assessment = AssessmentFactory(people=personas, stage=S.WITH_COMMITTEE)
    AssessmentFactory(people=personas, assignee=personas[Role.CTED_EXPERT])
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()

    _sign_in(page, "chair", lang)
    page.goto(f"/{lang}/workspace/")
    expect(page.locator(".waiting-group")).to_have_count(1)
    assert page.evaluate(NO_SIDEWAYS)
    page.screenshot(path=f"/tmp/wf-landing-390-{lang}.png", full_page=True)
    page.goto(f"/{lang}/assessments/{assessment.pk}/")
    page.locator("form.action-form", has=page.locator("input[value=approve]")).locator(
        "button"
    ).click()
    expect(page.locator(".confirm-form")).to_be_visible()
    assert page.evaluate(NO_SIDEWAYS)
    assert page.evaluate("document.documentElement.dir") == ("rtl" if lang == "ar" else "ltr")
    page.screenshot(path=f"/tmp/wf-confirm-390-{lang}.png", full_page=True)
    # The confirmation answers a POST, so the axe crawl never reaches it: checked here.
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page, options=RUN_OPTIONS).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in BLOCKING] == []
    context.close()
