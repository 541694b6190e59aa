"""CTED's and the Committee's pages of visits (under /<lang>/visits/)."""

from django.urls import path  # noqa: F401

from . import follow_up_views, views  # noqa: F401

app_name = "visits"

urlpatterns = [
    # --- Plans, calendar, programme, calendar feed (plan) ---
    # --- Report (report) ---
    # --- Recommendations, follow-up, outcome (followup) ---
    path(
        "<int:pk>/recommendations/",
        follow_up_views.recommendations,
        name="recommendations",
    ),
    path(
        "recommendations/<int:pk>/edit/",
        follow_up_views.recommendation_edit,
        name="recommendation_edit",
    ),
    path(
        "recommendations/<int:pk>/assistance-need/",
        follow_up_views.recommendation_need,
        name="recommendation_need",
    ),
    path("<int:pk>/follow-up/add/", follow_up_views.follow_up_add, name="follow_up_add"),
    path("<int:pk>/evaluation/", follow_up_views.evaluation, name="evaluation"),
    path("follow-up/", follow_up_views.follow_up_list, name="follow_up_list"),
    path("follow-up/<int:pk>/edit/", follow_up_views.follow_up_edit, name="follow_up_edit"),
    path("follow-up/<int:pk>/step/", follow_up_views.follow_up_step, name="follow_up_step"),
    path(
        "follow-up/state/<str:iso3>/",
        follow_up_views.follow_up_state,
        name="follow_up_state",
    ),
]
