import logging
from functools import cached_property

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ctc.registry import site

logger = logging.getLogger(__name__)


class Notification(models.Model):
    """Something that reached a person: listed for them, e-mailed at once or in a digest.

    No text is stored: the app that registered `kind` (ctc.registry.NotificationKind)
    renders `params` in the reader's language, whoever caused the event.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=100)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=500)
    event = models.CharField(
        _("event"),
        max_length=200,
        help_text=_("What happened, as a unique key: one event never notifies a person twice."),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("caused by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    send_email = models.BooleanField(
        _("to be e-mailed"),
        default=True,
        help_text=_("No: in the workspace only (no e-mail address, or told by another e-mail)."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            # One event never notifies a person twice.
            models.UniqueConstraint(
                fields=["recipient", "event"], name="notification_once_per_event"
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_list_idx"),
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread_idx",
            ),
            models.Index(
                fields=["recipient", "created_at"],
                condition=models.Q(send_email=True, emailed_at__isnull=True),
                name="notification_to_email_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id} ({self.event})"

    @cached_property
    def rendered(self) -> tuple[str, str]:
        """(subject, text) in the active language."""
        kind = site.notification_kinds.get(self.kind)
        if kind is not None:
            try:
                return kind.render(self.params)
            except (KeyError, TypeError, ValueError):
                logger.exception("Notification %s: its %s parameters do not render", self.pk, kind)
        return gettext("A notification"), ""

    @property
    def subject(self) -> str:
        return self.rendered[0]

    @property
    def text(self) -> str:
        return self.rendered[1]

    def url_in(self, language: str) -> str:
        """The link with its language prefix switched to `language` ("/fr/x/" → "/ar/x/")."""
        for code, _name in settings.LANGUAGES:
            prefix = f"/{code}/"
            if self.url.startswith(prefix):
                return f"/{language}/{self.url[len(prefix) :]}"
        return self.url
