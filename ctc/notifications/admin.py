from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Notifications are written by the services and the worker only: the admin reads them."""

    list_display = ["kind", "recipient", "event", "created_at", "read_at", "emailed_at"]
    list_filter = ["kind", "send_email"]
    search_fields = ["event", "kind", "recipient__username", "recipient__email"]
    list_select_related = ["recipient"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
