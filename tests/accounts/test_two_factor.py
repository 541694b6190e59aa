"""Two-factor sign-in: required of CTED staff and administrators (the Django admin too),
optional for everyone else; codes, enrolment, recovery codes, lockout."""

import html
import re

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ctc.accounts.enums import Role
from ctc.accounts.two_factor import recovery_codes_issue, two_factor_required
from tests.conftest import PASSWORD
from tests.factories import UserFactory
from tests.two_factor import totp_code, totp_device

pytestmark = pytest.mark.django_db

VERIFY = "/en/two-factor/"
ENROL = "/en/two-factor/enrol/"


def _sign_in_with_password(client, username):
    response = client.post("/en/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return response


@pytest.mark.parametrize(
    "role,required",
    [
        (Role.CTED_EXPERT, True),
        (Role.CTED_COORDINATOR, True),
        (Role.ADMINISTRATOR, True),
        (Role.SUBCOMMITTEE_MEMBER, False),
        (Role.COMMITTEE_MEMBER, False),
        (Role.CHAIR, False),
        (Role.FOCAL_POINT, False),
        (Role.PARTNER_ANALYST, False),
        (Role.DONOR, False),
    ],
)
def test_two_factor_is_required_of_cted_staff_and_administrators_only(personas, role, required):
    assert two_factor_required(personas[role]) is required


def test_two_factor_is_required_of_any_staff_or_superuser_account(personas):
    donor = personas[Role.DONOR]
    donor.is_superuser = True

    assert two_factor_required(donor) is True


def test_staff_page_sends_an_enrolled_expert_to_the_code_step(client, personas):
    totp_device(personas[Role.CTED_EXPERT])
    client.force_login(personas[Role.CTED_EXPERT], two_factor=False)

    page = client.get("/en/assessments/")
    api = client.get("/api/v1/assessments/")

    assert page.status_code == 302
    assert page["Location"] == f"{VERIFY}?next=%2Fen%2Fassessments%2F"
    assert api.status_code == 403
    assert api.json() == {"detail": "Give your two-factor code on the sign-in page first."}


def test_staff_page_sends_an_expert_without_authenticator_to_enrol(client, personas):
    client.force_login(personas[Role.CTED_EXPERT], two_factor=False)

    response = client.get("/en/workspace/")

    assert response.status_code == 302
    assert response["Location"] == f"{ENROL}?next=%2Fen%2Fworkspace%2F"


def test_admin_is_refused_to_an_unverified_administrator(client, personas):
    totp_device(personas[Role.ADMINISTRATOR])
    client.force_login(personas[Role.ADMINISTRATOR], two_factor=False)

    refused = client.get("/en/admin/")
    refused_change = client.get("/en/admin/accounts/user/")

    assert refused.status_code == refused_change.status_code == 302
    assert refused["Location"] == f"{VERIFY}?next=%2Fen%2Fadmin%2F"


def test_admin_opens_once_the_administrator_gave_a_code(client, personas):
    administrator = personas[Role.ADMINISTRATOR]
    code = totp_code(totp_device(administrator))
    _sign_in_with_password(client, "administrator")

    given = client.post(VERIFY, {"code": code, "next": "/en/admin/"})
    admin = client.get("/en/admin/")

    assert given.status_code == 302
    assert given["Location"] == "/en/admin/"
    assert admin.status_code == 200
    assert client.session[DEVICE_ID_SESSION_KEY] == totp_device(administrator).persistent_id


def test_password_then_code_signs_an_expert_in(client, personas):
    code = totp_code(totp_device(personas[Role.CTED_EXPERT]))
    password_step = _sign_in_with_password(client, "expert")
    sent_on = client.get(password_step["Location"])

    page = client.get(sent_on["Location"])
    given = client.post(VERIFY, {"code": code, "next": "/en/workspace/"})
    landing = client.get(given["Location"])

    assert sent_on["Location"] == f"{VERIFY}?next=%2Fen%2Fworkspace%2F"
    assert 'autocomplete="one-time-code"' in page.content.decode()
    assert landing.status_code == 200
    assert "Welcome, " in landing.content.decode()


@pytest.mark.parametrize(
    "language,message",
    [
        (
            "en",
            "This code is not valid. Check the time on your device, or use a recovery code.",
        ),
        (
            "fr",
            "Ce code n'est pas valable. Vérifiez l'heure de votre appareil ou utilisez un code "
            "de secours.",
        ),
    ],
)
def test_wrong_code_is_refused_with_a_message_in_the_readers_language(
    client, personas, language, message
):
    totp_device(personas[Role.CTED_EXPERT])
    _sign_in_with_password(client, "expert")

    response = client.post(f"/{language}/two-factor/", {"code": "000000"})
    landing = client.get(f"/{language}/workspace/")

    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert landing.status_code == 302


def test_a_second_wrong_code_at_once_is_throttled(client, personas):
    totp_device(personas[Role.CTED_EXPERT])
    _sign_in_with_password(client, "expert")
    client.post(VERIFY, {"code": "000000"})

    response = client.post(VERIFY, {"code": "111111"})

    assert "Too many wrong codes in a row. Wait a minute, then try again." in (
        response.content.decode()
    )
    assert TOTPDevice.objects.get(user=personas[Role.CTED_EXPERT]).throttling_failure_count == 1


def test_wrong_codes_count_towards_the_lockout_and_end_the_session(client, personas):
    device = totp_device(personas[Role.CTED_EXPERT])
    _sign_in_with_password(client, "expert")
    statuses = []
    for _ in range(5):
        TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
        statuses.append(client.post(VERIFY, {"code": "000000"}).status_code)

    password_again = client.post("/en/login/", {"username": "expert", "password": PASSWORD})

    assert statuses == [200, 200, 200, 200, 429]
    assert "_auth_user_id" not in client.session
    assert password_again.status_code == 429


def test_recovery_code_signs_in_once_only(client, personas):
    expert = personas[Role.CTED_EXPERT]
    totp_device(expert)
    codes = recovery_codes_issue(user=expert)
    _sign_in_with_password(client, "expert")
    first = client.post(VERIFY, {"code": codes[0].upper(), "next": "/en/workspace/"})
    client.post("/en/logout/")
    _sign_in_with_password(client, "expert")

    second = client.post(VERIFY, {"code": codes[0]})

    assert len(codes) == len(set(codes)) == 10
    assert first.status_code == 302
    assert first["Location"] == "/en/workspace/"
    assert second.status_code == 200
    assert "This code is not valid." in second.content.decode()
    assert StaticToken.objects.filter(device__user=expert).count() == 9


def test_enrolment_shows_a_qr_code_without_inline_style_and_the_secret(client, personas):
    client.force_login(personas[Role.CTED_EXPERT], two_factor=False)

    html = client.get(ENROL).content.decode()
    device = TOTPDevice.objects.get(user=personas[Role.CTED_EXPERT])
    svg = re.search(r"<svg .*?</svg>", html, re.S).group()

    assert device.confirmed is False
    assert "style" not in svg.lower()
    assert 'class="qr-code"' in svg
    secret = re.search(r'<code class="totp-secret" id="totp-secret">([A-Z2-7 ]+)</code>', html)
    assert secret.group(1).replace(" ", "") in device.config_url


def test_enrolment_confirmed_by_a_code_shows_ten_recovery_codes_once(client, personas):
    expert = personas[Role.CTED_EXPERT]
    client.force_login(expert, two_factor=False)
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=expert)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)

    response = client.post(ENROL, {"code": f"{totp.token():06d}", "next": "/en/workspace/"})
    shown = re.findall(r"<li><code>([a-z2-7]+)</code></li>", response.content.decode())

    device.refresh_from_db()
    assert device.confirmed is True
    assert len(shown) == 10
    assert sorted(shown) == sorted(
        StaticToken.objects.filter(device__user=expert).values_list("token", flat=True)
    )
    assert client.get("/en/workspace/").status_code == 200
    assert shown[0] not in client.get("/en/account/security/").content.decode()


