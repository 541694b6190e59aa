"""HTTP only: the pages of needs and offers. Parse, call one service or selector, render.

Outside the workspace, or a need or offer outside the user's scope: 404. In scope, a change
the user may not make: 403. Bad input: the form again with its messages, 400, nothing saved.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ctc.accounts.enums import COMMITTEE_ROLES, CTED_ROLES
from ctc.form_flow import add_service_errors, form_submit
from ctc.states.enums import OfficialLanguage

from . import permissions, selectors, services
from .enums import DeliveryMode, NeedStatus, OfferStatus
from .filters import NeedFilter, OfferFilter
from .forms import ConsentForm, NeedForm, OfferForm
from .models import Need, Offer

PAGE_SIZE = 25


def _url(name: str, pk: int) -> str:
    return reverse(name, kwargs={"pk": pk})


def _workspace(request) -> None:
    if not permissions.workspace_is_possible(request.user):
        raise Http404


def _reads_offers(user) -> bool:
    """CTED, the Committee and donors (their own); partners read needs, not programmes."""
    return bool(user.roles & (CTED_ROLES | COMMITTEE_ROLES)) or permissions.is_donor(user)


def _need(request, pk) -> Need:
    _workspace(request)
    try:
        return selectors.need_get(user=request.user, pk=pk)
    except Need.DoesNotExist:
        raise Http404 from None


def _offer(request, pk) -> Offer:
    _workspace(request)
    try:
        return selectors.offer_get(user=request.user, pk=pk)
    except Offer.DoesNotExist:
        raise Http404 from None


def _writer(request) -> None:
    if not permissions.can_write(request.user):
        raise PermissionDenied


def _with_places(offers, names: dict) -> None:
    """Each offer's regions and subregions by name, for the page (the offer keeps codes)."""
    for offer in offers:
        offer.region_names = [names.get(code, code) for code in offer.regions]
        offer.subregion_names = [names.get(code, code) for code in offer.subregions]


def _list_page(request, filterset, rows, template, extra, *, each_page=None):
    if not filterset.is_valid():
        context = {"filterset": filterset, "page": None, "invalid": True, **extra}
        return render(request, template, context, status=400)
    page = Paginator(rows(filterset.selector_kwargs()), PAGE_SIZE).get_page(request.GET.get("page"))
    if each_page is not None:
        each_page(page)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filterset": filterset, "page": page, "query": query.urlencode(), **extra}
    return render(request, template, context)


# --- Needs -------------------------------------------------------------------------------------


