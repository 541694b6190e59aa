from django.urls import path

from . import views

# Included in the "api" namespace by ctc/urls.py (through the registry).
urlpatterns = [
    path("assessments/", views.AssessmentListView.as_view(), name="assessment-list"),
    path("assessments/<int:pk>/", views.AssessmentDetailView.as_view(), name="assessment-detail"),
    path(
        "assessments/<int:pk>/versions/",
        views.AssessmentVersionListView.as_view(),
        name="assessment-versions",
    ),
    path(
        "assessments/<int:pk>/transitions/",
        views.AssessmentTransitionView.as_view(),
        name="assessment-transitions",
    ),
    path(
        "assessments/<int:pk>/suggestions/",
        views.SuggestionListView.as_view(),
        name="assessment-suggestions",
    ),
    path(
        "assessments/<int:pk>/suggestions/<int:suggestion_pk>/accept/",
        views.SuggestionAcceptView.as_view(),
        name="assessment-suggestion-accept",
    ),
    path(
        "assessments/<int:pk>/suggestions/<int:suggestion_pk>/reject/",
        views.SuggestionRejectView.as_view(),
        name="assessment-suggestion-reject",
    ),
    path(
        "assessment-formats/",
        views.AssessmentFormatListView.as_view(),
        name="assessment-format-list",
    ),
    path(
        "assessment-formats/<str:code>/",
        views.AssessmentFormatDetailView.as_view(),
        name="assessment-format-detail",
    ),
]
