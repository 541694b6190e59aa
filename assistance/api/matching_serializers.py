"""Output shapes of the suggestions endpoints (assistance/matching.py's Suggestion)."""

from rest_framework import serializers

from ..enums import Criterion


class SuggestionCriterionSerializer(serializers.Serializer):
    criterion = serializers.ChoiceField(choices=Criterion.choices)
    label = serializers.CharField(help_text="The criterion's name in the reader's language.")
    fit = serializers.FloatField(help_text="From 0 to 1.")
    weight = serializers.IntegerField()
    points = serializers.FloatField(help_text="What the criterion adds to the score.")
    reason = serializers.CharField(help_text="Why, in the reader's language.")


class SuggestionProviderSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class SuggestedOfferSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="target.pk")
    title = serializers.CharField(source="target.title")
    provider = SuggestionProviderSerializer(source="target.provider")
    starts_on = serializers.DateField(source="target.starts_on")
    ends_on = serializers.DateField(source="target.ends_on")
    languages = serializers.ListField(child=serializers.CharField(), source="target.languages")
    score = serializers.IntegerField(help_text="From 0 to 100.")
    explanation = SuggestionCriterionSerializer(many=True)


class SuggestedNeedSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="target.pk")
    state = serializers.CharField(source="target.state.iso3")
    thematic_area = serializers.CharField(source="target.thematic_area.code")
    priority = serializers.CharField(source="target.priority")
    description = serializers.CharField(source="target.description")
    score = serializers.IntegerField(help_text="From 0 to 100.")
    explanation = SuggestionCriterionSerializer(many=True)


class NeedSuggestionsSerializer(serializers.Serializer):
    need = serializers.IntegerField()
    results = SuggestedOfferSerializer(many=True)


class OfferSuggestionsSerializer(serializers.Serializer):
    offer = serializers.IntegerField()
    results = SuggestedNeedSerializer(many=True)
