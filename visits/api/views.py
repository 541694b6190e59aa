"""HTTP only: the API of visits, with the same scope, services and refusals as the pages."""

from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import permissions, selectors, services
from ..filters import VisitFilterForm
from ..models import Visit
from .serializers import (
    TransitionRequestSerializer,
    TransitionSerializer,
    VisitCreateSerializer,
    VisitSerializer,
)


def _visit(request, pk) -> Visit:
    try:
        return selectors.visit_get(user=request.user, pk=pk)
    except Visit.DoesNotExist:
        raise NotFound from None


class VisitListView(generics.ListCreateAPIView):
    """The visits the user may see, soonest first. Filters: q, state (ISO code), status,
    consent, year, joint (yes/no), mine. POST proposes a visit (CTED coordinators)."""

    serializer_class = VisitSerializer
    permission_classes = [IsAuthenticated]
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Visit.objects.none()
        form = VisitFilterForm(self.request.query_params)
        if not form.is_valid():
            raise ValidationError(form.errors)
        visits = selectors.visit_list(user=self.request.user, **form.selector_kwargs())
        return visits.prefetch_related("experts")

    @extend_schema(request=VisitCreateSerializer, responses={201: VisitSerializer})
    def post(self, request, *args, **kwargs):
        if not permissions.can_propose(request.user):
            raise PermissionDenied
        incoming = VisitCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        visit = services.visit_create(
            state=data["state"],
            purpose=data["purpose"],
            objectives=data["objectives"],
            human_rights=data.get("human_rights", ""),
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            experts=data.get("experts", []),
            partners=data.get("partners", []),
            by=request.user,
        )
        visit = selectors.visit_get(user=request.user, pk=visit.pk)
        body = VisitSerializer(visit, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)


class VisitDetailView(generics.RetrieveAPIView):
    serializer_class = VisitSerializer
    permission_classes = [IsAuthenticated]
    queryset = Visit.objects.none()

    def get_object(self):
        return _visit(self.request, self.kwargs["pk"])


class VisitTransitionsView(APIView):
    """GET: every step of the visit so far. POST: take one step (the same services as the
    pages); 400 with a message per field when the step's data is wrong or it is not
    possible now, 403 when the user never takes it."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: TransitionSerializer(many=True)})
    def get(self, request, pk):
        visit = _visit(request, pk)
        return Response(
            TransitionSerializer(selectors.transition_list(visit=visit), many=True).data
        )

    @extend_schema(request=TransitionRequestSerializer, responses={200: VisitSerializer})
    def post(self, request, pk):
        visit = _visit(request, pk)
        incoming = TransitionRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        if not permissions.may_act(request.user, data["action"]):
            raise PermissionDenied
        services.visit_transition(
            visit=visit,
            action=data["action"],
            by=request.user,
            dated=data.get("dated"),
            reference=data.get("reference", ""),
            comment=data.get("comment", ""),
            answer_due_on=data.get("answer_due_on"),
        )
        visit = selectors.visit_get(user=request.user, pk=pk)
        return Response(VisitSerializer(visit, context={"request": request}).data)
