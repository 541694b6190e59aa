"""HTTP only: the API of matches, with the same scopes, services and refusals as the pages."""

from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import match_selectors, match_services, permissions
from ..match_forms import MatchFilterForm
from ..models import Match, Need, Offer
from .match_serializers import (
    MatchProposeSerializer,
    MatchSerializer,
    MatchTransitionRequestSerializer,
    MatchTransitionSerializer,
)


def _match(request, pk) -> Match:
    try:
        return match_selectors.match_get(user=request.user, pk=pk)
    except Match.DoesNotExist:
        raise NotFound from None


class MatchListView(generics.ListCreateAPIView):
    """The matches the user may see, best score first. Filters: status, thematic_area
    (code), provider (code), state (ISO code). POST proposes a match by hand (CTED experts
    and coordinators)."""

    serializer_class = MatchSerializer
    permission_classes = [IsAuthenticated]
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Match.objects.none()
        form = MatchFilterForm(self.request.query_params, user=self.request.user)
        if not form.is_valid():
            raise ValidationError(form.errors)
        return match_selectors.match_list(user=self.request.user, **form.selector_kwargs())

    @extend_schema(request=MatchProposeSerializer, responses={201: MatchSerializer})
    def post(self, request, *args, **kwargs):
        if not permissions.can_write(request.user):
            raise PermissionDenied
        incoming = MatchProposeSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        match = match_services.match_propose(
            need=Need(pk=incoming.validated_data["need"]),
            offer=Offer(pk=incoming.validated_data["offer"]),
            by=request.user,
        )
        match = match_selectors.match_get(user=request.user, pk=match.pk)
        body = MatchSerializer(match, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)


class MatchDetailView(generics.RetrieveAPIView):
    serializer_class = MatchSerializer
    permission_classes = [IsAuthenticated]
    queryset = Match.objects.none()

    def get_object(self):
        return _match(self.request, self.kwargs["pk"])


class MatchTransitionsView(APIView):
    """GET: every step of the match so far. POST: take one step (the same services as the
    pages); 400 with a message per field when the step's data is wrong or it is not possible
    now, 403 when the user never takes it."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: MatchTransitionSerializer(many=True)})
    def get(self, request, pk):
        match = _match(request, pk)
        return Response(
            MatchTransitionSerializer(match_selectors.transition_list(match=match), many=True).data
        )

    @extend_schema(request=MatchTransitionRequestSerializer, responses={200: MatchSerializer})
    def post(self, request, pk):
        match = _match(request, pk)
        incoming = MatchTransitionRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        if not permissions.MATCH.may_act(request.user, data["action"]):
            raise PermissionDenied
        match_services.match_transition(
            match=match,
            action=data["action"],
            by=request.user,
            comment=data.get("comment", ""),
            outcome=data.get("outcome", ""),
            need_met=data.get("need_met"),
        )
        match = match_selectors.match_get(user=request.user, pk=pk)
        return Response(MatchSerializer(match, context={"request": request}).data)
