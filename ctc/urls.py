from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.authtoken.views import obtain_auth_token

from assessments import urls as assessments_urls
from assessments.api import views as assessment_api
from ctc.public.views import favicon, healthz
from ctc.states.api import views as state_api

api_v1 = [
    path("states/", state_api.MemberStateListView.as_view(), name="state-list"),
    path("states/<str:iso3>/", state_api.MemberStateDetailView.as_view(), name="state-detail"),
    path("auth/token/", obtain_auth_token, name="token"),
    path("assessments/", assessment_api.AssessmentListView.as_view(), name="assessment-list"),
    path(
        "assessments/<int:pk>/",
        assessment_api.AssessmentDetailView.as_view(),
        name="assessment-detail",
    ),
    path(
        "assessments/<int:pk>/versions/",
        assessment_api.AssessmentVersionListView.as_view(),
        name="assessment-versions",
    ),
    path(
        "assessments/<int:pk>/transitions/",
        assessment_api.AssessmentTransitionView.as_view(),
        name="assessment-transitions",
    ),
    path(
        "assessment-formats/",
        assessment_api.AssessmentFormatListView.as_view(),
        name="assessment-format-list",
    ),
    path(
        "assessment-formats/<str:code>/",
        assessment_api.AssessmentFormatDetailView.as_view(),
        name="assessment-format-detail",
    ),
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
    path("assessments/", include("assessments.urls")),
    path("secure/assessments/", include(assessments_urls.secure_urlpatterns)),
    path("jobs/", include("ctc.jobs.urls")),
    path("admin/", admin.site.urls),
)

handler400 = "ctc.public.errors.bad_request"
handler403 = "ctc.public.errors.permission_denied"
handler404 = "ctc.public.errors.page_not_found"
handler500 = "ctc.public.errors.server_error"
