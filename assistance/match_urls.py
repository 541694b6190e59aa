"""The pages of the match lifecycle (under /<lang>/assistance/matches/)."""

from django.urls import path

from . import match_views

app_name = "assistance_matches"

urlpatterns = [
    path("", match_views.match_list, name="list"),
    path("new/", match_views.match_create, name="create"),
    path("<int:pk>/", match_views.match_detail, name="detail"),
    path("<int:pk>/steps/", match_views.match_step, name="step"),
]
