"""A subcommittee member suggests wording; the file comes back to draft; the expert accepts
one suggestion (a version attributed to both) and rejects the other (its reason stays)."""

import re

import pytest
from playwright.sync_api import expect

from assessments.enums import AssessmentStatus
from ctc.accounts.enums import Role
from tests.conftest import PASSWORD
from tests.factories import AssessmentFactory
from tests.two_factor import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def reviewed(reference_data, personas):
    """Kenya's file with subcommittee B, every finding "The State has adopted a law."."""
    for role, first, last in [
        (Role.CTED_EXPERT, "Amina", "Diallo"),
        (Role.SUBCOMMITTEE_MEMBER, "Sofia", "Berg"),
    ]:
        person = personas[role]
        person.first_name, person.last_name = first, last
        person.save(update_fields=["first_name", "last_name"])
    return AssessmentFactory(
        people=personas,
        assignee=personas[Role.CTED_EXPERT],
        stage=AssessmentStatus.WITH_SUBCOMMITTEE,
    )


def _sign_in(page, username):
    sign_in(page, username, PASSWORD)
    expect(page.get_by_role("heading", name=re.compile("Welcome"))).to_be_visible()


def _suggest(page, block, wording, why):
    block.get_by_text("Suggest a wording change").click()
    block.get_by_role("textbox", name="Suggested wording").fill(wording)
    block.get_by_role("textbox", name="Why (optional)").fill(why)
    block.get_by_role("button", name="Send the suggestion").click()
    expect(page.locator("#messages")).to_contain_text("Your suggestion was added")


def test_member_suggests_expert_accepts_one_and_rejects_the_other(
    page, browser, live_server, reviewed
):
    first = reviewed.answers.get(question__code="1.1")
    second = reviewed.answers.get(question__code="1.2")
    _sign_in(page, "sub_b")
    page.goto(f"/en/assessments/{reviewed.pk}/")

    _suggest(
        page,
        page.locator(f"#q-{first.pk}"),
        "The State has adopted a comprehensive law.",
        "Say what kind of law.",
    )
    block = page.locator(f"#q-{first.pk}")
    expect(block.get_by_text("1 suggested change")).to_be_visible()
    expect(block.locator(".tracked-change ins")).to_have_text("comprehensive ")
    _suggest(page, page.locator(f"#q-{second.pk}"), "The State has no such law.", "Check it.")
    page.get_by_label("Why is it returned? (required)").fill("Please see the suggestions.")
    page.get_by_role("button", name="Return for revision").click()
    expect(page.locator("#messages")).to_contain_text("Done: Return for revision.")

    expert = browser.new_context(base_url=live_server.url).new_page()
    _sign_in(expert, "expert")
    expert.goto(f"/en/assessments/{reviewed.pk}/")
    block = expert.locator(f"#q-{first.pk}")
    expect(block.get_by_text("Suggested by Sofia Berg")).to_be_visible()
    block.get_by_role("button", name="Accept").click()

    block = expert.locator(f"#q-{first.pk}")
    expect(block.get_by_role("textbox", name="Finding")).to_have_text(
        "The State has adopted a comprehensive law."
    )
    expect(block.get_by_text("1 decided suggestion")).to_be_visible()
    other = expert.locator(f"#q-{second.pk}")
    other.get_by_role("textbox", name="Why is it rejected? (required)").fill(
        "The sources show the law exists."
    )
    other.get_by_role("button", name="Reject").click()
    other = expert.locator(f"#q-{second.pk}")
    other.get_by_text("1 decided suggestion").click()
    expect(other.get_by_text("The sources show the law exists.")).to_be_visible()
    expect(other.locator(".suggestion-outcome")).to_contain_text("Rejected")
    expect(other.get_by_role("textbox", name="Finding")).to_have_text(
        "The State has adopted a law."
    )

    expert.get_by_role("link", name="Versions and comparison").click()
    row = expert.get_by_role("row").filter(has_text="suggestion by Sofia Berg")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Amina Diallo")
    expect(row).to_contain_text("on a suggestion by Sofia Berg")
    expect(row).to_contain_text("Finding 1.1: suggestion by Sofia Berg accepted by Amina Diallo")
    assert page.console_errors == []
