import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_switching_to_arabic_on_the_states_page_renders_right_to_left(page):
    page.goto("/en/states/?region=AFRICAN")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")

    page.click("a[data-lang='ar']")

    expect(page).to_have_url(re.compile(r"/ar/states/\?region=AFRICAN$"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.get_by_role("link", name="كينيا")).to_be_visible()
    table = page.locator("table.data-table").bounding_box()
    first_cell = page.locator("table.data-table tbody tr td").first.bounding_box()
    # Right to left: the first column sits at the right edge of the table.
    assert first_cell["x"] + first_cell["width"] == pytest.approx(
        table["x"] + table["width"], abs=2
    )
    assert page.console_errors == []


def test_searching_states_updates_the_list_in_place(page):
    page.goto("/en/states/")
    expect(page.locator("table.data-table tbody tr")).to_have_count(193)

    page.fill("#id_q", "keny")

    expect(page.locator("table.data-table tbody tr")).to_have_count(1)
    expect(page.get_by_role("link", name="Kenya")).to_be_visible()
    expect(page).to_have_url(re.compile(r"q=keny"))
    assert page.console_errors == []


def test_searching_states_announces_the_new_count(page):
    page.goto("/fr/states/")
    status = page.locator("#results-status")
    expect(status).to_have_attribute("role", "status")

    page.fill("#id_q", "Swaziland")

    expect(page.locator("table.data-table tbody tr")).to_have_count(1)
    expect(status).to_have_text("1 État Membre")
    assert page.console_errors == []
