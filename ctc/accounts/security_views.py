"""The account's security page: two-factor status, API tokens, signing out everywhere."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from .tokens import (
    TokenLimitReached,
    token_create,
    token_get,
    token_id,
    token_list,
    token_revoke,
    user_sign_out_everywhere,
)
from .two_factor_views import two_factor_status


def _page(request, *, new_key=None, status=200):
    tokens = [
        {
            "id": token_id(t),
            "starts_with": t.token_key[:6],
            "created": t.created,
            "expiry": t.expiry,
        }
        for t in token_list(user=request.user)
    ]
    context = {"two_factor": two_factor_status(request.user), "tokens": tokens, "new_key": new_key}
    return render(request, "accounts/security.html", context, status=status)


@login_required
@require_GET
def account_security(request):
    return _page(request)


@login_required
@require_POST
def token_new(request):
    """Makes a token and shows its key in this answer only (never stored, never again)."""
    try:
        _token, key = token_create(user=request.user)
    except TokenLimitReached as limit:
        messages.error(
            request,
            ngettext(
                "You already have {n} API token. Revoke one before making another.",
                "You already have {n} API tokens. Revoke one before making another.",
                limit.args[0],
            ).format(n=limit.args[0]),
        )
        return redirect("accounts:security")
    return _page(request, new_key=key)


@login_required
@require_POST
def token_delete(request, pk):
    token = token_get(user=request.user, pk=pk)
    if token is None:
        raise Http404
    token_revoke(token=token)
    messages.success(request, _("The API token is revoked: it no longer works."))
    return redirect("accounts:security")


@login_required
@require_POST
def sign_out_everywhere(request):
    """Ends every session of the account, this one too, and revokes all its API tokens."""
    user_sign_out_everywhere(user=request.user)
    logout(request)
    messages.success(
        request,
        _(
            "You are signed out everywhere: all your sessions have ended and your API "
            "tokens no longer work."
        ),
    )
    return redirect("accounts:login")
