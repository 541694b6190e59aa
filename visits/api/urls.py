from django.urls import path

from . import views

# Included in the "api" namespace by ctc/urls.py (through the registry).
urlpatterns = [
    # --- plan: visits/, visits/{id}/, visits/{id}/transitions/ ---
    path("visits/", views.VisitListView.as_view(), name="visit-list"),
    path("visits/<int:pk>/", views.VisitDetailView.as_view(), name="visit-detail"),
    path(
        "visits/<int:pk>/transitions/",
        views.VisitTransitionsView.as_view(),
        name="visit-transitions",
    ),
    # --- followup: visits/{id}/recommendations/, follow-up-actions/ ---
]
