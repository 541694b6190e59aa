"""A CTED expert enrols an authenticator in a real browser (the QR code renders under the
site's Content-Security-Policy), keeps the recovery codes, and signs in again with a code."""

import re
from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from ctc.accounts.enums import Role
from ctc.accounts.services import roles_sync
from tests.conftest import PASSWORD
from tests.factories import UserFactory
from tests.two_factor import totp_code

pytestmark = pytest.mark.browser


def _password_step(page, username):
    page.goto("/en/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")


def test_expert_enrols_an_authenticator_then_signs_in_with_a_code(page):
    roles_sync()
    expert = UserFactory(username="newexpert", roles=[Role.CTED_EXPERT])

    _password_step(page, "newexpert")
    expect(page).to_have_url(re.compile(r"/en/two-factor/enrol/\?next="))
    qr = page.locator("figure.qr-figure svg")
    expect(qr).to_be_visible()
    box = qr.bounding_box()
    assert box["width"] >= 100 and box["height"] >= 100
    # The QR code's modules are drawn: the dark path has a stroke the browser applied.
    assert (
        page.evaluate(
            "() => getComputedStyle(document.querySelector('svg.qr-code path.qrline')).stroke"
        )
        == "rgb(0, 0, 0)"
    )
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))
    page.fill("#id_code", f"{TOTP(key).token():06d}")
    page.click("main button[type=submit]")

    expect(page.get_by_role("heading", level=1)).to_have_text("Recovery codes")
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name="I have kept my codes: continue").click()
    expect(page.get_by_role("heading", name="Welcome, newexpert")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    _password_step(page, "newexpert")
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-factor code")
    page.fill("#id_code", "000000")
    page.click("main button[type=submit]")
    expect(page.get_by_role("alert")).to_contain_text("This code is not valid.")
    page.fill("#id_code", totp_code(TOTPDevice.objects.get(user=expert, confirmed=True)))
    page.click("main button[type=submit]")

    expect(page.get_by_role("heading", name="Welcome, newexpert")).to_be_visible()
    assert page.console_errors == []
