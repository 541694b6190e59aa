from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from knox.models import AuthToken

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


# API tokens: knox keeps digests only; its own admin can make a token and show its key in a
# message, so ours lists tokens for revocation and makes none.
admin.site.unregister(AuthToken)


@admin.register(AuthToken)
class AuthTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "token_start", "created", "expiry"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__email"]
    fields = ["user", "token_start", "created", "expiry"]
    readonly_fields = fields

    @admin.display(description=_("starts with"))
    def token_start(self, token):
        return token.token_key[:6]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
