from django.urls import path

from . import views

# Included in the "api" namespace by ctc/urls.py (through the registry).
urlpatterns = [
    path("states/", views.MemberStateListView.as_view(), name="state-list"),
    path("states/<str:iso3>/", views.MemberStateDetailView.as_view(), name="state-detail"),
    path(
        "partner/state-profiles/",
        views.StateProfileListView.as_view(),
        name="partner-state-profile-list",
    ),
    path(
        "partner/state-profiles/<str:iso3>/",
        views.StateProfileDetailView.as_view(),
        name="partner-state-profile-detail",
    ),
]
