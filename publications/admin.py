"""Staff edit publications and news here: all six languages of a field on one form, only
English required; every change kept in the history."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ctc.admin import LabelledTabularInline, TranslationAdmin
from ctc.files.uploads import DOCUMENT_POLICY, upload_take

from . import services
from .enums import EditionForm
from .models import Edition, EditionFile, NewsItem, Publication


class EditionAdminForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("new file"),
        required=False,
        help_text=_("Electronic editions only; replaces the file offered for download."),
    )

    class Meta:
        model = Edition
        fields = ["language", "form"]

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("upload")
        self.taken = None
        if upload is None:
            return cleaned
        if cleaned.get("form") != EditionForm.ELECTRONIC:
            self.add_error("upload", _("Only an electronic edition has a file."))
            return cleaned
        try:
            self.taken = upload_take(upload, policy=DOCUMENT_POLICY)
        except ValidationError as exc:
            self.add_error("upload", exc.message_dict["file"])
        return cleaned


class EditionInline(LabelledTabularInline):
    model = Edition
    form = EditionAdminForm
    extra = 0
    fields = ["language", "form", "current_file", "upload"]
    readonly_fields = ["current_file"]

    @admin.display(description=_("file offered"))
    def current_file(self, edition):
        stored = edition.files.first() if edition.pk else None
        return stored.filename if stored else "—"


@admin.register(Publication)
class PublicationAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["title", "kind", "year", "published", "order"]
    list_filter = ["kind", "published"]
    search_fields = ["slug", "title_en", "title_fr", "title_es", "title_ru", "title_ar"]
    search_fields += ["title_zh_hans"]
    prepopulated_fields = {"slug": ["title_en"]}
    inlines = [EditionInline]

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for inline_form in formset.forms:
            taken = getattr(inline_form, "taken", None)
            if taken is not None and inline_form.instance.pk:
                services.edition_file_add(
                    edition=inline_form.instance, taken=taken, by=request.user
                )


@admin.register(NewsItem)
class NewsItemAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["title", "date", "published"]
    list_filter = ["published"]
    date_hierarchy = "date"
    search_fields = ["title_en", "title_fr", "title_es", "title_ru", "title_ar", "title_zh_hans"]


@admin.register(Edition)
class EditionAdmin(SimpleHistoryAdmin):
    """Editions are edited on their publication's page; this list finds them across all."""

    list_display = ["publication", "language", "form"]
    list_filter = ["language", "form"]
    search_fields = ["publication__slug", "publication__title_en"]
    list_select_related = ["publication"]


@admin.register(EditionFile)
class EditionFileAdmin(admin.ModelAdmin):
    """Files of electronic editions, current and earlier: uploaded on the publication's page
    only (stored with their checksum), never changed or deleted here."""

    list_display = ["filename", "edition", "size", "sha256", "uploaded_by", "uploaded_at"]
    search_fields = ["filename", "sha256", "edition__publication__slug"]
    list_select_related = ["edition__publication", "uploaded_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
