"""A dialogue entry corrected from its State's timeline, in English and Arabic, at 1280 and
390 px: the timeline's link opens the correction page, a refused correction is answered on
its field, the saved one is on the timeline; axe-core finds nothing serious on the page, and
nothing scrolls sideways. (The accessibility crawl reaches timelines on two States only,
which need not have a logged exchange: this test checks the page instead.)"""

import datetime
import re

import pytest
from playwright.sync_api import expect

from ctc.accounts.enums import Role
from ctc.states import services
from ctc.states.models import MemberState
from tests.browser.test_accessibility_browser import BLOCKING, RUN_OPTIONS
from tests.factories import UserFactory
from tests.two_factor import sign_in

pytestmark = pytest.mark.browser

WIDTH_JS = "[document.documentElement.scrollWidth, window.innerWidth]"


def _serious(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    return [
        v["id"]
        for v in Axe().run(page, options=RUN_OPTIONS).response["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize(("language", "width"), [("en", 1280), ("ar", 390)])
def test_an_expert_corrects_a_logged_exchange_from_the_timeline(
    browser, live_server, reference_data, language, width
):
    expert = UserFactory(username="expert_dialogue", roles=[Role.CTED_EXPERT])
    expert.set_password("Dialogue-Quorum-5512")
    expert.save()
    services.dialogue_record(
        state=MemberState.objects.get(iso3="KEN"),
        held_on=datetime.date(2012, 3, 1),
        kind="letter",
        summary="A letter on the draft law.",
        by=expert,
    )
    viewport = {"width": width, "height": 900}
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    sign_in(page, "expert_dialogue", "Dialogue-Quorum-5512", lang=language)
    page.wait_for_url(re.compile(r"/workspace/"))

    page.goto(f"/{language}/dashboard/states/KEN/")
    page.locator("a[href*='/dashboard/states/KEN/dialogue/']").first.click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    expect(page.locator("#id_summary")).to_have_value("A letter on the draft law.")
    violations = _serious(page)
    scroll_width, inner_width = page.evaluate(WIDTH_JS)
    page.fill("#id_summary", "")
    page.click("main form button[type=submit]")
    expect(page.locator("#id_summary_error")).to_be_visible()
    refused_violations = _serious(page)
    page.fill("#id_summary", "A letter on the revised draft law.")
    page.click("main form button[type=submit]")

    page.wait_for_url(re.compile(rf"/{language}/dashboard/states/KEN/$"))
    expect(page.locator("#entries")).to_contain_text("A letter on the revised draft law.")
    assert violations == refused_violations == []
    assert scroll_width <= inner_width
    context.close()
