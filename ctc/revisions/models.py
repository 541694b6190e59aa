from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import SuggestionStatus

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


class SuggestionRecord(models.Model):
    """A reviewer's proposed wording for one text part, decided by whoever may edit it.

    It names the part, not a version, so it outlives later saves; `base_text` is the text
    the reviewer changed, and once the part's text differs from it the suggestion is stale.
    Decided suggestions stay, with the outcome; nothing is deleted. Concrete subclasses add
    the foreign keys to their document and part (and a check that a rejection has a reason).
    """

    base_text = models.TextField(_("text the suggestion was made on"), blank=True)
    base_revision = models.PositiveIntegerField(_("revision the suggestion was made on"))
    proposed_text = models.TextField(_("suggested text"))
    note = models.TextField(_("note"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("suggested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("suggested at"), auto_now_add=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SuggestionStatus.choices,
        default=SuggestionStatus.OPEN,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]
