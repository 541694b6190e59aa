from axes.helpers import get_failure_limit
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_GET

from .selectors import landing_get


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_invalid(self, form):
        # Axes has counted this failure for the account (ctc.accounts.backends.lockout_username).
        failures = getattr(self.request, "axes_failures_since_start", None)
        left = None if failures is None else get_failure_limit(self.request, None) - failures
        if left is None or left <= 0:
            return super().form_invalid(form)
        attempts_left = ngettext(
            "{n} attempt left before sign-in is blocked for one hour.",
            "{n} attempts left before sign-in is blocked for one hour.",
            left,
        ).format(n=left)
        return self.render_to_response(
            self.get_context_data(form=form, attempts_left=attempts_left)
        )

    def get_default_redirect_url(self):
        # Land in the user's own language unless they asked for a page.
        with translation.override(self.request.user.preferred_language):
            return reverse("accounts:landing")


class LogoutView(auth_views.LogoutView):
    pass


@login_required
@require_GET
def landing(request):
    return render(request, "accounts/landing.html", {"landing": landing_get(user=request.user)})


def csrf_failure(request, reason=""):
    """settings.CSRF_FAILURE_VIEW: the site's own page, in the visitor's language, saying
    plainly what to do (Django's page is English and styled inline, which our CSP blocks)."""
    if request.path.startswith("/api/"):
        detail = gettext("This form has expired. Reload the page and try again.")
        return JsonResponse({"detail": detail}, status=403)
    back = request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = request.path
    return render(request, "accounts/csrf_failure.html", {"back": back}, status=403)
