"""The admin of technical assistance. Needs, offers, matches and their steps are read only
here (their services check the actor, validate and record each change); the matching
weights, one row, are the administrators' to change, with history."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ctc.admin import ReadOnly

from .models import Match, MatchingWeights, MatchTransition, Need, Offer


@admin.register(Need)
class NeedAdmin(ReadOnly, SimpleHistoryAdmin):
    list_display = ["state", "thematic_area", "priority", "source", "status", "shared_with_donors"]
    list_filter = ["status", "priority", "source", "shared_with_donors", "thematic_area"]
    search_fields = ["state__name", "description"]
    list_select_related = ["state", "thematic_area"]


@admin.register(Offer)
class OfferAdmin(ReadOnly, SimpleHistoryAdmin):
    list_display = ["title", "provider", "starts_on", "ends_on", "budget_band", "status"]
    list_filter = ["status", "budget_band", "is_global"]
    search_fields = ["title", "description", "provider__name"]
    list_select_related = ["provider"]


class MatchTransitionInline(ReadOnly, admin.TabularInline):
    model = MatchTransition
    extra = 0
    fields = ["at", "action", "from_status", "to_status", "by", "comment"]
    readonly_fields = fields


@admin.register(Match)
class MatchAdmin(ReadOnly, SimpleHistoryAdmin):
    list_display = ["need", "offer", "score", "status", "proposed_at"]
    list_filter = ["status"]
    search_fields = ["need__state__name", "offer__title"]
    list_select_related = ["need__state", "need__thematic_area", "offer"]
    inlines = [MatchTransitionInline]


@admin.register(MatchTransition)
class MatchTransitionAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["match", "action", "from_status", "to_status", "by", "at"]
    list_filter = ["action"]
    search_fields = ["match__offer__title", "match__need__state__name", "comment"]
    list_select_related = ["match__need__state", "match__need__thematic_area", "match__offer", "by"]


class MatchingWeightsForm(forms.ModelForm):
    class Meta:
        model = MatchingWeights
        fields = ["thematic", "geographic", "timing", "priority", "language", "track_record"]

    def clean(self):
        data = super().clean()
        # One row: checked on saving, so the admin's pages ask nothing more of the database.
        if self.instance.pk is None and MatchingWeights.objects.exists():
            raise forms.ValidationError(
                _("The matching weights exist already: change them rather than add another.")
            )
        return data


@admin.register(MatchingWeights)
class MatchingWeightsAdmin(SimpleHistoryAdmin):
    form = MatchingWeightsForm
    list_display = [
        "__str__",
        "thematic",
        "geographic",
        "timing",
        "priority",
        "language",
        "track_record",
        "updated_at",
    ]
    # Searching one row by its figures: the search box is there like on every list.
    search_fields = ["pk"]

    def has_delete_permission(self, request, obj=None):
        # Deleting it would silently bring the defaults back.
        return False
