"""Error pages in the visitor's language; JSON under /api/."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def _respond(request, status, message, template="error.html"):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status)
    return render(request, template, {"status": status, "message": message}, status=status)


def bad_request(request, exception=None):
    return _respond(request, 400, _("The request could not be understood."))


def permission_denied(request, exception=None):
    return _respond(request, 403, _("You do not have permission to do this."))


def page_not_found(request, exception=None):
    return _respond(request, 404, _("The page you asked for does not exist."))


def server_error(request):
    message = _("Something went wrong on our side. It has been logged.")
    return _respond(request, 500, message, template="500.html")
