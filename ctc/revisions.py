"""Text parts edited by several people at once: a revision guard, conflicts, and versions.

Each part (a finding, a cover note, a visit report's section) carries an integer revision.
The editor sends back the revision it loaded; a save whose revision is stale raises
`EditConflict` and writes nothing, so nobody silently overwrites anybody. Every accepted
save can record a numbered, immutable version of the whole document.
"""

from django.conf import settings
from django.db import models
from django.db.models import Max
from django.utils.translation import gettext_lazy as _


class EditConflict(Exception):
    """Someone else saved this part since the editor loaded it; nothing was written."""

    def __init__(self, current, submitted: dict):
        super().__init__("edit conflict")
        self.current = current
        self.submitted = submitted


def check_revision(*, current, revision_field: str, revision: int, submitted: dict) -> None:
    """Raises EditConflict unless `current` (row-locked by the caller) is still at `revision`."""
    if getattr(current, revision_field) != revision:
        raise EditConflict(current, submitted)


def guarded_update(
    current, values: dict, *, revision: int, revision_field: str = "revision", extra=None
) -> bool:
    """Writes `values` on the row-locked `current` if nobody saved it since `revision`.

    Returns False and writes nothing when the values are already there; otherwise sets
    them (and `extra`, e.g. who edited), moves the revision on and saves. Raises
    EditConflict, writing nothing, when the revision is stale.
    """
    check_revision(
        current=current, revision_field=revision_field, revision=revision, submitted=values
    )
    if all(getattr(current, name) == value for name, value in values.items()):
        return False
    for name, value in {**values, **(extra or {})}.items():
        setattr(current, name, value)
    setattr(current, revision_field, revision + 1)
    current.save()
    return True


class VersionRecord(models.Model):
    """A whole document as it stood after one save; never changed afterwards.

    Concrete subclasses add the foreign key to their document and a unique constraint on
    (document, number).
    """

    number = models.PositiveIntegerField(_("version"))
    content = models.JSONField(_("content"))
    summary = models.CharField(_("what changed"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)

    class Meta:
        abstract = True


def version_record(versions, *, content: dict, by, summary: str):
    """Records the next numbered version in the `versions` related manager of a document.

    Call inside the transaction that holds the document's row lock, so numbers never clash.
    """
    number = (versions.aggregate(n=Max("number"))["n"] or 0) + 1
    return versions.create(number=number, content=content, summary=summary[:200], created_by=by)
