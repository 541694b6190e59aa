"""The admin of the document area: services own every state change (admin actions call
them); the access log is read-only."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from ctc.admin import LabelledTabularInline, RecordAdmin, TranslationAdmin

from . import services
from .models import AccessEvent, Distribution, Document, DocumentFile, Receipt

READ_ONLY_DOCUMENT = [
    "reference",
    "kind",
    "classification",
    "author",
    "state",
    "submitted_by_state",
    "in_reply_to",
    "source_type",
    "source_id",
    "created_at",
    "dated",
    "report_status",
    "confirmed_at",
    "confirmed_by",
    "state_report",
    "committee_only",
    "withdrawn_at",
    "withdrawn_by",
    "withdrawal_reason",
]


class ReadOnlyInline(LabelledTabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class DocumentFileInline(ReadOnlyInline):
    model = DocumentFile
    fields = ["language", "filename", "size", "sha256", "uploaded_by", "uploaded_at"]
    fields += ["replaced_at", "replaced_by"]
    readonly_fields = fields


class ReceiptInline(ReadOnlyInline):
    model = Receipt
    fields = ["state", "organisation", "made_available_at", "first_opened_at"]
    fields += ["acknowledged_at", "acknowledged_by", "reminded_at", "reminders"]
    readonly_fields = fields


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin, TranslationAdmin):
    """Titles may be corrected here (recorded in the history); the rest is the services'."""

    list_display = ["reference", "title", "kind", "classification", "state", "created_at"]
    list_filter = ["kind", "classification", "committee_only", "report_status"]
    search_fields = ["reference", "title_en", "title_fr", "title_es", "title_ru", "title_ar"]
    search_fields += ["title_zh_hans", "state__iso3"]
    list_select_related = ["state"]
    readonly_fields = READ_ONLY_DOCUMENT
    inlines = [DocumentFileInline, ReceiptInline]
    actions = ["confirm_reports", "remind_recipients"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # withdrawn, never deleted

    @admin.action(description=_("Confirm the selected State reports"))
    def confirm_reports(self, request, queryset):
        done = 0
        for document in queryset:
            try:
                services.state_report_confirm(document=document, by=request.user)
                done += 1
            except (ValidationError, PermissionDenied):
                continue
        text = ngettext("{count} report confirmed.", "{count} reports confirmed.", done)
        self.message_user(request, text.format(count=done), messages.SUCCESS)

    @admin.action(description=_("Remind the recipients who are overdue"))
    def remind_recipients(self, request, queryset):
        done = 0
        for receipt in Receipt.objects.filter(document__in=queryset):
            done += services.receipt_remind(receipt=receipt)
        text = ngettext("{count} reminder sent.", "{count} reminders sent.", done)
        self.message_user(request, text.format(count=done), messages.SUCCESS)


@admin.register(Distribution)
class DistributionAdmin(RecordAdmin):
    list_display = ["document", "target", "state", "organisation", "group", "by", "at"]
    list_filter = ["target", "group"]
    search_fields = ["document__reference", "state__iso3", "organisation__code"]
    list_select_related = ["document", "state", "organisation", "by"]


@admin.register(AccessEvent)
class AccessEventAdmin(RecordAdmin):
    """The access log: searchable, never added to, changed or deleted here."""

    list_display = ["at", "by", "action", "attempted", "document", "language", "ip"]
    list_filter = ["action", "attempted"]
    search_fields = ["by__username", "document__reference", "requested_id", "ip"]
    list_select_related = ["by", "document"]
    date_hierarchy = "at"


@admin.register(DocumentFile)
class DocumentFileAdmin(RecordAdmin):
    """Language versions, current and replaced: added through the document's page only."""

    list_display = ["filename", "document", "language", "size", "uploaded_at", "replaced_at"]
    list_filter = ["language"]
    search_fields = ["filename", "sha256", "document__reference"]
    list_select_related = ["document"]


@admin.register(Receipt)
class ReceiptAdmin(RecordAdmin):
    """Receipts change through the recipients' acts (services); reminders by an action."""

    list_display = ["document", "state", "organisation", "made_available_at"]
    list_display += ["first_opened_at", "acknowledged_at", "reminders"]
    list_filter = ["reminders"]
    search_fields = ["document__reference", "state__iso3", "state__name_en", "organisation__code"]
    list_select_related = ["document", "state", "organisation"]
    actions = ["remind"]

    @admin.action(description=_("Remind the recipients who are overdue"))
    def remind(self, request, queryset):
        done = sum(services.receipt_remind(receipt=receipt) for receipt in queryset)
        text = ngettext("{count} reminder sent.", "{count} reminders sent.", done)
        self.message_user(request, text.format(count=done), messages.SUCCESS)
