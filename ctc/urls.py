from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from ctc.accounts.api import MyTokenDetailView, MyTokenListView, TokenSignInView
from ctc.api import api_root
from ctc.public.views import favicon, healthz
from ctc.registry import site

# Apps add their pages and API routes in AppConfig.ready(); see ctc/registry.py.
api_v1 = [
    path("", api_root, name="root"),
    path("auth/token/", TokenSignInView.as_view(), name="token"),
    path("me/tokens/", MyTokenListView.as_view(), name="me-token-list"),
    path("me/tokens/<str:pk>/", MyTokenDetailView.as_view(), name="me-token-detail"),
    *(path(r.prefix, include(r.urlconf)) for r in site.api.values()),
]

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon),
    path("api/v1/", include((api_v1, "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
]

urlpatterns += i18n_patterns(
    path("", include("ctc.public.urls")),
    path("", include("ctc.accounts.urls")),
    *(path(r.prefix, include(r.urlconf)) for r in site.pages.values()),
    path("admin/", admin.site.urls),
)

handler400 = "ctc.public.errors.bad_request"
handler403 = "ctc.public.errors.permission_denied"
handler404 = "ctc.public.errors.page_not_found"
handler500 = "ctc.public.errors.server_error"
