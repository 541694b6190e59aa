"""A person follows the header's unread count to their notifications, opens one to reach
the file, and chooses the daily digest, with the keyboard."""

import re

import pytest
from playwright.sync_api import expect

from ctc.accounts.enums import NotificationMode, Role
from tests.conftest import PASSWORD
from tests.factories import AssessmentFactory
from tests.two_factor import sign_in

pytestmark = pytest.mark.browser


def test_the_unread_count_leads_to_the_file_and_goes_down(page, personas):
    expert = personas[Role.CTED_EXPERT]
    file = AssessmentFactory(people=personas, assignee=expert)  # the coordinator assigns it
    sign_in(page, "expert", PASSWORD)

    page.get_by_role("link", name="Notifications, 1 unread").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    page.get_by_role("link", name=f"Assigned to you: Kenya ({file.cycle})").click()

    expect(page).to_have_url(re.compile(rf"/en/assessments/{file.pk}/$"))
    expect(page.get_by_role("link", name="Notifications", exact=True)).to_be_visible()
    assert page.console_errors == []


def test_choosing_the_daily_digest_with_the_keyboard(page, personas):
    expert = personas[Role.CTED_EXPERT]
    sign_in(page, "expert", PASSWORD)
    page.goto("/en/notifications/")

    page.get_by_role("radio", name="One e-mail a day listing them").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Save").focus()
    page.keyboard.press("Enter")

    expect(page.locator(".message-success .message-text")).to_have_text(
        "Your e-mail preference is saved."
    )
    expect(page.get_by_role("radio", name="One e-mail a day listing them")).to_be_checked()
    expert.refresh_from_db()
    assert expert.notification_mode == NotificationMode.DAILY_DIGEST
