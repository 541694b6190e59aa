from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from .. import selectors, services
from ..enums import FormatStatus, SuggestionPart
from ..filters import AssessmentFilter
from ..models import (
    Assessment,
    AssessmentVersion,
    Suggestion,
    Transition,
)
from .serializers import (
    AssessmentDetailSerializer,
    AssessmentFormatDetailSerializer,
    AssessmentFormatSerializer,
    AssessmentSerializer,
    AssessmentTransitionRequestSerializer,
    AssessmentTransitionResultSerializer,
    AssessmentTransitionSerializer,
    AssessmentVersionSerializer,
    SuggestionRejectSerializer,
    SuggestionRequestSerializer,
    SuggestionSerializer,
)


def _is_schema(view) -> bool:
    # drf-spectacular instantiates views without a real request to read their querysets.
    return getattr(view, "swagger_fake_view", False)


class AssessmentListView(generics.ListAPIView):
    """The assessments the user may see, filtered; an empty list for focal points, partners
    and donors, who see none in the workspace."""

    serializer_class = AssessmentSerializer
    permission_classes = [IsAuthenticated]
    # Declared for the OpenAPI schema; filtering itself happens in the selector.
    filter_backends = [DjangoFilterBackend]
    filterset_class = AssessmentFilter

    def get_queryset(self):
        return Assessment.objects.none()

    def filter_queryset(self, queryset):
        filterset = AssessmentFilter(self.request.query_params)
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        return selectors.assessment_list(user=self.request.user, **filterset.selector_kwargs())


class AssessmentDetailView(generics.RetrieveAPIView):
    """One assessment with its answers and recommendations; 404 outside the user's scope."""

    serializer_class = AssessmentDetailSerializer
    permission_classes = [IsAuthenticated]
    # Only tells the OpenAPI schema the type of {id}; the read goes through the selector.
    queryset = Assessment.objects.none()

    def get_object(self):
        return selectors.assessment_get(user=self.request.user, pk=self.kwargs["pk"])

    def retrieve(self, request, *args, **kwargs):
        assessment = self.get_object()
        editor = selectors.assessment_editor(user=request.user, assessment=assessment)
        context = {**self.get_serializer_context(), "editor": editor}
        return Response(self.get_serializer(assessment, context=context).data)


class AssessmentVersionListView(generics.ListAPIView):
    """Every saved version of one assessment, the latest first."""

    serializer_class = AssessmentVersionSerializer
    permission_classes = [IsAuthenticated]
    filter_backends = []

    def get_queryset(self):
        if _is_schema(self):
            return AssessmentVersion.objects.none()
        assessment = selectors.assessment_get(user=self.request.user, pk=self.kwargs["pk"])
        return selectors.version_list(assessment=assessment)


class AssessmentTransitionView(generics.ListAPIView):
    """The workflow history of one assessment (GET), or its next step (POST).

    POST takes JSON, or multipart for `record_reply`, whose `file` is the State's reply.
    A step the user's roles never take answers 403; a step the file's status does not
    allow, or a missing reason for a return, answers 400 and changes nothing.
    """

    serializer_class = AssessmentTransitionSerializer
    permission_classes = [IsAuthenticated]
    filter_backends = []
    # The history of one file is short; it comes whole.
    pagination_class = None

    def get_queryset(self):
        if _is_schema(self):
            return Transition.objects.none()
        assessment = selectors.assessment_get(user=self.request.user, pk=self.kwargs["pk"])
        return selectors.transition_list(assessment=assessment)

    @extend_schema(
        request=AssessmentTransitionRequestSerializer,
        responses={status.HTTP_201_CREATED: AssessmentTransitionResultSerializer},
    )
    def post(self, request, pk):
        assessment = selectors.assessment_get(user=request.user, pk=pk)
        step = AssessmentTransitionRequestSerializer(data=request.data)
        step.is_valid(raise_exception=True)
        services.assessment_transition(
            assessment=assessment,
            action=step.validated_data["action"],
            by=request.user,
            comment=step.validated_data["comment"],
            upload=step.validated_data["file"],
            note=step.validated_data["note"],
        )
        # The step may take the file out of the user's scope; its new status is still theirs to see.
        result = selectors.transition_result(assessment=assessment)
        return Response(
            AssessmentTransitionResultSerializer(result).data, status=status.HTTP_201_CREATED
        )


