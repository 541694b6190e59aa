from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from knox.models import AuthToken

from ctc.admin import RecordAdmin, site_set_up

from .models import AccountRotation, CredentialRotation, SecureAccount, User

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


@admin.action(description=_("Rotate the credentials now (suspected compromise)"))
def rotate_now(modeladmin, request, queryset):
    from .rotation import account_rotate

    count = 0
    for account in queryset.select_related("user"):
        account_rotate(account=account, by=request.user, reason="admin: suspected compromise")
        count += 1
    modeladmin.message_user(
        request,
        ngettext(
            "{n} account is being rotated; its owner will receive a new link by e-mail.",
            "{n} accounts are being rotated; their owners will receive new links by e-mail.",
            count,
        ).format(n=count),
        messages.SUCCESS,
    )


@admin.register(SecureAccount)
class SecureAccountAdmin(RecordAdmin):
    list_display = ["account_id", "user", "mission", "rotated_at", "created_at"]
    search_fields = ["account_id", "user__username", "user__email"]
    list_select_related = ["user__member_state", "user__organisation"]
    readonly_fields = ["account_id", "user", "created_at", "rotated_at"]
    actions = [rotate_now]

    def get_actions(self, request):
        # Rotating needs the right to change accounts (administrators have it).
        actions = super().get_actions(request)
        if not request.user.has_perm("accounts.change_secureaccount"):
            actions.pop("rotate_now", None)
        return actions

    @admin.display(description=_("mission"))
    def mission(self, obj):
        return obj.user.member_state or obj.user.organisation or "—"


class AccountRotationInline(admin.TabularInline):
    model = AccountRotation
    fields = ["account", "group", "status", "old_username", "new_username", "sent_at", "used_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CredentialRotation)
class CredentialRotationAdmin(RecordAdmin):
    list_display = [
        "__str__",
        "kind",
        "status",
        "progress_bar",
        "account_count",
        "done_count",
        "notice_count",
        "failure_count",
        "started_at",
        "finished_at",
    ]
    list_filter = ["kind", "status"]
    search_fields = ["quarter", "reason"]
    list_select_related = ["by"]
    readonly_fields = [
        "kind",
        "quarter",
        "status",
        "progress_bar",
        "account_count",
        "done_count",
        "notice_count",
        "failure_count",
        "reason",
        "by",
        "started_at",
        "finished_at",
    ]
    fields = readonly_fields
    inlines = [AccountRotationInline]

    @admin.display(description=_("progress"))
    def progress_bar(self, obj):
        label = _("{done} of {total} accounts rotated and notified").format(
            done=obj.notice_count, total=obj.account_count
        )
        return format_html(
            '<progress max="100" value="{}" aria-label="{}">{} %</progress> {} %',
            obj.progress,
            label,
            obj.progress,
            obj.progress,
        )


@admin.register(AccountRotation)
class AccountRotationAdmin(RecordAdmin):
    list_display = [
        "rotation",
        "account",
        "group",
        "status",
        "old_username",
        "new_username",
        "sent_at",
        "used_at",
        "expires_at",
        "failure_count",
    ]
    list_filter = ["status", "rotation__kind"]
    search_fields = ["account__account_id", "old_username", "new_username", "group"]
    list_select_related = ["rotation", "account"]
    # Never the token hash nor the grace password hash.
    fields = [
        "rotation",
        "account",
        "group",
        "status",
        "old_username",
        "new_username",
        "changed_at",
        "grace_until",
        "sent_to",
        "sent_at",
        "expires_at",
        "used_at",
        "error",
        "failure_count",
    ]
    readonly_fields = fields


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
