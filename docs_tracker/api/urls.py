from django.urls import path

from . import views

# Included in the "api" namespace by ctc/urls.py (through the registry).
urlpatterns = [
    path("documents/", views.DocumentListView.as_view(), name="document-list"),
    path("documents/<int:pk>/", views.DocumentDetailView.as_view(), name="document-detail"),
    path(
        "documents/<int:pk>/files/<str:language>/",
        views.DocumentFileView.as_view(),
        name="document-file",
    ),
    path(
        "documents/<int:pk>/acknowledge/",
        views.DocumentAcknowledgeView.as_view(),
        name="document-acknowledge",
    ),
    path("distributions/", views.DistributionListView.as_view(), name="distribution-list"),
]
