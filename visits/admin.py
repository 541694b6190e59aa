"""The admin of visits: what services own (statuses, gates, references) is read-only."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CalendarFeed, Visit, VisitTransition


class VisitTransitionInline(admin.TabularInline):
    model = VisitTransition
    extra = 0
    can_delete = False
    fields = [
        "at",
        "gate",
        "action",
        "from_status",
        "to_status",
        "dated",
        "reference",
        "by",
        "comment",
    ]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Visit)
class VisitAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "state", "starts_on", "ends_on", "status", "consent_status"]
    list_filter = ["status", "consent_status", "report_status"]
    search_fields = ["reference", "state__name", "purpose"]
    date_hierarchy = "starts_on"
    # Every field belongs to a service (visit_create, visit_update, the steps): the admin
    # shows the visit and its history, and changes nothing.
    readonly_fields = [
        f.name for f in Visit._meta.get_fields() if f.concrete and not f.auto_created
    ]
    inlines = [VisitTransitionInline]

    def has_add_permission(self, request):
        # Visits are proposed through the site (services.visit_create numbers them).
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at", "revoked_at"]
    readonly_fields = ["user", "token", "created_at"]
    search_fields = ["user__username"]

    def has_add_permission(self, request):
        return False


@admin.register(VisitTransition)
class VisitTransitionAdmin(admin.ModelAdmin):
    """The steps are records: read, never written here."""

    list_display = ["visit", "gate", "action", "dated", "reference", "by", "at"]
    list_filter = ["gate", "action"]
    search_fields = ["visit__reference", "reference"]
    readonly_fields = [f.name for f in VisitTransition._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
