"""Serving a stored file: the caller has already fetched it through a scoped selector."""

import hashlib
import logging
from collections.abc import Callable, Iterable

from django.http import FileResponse, Http404

from .names import content_disposition
from .services import download_record

logger = logging.getLogger(__name__)

# on_download(request, stored): called after the checksum verified, before the bytes go out.
DownloadHook = Callable[[object, object], None]
# on_refused(request, stored, reason): a download refused, reason "missing" or "checksum".
RefusalHook = Callable[[object, object, str], None]
MISSING = "missing"
CHECKSUM = "checksum"


def record_download(request, stored) -> None:
    download_record(stored=stored, by=request.user)


def file_response(
    request,
    stored,
    *,
    hooks: Iterable[DownloadHook] = (record_download,),
    on_refused: RefusalHook | None = None,
):
    """The file of `stored` (a StoredFile) as an attachment, if its bytes match its checksum.

    The bytes are read through the field's storage (STORAGES["default"]). A missing or altered
    file answers 404, is logged on this module's logger and reported to `on_refused` (the
    caller's access log); no download hook runs then.
    """
    try:
        handle = stored.file.open("rb")
    except (FileNotFoundError, ValueError, OSError) as exc:
        _refuse(request, stored, MISSING, on_refused)
        raise Http404 from exc
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(1024 * 1024), b""):
        digest.update(chunk)
    if digest.hexdigest() != stored.sha256:
        handle.close()
        _refuse(request, stored, CHECKSUM, on_refused)
        raise Http404
    handle.seek(0)
    for hook in hooks:
        hook(request, stored)
    response = FileResponse(handle, content_type=stored.content_type or "application/octet-stream")
    response["Content-Disposition"] = content_disposition(stored.filename)
    response["X-Content-Type-Options"] = "nosniff"
    # Opened by the browser's own viewer at most, never as a page of this site.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _refuse(request, stored, reason: str, on_refused: RefusalHook | None) -> None:
    logger.error(
        "download refused (%s): %s #%s %r by user #%s",
        reason,
        type(stored).__name__,
        stored.pk,
        stored.filename,
        getattr(getattr(request, "user", None), "pk", None),
    )
    if on_refused is not None:
        on_refused(request, stored, reason)
