"""CTED's and the Committee's pages of visits (under /<lang>/visits/)."""

from django.urls import path  # noqa: F401

from . import views  # noqa: F401

app_name = "visits"

urlpatterns = [
    # --- Plans, calendar, programme, calendar feed (plan) ---
    # --- Report (report) ---
    # --- Recommendations, follow-up, outcome (followup) ---
]
