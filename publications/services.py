import datetime

from django.db import connection, transaction
from django.utils import timezone

from ctc.files.uploads import StoredUpload, upload_attach

from .models import DownloadCount, Edition, EditionFile


@transaction.atomic
def edition_file_add(*, edition: Edition, taken: StoredUpload, by) -> EditionFile:
    """Stores a checked upload (ctc.files.uploads.upload_take) as the electronic edition's
    current file. Side effects: the bytes are written to the default storage under a
    generated name, with their SHA-256; the edition's earlier files stay, no longer offered."""
    stored = EditionFile(edition=edition, uploaded_by=by)
    upload_attach(stored, taken)
    stored.save()
    return stored


def download_count_add(*, stored: EditionFile, day: datetime.date | None = None) -> None:
    """Adds one download of `stored` to its count for `day` (today in the site's time zone).

    Called once the file's bytes matched its checksum, for every reader, signed in or not.
    Nothing about the reader is kept: no person, no address. Side effect: one statement,
    INSERT … ON CONFLICT DO UPDATE count + 1 (PostgreSQL and SQLite alike), so two readers
    downloading at the same moment are both counted and the day's row is made only once.
    """
    if day is None:
        day = timezone.localdate(timezone=timezone.get_default_timezone())
    with connection.cursor() as cursor:
        cursor.execute(_count_upsert_sql(), [stored.pk, connection.ops.adapt_datefield_value(day)])


def _count_upsert_sql() -> str:
    # Django's bulk_create(update_conflicts=True) can only set the new row's value, not add
    # to the stored one; this statement is the same on both databases the site runs on.
    quote = connection.ops.quote_name
    fields = DownloadCount._meta
    table = quote(fields.db_table)
    file_column = quote(fields.get_field("edition_file").column)
    day_column = quote(fields.get_field("day").column)
    count_column = quote(fields.get_field("count").column)
    return (
        f"INSERT INTO {table} ({file_column}, {day_column}, {count_column}) VALUES (%s, %s, 1) "
        f"ON CONFLICT ({file_column}, {day_column}) "
        f"DO UPDATE SET {count_column} = {table}.{count_column} + 1"
    )
