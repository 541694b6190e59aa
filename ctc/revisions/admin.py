import json

from django.contrib import admin
from django.db.models.functions import Length
from django.utils.translation import gettext_lazy as _

from ctc.admin import RecordAdmin

from .models import Part
from .versions import part_decode


@admin.register(Part)
class PartAdmin(RecordAdmin):
    """Parts are written by the services when a version is recorded: never edited here."""

    list_display = ["sha256", "size", "stored"]
    search_fields = ["sha256"]
    fields = ["sha256", "size", "stored", "value"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(stored=Length("data"))

    @admin.display(description=_("stored (bytes, compressed)"), ordering="stored")
    def stored(self, part):
        return part.stored

    @admin.display(description=_("value"))
    def value(self, part):
        return json.dumps(part_decode(part.data), ensure_ascii=False, indent=2)
