"""A focal point's quarterly rotation in Chromium: the e-mail's link reveals the new login
name on a phone (390 px, English and Arabic, axe-core clean), sets a password, and the
new credentials open the workspace while the link is then dead."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from ctc.accounts import rotation
from ctc.accounts.enums import Role
from ctc.accounts.models import User
from ctc.states.models import MemberState
from tests.browser.test_accessibility_browser import BLOCKING, RUN_OPTIONS
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

NEW_PASSWORD = "Tamarind-Quorum-8841"
LINK = re.compile(r"http://[^\s]+(/(?:en|ar)/secure/credentials/[A-Za-z0-9_-]+/)")
WIDTH_JS = "[document.documentElement.scrollWidth, window.innerWidth]"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_focal_point_reveals_the_new_login_name_sets_a_password_and_signs_in(
    browser, live_server, reference_data, language
):
    from axe_playwright_python.sync_playwright import Axe

    kenya = MemberState.objects.get(iso3="KEN")
    person = UserFactory(
        username="focal", roles=[Role.FOCAL_POINT], member_state=kenya, preferred_language=language
    )
    found, _created = rotation.rotation_start(quarter="2026Q4")
    rotation.rotation_run(rotation=found)
    [message] = mail.outbox
    path = LINK.search(message.body).group(1)
    alias = User.objects.get(pk=person.pk).username
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()

    page.goto(path)
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator(".rotation-alias")).to_have_text(alias)
    violations = [
        v["id"]
        for v in Axe().run(page, options=RUN_OPTIONS).response["violations"]
        if v["impact"] in BLOCKING
    ]
    scroll_width, inner_width = page.evaluate(WIDTH_JS)
    page.fill("#id_new_password1", NEW_PASSWORD)
    page.fill("#id_new_password2", NEW_PASSWORD)
    page.click("main button[type=submit]")
    expect(page.locator("main .notice-ok")).to_contain_text(alias)
    done_violations = [
        v["id"]
        for v in Axe().run(page, options=RUN_OPTIONS).response["violations"]
        if v["impact"] in BLOCKING
    ]
    again = page.goto(path)

    assert violations == done_violations == []
    assert scroll_width <= inner_width
    assert again.status == 410
    page.goto(f"/{language}/login/")
    page.fill("#id_username", alias)
    page.fill("#id_password", NEW_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(rf"/{language}/workspace/"))
    context.close()
