from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from ctc.admin import LabelledTabularInline, TranslationAdmin

from .models import DialogueEntry, MemberState, Region, StateReport, Subcommittee, Subregion


class StateReportInline(LabelledTabularInline):
    model = StateReport
    extra = 0


@admin.register(MemberState)
class MemberStateAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = [
        "name",
        "iso3",
        "regional_group",
        "region",
        "subregion",
        "subcommittee",
        "official_language",
    ]
    list_filter = ["regional_group", "region", "subregion", "subcommittee", "official_language"]
    search_fields = ["name_en", "name_fr", "name_es", "name_ru", "name_zh_hans", "name_ar", "iso3"]
    list_select_related = ["subcommittee", "region", "subregion"]
    # The region follows the subregion (MemberState.save), so only the subregion is chosen.
    readonly_fields = ["region"]
    inlines = [StateReportInline]

    def has_delete_permission(self, request, obj=None):
        # Member states are the UN's 193: other records hang on them, none goes away.
        return False


@admin.register(Subcommittee)
class SubcommitteeAdmin(TranslationAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name_en"]


@admin.register(Region)
class RegionAdmin(TranslationAdmin):
    list_display = ["name", "code", "position"]
    search_fields = ["code", "name_en", "name_fr", "name_es"]


@admin.register(Subregion)
class SubregionAdmin(TranslationAdmin):
    list_display = ["name", "code", "region", "position"]
    list_filter = ["region"]
    search_fields = ["code", "name_en", "name_fr", "name_es"]
    list_select_related = ["region"]


@admin.register(StateReport)
class StateReportAdmin(admin.ModelAdmin):
    list_display = ["document_symbol", "state", "resolution", "received_on"]
    list_filter = ["resolution", "state__regional_group"]
    search_fields = ["document_symbol", "state__name_en", "state__iso3"]
    list_select_related = ["state"]
    autocomplete_fields = ["state"]
    date_hierarchy = "received_on"


@admin.register(DialogueEntry)
class DialogueEntryAdmin(SimpleHistoryAdmin):
    list_display = ["state", "held_on", "kind", "recorded_by"]
    list_filter = ["kind"]
    search_fields = ["state__name_en", "summary", "participants"]
    list_select_related = ["state", "recorded_by"]
    raw_id_fields = ["state"]
    readonly_fields = ["recorded_by", "recorded_at"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    # Entries are recorded from the State's timeline (services.dialogue_record), by CTED.
    def has_add_permission(self, request):
        return False
