from django.contrib import admin

from ctc.admin import RecordAdmin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(RecordAdmin):
    """Notifications are written by the services and the worker only: the admin reads them."""

    list_display = ["kind", "recipient", "event", "created_at", "read_at", "emailed_at"]
    list_filter = ["kind", "send_email"]
    search_fields = ["event", "kind", "recipient__username", "recipient__email"]
    list_select_related = ["recipient"]
    date_hierarchy = "created_at"
