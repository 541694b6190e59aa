"""The admin of recommendations and follow-up: read and history only, since every change goes
through visits/follow_up_services.py (it checks the actor, the visit's stage and the owner,
and records each step)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ctc.admin import ReadOnly

from .models import FollowUpAction, FollowUpTransition, OutcomeEvaluation, Recommendation


class FollowUpActionInline(ReadOnly, admin.TabularInline):
    model = FollowUpAction
    extra = 0
    fields = ["description", "owner_kind", "owner_user", "owner_organisation", "due_on", "status"]
    readonly_fields = fields


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnly, SimpleHistoryAdmin):
    list_display = ["visit", "position", "thematic_area", "priority", "created_at"]
    list_filter = ["priority", "thematic_area"]
    search_fields = ["visit__reference", "text"]
    list_select_related = ["visit", "thematic_area"]
    inlines = [FollowUpActionInline]


class FollowUpTransitionInline(ReadOnly, admin.TabularInline):
    model = FollowUpTransition
    extra = 0
    fields = ["at", "action", "from_status", "to_status", "by", "comment"]
    readonly_fields = fields


@admin.register(FollowUpAction)
class FollowUpActionAdmin(ReadOnly, SimpleHistoryAdmin):
    list_display = ["visit", "description", "owner_kind", "due_on", "status", "reminded_on"]
    list_filter = ["status", "owner_kind"]
    search_fields = ["visit__reference", "description"]
    date_hierarchy = "due_on"
    list_select_related = ["visit"]
    inlines = [FollowUpTransitionInline]


@admin.register(FollowUpTransition)
class FollowUpTransitionAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["follow_up", "action", "from_status", "to_status", "by", "at"]
    list_filter = ["action"]
    search_fields = ["follow_up__visit__reference", "comment"]
    list_select_related = ["follow_up", "by"]


@admin.register(OutcomeEvaluation)
class OutcomeEvaluationAdmin(ReadOnly, SimpleHistoryAdmin):
    list_display = ["visit", "evaluated_by", "evaluated_at"]
    search_fields = ["visit__reference", "what_changed"]
    list_select_related = ["visit", "evaluated_by"]
