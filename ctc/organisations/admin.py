from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from ctc.admin import TranslationAdmin

from . import services
from .models import AccessGrant, Organisation


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["name", "acronym", "code", "kind"]
    list_filter = ["kind"]
    search_fields = ["code", "name_en", "acronym_en", "name_fr", "name_es"]


# A grant's status (the words are feminine in some languages: "autorisation").
ACTIVE = pgettext_lazy("access grant", "Active")
EXPIRED = pgettext_lazy("access grant", "Expired")
REVOKED = pgettext_lazy("access grant", "Revoked")


class AccessGrantGiveForm(forms.ModelForm):
    """Giving a grant: the service checks it (in the reader's language) and writes it."""

    class Meta:
        model = AccessGrant
        fields = ["organisation", "scope", "expires_at"]

    def clean(self):
        data = super().clean()
        if not self.errors:
            try:
                services.grant_check(
                    organisation=data["organisation"],
                    scope=data["scope"],
                    expires_at=data["expires_at"],
                )
            except ValidationError as exc:
                self._update_errors(exc)
        return data


class GrantStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("active", ACTIVE), ("expired", EXPIRED), ("revoked", REVOKED)]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "active":
            return queryset.filter(revoked_at__isnull=True, expires_at__gt=now)
        if self.value() == "expired":
            return queryset.filter(revoked_at__isnull=True, expires_at__lte=now)
        if self.value() == "revoked":
            return queryset.filter(revoked_at__isnull=False)
        return queryset


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason for revoking"), widget=forms.Textarea, max_length=2000)


@admin.register(AccessGrant)
class AccessGrantAdmin(SimpleHistoryAdmin):
    """Grants are given and revoked by the services only: the add form calls grant_give, the
    "revoke" action grant_revoke; a grant's own fields are never edited."""

    list_display = ["organisation", "scope", "expires_at", "status", "granted_at", "granted_by"]
    list_filter = [GrantStatusFilter, "scope", "organisation__kind"]
    search_fields = ["organisation__code", "organisation__name_en", "organisation__acronym_en"]
    list_select_related = ["organisation", "granted_by"]
    date_hierarchy = "expires_at"
    actions = ["revoke"]
    fields = [
        "organisation",
        "scope",
        "expires_at",
        "granted_at",
        "granted_by",
        "revoked_at",
        "revoked_by",
        "reason",
    ]
    readonly_fields = fields

    @admin.display(description=_("status"))
    def status(self, grant):
        if grant.revoked_at is not None:
            return REVOKED
        return EXPIRED if grant.is_expired else ACTIVE

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = AccessGrantGiveForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def get_fields(self, request, obj=None):
        return self.fields if obj is not None else AccessGrantGiveForm.Meta.fields

    def has_delete_permission(self, request, obj=None):
        # Grants are the record of who could read what, and when: never deleted.
        return False

    def save_model(self, request, obj, form, change):
        if change:
            raise PermissionDenied
        try:
            grant = services.grant_give(
                organisation=obj.organisation,
                scope=obj.scope,
                expires_at=obj.expires_at,
                by=request.user,
            )
        except ValidationError as exc:
            # Another grant was given between the form's check and this save.
            raise PermissionDenied(" ".join(exc.messages)) from exc
        obj.pk = grant.pk
        obj.granted_at = grant.granted_at
        obj.granted_by = grant.granted_by

    def save_related(self, request, form, formsets, change):
        pass

    @admin.action(description=_("Revoke the selected grants"))
    def revoke(self, request, queryset):
        if "apply" in request.POST:
            form = RevokeForm(request.POST)
            if form.is_valid():
                done = 0
                for grant in queryset.filter(revoked_at__isnull=True):
                    try:
                        services.grant_revoke(
                            grant=grant, reason=form.cleaned_data["reason"], by=request.user
                        )
                        done += 1
                    except (ValidationError, PermissionDenied) as exc:
                        self.message_user(request, " ".join(_messages(exc)), messages.ERROR)
                message = ngettext("{n} grant revoked.", "{n} grants revoked.", done)
                self.message_user(request, message.format(n=done), messages.SUCCESS)
                return None
        else:
            form = RevokeForm()
        context = {
            **self.admin_site.each_context(request),
            "title": _("Revoke access grants"),
            "grants": queryset,
            "form": form,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/organisations/accessgrant/revoke.html", context)


def _messages(exc) -> list[str]:
    return exc.messages if isinstance(exc, ValidationError) else [str(exc)]
