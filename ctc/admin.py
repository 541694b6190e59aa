"""Admin pieces every app's admin.py shares: six-language fields that say their language
and direction, tabular inlines whose fields are named for assistive technology, and the
read-only admin of the records the services write."""

from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils.translation import get_language_info, to_language
from django.utils.translation import gettext_lazy as _
from modeltranslation import admin as mt_admin

SITE_HEADER = _("CTC Workspace administration")


def site_set_up(site: admin.AdminSite) -> None:
    """Names the admin after the site, in the reader's language."""
    site.site_header = SITE_HEADER
    site.site_title = SITE_HEADER


class LanguageTaggedFields:
    """Each translation's widget carries lang (and dir="rtl" for Arabic), so Arabic is typed
    right to left and screen readers read each language in its own voice."""

    def patch_translation_field(self, db_field, field, request, **kwargs):
        super().patch_translation_field(db_field, field, request, **kwargs)
        language = getattr(db_field, "language", None)
        if language:
            code = to_language(language)
            attrs = {"lang": code}
            if get_language_info(code)["bidi"]:
                attrs["dir"] = "rtl"
            field.widget.attrs.update(attrs)


class TranslationAdmin(LanguageTaggedFields, mt_admin.TranslationAdmin):
    pass


class LabelledRowsFormSet(BaseInlineFormSet):
    """A tabular inline shows field labels once, as column headings; each widget gets an
    aria-label naming its column and its row ("Date received, S/2004/123 (1373)")."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        self._label(form, str(form.instance) if form.instance.pk else None)
        return form

    @property
    def empty_form(self):
        form = super().empty_form
        self._label(form, None)
        return form

    def _label(self, form, row):
        if row is None:
            row = _("new row")
        for field in form.fields.values():
            if field.widget.is_hidden:
                continue
            # A related field's wrapper shares the unbound form's attrs: label the inner widget.
            widget = getattr(field.widget, "widget", field.widget)
            widget.attrs["aria-label"] = _("{column}, {row}").format(
                column=str(field.label or "").capitalize(), row=row
            )


class LabelledTabularInline(admin.TabularInline):
    formset = LabelledRowsFormSet


class TranslationTabularInline(LanguageTaggedFields, mt_admin.TranslationTabularInline):
    formset = LabelledRowsFormSet


class ReadOnly:
    """Records the services write (history, logs, steps, counts): the admin lists, searches
    and shows them, and never adds, changes or deletes one. Mixed in before a ModelAdmin or
    an inline."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RecordAdmin(ReadOnly, admin.ModelAdmin):
    """The admin of such records."""
