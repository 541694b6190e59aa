import json

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ctc.admin import RecordAdmin, TranslationAdmin, TranslationTabularInline

from . import selectors, services
from .enums import FormatStatus
from .models import (
    Answer,
    Assessment,
    AssessmentFormat,
    AssessmentVersion,
    Comment,
    FormatQuestion,
    FormatSection,
    QuestionMapping,
    Recommendation,
    SearchDocument,
    SentSnapshot,
    StateReply,
    Suggestion,
    Transition,
)


class LockedWhenPublished:
    """A published format never changes: its parts become read-only in the admin."""

    def _format_of(self, obj):
        return obj

    def _locked(self, obj) -> bool:
        fmt = self._format_of(obj) if obj is not None else None
        return fmt is not None and fmt.status != FormatStatus.DRAFT

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._locked(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._locked(obj)


class FormatSectionInline(LockedWhenPublished, TranslationTabularInline):
    model = FormatSection
    extra = 0
    fields = ["position", "code", "title", "is_human_rights"]
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not self._locked(obj)


@admin.register(AssessmentFormat)
class AssessmentFormatAdmin(LockedWhenPublished, TranslationAdmin):
    list_display = ["name", "code", "status", "derived_from", "published_at"]
    list_filter = ["status"]
    search_fields = ["code", "name_en", "name_fr", "name_es"]
    readonly_fields = ["status", "published_at"]
    inlines = [FormatSectionInline]
    actions = ["publish", "derive"]

    @admin.action(description=_("Publish the selected draft formats"))
    def publish(self, request, queryset):
        for fmt in queryset:
            try:
                services.format_publish(fmt=fmt, by=request.user)
            except ValidationError as exc:
                self.message_user(request, f"{fmt}: {' '.join(exc.messages)}", messages.ERROR)
            else:
                self.message_user(request, _("Published: {name}").format(name=fmt))

    @admin.action(description=_("Derive a new draft version from the selected format"))
    def derive(self, request, queryset):
        for fmt in queryset:
            code = f"{fmt.code}-next"
            if AssessmentFormat.objects.filter(code=code).exists():
                self.message_user(
                    request, _("{code} already exists.").format(code=code), messages.ERROR
                )
                continue
            new = services.format_derive(source=fmt, code=code, by=request.user)
            self.message_user(
                request,
                _(
                    "Derived {code}: edit its questions and the mapping of each old question."
                ).format(code=new.code),
            )


class FormatQuestionInline(LockedWhenPublished, TranslationTabularInline):
    model = FormatQuestion
    extra = 0
    fields = ["position", "code", "text", "thematic_area", "technical_guide_ref"]

    def _format_of(self, obj):
        return obj.format

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not self._locked(obj)


@admin.register(FormatSection)
class FormatSectionAdmin(LockedWhenPublished, TranslationAdmin):
    list_display = ["title", "format", "position", "is_human_rights"]
    list_filter = ["format", "is_human_rights"]
    search_fields = ["title_en", "code"]
    inlines = [FormatQuestionInline]

    def _format_of(self, obj):
        return obj.format


@admin.register(FormatQuestion)
class FormatQuestionAdmin(LockedWhenPublished, TranslationAdmin):
    list_display = ["code", "text", "section", "thematic_area", "technical_guide_ref"]
    list_filter = ["section__format", "thematic_area"]
    search_fields = ["code", "text_en", "technical_guide_ref"]
    list_select_related = ["section", "thematic_area"]

    def _format_of(self, obj):
        return obj.section.format


@admin.register(QuestionMapping)
class QuestionMappingAdmin(admin.ModelAdmin):
    list_display = ["from_question", "to_question", "kind"]
    list_filter = ["kind", "to_question__section__format"]
    search_fields = ["from_question__code", "to_question__code"]
    list_select_related = ["from_question", "to_question"]
    raw_id_fields = ["from_question", "to_question"]


class ReadOnlyInline(admin.TabularInline):
    """History shown on its parent's page: every field read-only (some are not editable at
    all, like the time a record was written, and a model form cannot even list those)."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class TransitionInline(ReadOnlyInline):
    model = Transition
    fields = ["at", "action", "from_status", "to_status", "by", "comment"]


class VersionInline(ReadOnlyInline):
    model = AssessmentVersion
    fields = ["number", "created_at", "created_by", "summary"]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    """Workflow fields are read-only here: the status changes only through its services."""

    list_display = ["state", "cycle", "status", "format", "assignee", "due_on", "updated_at"]
    list_filter = ["status", "format", "state__subcommittee", "state__regional_group"]
    search_fields = ["state__name_en", "state__iso3"]
    list_select_related = ["state", "format", "assignee"]
    # Assignee and due date belong to assessment_assign (which records them in the history):
    # coordinators set them on the assessment's page, so they are read-only here too.
    readonly_fields = [
        "state",
        "format",
        "cycle",
        "status",
        "previous",
        "assignee",
        "due_on",
        "status_changed_at",
        "created_at",
        "updated_at",
        "cover_note",
        "letter",
    ]
    fields = readonly_fields
    inlines = [TransitionInline, VersionInline]

    def has_add_permission(self, request):
        return False


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["assessment", "author", "visibility", "created_at"]
    list_filter = ["visibility"]
    search_fields = ["body", "assessment__state__name_en"]
    list_select_related = ["assessment__state", "author"]
    readonly_fields = ["assessment", "question", "section", "parent", "author", "visibility"]


@admin.register(SentSnapshot)
class SentSnapshotAdmin(RecordAdmin):
    list_display = ["assessment", "sent_at", "sent_by", "sha256"]
    search_fields = ["assessment__state__name_en", "sha256"]
    list_select_related = ["assessment__state", "sent_by"]


@admin.register(StateReply)
class StateReplyAdmin(admin.ModelAdmin):
    list_display = ["filename", "assessment", "uploaded_by", "uploaded_at", "size", "sha256"]
    search_fields = ["filename", "sha256", "assessment__state__name_en"]
    list_select_related = ["assessment__state", "uploaded_by"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Answer)
class AnswerAdmin(RecordAdmin):
    list_display = ["assessment", "question", "status", "updated_by", "updated_at"]
    list_filter = ["status", "question__section__format"]
    search_fields = ["finding", "assessment__state__name_en", "question__code"]
    list_select_related = ["assessment__state", "question", "updated_by"]


@admin.register(SearchDocument)
class SearchDocumentAdmin(RecordAdmin):
    list_display = ["assessment"]
    search_fields = ["assessment__state__name_en"]
    list_select_related = ["assessment__state"]

    def get_queryset(self, request):
        # Tens of KB a row; the list shows which assessments have one, a page shows it.
        return super().get_queryset(request).defer("document")


@admin.register(Recommendation)
class RecommendationAdmin(RecordAdmin):
    list_display = ["assessment", "position", "text", "thematic_area"]
    list_filter = ["thematic_area"]
    search_fields = ["text", "assessment__state__name_en"]
    list_select_related = ["assessment__state", "thematic_area"]


@admin.register(AssessmentVersion)
class AssessmentVersionAdmin(RecordAdmin):
    list_display = ["assessment", "number", "summary", "created_by", "created_at", "checkpoint"]
    search_fields = ["assessment__state__name_en", "summary"]
    list_select_related = ["assessment__state", "created_by"]
    fields = [
        "assessment",
        "number",
        "summary",
        "created_by",
        "created_at",
        "checkpoint",
        "manifest",
        "content",
    ]
    readonly_fields = fields

    @admin.display(description=_("content"))
    def content(self, version):
        content = selectors.version_content(version)
        return json.dumps(content, ensure_ascii=False, indent=2)


@admin.register(Transition)
class TransitionAdmin(RecordAdmin):
    list_display = ["assessment", "action", "from_status", "to_status", "by", "at"]
    list_filter = ["action", "to_status"]
    search_fields = ["assessment__state__name_en", "comment"]
    list_select_related = ["assessment__state", "by"]


@admin.register(Suggestion)
class SuggestionAdmin(RecordAdmin):
    """Made, accepted and rejected through the services (the editor and the API) only."""

    list_display = ["assessment", "part", "answer", "author", "created_at", "status"]
    list_filter = ["status", "part"]
    search_fields = ["proposed_text", "note", "reason", "assessment__state__name_en"]
    list_select_related = ["assessment__state", "answer__question", "author"]
