from django.contrib import admin

from ctc.admin import RecordAdmin

from .models import DownloadRecord


@admin.register(DownloadRecord)
class DownloadRecordAdmin(RecordAdmin):
    """Downloads are written by the download view only: searchable here, never edited."""

    list_display = ["filename", "by", "at", "file_type", "language"]
    list_filter = ["file_type"]
    search_fields = ["filename", "sha256", "by__username"]
    list_select_related = ["by", "file_type"]
