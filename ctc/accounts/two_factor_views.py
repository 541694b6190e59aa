"""The second sign-in step: the code, enrolment, recovery codes; and the middleware that
sends a session still owing a code there."""

from django.contrib.auth import logout, user_login_failed
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from .two_factor import (
    recovery_codes_issue,
    recovery_codes_left,
    totp_device_confirm,
    totp_device_get,
    totp_device_start,
    totp_qr_svg,
    totp_secret,
    two_factor_check,
    two_factor_pending,
    two_factor_required,
    two_factor_session_verify,
)

# What a session owing a code may still open: the steps themselves, signing out, and the
# token exchange of the API (it asks for the code itself).
OPEN_BEFORE_CODE = {
    "accounts:login",
    "accounts:logout",
    "accounts:two_factor_verify",
    "accounts:two_factor_enrol",
    "api:token",
    "healthz",
}


class TwoFactorMiddleware:
    """A signed-in person who owes a code is sent to give it (or to enrol first): pages
    redirect, the API answers 403. Reads only the session unless a code is owed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if two_factor_pending(request):
            try:
                name = resolve(request.path_info).view_name
            except Resolver404:
                name = None
            if name not in OPEN_BEFORE_CODE:
                return self._refuse(request)
        return self.get_response(request)

    def _refuse(self, request):
        if request.path_info.startswith("/api/"):
            detail = _("Give your two-factor code on the sign-in page first.")
            return JsonResponse({"detail": detail}, status=403)
        step = "verify" if totp_device_get(user=request.user) else "enrol"
        url = reverse(f"accounts:two_factor_{step}")
        return redirect(f"{url}?{urlencode({'next': request.get_full_path()})}")


def _next_url(request) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    with translation.override(request.user.preferred_language):
        return reverse("accounts:landing")


def _count_failure(request):
    """A wrong code counts like a wrong password towards the account's lockout (axes);
    returns True when the account is now locked (the session then ends)."""
    user = request.user
    user_login_failed.send(
        sender=__name__, credentials={"username": user.get_username()}, request=request
    )
    if getattr(request, "axes_locked_out", False):
        logout(request)
        return True
    return False


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    if not two_factor_pending(request):
        return redirect(_next_url(request))
    if totp_device_get(user=request.user) is None:
        return redirect(f"{reverse('accounts:two_factor_enrol')}?{request.GET.urlencode()}")
    error = None
    if request.method == "POST":
        device, throttled = two_factor_check(user=request.user, code=request.POST.get("code", ""))
        if device is not None:
            two_factor_session_verify(request=request, device=device)
            return redirect(_next_url(request))
        if _count_failure(request):
            return render(request, "accounts/locked_out.html", status=429)
        error = (
            _("Too many wrong codes in a row. Wait a minute, then try again.")
            if throttled
            else _("This code is not valid. Check the time on your device, or use a recovery code.")
        )
    context = {"error": error, "next": _next_url(request)}
    return render(request, "accounts/two_factor_verify.html", context, status=200)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_enrol(request):
    """Adds an authenticator app: a QR code (or the secret typed in), confirmed by a code;
    then the recovery codes, shown once. A session owing a code for an existing
    authenticator gives that code first."""
    if two_factor_pending(request) and totp_device_get(user=request.user):
        return redirect(f"{reverse('accounts:two_factor_verify')}?{request.GET.urlencode()}")
    device = totp_device_start(user=request.user)
    error = None
    if request.method == "POST":
        codes = totp_device_confirm(
            device=device, code="".join(request.POST.get("code", "").split())
        )
        if codes is not None:
            two_factor_session_verify(request=request, device=TOTPDevice.objects.get(pk=device.pk))
            context = {"codes": codes, "next": _next_url(request)}
            return render(request, "accounts/recovery_codes.html", context)
        if _count_failure(request):
            return render(request, "accounts/locked_out.html", status=429)
        error = _("This code is not valid. Check the time on your device, or use a recovery code.")
    context = {
        "error": error,
        "qr_svg": totp_qr_svg(device),
        "secret": totp_secret(device),
        "required": two_factor_required(request.user),
        "next": _next_url(request),
    }
    return render(request, "accounts/two_factor_enrol.html", context)


@login_required
@require_POST
def recovery_codes_regenerate(request):
    """New recovery codes, shown once; only from a session that gave a code."""
    if DEVICE_ID_SESSION_KEY not in request.session:
        return redirect("accounts:security")
    context = {
        "codes": recovery_codes_issue(user=request.user),
        "next": reverse("accounts:security"),
    }
    return render(request, "accounts/recovery_codes.html", context)


def two_factor_status(user) -> dict:
    """For the account's security page."""
    return {
        "enrolled": totp_device_get(user=user) is not None,
        "required": two_factor_required(user),
        "recovery_codes_left": recovery_codes_left(user=user),
    }
