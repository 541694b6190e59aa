from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .enums import GrantScope, OrganisationKind


class Organisation(models.Model):
    """A partner body, an international/regional/subregional organisation or a donor."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.acronym or self.name


class AccessGrant(models.Model):
    """An organisation's access to one part of the shared database until `expires_at` (E-20).

    Written only by services.grant_give / grant_revoke; never deleted. A grant is open until
    it is revoked and in force while open and unexpired; an organisation holds at most one
    open grant per scope.
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="grants",
    )
    scope = models.CharField(_("scope"), max_length=20, choices=GrantScope.choices)
    granted_at = models.DateTimeField(_("granted on"), default=timezone.now)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    expires_at = models.DateTimeField(_("expires on"))
    revoked_at = models.DateTimeField(_("revoked on"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(_("reason for revoking"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name", "scope", "-granted_at"]
        verbose_name = _("access grant")
        verbose_name_plural = _("access grants")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "scope"],
                condition=models.Q(revoked_at__isnull=True),
                name="access_grant_one_open_per_scope",
                violation_error_message=_(
                    "This organisation already holds an open grant for this scope."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("granted_at")),
                name="access_grant_expires_after_granted",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "scope", "expires_at"])]

    def __str__(self):
        return f"{self.organisation}: {self.get_scope_display()}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def in_force(self) -> bool:
        return self.revoked_at is None and not self.is_expired
