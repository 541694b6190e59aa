from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from .selectors import landing_get


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

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
