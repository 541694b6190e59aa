from django.contrib import admin

from ctc.admin import TranslationAdmin

from .models import ThematicArea


@admin.register(ThematicArea)
class ThematicAreaAdmin(TranslationAdmin):
    list_display = ["name", "code", "position"]
    search_fields = ["code", "name_en", "name_fr", "name_es"]