@login_required
@require_GET
def need_list(request):
    _workspace(request)
    user = request.user
    return _list_page(
        request,
        NeedFilter(request.GET),
        lambda kwargs: selectors.need_list(user=user, **kwargs),
        "assistance/needs/list.html",
        {"can_write": permissions.can_write(user), "reads_offers": _reads_offers(user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def need_create(request):
    _workspace(request)
    _writer(request)
    form = NeedForm(request.POST if request.method == "POST" else None)
    return form_submit(
        request,
        form,
        lambda data: _url(
            "assistance:need_detail", services.need_create(**data, by=request.user).pk
        ),
        success=_("The need was recorded."),
        template="assistance/needs/form.html",
        context={"need": None},
    )


@login_required
@require_GET
def need_detail(request, pk):
    need = _need(request, pk)
    return _need_page(request, need)


def _need_page(request, need, *, consent_form=None, status=200):
    """A need's page; `consent_form` bound with its errors after a refused answer."""
    user = request.user
    initial = {"shared": "yes" if need.shared_with_donors else "no"}
    context = {
        "need": need,
        "can_write": permissions.can_write(user),
        # The recommendation's page is CTED's; others read only where the need comes from.
        "source_url": selectors.need_source_url(need) if permissions.is_cted(user) else "",
        "consent_form": consent_form or ConsentForm(initial=initial),
        "editable": need.status in services.EDITABLE_NEED_STATUSES,
        "can_reopen": need.status in (NeedStatus.WITHDRAWN, NeedStatus.MET),
    }
    return render(request, "assistance/needs/detail.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def need_edit(request, pk):
    need = _need(request, pk)
    _writer(request)
    form = NeedForm(request.POST if request.method == "POST" else None, need=need)
    return form_submit(
        request,
        form,
        lambda data: _url(
            "assistance:need_detail",
            services.need_update(need=need, **data, by=request.user).pk,
        ),
        success=_("The need was saved."),
        template="assistance/needs/form.html",
        context={"need": need},
    )


@login_required
@require_POST
def need_consent(request, pk):
    need = _need(request, pk)
    _writer(request)
    form = ConsentForm(request.POST)
    if form.is_valid():
        try:
            services.need_consent_record(need=need, **form.cleaned_data, by=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The State's answer was recorded."))
            return redirect("assistance:need_detail", pk=need.pk)
    return _need_page(request, need, consent_form=form, status=400)


NEED_STEPS = {
    "withdraw": (services.need_withdraw, gettext_lazy("The need was withdrawn.")),
    "reopen": (services.need_reopen, gettext_lazy("The need is open again.")),
}


@login_required
@require_POST
def need_status(request, pk):
    """Withdraws a need or opens it again (`action`: withdraw, reopen)."""
    need = _need(request, pk)
    _writer(request)
    step = NEED_STEPS.get(request.POST.get("action", ""))
    if step is None:
        messages.error(request, _("Unknown action."))
        return redirect("assistance:need_detail", pk=need.pk)
    service, success = step
    try:
        service(need=need, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, str(success))
    return redirect("assistance:need_detail", pk=need.pk)


# --- Offers ------------------------------------------------------------------------------------


def _offer_reader(request) -> None:
    _workspace(request)
    if not _reads_offers(request.user):
        raise Http404


@login_required
@require_GET
def offer_list(request):
    _offer_reader(request)
    user = request.user
    return _list_page(
        request,
        OfferFilter(request.GET),
        lambda kwargs: selectors.offer_list(user=user, **kwargs),
        "assistance/offers/list.html",
        {"can_record": permissions.can_record_offer(user)},
        each_page=lambda page: _with_places(page, selectors.place_names()),
    )


@login_required
@require_http_methods(["GET", "POST"])
def offer_create(request):
    _offer_reader(request)
    if not permissions.can_record_offer(request.user):
        raise PermissionDenied
    initial = {}
    if not permissions.can_write(request.user):
        initial["provider"] = request.user.organisation_id
    form = OfferForm(
        request.POST if request.method == "POST" else None, user=request.user, initial=initial
    )
    return form_submit(
        request,
        form,
        lambda data: _url(
            "assistance:offer_detail", services.offer_create(**data, by=request.user).pk
        ),
        success=_("The programme was recorded."),
        template="assistance/offers/form.html",
        context={"offer": None},
    )


@login_required
@require_GET
def offer_detail(request, pk):
    offer = _offer(request, pk)
    _with_places([offer], selectors.place_names())
    context = {
        "offer": offer,
        "can_change": permissions.can_record_offer(request.user)
        and offer.status == OfferStatus.ACTIVE,
        "delivery_modes": [DeliveryMode(m).label for m in offer.delivery_modes],
        "delivery_languages": [OfficialLanguage(code).label for code in offer.languages],
    }
    return render(request, "assistance/offers/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def offer_edit(request, pk):
    offer = _offer(request, pk)
    if not permissions.can_record_offer(request.user):
        raise PermissionDenied
    form = OfferForm(
        request.POST if request.method == "POST" else None, user=request.user, offer=offer
    )
    return form_submit(
        request,
        form,
        lambda data: _url(
            "assistance:offer_detail",
            services.offer_update(offer=offer, **data, by=request.user).pk,
        ),
        success=_("The programme was saved."),
        template="assistance/offers/form.html",
        context={"offer": offer},
    )


@login_required
@require_POST
def offer_close(request, pk):
    offer = _offer(request, pk)
    if not permissions.can_record_offer(request.user):
        raise PermissionDenied
    try:
        services.offer_close(offer=offer, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The programme was closed."))
    return redirect("assistance:offer_detail", pk=offer.pk)
