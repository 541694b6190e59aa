"""HTTP only: the API of needs and offers, with the same scopes, services and refusals as
the pages. Outside the scope: 404; a change the user never makes: 403; bad input: 400 with
a message per field, nothing changed."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from ctc.organisations.models import Organisation

from .. import permissions, selectors, services
from ..filters import NeedFilter, OfferFilter
from ..models import Need, Offer
from .serializers import (
    NeedConsentSerializer,
    NeedSerializer,
    NeedWriteSerializer,
    OfferSerializer,
    OfferWriteSerializer,
)


def _fake(view) -> bool:
    # drf-spectacular instantiates views without a real request to read their querysets.
    return getattr(view, "swagger_fake_view", False)


def _need(request, pk) -> Need:
    try:
        return selectors.need_get(user=request.user, pk=pk)
    except Need.DoesNotExist:
        raise NotFound from None


def _offer(request, pk) -> Offer:
    try:
        return selectors.offer_get(user=request.user, pk=pk)
    except Offer.DoesNotExist:
        raise NotFound from None


def _valid(serializer_class, data, *, partial=False) -> dict:
    incoming = serializer_class(data=data, partial=partial)
    incoming.is_valid(raise_exception=True)
    return incoming.validated_data


def _filtered(filter_class, params) -> dict:
    filterset = filter_class(params)
    if not filterset.is_valid():
        raise ValidationError(filterset.errors)
    return filterset.selector_kwargs()


class NeedListView(generics.ListCreateAPIView):
    """The needs the user may see, newest first (a donor: the shared needs its active
    programmes cover; a partner with the grant: the shared ones). Filters: q, state (ISO
    code), thematic_area (code), priority, status, source, shared. POST records a need
    (CTED experts and coordinators)."""

    serializer_class = NeedSerializer
    permission_classes = [IsAuthenticated]
    filter_backends = []

    def get_queryset(self):
        if _fake(self):
            return Need.objects.none()
        kwargs = _filtered(NeedFilter, self.request.query_params)
        return selectors.need_list(user=self.request.user, **kwargs)

    @extend_schema(request=NeedWriteSerializer, responses={201: NeedSerializer})
    def post(self, request, *args, **kwargs):
        if not permissions.can_write(request.user):
            raise PermissionDenied
        need = services.need_create(**_valid(NeedWriteSerializer, request.data), by=request.user)
        need = selectors.need_get(user=request.user, pk=need.pk)
        return Response(NeedSerializer(need).data, status=status.HTTP_201_CREATED)


class NeedDetailView(generics.GenericAPIView):
    """One need (GET); PATCH edits it while open or matched (CTED writers): any of state,
    thematic_area, description, priority, source, wanted_from, wanted_until."""

    serializer_class = NeedSerializer
    permission_classes = [IsAuthenticated]
    queryset = Need.objects.none()
    http_method_names = ["get", "patch", "head", "options"]

    @extend_schema(responses={200: NeedSerializer})
    def get(self, request, pk):
        return Response(NeedSerializer(_need(request, pk)).data)

    @extend_schema(request=NeedWriteSerializer(partial=True), responses={200: NeedSerializer})
    def patch(self, request, pk):
        need = _need(request, pk)
        if not permissions.can_write(request.user):
            raise PermissionDenied
        data = _valid(NeedWriteSerializer, request.data, partial=True)
        current = {
            "state": need.state,
            "thematic_area": need.thematic_area,
            "description": need.description,
            "priority": need.priority,
            "source": need.source,
            "wanted_from": need.wanted_from,
            "wanted_until": need.wanted_until,
        }
        services.need_update(need=need, **{**current, **data}, by=request.user)
        return Response(NeedSerializer(selectors.need_get(user=request.user, pk=pk)).data)


class NeedConsentView(APIView):
    """POST: records the State's answer on sharing the need with donors (CTED writers), as
    on the need's page: `shared`, `dated` (not in the future), `reference`."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=NeedConsentSerializer, responses={200: NeedSerializer})
    def post(self, request, pk):
        need = _need(request, pk)
        if not permissions.can_write(request.user):
            raise PermissionDenied
        services.need_consent_record(
            need=need, **_valid(NeedConsentSerializer, request.data), by=request.user
        )
        return Response(NeedSerializer(selectors.need_get(user=request.user, pk=pk)).data)