class SuggestionListView(generics.ListAPIView):
    """Reviewers' suggestions on one file, oldest first (GET), or a new one (POST).

    Coordinators, subcommittee and Committee members suggest on the files they see while
    the file is a draft or in review; other roles answer 403, a file they do not see 404.
    """

    serializer_class = SuggestionSerializer
    permission_classes = [IsAuthenticated]
    filter_backends = []

    def get_queryset(self):
        if _is_schema(self):
            return Suggestion.objects.none()
        assessment = selectors.assessment_get(user=self.request.user, pk=self.kwargs["pk"])
        return selectors.suggestion_list(user=self.request.user, assessment=assessment)

    @extend_schema(
        request=SuggestionRequestSerializer,
        responses={status.HTTP_201_CREATED: SuggestionSerializer},
    )
    def post(self, request, pk):
        assessment = selectors.assessment_get(user=request.user, pk=pk)
        given = SuggestionRequestSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        answer = None
        if data["part"] == SuggestionPart.ANSWER:
            answer = selectors.answer_by_code(assessment=assessment, code=data["question"])
            if answer is None:
                message = _("The assessment has no question “{code}”.")
                raise ValidationError({"question": [message.format(code=data["question"])]})
        suggestion = services.suggestion_make(
            assessment=assessment,
            part=data["part"],
            answer=answer,
            proposed_text=data["proposed_text"],
            note=data["note"],
            revision=data["base_revision"],
            by=request.user,
        )
        made = selectors.suggestion_get(user=request.user, assessment=assessment, pk=suggestion.pk)
        return Response(SuggestionSerializer(made).data, status=status.HTTP_201_CREATED)


class _SuggestionDecisionView(generics.GenericAPIView):
    serializer_class = SuggestionSerializer
    permission_classes = [IsAuthenticated]
    filter_backends = []
    queryset = Suggestion.objects.none()

    def decide(self, request, pk, suggestion_pk, act):
        assessment = selectors.assessment_get(user=request.user, pk=pk)
        suggestion = selectors.suggestion_get(
            user=request.user, assessment=assessment, pk=suggestion_pk
        )
        act(suggestion)
        decided = selectors.suggestion_get(
            user=request.user, assessment=assessment, pk=suggestion.pk
        )
        return Response(SuggestionSerializer(decided).data)


class SuggestionAcceptView(_SuggestionDecisionView):
    """The expert accepts a suggestion: its text is saved as a new version, attributed to
    both. 400 when it is stale or decided, or the file is no longer a draft."""

    @extend_schema(request=None, responses={status.HTTP_200_OK: SuggestionSerializer})
    def post(self, request, pk, suggestion_pk):
        return self.decide(
            request,
            pk,
            suggestion_pk,
            lambda suggestion: services.suggestion_accept(suggestion=suggestion, by=request.user),
        )


class SuggestionRejectView(_SuggestionDecisionView):
    """The expert rejects a suggestion with a reason (required); the text does not change."""

    @extend_schema(
        request=SuggestionRejectSerializer, responses={status.HTTP_200_OK: SuggestionSerializer}
    )
    def post(self, request, pk, suggestion_pk):
        given = SuggestionRejectSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        reason = given.validated_data["reason"]
        return self.decide(
            request,
            pk,
            suggestion_pk,
            lambda suggestion: services.suggestion_reject(
                suggestion=suggestion, reason=reason, by=request.user
            ),
        )


class AssessmentFormatListView(generics.ListAPIView):
    """The published and draft questionnaires, named in the request's language."""

    serializer_class = AssessmentFormatSerializer
    permission_classes = [IsAuthenticated]
    filter_backends = []

    def get_queryset(self):
        return selectors.format_list(user=self.request.user).filter(
            status__in=[FormatStatus.PUBLISHED, FormatStatus.DRAFT]
        )


class AssessmentFormatDetailView(generics.RetrieveAPIView):
    """One questionnaire with its sections and questions; retired ones too, since older
    assessments use them."""

    serializer_class = AssessmentFormatDetailSerializer
    permission_classes = [IsAuthenticated]
    filter_backends = []
    lookup_field = "code"

    def get_queryset(self):
        return selectors.format_list(user=self.request.user, with_questions=True)
