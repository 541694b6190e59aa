from django.urls import path

from . import follow_up_views as views

# Included in the "api" namespace by ctc/urls.py (through the registry): the follow-up part.
urlpatterns = [
    path(
        "visits/<int:pk>/recommendations/",
        views.RecommendationListView.as_view(),
        name="visit-recommendation-list",
    ),
    path(
        "follow-up-actions/", views.FollowUpActionListView.as_view(), name="follow-up-action-list"
    ),
    path(
        "follow-up-actions/<int:pk>/",
        views.FollowUpActionDetailView.as_view(),
        name="follow-up-action-detail",
    ),
    path(
        "follow-up-actions/<int:pk>/transitions/",
        views.FollowUpActionTransitionView.as_view(),
        name="follow-up-action-transitions",
    ),
]
