"""The keyboard-only path (WCAG 2.1.1): sign in, open a draft, write a finding, save, submit.
No mouse: the page is driven by Tab, Enter, Space, arrows and typing only, and a listener
proves no pointer event happened."""

import pytest
from playwright.sync_api import expect

from assessments.enums import AssessmentStatus
from ctc.accounts.enums import Role
from tests.conftest import PASSWORD
from tests.factories import AssessmentFactory
from tests.two_factor import pass_two_factor, totp_device

pytestmark = pytest.mark.browser

FINDING = "Safeguards exist: judicial review of every designation."

# Counts pointer events on every page of the session; keyboard "clicks" are not pointer events.
POINTER_SPY = """
for (const type of ['pointerdown', 'mousedown', 'pointerup']) {
  window.addEventListener(type, () => {
    sessionStorage.setItem('pointer', String(Number(sessionStorage.getItem('pointer') || 0) + 1));
  }, true);
}
"""

ACTIVE = """() => { const el = document.activeElement;
  return { tag: el.tagName, id: el.id, text: (el.innerText || el.value || '').trim(),
           name: el.getAttribute('name'), label: el.getAttribute('aria-labelledby') }; }"""


@pytest.fixture
def draft(reference_data, personas):
    return AssessmentFactory(people=personas, assignee=personas[Role.CTED_EXPERT])


def tab_to(page, matches, limit=250):
    """Presses Tab until the focused element satisfies `matches`; returns what it is."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        if matches(active):
            return active
    raise AssertionError("never reached by Tab")


def test_expert_signs_in_writes_a_finding_saves_and_submits_with_the_keyboard_only(
    browser, live_server, draft, personas
):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.add_init_script(POINTER_SPY)
    page = context.new_page()
    rights = draft.answers.get(question__code="2.1")

    totp_device(personas[Role.CTED_EXPERT])
    page.goto("/en/login/")
    tab_to(page, lambda a: a["id"] == "id_username")
    page.keyboard.type("expert")
    tab_to(page, lambda a: a["id"] == "id_password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    pass_two_factor(page, "expert")  # the code field has the focus: typed, then Enter
    expect(page.get_by_role("heading", name="Welcome, expert")).to_be_visible()

    tab_to(page, lambda a: a["tag"] == "A" and a["text"] == "Assessments")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Preliminary Implementation Assessments"
    )
    tab_to(page, lambda a: a["tag"] == "A" and a["text"] == "Kenya")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("status")).to_have_text("Draft")

    # The finding of 2.1 (human rights): toolbar first, one stop, then the text box.
    tab_to(page, lambda a: a["label"] == f"finding-{rights.pk}-label")
    page.keyboard.type(FINDING)
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(ACTIVE)["text"] == "Bold"
    page.keyboard.press("Tab")
    tab_to(page, lambda a: a["id"] == f"status-{rights.pk}")
    page.keyboard.press("ArrowDown")  # "Implemented"
    tab_to(page, lambda a: a["tag"] == "BUTTON" and a["text"] == "Save")
    page.keyboard.press("Enter")
    block = page.locator(f"#q-{rights.pk}")
    expect(block.get_by_role("status")).to_have_text("Saved.")
    expect(block.get_by_role("status")).to_be_focused()

    tab_to(page, lambda a: a["tag"] == "BUTTON" and a["text"] == "Submit for CTED review")
    page.keyboard.press("Space")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Submit the {draft.cycle} assessment of Kenya for CTED review?"
    )
    tab_to(page, lambda a: a["tag"] == "BUTTON" and a["text"] == "Confirm: Submit for CTED review")
    page.keyboard.press("Enter")

    expect(page.get_by_test_id("status")).to_have_text("CTED review")
    expect(page.get_by_text("Done: Submit for CTED review.")).to_be_visible()
    draft.refresh_from_db()
    rights.refresh_from_db()
    assert draft.status == AssessmentStatus.CTED_REVIEW
    assert (rights.finding, rights.status) == (FINDING, "implemented")
    assert draft.transitions.get(action="submit").by == personas[Role.CTED_EXPERT]
    assert page.evaluate("sessionStorage.getItem('pointer')") is None
    context.close()
