"""Staff edit publications and news here: all six languages of a field on one form, only
English required; every change kept in the history."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ctc.admin import LabelledTabularInline, RecordAdmin, TranslationAdmin
from ctc.files.uploads import DOCUMENT_POLICY, upload_take

from . import selectors, services
from .enums import EditionForm
from .models import DownloadCount, Edition, EditionFile, NewsItem, Publication


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
    fields = ["language", "form", "current_file", "download_total", "upload"]
    readonly_fields = ["current_file", "download_total"]

    def get_queryset(self, request):
        # Every day and every file of the edition, current and earlier, in one query; a
        # GROUP BY query drops Meta.ordering, so the editions' order is given again.
        editions = super().get_queryset(request)
        return editions.annotate(downloads=Sum("files__download_counts__count")).order_by(
            *Edition._meta.ordering
        )

    @admin.display(description=_("file offered"))
    def current_file(self, edition):
        stored = edition.files.first() if edition.pk else None
        return stored.filename if stored else "—"

    @admin.display(description=_("number of downloads"))
    def download_total(self, edition):
        if not edition.pk or edition.form != EditionForm.ELECTRONIC:
            return "—"
        return getattr(edition, "downloads", None) or 0


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
class EditionFileAdmin(RecordAdmin):
    """Files of electronic editions, current and earlier: uploaded on the publication's page
    only (stored with their checksum), never changed or deleted here."""

    list_display = ["filename", "edition", "size", "sha256", "uploaded_by", "uploaded_at"]
    search_fields = ["filename", "sha256", "edition__publication__slug"]
    list_select_related = ["edition__publication", "uploaded_by"]


@admin.register(DownloadCount)
class DownloadCountAdmin(RecordAdmin):
    """How many times each edition file was downloaded, day by day, by anyone (anonymous
    readers included): counted by the download itself, never entered or changed here. Below
    the list, the total per edition of the rows the filters select."""

    list_display = ["day", "publication", "language", "filename", "count"]
    list_filter = [
        "day",
        "edition_file__edition__language",
        "edition_file__edition__publication",
    ]
    date_hierarchy = "day"
    search_fields = ["edition_file__filename", "edition_file__edition__publication__slug"]
    list_select_related = ["edition_file__edition__publication"]

    @admin.display(description=_("publication"), ordering="edition_file__edition__publication")
    def publication(self, count):
        return count.edition_file.edition.publication

    @admin.display(description=_("language"), ordering="edition_file__edition__language")
    def language(self, count):
        return count.edition_file.edition.get_language_display()

    @admin.display(description=_("file name"), ordering="edition_file__filename")
    def filename(self, count):
        return count.edition_file.filename

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if changelist is not None:
            response.context_data["edition_totals"] = selectors.download_totals(changelist.queryset)
        return response
