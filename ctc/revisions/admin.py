import json

from django.contrib import admin
from django.db.models.functions import Length
from django.utils.translation import gettext_lazy as _

from .models import Part
from .versions import part_decode


@admin.register(Part)
class PartAdmin(admin.ModelAdmin):
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

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
