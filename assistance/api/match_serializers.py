from rest_framework import serializers
from rest_framework.reverse import reverse

from ..enums import MatchAction
from ..match_constants import MAX_COMMENT, MAX_OUTCOME
from ..models import Match, MatchTransition
from ..scoring import reason_text


class ExplanationSerializer(serializers.Serializer):
    """One criterion of the score: its fit (0–1), weight, points and reason in words."""

    criterion = serializers.CharField()
    fit = serializers.FloatField()
    weight = serializers.IntegerField()
    points = serializers.FloatField()
    reason = serializers.CharField()


class MatchSerializer(serializers.ModelSerializer):
    need = serializers.IntegerField(source="need_id", read_only=True)
    offer = serializers.IntegerField(source="offer_id", read_only=True)
    state = serializers.CharField(source="need.state.iso3", read_only=True)
    thematic_area = serializers.CharField(source="need.thematic_area.code", read_only=True)
    provider = serializers.SlugRelatedField(
        source="offer.provider", slug_field="code", read_only=True
    )
    offer_title = serializers.CharField(source="offer.title", read_only=True)
    proposed_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    explanation = serializers.SerializerMethodField()
    transitions = serializers.SerializerMethodField()

    class Meta:
        model = Match
        fields = [
            "id",
            "need",
            "offer",
            "state",
            "thematic_area",
            "provider",
            "offer_title",
            "score",
            "explanation",
            "status",
            "status_changed_at",
            "proposed_by",
            "proposed_in",
            "proposed_at",
            "decline_reason",
            "outcome",
            "need_met",
            "transitions",
        ]
        read_only_fields = fields

    def get_explanation(self, obj) -> ExplanationSerializer(many=True):
        return [
            {
                "criterion": entry["criterion"],
                "fit": entry.get("fit", 0),
                "weight": entry.get("weight", 0),
                "points": entry.get("points", 0),
                "reason": reason_text(entry),
            }
            for entry in obj.explanation or []
        ]

    def get_transitions(self, obj) -> str:
        return reverse(
            "api:match-transitions", kwargs={"pk": obj.pk}, request=self.context.get("request")
        )


class MatchProposeSerializer(serializers.Serializer):
    """A match proposed by hand: the need's and the programme's ids."""

    need = serializers.IntegerField(min_value=1)
    offer = serializers.IntegerField(min_value=1)


class MatchTransitionSerializer(serializers.ModelSerializer):
    by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    action = serializers.ChoiceField(choices=MatchAction.choices, read_only=True)

    class Meta:
        model = MatchTransition
        fields = ["id", "action", "from_status", "to_status", "comment", "by", "at"]
        read_only_fields = fields


class MatchTransitionRequestSerializer(serializers.Serializer):
    """One step: `comment` required to decline (the reason); `outcome` and `need_met`
    required to evaluate."""

    action = serializers.ChoiceField(choices=MatchAction.choices)
    comment = serializers.CharField(max_length=MAX_COMMENT, required=False, allow_blank=True)
    outcome = serializers.CharField(max_length=MAX_OUTCOME, required=False, allow_blank=True)
    need_met = serializers.BooleanField(required=False, allow_null=True, default=None)
