"""STEPPING STONE until docs_tracker's pages are merged: the site with the two addresses of
the document area's inbox that assessments name."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import include, path

from ctc.urls import urlpatterns as site_urlpatterns


def _page(request, pk=None):
    return HttpResponse("inbox")


secure = ([path("", _page, name="inbox"), path("<int:pk>/", _page, name="detail")], "docs_secure")
urlpatterns = [*i18n_patterns(path("secure/", include(secure))), *site_urlpatterns]
