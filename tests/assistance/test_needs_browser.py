"""Needs and programmes in a real browser: an expert records a need (a wrong date first),
records the State's consent, and the donor whose programme covers it finds it; the donor
records a programme. Screenshots at 1280 and 390 px go to $CTC_SCREENSHOT_DIR, else to the
git-ignored test-results/."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from assistance.models import Need, Offer
from ctc.accounts.enums import Role
from tests.conftest import ROOT, make_personas
from tests.factories import OfferFactory
from tests.two_factor import sign_in

pytestmark = pytest.mark.browser
NO_SIDEWAYS = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
WIDTHS = (1280, 390)


@pytest.fixture(scope="module")
def screenshot_dir() -> Path:
    chosen = os.environ.get("CTC_SCREENSHOT_DIR")
    path = Path(chosen) if chosen else ROOT / "test-results" / "assistance"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _signed_in(browser, live_server, username):
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    sign_in(page, username)
    expect(page.locator("h1")).to_be_visible()
    return page


def _shots(page, screenshot_dir, name):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate(NO_SIDEWAYS), f"{name} scrolls sideways at {width} px"
        page.screenshot(path=screenshot_dir / f"{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_need_recorded_shared_and_found_by_the_donor(
    browser, live_server, reference_data, screenshot_dir
):
    people = make_personas()
    OfferFactory(provider=people[Role.DONOR].organisation, title="Global programme")
    expert = _signed_in(browser, live_server, "expert")

    expert.goto("/en/assistance/needs/new/")
    expert.select_option("#id_state", "KEN")
    expert.select_option("#id_thematic_area", index=1)
    expert.fill("#id_description", "Training of financial investigators.")
    expert.select_option("#id_priority", "high")
    expert.fill("#id_wanted_from", "2012-06-01")
    expert.fill("#id_wanted_until", "2012-05-01")
    expert.click("main button[type=submit]")
    expect(expert.locator(".error-summary")).to_contain_text(
        "“Wanted until” cannot be before “wanted from”."
    )
    _shots(expert, screenshot_dir, "need-form-error")
    assert Need.objects.count() == 0
    expert.fill("#id_wanted_until", "2012-12-31")
    expert.click("main button[type=submit]")
    expect(expert.locator("h1")).to_contain_text("Kenya")
    expert.check("#id_shared_0")
    expert.fill("#id_dated", "2012-04-02")
    expert.fill("#id_reference", "NV/KEN/12/4")
    expert.click(".consent-form button[type=submit]")
    expect(expert.locator("#consent-title + p")).to_contain_text(
        "The State agrees to share this need with donors."
    )
    _shots(expert, screenshot_dir, "need-detail")
    expert.goto("/en/assistance/needs/")
    _shots(expert, screenshot_dir, "needs-list")

    donor = _signed_in(browser, live_server, "donor")
    donor.goto("/en/assistance/needs/")
    expect(donor.locator(".needs-table tbody tr")).to_have_count(1)
    expect(donor.locator(".needs-table")).to_contain_text("Training of financial investigators.")
    _shots(donor, screenshot_dir, "needs-list-donor")


def test_donor_records_a_programme(browser, live_server, reference_data, screenshot_dir):
    make_personas()
    donor = _signed_in(browser, live_server, "donor")

    donor.goto("/en/assistance/offers/new/")
    donor.fill("#id_title", "Border management in Eastern Africa")
    donor.check("#id_thematic_areas_0")
    donor.select_option("#id_subregions", "014")
    donor.fill("#id_starts_on", "2013-01-01")
    donor.fill("#id_ends_on", "2012-01-01")
    donor.select_option("#id_budget_band", "500k_1m")
    donor.check("#id_delivery_modes_0")
    donor.check("#id_languages_2")
    donor.click("main button[type=submit]")
    expect(donor.locator(".error-summary")).to_contain_text(
        "The programme cannot end before it starts."
    )
    _shots(donor, screenshot_dir, "offer-form-error")
    donor.fill("#id_starts_on", "2012-01-01")
    donor.fill("#id_ends_on", "2013-01-01")
    donor.click("main button[type=submit]")
    expect(donor.locator("h1")).to_have_text("Border management in Eastern Africa")
    expect(donor.locator("main")).to_contain_text("Eastern Africa")
    _shots(donor, screenshot_dir, "offer-detail")
    assert Offer.objects.get().subregions == ["014"]
