"""How a page or an API view of the shared database refuses a reader without the grant."""

import functools

from django.contrib.auth.decorators import login_required
from django.http import Http404

from .selectors import grant_active


def grant_check_or_404(user, scope: str) -> None:
    """Raises Http404 unless `user` may read `scope` now (for API views: DRF answers 404)."""
    if not grant_active(user, scope):
        raise Http404


def grant_required(scope: str):
    """A page only readers with `scope` in force see: visitors sign in, anyone else gets 404,
    as if the page did not exist (an expired or revoked grant included)."""

    def decorator(view):
        @functools.wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            grant_check_or_404(request.user, scope)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
