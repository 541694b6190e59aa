from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..enums import SuggestionPart, TransitionAction
from ..models import (
    Assessment,
    AssessmentFormat,
    AssessmentVersion,
    FormatQuestion,
    FormatSection,
    Recommendation,
    Suggestion,
    Transition,
)

# Status fields are plain strings here: drf-spectacular would otherwise name three different
# choice sets "StatusEnum" and warn. Each comes with its label in the request's language.


class AssessmentSerializer(serializers.ModelSerializer):
    """One assessment with its progress: how many of its questions have a finding."""

    # question_count and answered_count are kept on the assessment by the services.

    state = serializers.CharField(source="state.iso3", read_only=True)
    state_name = serializers.CharField(source="state.name", read_only=True)
    status = serializers.CharField(read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    format = serializers.CharField(source="format.code", read_only=True)
    assignee = serializers.CharField(source="assignee.username", read_only=True, allow_null=True)
    subcommittee = serializers.CharField(source="state.subcommittee.code", read_only=True)
    question_count = serializers.IntegerField(read_only=True)
    answered_count = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField(help_text=_("The assessment's page in the workspace."))

    class Meta:
        model = Assessment
        fields = [
            "id",
            "state",
            "state_name",
            "cycle",
            "status",
            "status_display",
            "format",
            "assignee",
            "due_on",
            "subcommittee",
            "question_count",
            "answered_count",
            "updated_at",
            "url",
        ]
        read_only_fields = fields

    def get_url(self, assessment) -> str:
        path = reverse("assessments:detail", kwargs={"pk": assessment.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class AssessmentAnswerSerializer(serializers.Serializer):
    """The finding on one question of the format."""

    # The instance is a selectors.QuestionBlock of the editor.

    question = serializers.CharField(source="question.code", read_only=True)
    question_text = serializers.CharField(source="question.text", read_only=True)
    section = serializers.CharField(source="question.section.code", read_only=True)
    finding = serializers.CharField(source="answer.finding", read_only=True)
    status = serializers.CharField(source="answer.status", read_only=True)
    sources = serializers.CharField(source="answer.sources", read_only=True)
    revision = serializers.IntegerField(source="answer.revision", read_only=True)
    updated_by = serializers.CharField(
        source="answer.updated_by.username", read_only=True, allow_null=True
    )
    updated_at = serializers.DateTimeField(
        source="answer.updated_at", read_only=True, allow_null=True
    )


class AssessmentRecommendationSerializer(serializers.ModelSerializer):
    thematic_area = serializers.CharField(source="thematic_area.code", read_only=True)

    class Meta:
        model = Recommendation
        fields = ["position", "text", "thematic_area"]
        read_only_fields = fields


class AssessmentDetailSerializer(AssessmentSerializer):
    """One assessment with its findings, priority recommendations, cover note and letter."""

    # Everything but the list fields comes from the `editor` in the context:
    # selectors.assessment_editor() for the same assessment and user.

    question_count = serializers.SerializerMethodField()
    answered_count = serializers.SerializerMethodField()
    answers = serializers.SerializerMethodField()
    recommendations = serializers.SerializerMethodField()
    available_actions = serializers.SerializerMethodField(
        help_text=_("The workflow actions the user may take now.")
    )

    class Meta(AssessmentSerializer.Meta):
        fields = AssessmentSerializer.Meta.fields + [
            "answers",
            "recommendations",
            "cover_note",
            "letter",
            "previous",
            "available_actions",
        ]
        read_only_fields = fields

    def get_question_count(self, assessment) -> int:
        return self.context["editor"].question_count

    def get_answered_count(self, assessment) -> int:
        return self.context["editor"].answered_count

    @extend_schema_field(AssessmentAnswerSerializer(many=True))
    def get_answers(self, assessment):
        sections = self.context["editor"].sections
        blocks = [block for section in sections for block in section.questions]
        return AssessmentAnswerSerializer(blocks, many=True).data

    @extend_schema_field(AssessmentRecommendationSerializer(many=True))
    def get_recommendations(self, assessment):
        recommendations = self.context["editor"].recommendations
        return AssessmentRecommendationSerializer(recommendations, many=True).data

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_available_actions(self, assessment):
        return [str(action) for action in self.context["editor"].actions]


class AssessmentVersionSerializer(serializers.ModelSerializer):
    created_by = serializers.CharField(
        source="created_by.username", read_only=True, allow_null=True
    )

    class Meta:
        model = AssessmentVersion
        fields = ["number", "summary", "created_by", "created_at"]
        read_only_fields = fields


class AssessmentTransitionSerializer(serializers.ModelSerializer):
    action = serializers.CharField(read_only=True)
    from_status = serializers.CharField(read_only=True)
    to_status = serializers.CharField(read_only=True)
    by = serializers.CharField(source="by.username", read_only=True)

    class Meta:
        model = Transition
        fields = ["action", "from_status", "to_status", "comment", "by", "at"]
        read_only_fields = fields


class AssessmentTransitionRequestSerializer(serializers.Serializer):
    """The next workflow step; `file` (multipart) is the State's reply for record_reply."""

    # Lengths and the reason for a return are checked by the service, like on the page.

    action = serializers.ChoiceField(
        choices=TransitionAction.choices,
        error_messages={"invalid_choice": _("Unknown action “{input}”.")},
    )
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    file = serializers.FileField(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class AssessmentTransitionResultSerializer(serializers.Serializer):
    """The assessment's status after the step, and the step as recorded."""

    status = serializers.CharField()
    status_display = serializers.CharField()
    transition = AssessmentTransitionSerializer()


class FormatQuestionSerializer(serializers.ModelSerializer):
    thematic_area = serializers.CharField(source="thematic_area.code", read_only=True)

    class Meta:
        model = FormatQuestion
        fields = ["code", "text", "thematic_area", "technical_guide_ref"]
        read_only_fields = fields


class FormatSectionSerializer(serializers.ModelSerializer):
    questions = FormatQuestionSerializer(many=True, read_only=True)

    class Meta:
        model = FormatSection
        fields = ["code", "title", "is_human_rights", "questions"]
        read_only_fields = fields


class AssessmentFormatSerializer(serializers.ModelSerializer):
    """A questionnaire, named in the request's language."""

    # question_count is an annotation of selectors.format_list().

    status = serializers.CharField(read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    derived_from = serializers.CharField(
        source="derived_from.code", read_only=True, allow_null=True
    )
    question_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = AssessmentFormat
        fields = ["code", "name", "status", "status_display", "derived_from", "question_count"]
        read_only_fields = fields


class AssessmentFormatDetailSerializer(AssessmentFormatSerializer):
    sections = FormatSectionSerializer(many=True, read_only=True)

    class Meta(AssessmentFormatSerializer.Meta):
        fields = AssessmentFormatSerializer.Meta.fields + ["description", "sections"]
        read_only_fields = fields


class SuggestionSerializer(serializers.ModelSerializer):
    """A reviewer's wording for a finding (`question`), the cover note or the letter."""

    # `stale` is an annotation of selectors.suggestion_list().

    part = serializers.CharField(read_only=True)
    question = serializers.CharField(source="answer.question.code", read_only=True, allow_null=True)
    author = serializers.CharField(source="author.username", read_only=True)
    author_name = serializers.SerializerMethodField()
    status = serializers.CharField(read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    stale = serializers.BooleanField(
        read_only=True,
        help_text=_("Open, and the text changed since: it can no longer be accepted as it is."),
    )
    decided_by = serializers.CharField(
        source="decided_by.username", read_only=True, allow_null=True
    )
    version = serializers.IntegerField(source="version.number", read_only=True, allow_null=True)

    class Meta:
        model = Suggestion
        fields = [
            "id",
            "part",
            "question",
            "base_text",
            "base_revision",
            "proposed_text",
            "note",
            "author",
            "author_name",
            "created_at",
            "status",
            "status_display",
            "stale",
            "decided_by",
            "decided_at",
            "reason",
            "version",
        ]
        read_only_fields = fields

    def get_author_name(self, suggestion) -> str:
        return suggestion.author.get_full_name() or suggestion.author.username


class SuggestionRequestSerializer(serializers.Serializer):
    """New wording: `question` (its code) names the finding when `part` is "answer"."""

    # Sanitising, lengths and who may suggest are the service's, like on the page.

    part = serializers.ChoiceField(
        choices=SuggestionPart.choices,
        error_messages={"invalid_choice": _("Unknown part “{input}”.")},
    )
    question = serializers.CharField(required=False, allow_blank=True, default="")
    proposed_text = serializers.CharField()
    note = serializers.CharField(required=False, allow_blank=True, default="")
    base_revision = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=0,
        help_text=_("The revision of the text you read; refused if it was saved since."),
    )


class SuggestionRejectSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True)
