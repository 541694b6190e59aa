import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .enums import ACTIVE_STATUSES, JobStatus
from .kinds import job_kinds


def _translated(message: str, params: dict) -> str:
    """A stored msgid in the current language, its named fields filled in."""
    if not message:
        return ""
    text = gettext(message)
    if not params:
        return text
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return text


class Job(models.Model):
    """Long-running work done by a worker for a person, with progress they can watch."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=100)
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    stage = models.CharField(
        _("stage"),
        max_length=200,
        blank=True,
        help_text=_("The current step, as a message id translated when shown."),
    )
    stage_params = models.JSONField(_("stage parameters"), default=dict, blank=True)
    result_url = models.CharField(_("result link"), max_length=500, blank=True)
    error = models.TextField(
        _("error"),
        blank=True,
        help_text=_("What the person is told when the job fails; never a traceback."),
    )
    error_params = models.JSONField(_("error parameters"), default=dict, blank=True)
    language = models.CharField(
        _("language"), max_length=7, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="jobs",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__gte=0, progress__lte=100),
                name="job_progress_0_to_100",
            ),
        ]
        indexes = [
            models.Index(fields=["created_by", "-created_at"], name="job_created_by_idx"),
            models.Index(fields=["status", "created_at"], name="job_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind_label} ({self.get_status_display()})"

    @property
    def kind_label(self) -> str:
        registered = job_kinds.get(self.kind)
        return str(registered.label) if registered else self.kind

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def stage_text(self) -> str:
        return _translated(self.stage, self.stage_params)

    @property
    def error_text(self) -> str:
        return _translated(self.error, self.error_params)
