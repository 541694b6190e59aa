"""API of recommendations and follow-up actions: the same scopes, services and refusals as
the pages (a visit or action outside the reader's scope answers 404)."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import follow_up_selectors as selectors
from .. import follow_up_services as services
from .. import permissions
from ..follow_up_forms import FollowUpFilterForm
from ..models import FollowUpAction, Recommendation, Visit
from .follow_up_serializers import (
    FollowUpActionSerializer,
    FollowUpStepRequestSerializer,
    RecommendationRequestSerializer,
    RecommendationSerializer,
)


def _schema(view) -> bool:
    return getattr(view, "swagger_fake_view", False)


def _visit(request, pk) -> Visit:
    try:
        return selectors.visit_get(user=request.user, pk=pk)
    except Visit.DoesNotExist:
        raise NotFound from None


def _action(request, pk) -> FollowUpAction:
    try:
        return selectors.follow_up_get(user=request.user, pk=pk)
    except FollowUpAction.DoesNotExist:
        raise NotFound from None


class RecommendationListView(generics.ListAPIView):
    """A visit's recommendations, each with the follow-up actions the reader may see (GET);
    a new recommendation (POST, CTED experts and coordinators, while the visit is done and
    its report not yet approved)."""

    serializer_class = RecommendationSerializer
    permission_classes = [IsAuthenticated]
    filter_backends = []
    # The recommendations of one visit are few; they come whole.
    pagination_class = None

    def get_queryset(self):
        if _schema(self):
            return Recommendation.objects.none()
        visit = _visit(self.request, self.kwargs["pk"])
        return selectors.recommendation_list(user=self.request.user, visit=visit)

    @extend_schema(
        request=RecommendationRequestSerializer,
        responses={status.HTTP_201_CREATED: RecommendationSerializer},
    )
    def post(self, request, pk):
        visit = _visit(request, pk)
        if not permissions.can_write(request.user):
            raise PermissionDenied
        data = RecommendationRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        recommendation = services.recommendation_add(
            visit=visit, by=request.user, **data.validated_data
        )
        recommendation.visible_actions = []
        return Response(
            RecommendationSerializer(recommendation).data, status=status.HTTP_201_CREATED
        )


FILTERS = [
    OpenApiParameter("state", str, description="ISO 3166 alpha-3 code of the State"),
    OpenApiParameter("owner", str, enum=["cted", "state", "partner", "me"]),
    OpenApiParameter("status", str, enum=["open", "in_progress", "done", "dropped"]),
    OpenApiParameter("overdue", str, enum=["true", "false"]),
    OpenApiParameter("sort", str, enum=["due", "-due"]),
]


@extend_schema(parameters=FILTERS)
class FollowUpActionListView(generics.ListAPIView):
    """The follow-up actions the reader may see, by due date; overdue = still open or in
    progress after its due date ended at UN Headquarters."""

    serializer_class = FollowUpActionSerializer
    permission_classes = [IsAuthenticated]
    filter_backends = []

    def get_queryset(self):
        if _schema(self):
            return FollowUpAction.objects.none()
        form = FollowUpFilterForm(self.request.query_params)
        if not form.is_valid():
            raise ValidationError(form.errors)
        return selectors.follow_up_list(user=self.request.user, **form.selector_kwargs())


class FollowUpActionDetailView(generics.RetrieveAPIView):
    """One follow-up action."""

    serializer_class = FollowUpActionSerializer
    permission_classes = [IsAuthenticated]
    queryset = FollowUpAction.objects.none()

    def retrieve(self, request, *args, **kwargs):
        return Response(self.get_serializer(_action(request, kwargs["pk"])).data)


class FollowUpActionTransitionView(APIView):
    """The next step of one action: start, complete (CTED or its owner), drop (CTED, with
    the reason as comment), reopen (CTED). 403 for a step the reader's roles never take;
    400 for a step the action's status or owner does not allow now."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=FollowUpStepRequestSerializer,
        responses={status.HTTP_200_OK: FollowUpActionSerializer},
    )
    def post(self, request, pk):
        action = _action(request, pk)
        step = FollowUpStepRequestSerializer(data=request.data)
        step.is_valid(raise_exception=True)
        services.follow_up_transition(
            action=action,
            step=step.validated_data["action"],
            by=request.user,
            comment=step.validated_data["comment"],
        )
        return Response(FollowUpActionSerializer(_action(request, pk)).data)
