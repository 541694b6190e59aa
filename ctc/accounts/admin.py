from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from ctc.admin import site_set_up

from .models import User

site_set_up(admin.site)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "member_state", "organisation"]
    list_filter = ["groups", "is_active", "is_staff", "preferred_language", "subcommittee"]
    search_fields = ["username", "email", "first_name", "last_name"]
    list_select_related = ["member_state", "organisation"]
    autocomplete_fields = ["member_state", "organisation"]
    fieldsets = DjangoUserAdmin.fieldsets + (
        (
            _("CTC Workspace"),
            {
                "fields": (
                    "preferred_language",
                    "notification_mode",
                    "member_state",
                    "organisation",
                    "subcommittee",
                )
            },
        ),
    )
