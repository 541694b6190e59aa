from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ctc.admin import TranslationAdmin

from .models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["name", "acronym", "code", "kind"]
    list_filter = ["kind"]
    search_fields = ["code", "name_en", "acronym_en", "name_fr", "name_es"]