class NeedStatusView(APIView):
    """POST with no body: withdraws an open or matched need, or opens a withdrawn or met one
    again (CTED writers); 400 with a message when the need's status does not allow it."""

    permission_classes = [IsAuthenticated]
    change = None  # the service, set per URL

    @extend_schema(request=None, responses={200: NeedSerializer})
    def post(self, request, pk):
        need = _need(request, pk)
        if not permissions.can_write(request.user):
            raise PermissionDenied
        self.change(need=need, by=request.user)
        return Response(NeedSerializer(selectors.need_get(user=request.user, pk=pk)).data)


def _provider(request, code):
    """The provider named by its code; a donor's own organisation when none is given."""
    if code is None:
        return request.user.organisation if permissions.is_donor(request.user) else None
    provider = Organisation.objects.filter(code=code).first()
    if provider is None:
        message = _("No organisation has the code “{code}”.").format(code=code)
        raise ValidationError({"provider": [message]})
    return provider


class OfferListView(generics.ListCreateAPIView):
    """The programmes the user may see, latest first (a donor: its own; partners: none).
    Filters: q, state (ISO code: programmes reaching it), thematic_area (code), status.
    POST records a programme: CTED for any provider, a donor for its own."""

    serializer_class = OfferSerializer
    permission_classes = [IsAuthenticated]
    filter_backends = []

    def get_queryset(self):
        if _fake(self):
            return Offer.objects.none()
        kwargs = _filtered(OfferFilter, self.request.query_params)
        return selectors.offer_list(user=self.request.user, **kwargs)

    @extend_schema(request=OfferWriteSerializer, responses={201: OfferSerializer})
    def post(self, request, *args, **kwargs):
        if not permissions.can_record_offer(request.user):
            raise PermissionDenied
        data = dict(_valid(OfferWriteSerializer, request.data))
        provider = _provider(request, data.pop("provider", None))
        offer = services.offer_create(provider=provider, **data, by=request.user)
        offer = selectors.offer_get(user=request.user, pk=offer.pk)
        return Response(OfferSerializer(offer).data, status=status.HTTP_201_CREATED)


class OfferDetailView(generics.GenericAPIView):
    """One programme (GET); PATCH edits it while active (CTED writers, or its donor)."""

    serializer_class = OfferSerializer
    permission_classes = [IsAuthenticated]
    queryset = Offer.objects.none()
    http_method_names = ["get", "patch", "head", "options"]

    @extend_schema(responses={200: OfferSerializer})
    def get(self, request, pk):
        return Response(OfferSerializer(_offer(request, pk)).data)

    @extend_schema(request=OfferWriteSerializer(partial=True), responses={200: OfferSerializer})
    def patch(self, request, pk):
        offer = _offer(request, pk)
        if not permissions.can_record_offer(request.user):
            raise PermissionDenied
        data = dict(_valid(OfferWriteSerializer, request.data, partial=True))
        provider = _provider(request, data.pop("provider")) if "provider" in data else None
        current = {
            "title": offer.title,
            "description": offer.description,
            "thematic_areas": list(offer.thematic_areas.all()),
            "is_global": offer.is_global,
            "regions": offer.regions,
            "subregions": offer.subregions,
            "states": list(offer.states.all()),
            "starts_on": offer.starts_on,
            "ends_on": offer.ends_on,
            "budget_band": offer.budget_band,
            "delivery_modes": offer.delivery_modes,
            "languages": offer.languages,
            "contact_name": offer.contact_name,
            "contact_email": offer.contact_email,
        }
        services.offer_update(
            offer=offer, provider=provider, **{**current, **data}, by=request.user
        )
        return Response(OfferSerializer(selectors.offer_get(user=request.user, pk=pk)).data)


class OfferCloseView(APIView):
    """POST with no body: closes the programme (CTED writers, or its donor); it is no longer
    matched. 400 when it is already closed."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={200: OfferSerializer})
    def post(self, request, pk):
        offer = _offer(request, pk)
        if not permissions.can_record_offer(request.user):
            raise PermissionDenied
        services.offer_close(offer=offer, by=request.user)
        return Response(OfferSerializer(selectors.offer_get(user=request.user, pk=pk)).data)
