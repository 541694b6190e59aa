from django.urls import path

from . import match_views

# Included in the "api" namespace by ctc/urls.py (through the registry).
urlpatterns = [
    path("assistance/matches/", match_views.MatchListView.as_view(), name="match-list"),
    path(
        "assistance/matches/<int:pk>/", match_views.MatchDetailView.as_view(), name="match-detail"
    ),
    path(
        "assistance/matches/<int:pk>/transitions/",
        match_views.MatchTransitionsView.as_view(),
        name="match-transitions",
    ),
]
