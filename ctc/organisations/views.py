from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ctc.accounts.enums import Role
from ctc.registry import site

from . import selectors


@login_required
@require_GET
def partner_home(request):
    """A partner analyst's secure-area home: what their organisation's grants open, and until
    when. CTED staff see every page of the shared database; anyone else, 404."""
    user = request.user
    is_cted = selectors.is_cted_reader(user)
    if not is_cted and not (Role.PARTNER_ANALYST in user.roles and user.organisation_id):
        raise Http404
    grants = selectors.grant_list(user=user)
    pages = {}
    for view in site.grant_views_for(selectors.grant_scopes(user)):
        pages.setdefault(view.scope, []).append(view)
    rows = [(grant, pages.get(grant.scope, [])) for grant in grants]
    context = {
        "organisation": user.organisation if not is_cted else None,
        "rows": rows,
        "is_cted": is_cted,
        "all_pages": [view for views in pages.values() for view in views],
    }
    return render(request, "organisations/partner_home.html", context)
