from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from .enums import AccountRotationStatus, NotificationMode, Role, RotationKind, RotationStatus


class User(AbstractUser):
    """A person who signs in: CTED staff, delegates, focal points, partners, donors."""

    preferred_language = models.CharField(
        _("preferred language"),
        max_length=7,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    member_state = models.ForeignKey(
        "states.MemberState",
        verbose_name=_("member state"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text=_("For focal points: the state whose secure area they use."),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text=_("For partner analysts and donors: the body they work for."),
    )
    subcommittee = models.ForeignKey(
        "states.Subcommittee",
        verbose_name=_("subcommittee"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        help_text=_("For subcommittee members: the subcommittee they sit on."),
    )
    notification_mode = models.CharField(
        _("notifications by e-mail"),
        max_length=10,
        choices=NotificationMode.choices,
        default=NotificationMode.IMMEDIATE,
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="user_email_unique_ci",
                violation_error_message=_("A user with this e-mail address already exists."),
            ),
        ]

    @cached_property
    def roles(self) -> frozenset[str]:
        if not self.is_authenticated or not self.is_active:
            return frozenset()
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, *roles: Role) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def primary_role(self) -> Role | None:
        """The role whose landing page the user sees first (the order of Role)."""
        for role in Role:
            if role in self.roles:
                return role
        return None


# --- Secure-area accounts and their quarterly rotation (E-19; see rotation.py) ----------


def _account_id() -> str:
    import secrets

    return "SA-" + secrets.token_hex(5).upper()


class SecureAccount(models.Model):
    """The secure-area identity of a focal point or partner analyst.

    `account_id` never changes; the login name (the alias) is the user's `username`, which
    each rotation replaces. Secure accounts sign in with the alias only, never their e-mail
    address (ctc.accounts.backends), so a rotated alias really ends the old credentials.
    """

    account_id = models.CharField(
        _("account id"), max_length=20, unique=True, default=_account_id, editable=False
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="secure_account",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    rotated_at = models.DateTimeField(_("last rotated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("secure-area account")
        verbose_name_plural = _("secure-area accounts")
        ordering = ["account_id"]

    def __str__(self) -> str:
        return self.account_id


class CredentialRotation(models.Model):
    """One run of the rotation: a quarter's (one per quarter) or one account's."""

    kind = models.CharField(
        _("kind"), max_length=10, choices=RotationKind.choices, default=RotationKind.QUARTERLY
    )
    quarter = models.CharField(_("quarter"), max_length=6, help_text=_("For example 2026Q4."))
    status = models.CharField(
        _("status"), max_length=10, choices=RotationStatus.choices, default=RotationStatus.RUNNING
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the schedule started it."),
    )
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    account_count = models.PositiveIntegerField(_("accounts"), default=0)
    done_count = models.PositiveIntegerField(_("accounts rotated"), default=0)
    notice_count = models.PositiveIntegerField(_("notices sent"), default=0)
    failure_count = models.PositiveIntegerField(_("failures"), default=0)

    class Meta:
        verbose_name = _("credential rotation")
        verbose_name_plural = _("credential rotations")
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["quarter"],
                condition=models.Q(kind="quarterly"),
                name="credential_rotation_one_per_quarter",
            ),
        ]

    def __str__(self) -> str:
        if self.kind == RotationKind.SINGLE:
            return _("{quarter}: one account").format(quarter=self.quarter)
        return self.quarter

    @property
    def progress(self) -> int:
        """Percentage of accounts finished (rotated and told), 0–100."""
        if not self.account_count:
            return 100 if self.status != RotationStatus.RUNNING else 0
        return min(100, round(100 * self.notice_count / self.account_count))


class AccountRotation(models.Model):
    """One account's change in one rotation and the single-use link that reveals it.

    Append-only history: the old and new login names stay; the link's token is stored
    hashed only (SHA-256), the clear token exists only in the e-mail.
    """

    rotation = models.ForeignKey(
        CredentialRotation,
        verbose_name=_("rotation"),
        on_delete=models.PROTECT,
        related_name="accounts",
    )
    account = models.ForeignKey(
        SecureAccount,
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        related_name="rotations",
    )
    group = models.CharField(
        _("mission"),
        max_length=100,
        help_text=_("The state or organisation whose accounts are rotated one after another."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AccountRotationStatus.choices,
        default=AccountRotationStatus.PENDING,
    )
    old_username = models.CharField(_("old login name"), max_length=150, blank=True)
    new_username = models.CharField(_("new login name"), max_length=150, blank=True)
    # The old password hash, kept only while a grace period lets the old credentials work.
    grace_password = models.CharField(max_length=128, blank=True, editable=False)
    grace_until = models.DateTimeField(_("old credentials work until"), null=True, blank=True)
    changed_at = models.DateTimeField(_("changed at"), null=True, blank=True)
    token_hash = models.CharField(max_length=64, blank=True, editable=False)
    expires_at = models.DateTimeField(_("link expires at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("notice sent at"), null=True, blank=True)
    sent_to = models.EmailField(_("notice sent to"), blank=True)
    used_at = models.DateTimeField(_("link used at"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    failure_count = models.PositiveSmallIntegerField(_("failures"), default=0)

    class Meta:
        verbose_name = _("account rotation")
        verbose_name_plural = _("account rotations")
        ordering = ["rotation", "group", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["rotation", "account"], name="account_rotation_once_per_run"
            ),
            models.UniqueConstraint(
                fields=["token_hash"],
                condition=~models.Q(token_hash=""),
                name="account_rotation_token_unique",
            ),
        ]
        indexes = [models.Index(fields=["old_username"], name="account_rotation_old_idx")]

    def __str__(self) -> str:
        return f"{self.rotation} · {self.account}"
