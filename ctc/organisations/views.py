from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import selectors


@login_required
@require_GET
def partner_home(request):
    """A partner analyst's shared-database home: what their organisation's grants open, and
    until when. CTED staff see every page of it; anyone else, 404."""
    home = selectors.shared_database_home(user=request.user)
    if home is None:
        raise Http404
    return render(request, "organisations/partner_home.html", {"home": home})
