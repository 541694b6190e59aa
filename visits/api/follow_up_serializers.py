from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ctc.themes.models import ThematicArea

from ..enums import FollowUpStep, Priority
from ..models import FollowUpAction, Recommendation


class FollowUpActionSerializer(serializers.ModelSerializer):
    visit_reference = serializers.CharField(source="visit.reference", read_only=True)
    state = serializers.CharField(source="visit.state.iso3", read_only=True)
    owner_user = serializers.SlugRelatedField(slug_field="username", read_only=True)
    owner_organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    overdue = serializers.BooleanField(source="is_overdue", read_only=True)

    class Meta:
        model = FollowUpAction
        fields = [
            "id",
            "visit",
            "visit_reference",
            "state",
            "recommendation",
            "description",
            "owner_kind",
            "owner_user",
            "owner_organisation",
            "due_on",
            "status",
            "status_changed_at",
            "overdue",
            "drop_reason",
            "reminded_on",
            "reminders",
        ]
        read_only_fields = fields


class RecommendationSerializer(serializers.ModelSerializer):
    thematic_area = serializers.SlugRelatedField(slug_field="code", read_only=True)
    actions = FollowUpActionSerializer(source="visible_actions", many=True, read_only=True)

    class Meta:
        model = Recommendation
        fields = ["id", "visit", "position", "text", "thematic_area", "priority", "actions"]
        read_only_fields = fields


class RecommendationRequestSerializer(serializers.Serializer):
    text = serializers.CharField()
    thematic_area = serializers.SlugRelatedField(
        slug_field="code",
        queryset=ThematicArea.objects.all(),
        error_messages={"does_not_exist": _("Unknown thematic area.")},
    )
    priority = serializers.ChoiceField(choices=Priority.choices, default=Priority.MEDIUM)


class FollowUpStepRequestSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=FollowUpStep.choices)
    comment = serializers.CharField(required=False, allow_blank=True, default="")
