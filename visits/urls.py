"""CTED's and the Committee's pages of visits (under /<lang>/visits/)."""

from django.urls import path  # noqa: F401

from . import report_views, views  # noqa: F401

app_name = "visits"

urlpatterns = [
    # --- Plans, calendar, programme, calendar feed (plan) ---
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
]
