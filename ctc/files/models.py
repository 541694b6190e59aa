from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class StoredFile(models.Model):
    """An uploaded file kept under a server-generated name, with its checksum.

    Concrete subclasses add what the file belongs to and their own `upload_to`.
    """

    file = models.FileField(_("file"), max_length=255)
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        abstract = True


class DownloadRecord(models.Model):
    """One download of one stored file by one person: receipts and audits read these."""

    file_type = models.ForeignKey(
        ContentType, verbose_name=_("kind of file"), on_delete=models.PROTECT, related_name="+"
    )
    file_id = models.PositiveBigIntegerField(_("file"))
    file = GenericForeignKey("file_type", "file_id")
    filename = models.CharField(_("file name"), max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("downloaded by"),
        on_delete=models.PROTECT,
        related_name="downloads",
    )
    at = models.DateTimeField(_("downloaded at"), auto_now_add=True, db_index=True)
    language = models.CharField(_("language of the page"), max_length=10, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("download")
        verbose_name_plural = _("downloads")
        indexes = [models.Index(fields=["file_type", "file_id", "at"])]

    def __str__(self):
        return f"{self.filename} · {self.by} · {self.at:%Y-%m-%d %H:%M}"
