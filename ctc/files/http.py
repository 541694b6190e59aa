"""Serving a stored file: the caller has already fetched it through a scoped selector."""

import hashlib
import logging
from collections.abc import Callable, Iterable

from django.http import FileResponse, Http404

from .services import download_record

logger = logging.getLogger(__name__)

# on_download(request, stored): called after the checksum verified, before the bytes go out.
DownloadHook = Callable[[object, object], None]


def record_download(request, stored) -> None:
    download_record(stored=stored, by=request.user)


def file_response(request, stored, *, hooks: Iterable[DownloadHook] = (record_download,)):
    """The file of `stored` (a StoredFile) as an attachment, if its bytes match its checksum.

    A missing or altered file answers 404 and is logged; nothing is recorded then.
    """
    try:
        handle = stored.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        logger.error("stored file missing: %s #%s", type(stored).__name__, stored.pk)
        raise Http404 from exc
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(1024 * 1024), b""):
        digest.update(chunk)
    if digest.hexdigest() != stored.sha256:
        handle.close()
        logger.error("checksum mismatch: %s #%s", type(stored).__name__, stored.pk)
        raise Http404
    handle.seek(0)
    for hook in hooks:
        hook(request, stored)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=stored.filename,
        content_type=stored.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
