"""Two-factor sign-in in tests: a confirmed authenticator for a person, its current code,
and sessions marked as having given it (ctc/accounts/two_factor.py).

`client.force_login(user)` gives a verified session to people who must use two-factor
(conftest patches it); `client.force_login(user, two_factor=False)` leaves the session
owing its code, as after the password step. Browser tests sign in with `sign_in`.
"""

import re

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from ctc.accounts.backends import account_for
from ctc.accounts.two_factor import two_factor_required

PASSWORD = "correct horse battery"
_plain_force_login = Client.force_login


def totp_device(user) -> TOTPDevice:
    """The person's confirmed authenticator, made if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test phone", confirmed=True)


def totp_code(device: TOTPDevice) -> str:
    """The code the app shows now. The device forgets the last code it accepted and its
    failures first, so the same person may sign in twice within one 30-second step."""
    TOTPDevice.objects.filter(pk=device.pk).update(
        last_t=-1, throttling_failure_count=0, throttling_failure_timestamp=None
    )
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def verify_session(client: Client, user) -> None:
    """Marks the client's session as having given a code from the person's authenticator."""
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = totp_device(user).persistent_id
    session.save()


def force_login_verified(self, user, backend=None, *, two_factor=True):
    _plain_force_login(self, user, backend)
    if two_factor and two_factor_required(user):
        verify_session(self, user)


def pass_two_factor(page, username: str) -> None:
    """After the password step in a browser: types the person's current code, if they owe one."""
    user = account_for(username)
    if not two_factor_required(user):
        return
    page.wait_for_url(re.compile(r"/two-factor/"))
    page.fill("#id_code", totp_code(totp_device(user)))
    page.press("#id_code", "Enter")
    page.wait_for_url(lambda url: "/two-factor/" not in url)


def sign_in(page, username: str, password: str = PASSWORD, *, lang: str = "en") -> None:
    """The whole sign-in in a browser: password, then the code where two-factor applies."""
    user = account_for(username)
    if two_factor_required(user):
        totp_device(user)
    page.goto(f"/{lang}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    pass_two_factor(page, username)
