"""The admin of visit reports: read-only, since services own every change (sections are
saved under a revision guard, versions are immutable, suggestions are decided by the
experts, a transmission files a document once)."""

from django.contrib import admin

from ctc.admin import RecordAdmin

from .models import (
    VisitReportSection,
    VisitReportSuggestion,
    VisitReportTransmission,
    VisitReportVersion,
)


@admin.register(VisitReportSection)
class VisitReportSectionAdmin(RecordAdmin):
    list_display = ["visit", "key", "revision", "updated_by", "updated_at"]
    list_filter = ["key"]
    search_fields = ["visit__reference", "text"]
    list_select_related = ["visit", "updated_by"]


@admin.register(VisitReportVersion)
class VisitReportVersionAdmin(RecordAdmin):
    list_display = ["visit", "number", "summary", "created_by", "created_at"]
    search_fields = ["visit__reference", "summary"]
    list_select_related = ["visit", "created_by"]
    exclude = ["manifest"]


@admin.register(VisitReportSuggestion)
class VisitReportSuggestionAdmin(RecordAdmin):
    list_display = ["visit", "section", "author", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["visit__reference", "proposed_text"]
    list_select_related = ["visit", "section__visit", "author"]


@admin.register(VisitReportTransmission)
class VisitReportTransmissionAdmin(RecordAdmin):
    list_display = ["visit", "version", "language", "transmitted_by", "transmitted_at"]
    search_fields = ["visit__reference"]
    list_select_related = ["visit", "version__visit", "transmitted_by"]
