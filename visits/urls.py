"""CTED's and the Committee's pages of visits (under /<lang>/visits/)."""

from django.urls import path

from . import feeds, follow_up_views, report_views, views

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
    path("<int:pk>/report/", report_views.report, name="report"),
    path("<int:pk>/report/start/", report_views.report_start, name="report_start"),
    path(
        "<int:pk>/report/sections/<int:section_pk>/",
        report_views.report_section_save,
        name="report_section_save",
    ),
    path(
        "<int:pk>/report/suggestions/",
        report_views.report_suggestion_add,
        name="report_suggestion_add",
    ),
    path(
        "<int:pk>/report/suggestions/<int:suggestion_pk>/accept/",
        report_views.report_suggestion_accept,
        name="report_suggestion_accept",
    ),
    path(
        "<int:pk>/report/suggestions/<int:suggestion_pk>/reject/",
        report_views.report_suggestion_reject,
        name="report_suggestion_reject",
    ),
    path("<int:pk>/report/transition/", report_views.report_transition, name="report_transition"),
    path("<int:pk>/report/versions/", report_views.report_versions, name="report_versions"),
    path("<int:pk>/report/versions/compare/", report_views.report_compare, name="report_compare"),
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
