from django.contrib import admin

from ctc.admin import RecordAdmin

from .models import Job


@admin.register(Job)
class JobAdmin(RecordAdmin):
    """Jobs are written by their services and the worker only: the admin reads them."""

    list_display = ["kind", "status", "progress", "created_by", "created_at", "finished_at"]
    list_filter = ["kind", "status"]
    search_fields = ["id", "kind", "created_by__username"]
    list_select_related = ["created_by"]
    date_hierarchy = "created_at"
