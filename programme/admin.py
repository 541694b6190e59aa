"""The admin of the work programme: texts in six languages on one form, with history. An
item's status belongs to its service (ctc.workflow): read-only here."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ctc.admin import LabelledTabularInline, RecordAdmin, TranslationAdmin

from .models import (
    Contribution,
    Event,
    FundedActivity,
    ItemTransition,
    ProgrammeItem,
    ProgrammeLink,
)


class TransitionInline(LabelledTabularInline):
    model = ItemTransition
    extra = 0
    can_delete = False
    fields = ["at", "action", "from_status", "to_status", "by", "comment"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class ItemLinkInline(LabelledTabularInline):
    model = ProgrammeLink
    fk_name = "item"
    extra = 0
    fields = ["label", "url", "added_by"]
    readonly_fields = ["added_by"]

    def has_add_permission(self, request, obj=None):
        return False  # added from the item's page, where who added it is recorded


class EventLinkInline(ItemLinkInline):
    fk_name = "event"


@admin.register(ProgrammeItem)
class ProgrammeItemAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["ref", "title", "body", "owner", "deadline", "status", "is_public"]
    list_filter = ["body", "status", "owner", "is_public"]
    search_fields = ["ref", "title_en", "title_fr", "title_es", "title_ru", "title_ar"]
    search_fields += ["title_zh_hans"]
    readonly_fields = ["ref", "status", "status_changed_at"]
    inlines = [TransitionInline, ItemLinkInline]

    def has_add_permission(self, request):
        return False  # the programme's items come from its reference data

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["title", "kind", "date", "audience", "is_public"]
    list_filter = ["kind", "audience", "is_public"]
    search_fields = ["title_en", "title_fr", "title_es", "title_ru", "title_ar", "title_zh_hans"]
    list_select_related = ["item"]
    date_hierarchy = "date"
    inlines = [EventLinkInline]


@admin.register(FundedActivity)
class FundedActivityAdmin(SimpleHistoryAdmin):
    list_display = ["title", "estimated_cost", "item", "event"]
    list_select_related = ["item", "event"]
    search_fields = ["title"]
    readonly_fields = ["created_by", "created_at"]

    def has_add_permission(self, request):
        return False  # recorded on the budget page, where who recorded it is known


@admin.register(Contribution)
class ContributionAdmin(SimpleHistoryAdmin):
    list_display = ["donor", "amount", "received_on", "activity"]
    list_select_related = ["activity"]
    search_fields = ["donor"]
    date_hierarchy = "received_on"
    readonly_fields = ["created_by", "created_at"]

    def has_add_permission(self, request):
        return False


@admin.register(ItemTransition)
class ItemTransitionAdmin(RecordAdmin):
    """The status history, written by programme.services.item_status_change only."""

    list_display = ["item", "action", "from_status", "to_status", "by", "at"]
    list_filter = ["action"]
    search_fields = ["item__ref", "item__title_en", "comment"]
    list_select_related = ["item", "by"]
    readonly_fields = ["item", "action", "from_status", "to_status", "comment", "by", "at"]


@admin.register(ProgrammeLink)
class ProgrammeLinkAdmin(admin.ModelAdmin):
    list_display = ["label", "url", "item", "event", "added_by", "added_at"]
    list_select_related = ["item", "event", "added_by"]
    search_fields = ["label", "url"]
    fields = ["label", "url", "item", "event", "added_by", "added_at"]
    readonly_fields = ["item", "event", "added_by", "added_at"]

    def has_add_permission(self, request):
        return False  # added from an item's or an event's page, where who added it is known
