"""Two-factor sign-in (django-otp): who must use it, enrolment, codes and recovery codes.

CTED staff and administrators (and every is_staff or superuser account) must pass a TOTP
code, or a single-use recovery code, after their password before any page. Others may enrol
from their account's security page; once they have, the code is asked of them too.

A session is verified when it holds django-otp's DEVICE_ID_SESSION_KEY, which only
`two_factor_session_verify` (after a good code) writes; reading the session costs no query.
"""

from base64 import b32encode
from binascii import unhexlify

import segno
from django.contrib.auth import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .enums import CTED_ROLES

RECOVERY_CODE_COUNT = 10
# The session asks for a code even though the account's role does not require one: the
# person enrolled of their own will (set at sign-in).
ENROLLED_SESSION_KEY = "two_factor_enrolled"
TOTP_NAME = "authenticator"
RECOVERY_NAME = "recovery codes"


def two_factor_required(user) -> bool:
    """CTED experts and coordinators, administrators, and any staff or superuser account."""
    if not user.is_authenticated:
        return False
    return user.is_staff or user.is_superuser or bool(user.roles & CTED_ROLES)


def two_factor_pending(request) -> bool:
    """The signed-in person must still give a code in this session."""
    user = request.user
    if not user.is_authenticated or DEVICE_ID_SESSION_KEY in request.session:
        return False
    return request.session.get(ENROLLED_SESSION_KEY, False) or two_factor_required(user)


def totp_device_get(*, user) -> TOTPDevice | None:
    """The account's confirmed authenticator, if it has one."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


@receiver(user_logged_in, dispatch_uid="two_factor_enrolled_at_sign_in")
def _remember_optional_enrolment(sender, request, user, **kwargs):
    if getattr(request, "session", None) is None or two_factor_required(user):
        return
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        request.session[ENROLLED_SESSION_KEY] = True


@transaction.atomic
def totp_device_start(*, user) -> TOTPDevice:
    """The unconfirmed authenticator being enrolled (one per account, kept across reloads
    of the enrolment page so the QR code scanned stays valid)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)


def totp_secret(device: TOTPDevice) -> str:
    """The secret as people type it into an authenticator app: base32, in groups of four."""
    secret = b32encode(unhexlify(device.key)).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// URL as an inline SVG QR code: presentation attributes only, no style
    attribute or element, so the site's Content-Security-Policy lets it render."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=4, border=4, dark="#000", light="#fff", title=None, svgclass="qr-code"
    )


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirms an enrolment with a code from the app; returns fresh recovery codes, or None
    for a wrong code (which counts towards django-otp's throttling). Side effects: the
    account's other authenticators are removed, its recovery codes replaced."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if device.confirmed or not device.verify_is_allowed()[0] or not device.verify_token(code):
        return None
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return recovery_codes_issue(user=device.user)


@transaction.atomic
def recovery_codes_issue(*, user) -> list[str]:
    """Ten new single-use recovery codes; the old ones stop working. They are shown once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def recovery_codes_left(*, user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def two_factor_check(*, user, code: str) -> tuple[object | None, bool]:
    """(the device that accepts the code, whether a device refused to try because of
    earlier failures). Six digits are an authenticator code, anything else a recovery code,
    which is then used up. Each device throttles its own failures (django-otp)."""
    code = "".join(code.split()).lower()
    model = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    if not code:
        return None, False
    throttled = False
    for device in model.objects.filter(user=user, confirmed=True):
        with transaction.atomic():
            device = model.objects.select_for_update().get(pk=device.pk)
            if not device.verify_is_allowed()[0]:
                throttled = True
            elif device.verify_token(code):
                return device, False
    return None, throttled


def two_factor_session_verify(*, request, device) -> None:
    """Marks the session as having passed the second factor, under a new session key."""
    request.session.cycle_key()
    otp_login(request, device)