def test_enrolment_with_a_wrong_code_confirms_nothing(client, personas):
    client.force_login(personas[Role.CTED_EXPERT], two_factor=False)
    client.get(ENROL)

    response = client.post(ENROL, {"code": "abc"})

    assert response.status_code == 200
    assert "This code is not valid." in response.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    assert not StaticToken.objects.exists()


def test_new_recovery_codes_replace_the_old_ones(client, personas):
    expert = personas[Role.CTED_EXPERT]
    old = recovery_codes_issue(user=expert)
    client.force_login(expert)

    response = client.post("/en/two-factor/recovery-codes/")
    new = re.findall(r"<li><code>([a-z2-7]+)</code></li>", response.content.decode())

    assert len(new) == 10
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(new)
    assert not set(old) & set(new)


def test_other_roles_need_no_code(client, personas):
    _sign_in_with_password(client, "donor")

    assert client.get("/en/workspace/").status_code == 200


def test_a_donor_who_enrolled_is_asked_for_the_code(client, personas):
    code = totp_code(totp_device(personas[Role.DONOR]))
    _sign_in_with_password(client, "donor")

    refused = client.get("/en/workspace/")
    given = client.post(VERIFY, {"code": code})

    assert refused["Location"] == f"{VERIFY}?next=%2Fen%2Fworkspace%2F"
    assert given.status_code == 302
    assert client.get("/en/workspace/").status_code == 200


def _without_csrf(html: bytes) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html.decode())


def test_unknown_account_and_wrong_password_get_byte_identical_answers(client):
    """The same name typed twice: once an account's, once no account's (deleted meanwhile),
    each the first failure from its address; the answers differ only by the CSRF token."""
    user = UserFactory(username="target")
    client.get("/en/login/")
    wrong = client.post(
        "/en/login/", {"username": "target", "password": "guess"}, REMOTE_ADDR="10.0.0.1"
    )
    user.delete()
    unknown = client.post(
        "/en/login/", {"username": "target", "password": "guess"}, REMOTE_ADDR="10.0.0.2"
    )

    assert unknown.status_code == wrong.status_code == 200
    assert _without_csrf(unknown.content) == _without_csrf(wrong.content)
    assert "4 attempts left before sign-in is blocked for one hour." in _without_csrf(wrong.content)
