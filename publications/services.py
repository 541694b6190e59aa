from django.db import transaction

from ctc.files.uploads import StoredUpload, upload_attach

from .models import Edition, EditionFile


@transaction.atomic
def edition_file_add(*, edition: Edition, taken: StoredUpload, by) -> EditionFile:
    """Stores a checked upload (ctc.files.uploads.upload_take) as the electronic edition's
    current file. Side effects: the bytes are written to the default storage under a
    generated name, with their SHA-256; the edition's earlier files stay, no longer offered."""
    stored = EditionFile(edition=edition, uploaded_by=by)
    upload_attach(stored, taken)
    stored.save()
    return stored
