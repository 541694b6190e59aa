"""The reveal page of a rotation's e-mail: public, opened by its single-use token only."""

from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .rotation import RevealProblem, reveal_complete, reveal_get

PROBLEM_STATUS = {RevealProblem.UNKNOWN: 404, RevealProblem.USED: 410, RevealProblem.EXPIRED: 410}


def _problem(request, problem: str):
    return render(
        request,
        "accounts/rotation_reveal_problem.html",
        {"problem": problem},
        status=PROBLEM_STATUS[problem],
    )


@never_cache
@require_http_methods(["GET", "POST"])
def reveal(request, token):
    """Shows the account's new login name and sets its password; then the link is dead."""
    found = reveal_get(token=token)
    if found.problem:
        response = _problem(request, found.problem)
    else:
        user = found.row.account.user
        form = SetPasswordForm(user, request.POST if request.method == "POST" else None)
        if form.is_valid():
            if not reveal_complete(row=found.row, password=form.cleaned_data["new_password1"]):
                response = _problem(request, RevealProblem.USED)
            else:
                response = render(
                    request, "accounts/rotation_reveal_done.html", {"username": user.username}
                )
        else:
            response = render(
                request,
                "accounts/rotation_reveal.html",
                {"form": form, "username": user.username, "row": found.row},
                status=400 if form.is_bound else 200,
            )
    # The token is in this page's address: the site's Referrer-Policy (same-origin) keeps it
    # from other sites. Not "no-referrer": browsers then send "Origin: null" with the form,
    # which CSRF protection rightly refuses.
    return response
