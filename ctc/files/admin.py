from django.contrib import admin

from .models import DownloadRecord


@admin.register(DownloadRecord)
class DownloadRecordAdmin(admin.ModelAdmin):
    """Downloads are written by the download view only: searchable here, never edited."""

    list_display = ["filename", "by", "at", "file_type", "language"]
    list_filter = ["file_type"]
    search_fields = ["filename", "sha256", "by__username"]
    list_select_related = ["by", "file_type"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
