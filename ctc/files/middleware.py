"""A request body over the upload limit is answered 413 in the visitor's language, before
the view runs and without reading the rest of the body."""

import logging

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .uploads import REFUSED_ATTRIBUTE, request_limit

logger = logging.getLogger(__name__)

# Set by the compose proxy (deploy/nginx.conf) when it refused a body over its own limit.
PROXY_REFUSED_HEADER = "X-CTC-Upload-Refused"


class UploadLimitMiddleware:
    """Placed before CsrfViewMiddleware, so the body is bounded before anything parses it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in ("POST", "PUT", "PATCH"):
            return None
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if request.headers.get(PROXY_REFUSED_HEADER) or length > request_limit():
            return self.too_large(request, length)
        if request.method == "POST" and request.content_type == "multipart/form-data":
            request.POST  # noqa: B018 (parsed now, through StreamingLimitHandler)
            if getattr(request, REFUSED_ATTRIBUTE, False):
                return self.too_large(request, length)
        return None

    @staticmethod
    def too_large(request, length):
        logger.warning(
            "upload refused: body of %s bytes over the limit on %s", length, request.path
        )
        message = _("The upload is too large: files of up to {size} are accepted.").format(
            size=filesizeformat(settings.CTC_UPLOAD_MAX_BYTES)
        )
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=413)
        return render(request, "error.html", {"status": 413, "message": message}, status=413)
