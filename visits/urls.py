"""CTED's and the Committee's pages of visits (under /<lang>/visits/)."""

from django.urls import path

from . import feeds, views

app_name = "visits"

urlpatterns = [
    # --- Plans, calendar, programme, calendar feed (plan) ---
    path("", views.visit_list, name="list"),
    path("new/", views.visit_create, name="create"),
    path("<int:pk>/", views.visit_detail, name="detail"),
    path("<int:pk>/edit/", views.visit_edit, name="edit"),
    path("<int:pk>/steps/", views.visit_step, name="step"),
    path("calendar/", views.visit_calendar, name="calendar"),
    path("programme/", views.visit_programme, name="programme"),
    path("calendar-feeds/", views.feed_manage, name="feeds"),
    path("calendar-feeds/<str:token>.ics", feeds.feed, name="feed"),
    # --- Report (report) ---
    # --- Recommendations, follow-up, outcome (followup) ---
]
