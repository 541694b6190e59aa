"""The site's URLconf plus one new route that no permission-matrix row covers yet."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_GET

from ctc.urls import urlpatterns as site_urlpatterns


@require_GET
def export(request):
    return HttpResponse("")


urlpatterns = [*site_urlpatterns, path("export/", export, name="export")]
