from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# A version lists every part of its document at least this often; between two such
# checkpoints it lists only what changed, so reading a version folds at most this many rows.
CHECKPOINT_EVERY = 32


class Part(models.Model):
    """One part of a document (a finding, a list, a note) as zlib-compressed JSON.

    Keyed by the SHA-256 of the uncompressed JSON: every version of every document that saw
    the same value shares this one row, and a row never changes.
    """

    sha256 = models.CharField(_("SHA-256"), max_length=64, primary_key=True)
    data = models.BinaryField(_("compressed JSON"))
    size = models.PositiveIntegerField(_("size (bytes, uncompressed)"))

    class Meta:
        verbose_name = _("stored part")
        verbose_name_plural = _("stored parts")

    def __str__(self):
        return self.sha256[:12]


class VersionRecord(models.Model):
    """A document as it stood after one save; never changed afterwards.

    `manifest` lists [part key, SHA-256 of its value, or null once the part is gone]: every
    part at a checkpoint, else only what this save changed since the version before.
    Concrete subclasses add the foreign key to their document and a unique constraint on
    (document, number); `ctc.revisions.versions` writes and reads them.
    """

    checkpoint_every = CHECKPOINT_EVERY

    number = models.PositiveIntegerField(_("version"))
    manifest = models.JSONField(_("parts stored"))
    checkpoint = models.BooleanField(
        _("checkpoint"), default=False, help_text=_("The version lists every part.")
    )
    summary = models.CharField(_("what changed"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    # Whose proposal the save applied (a reviewer's suggestion accepted by `created_by`).
    co_author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("suggested by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)

    class Meta:
        abstract = True
