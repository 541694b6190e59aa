"""The document area in a real browser: a focal point signs in, opens a document from the
secure area's inbox, downloads it, acknowledges it, and CTED's tracking page shows it."""

import re

import pytest
from playwright.sync_api import expect

from ctc.accounts.enums import Role
from ctc.states.models import MemberState
from tests.conftest import PASSWORD
from tests.docs_tracker.helpers import PDF, make_document

pytestmark = pytest.mark.browser


def _sign_in(page, username):
    page.goto("/en/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/workspace/"))


def test_focal_point_opens_downloads_acknowledges_and_tracking_shows_it(
    page, personas, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    kenya = MemberState.objects.get(iso3="KEN")
    document = make_document(
        personas[Role.CTED_EXPERT],
        symbol="S/AC.40/2026/NV.1",
        titles={"en": "Note verbale on reporting"},
        languages=("en", "fr"),
        states=[kenya],
    )

    _sign_in(page, "focal_ken")
    page.get_by_role("link", name="Secure area").first.click()
    row = page.locator("[data-testid=inbox] tbody tr").first
    expect(row).to_have_class("unread")
    expect(row).to_contain_text("Not yet opened")
    row.get_by_role("link", name=re.compile(re.escape("NV.1"))).click()
    expect(page.locator("h1")).to_contain_text("Note verbale on reporting")

    with page.expect_download() as info:
        page.get_by_role("link", name="French").click()
    download = info.value
    assert download.suggested_filename == "S-AC.40-2026-NV.1-fr.pdf"
    assert open(download.path(), "rb").read().startswith(PDF)

    page.get_by_role("button", name="Acknowledge receipt").click()
    expect(page.locator("#messages")).to_contain_text("acknowledged")
    expect(page.get_by_test_id("acknowledged")).not_to_have_text("Not yet")
    expect(page.get_by_role("button", name="Acknowledge receipt")).to_have_count(0)
    page.goto("/en/secure/")
    expect(page.locator("[data-testid=inbox] tbody tr").first).not_to_have_class("unread")
    page.get_by_role("button", name="Sign out").click()

    _sign_in(page, "coordinator")
    page.goto(f"/en/docs/{document.pk}/")
    page.get_by_role("link", name="Tracking").click()
    table = page.get_by_test_id("tracking-table")
    kenya_row = table.locator("tbody tr", has_text="Kenya")
    expect(kenya_row).to_contain_text("focal_ken")  # opened, downloaded and acknowledged by
    expect(kenya_row.locator("td").nth(2)).to_contain_text("fr")  # the download's language
    expect(kenya_row.locator("td").nth(3)).not_to_contain_text("Pending")
    page.get_by_role("link", name="Acknowledged", exact=True).click()
    expect(table.locator("tbody tr")).to_have_count(1)
    assert page.console_errors == []
