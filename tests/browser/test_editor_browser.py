"""An expert drafts in the browser; a subcommittee member then reads the file."""

import re

import pytest
from playwright.sync_api import expect

from assessments import services
from assessments.enums import AssessmentStatus
from ctc.accounts.enums import Role
from tests.conftest import PASSWORD
from tests.factories import AssessmentFactory
from tests.two_factor import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def draft(reference_data, personas):
    """Kenya's draft on a small format (1.1, 1.2, 2.1 on human rights), assigned to the expert."""
    return AssessmentFactory(people=personas, assignee=personas[Role.CTED_EXPERT])


def _sign_in(page, username):
    sign_in(page, username, PASSWORD)
    expect(page.get_by_role("heading", name=re.compile("Welcome"))).to_be_visible()


def test_expert_edits_saves_sees_versions_submits_and_subcommittee_reads(
    page, browser, live_server, draft, personas
):
    answer = draft.answers.get(question__code="1.1")
    rights = draft.answers.get(question__code="2.1")
    _sign_in(page, "expert")
    page.goto(f"/en/assessments/{draft.pk}/")
    page.evaluate("window.notReloaded = true")

    block = page.locator(f"#q-{answer.pk}")
    block.get_by_role("textbox", name="Finding").fill("Terrorism is an offence under the 2005 Act.")
    block.get_by_label("Implementation status").select_option("implemented")
    block.get_by_role("button", name="Save").click()
    expect(block.get_by_role("status")).to_have_text("Saved.")
    rights_block = page.locator(f"#q-{rights.pk}")
    rights_block.get_by_role("textbox", name="Finding").fill("Safeguards exist.")
    rights_block.get_by_label("Implementation status").select_option("partially")
    rights_block.get_by_role("button", name="Save").click()
    expect(rights_block.get_by_role("status")).to_have_text("Saved.")

    expect(page.get_by_test_id("progress")).to_have_text("2 of 3 questions answered")
    expect(page.locator("#progress")).to_contain_text("Human-rights section complete")
    assert page.evaluate("window.notReloaded") is True
    assert page.console_errors == []
    answer.refresh_from_db()
    assert answer.finding == "Terrorism is an offence under the 2005 Act."

    page.get_by_role("link", name="Versions and comparison").click()
    expect(page.get_by_role("cell", name="Finding 1.1")).to_be_visible()
    page.get_by_role("button", name="Compare side by side").click()
    expect(page.locator("ins").first).to_be_visible()

    page.goto(f"/en/assessments/{draft.pk}/")
    page.get_by_role("button", name="Submit for CTED review").click()
    page.get_by_role("button", name="Confirm: Submit for CTED review").click()
    expect(page.get_by_test_id("status")).to_have_text("CTED review")

    services.assessment_send_to_subcommittee(assessment=draft, by=personas[Role.CTED_COORDINATOR])
    delegate = browser.new_context(base_url=live_server.url).new_page()
    _sign_in(delegate, "sub_b")
    delegate.get_by_role("link", name="Assessments", exact=True).click()
    delegate.get_by_role("link", name="Kenya").click()
    expect(delegate.locator(".finding-text", has_text="under the 2005 Act.")).to_be_visible()
    expect(delegate.get_by_role("button", name="Recommend to the Committee")).to_be_visible()
    draft.refresh_from_db()
    assert draft.status == AssessmentStatus.WITH_SUBCOMMITTEE


def test_two_experts_on_one_finding_the_second_sees_the_conflict(page, browser, live_server, draft):
    answer = draft.answers.get(question__code="1.1")
    colleague = browser.new_context(base_url=live_server.url).new_page()
    _sign_in(page, "expert")
    _sign_in(colleague, "coordinator")
    page.goto(f"/en/assessments/{draft.pk}/")
    colleague.goto(f"/en/assessments/{draft.pk}/")

    first = page.locator(f"#q-{answer.pk}")
    first.get_by_role("textbox", name="Finding").fill("Text of the first expert.")
    first.get_by_role("button", name="Save").click()
    expect(first.get_by_role("status")).to_have_text("Saved.")
    second = colleague.locator(f"#q-{answer.pk}")
    second.get_by_role("textbox", name="Finding").fill("Text of the second expert.")
    second.get_by_role("button", name="Save").click()

    expect(second.get_by_role("alert")).to_contain_text(
        "Not saved: someone else saved this finding"
    )
    expect(second.locator(".conflict .your-text")).to_have_text("Text of the second expert.")
    expect(second.get_by_role("textbox", name="Finding")).to_have_text("Text of the first expert.")
    answer.refresh_from_db()
    assert (answer.finding, answer.revision) == ("Text of the first expert.", 1)
