from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from .models import DownloadRecord


def download_record(*, stored, by) -> DownloadRecord:
    """Records that `by` downloaded the stored file `stored` (called once the bytes verified)."""
    return DownloadRecord.objects.create(
        file_type=ContentType.objects.get_for_model(stored),
        file_id=stored.pk,
        filename=stored.filename,
        sha256=stored.sha256,
        by=by,
        language=translation.get_language() or "",
    )
