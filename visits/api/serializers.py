from rest_framework import serializers
from rest_framework.reverse import reverse

from ctc.accounts.models import User
from ctc.organisations.models import Organisation
from ctc.states.models import MemberState

from ..enums import Gate, VisitAction
from ..models import Visit, VisitTransition
from ..services import MAX_COMMENT, MAX_REFERENCE, MAX_TEXT, PLAN_ACTIONS


class VisitSerializer(serializers.ModelSerializer):
    state = serializers.SlugRelatedField(slug_field="iso3", read_only=True)
    coordinator = serializers.SlugRelatedField(slug_field="username", read_only=True)
    experts = serializers.SlugRelatedField(slug_field="username", many=True, read_only=True)
    partners = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    joint = serializers.BooleanField(source="is_joint", read_only=True)
    transitions = serializers.SerializerMethodField()

    class Meta:
        model = Visit
        fields = [
            "id",
            "reference",
            "state",
            "purpose",
            "objectives",
            "human_rights",
            "starts_on",
            "ends_on",
            "coordinator",
            "experts",
            "partners",
            "joint",
            "status",
            "consent_status",
            "consent_requested_on",
            "consent_request_reference",
            "consent_answer_due_on",
            "consent_answered_on",
            "consent_reference",
            "approved_on",
            "approval_reference",
            "report_status",
            "transitions",
        ]
        read_only_fields = fields

    def get_transitions(self, obj) -> str:
        return reverse(
            "api:visit-transitions", kwargs={"pk": obj.pk}, request=self.context.get("request")
        )


class VisitCreateSerializer(serializers.Serializer):
    """A new plan: the State and people by their codes and usernames."""

    state = serializers.SlugRelatedField(slug_field="iso3", queryset=MemberState.objects.all())
    purpose = serializers.CharField(max_length=MAX_TEXT)
    objectives = serializers.CharField(max_length=MAX_TEXT)
    human_rights = serializers.CharField(max_length=MAX_TEXT, required=False, allow_blank=True)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    experts = serializers.SlugRelatedField(
        slug_field="username", many=True, queryset=User.objects.all(), required=False
    )
    partners = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=Organisation.objects.all(), required=False
    )


class TransitionSerializer(serializers.ModelSerializer):
    by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    gate = serializers.ChoiceField(choices=Gate.choices, read_only=True)
    action = serializers.ChoiceField(choices=VisitAction.choices, read_only=True)

    class Meta:
        model = VisitTransition
        fields = [
            "id",
            "gate",
            "action",
            "from_status",
            "to_status",
            "dated",
            "reference",
            "comment",
            "by",
            "at",
        ]
        read_only_fields = fields


class TransitionRequestSerializer(serializers.Serializer):
    """One step: `dated` and `reference` for approve, request_consent, record_consent and
    record_decline; `comment` required to return or cancel."""

    action = serializers.ChoiceField(choices=[(a, VisitAction(a).label) for a in PLAN_ACTIONS])
    dated = serializers.DateField(required=False, allow_null=True)
    reference = serializers.CharField(max_length=MAX_REFERENCE, required=False, allow_blank=True)
    answer_due_on = serializers.DateField(required=False, allow_null=True)
    comment = serializers.CharField(max_length=MAX_COMMENT, required=False, allow_blank=True)
