"""Suggestions API: for a need, the ranked offers; for an offer, the ranked needs; each with
its score and why, criterion by criterion (assistance/matching.py). The same scopes as the
pages: a need or offer outside the user's scope answers 404."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiTypes, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import matching, permissions
from ..models import Need, Offer
from .matching_serializers import NeedSuggestionsSerializer, OfferSuggestionsSerializer

MAX_LIMIT = 100
LIMIT = OpenApiParameter(
    "limit",
    OpenApiTypes.INT,
    description=f"How many suggestions, from 1 to {MAX_LIMIT} (20 when left out).",
)


def _limit(request) -> int:
    raw = request.query_params.get("limit", "20")
    try:
        limit = int(raw)
    except ValueError:
        limit = 0
    if not 1 <= limit <= MAX_LIMIT:
        raise ValidationError(
            {"limit": [_("Give a whole number from 1 to {most}.").format(most=MAX_LIMIT)]}
        )
    return limit


class NeedSuggestionsView(APIView):
    """The active offers that fit the need, best first, with their score and explanation.
    A donor gets only its own offers, and only for needs shared with donors."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[LIMIT], responses={200: NeedSuggestionsSerializer})
    def get(self, request, pk):
        limit = _limit(request)
        need = permissions.need_scope(Need.objects.filter(pk=pk), request.user).first()
        if need is None:
            raise NotFound
        found = matching.suggestions_for_need(need, request.user, limit=limit)
        return Response(NeedSuggestionsSerializer({"need": need.pk, "results": found}).data)


class OfferSuggestionsView(APIView):
    """The open needs the (active) offer fits, best first, with their score and explanation.
    A donor asks only about its own offers and gets only needs shared with donors."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[LIMIT], responses={200: OfferSuggestionsSerializer})
    def get(self, request, pk):
        limit = _limit(request)
        offer = permissions.offer_scope(Offer.objects.filter(pk=pk), request.user).first()
        if offer is None:
            raise NotFound
        found = matching.suggestions_for_offer(offer, request.user, limit=limit)
        return Response(OfferSuggestionsSerializer({"offer": offer.pk, "results": found}).data)
