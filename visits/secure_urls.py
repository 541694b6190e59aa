"""The secure area's pages of visits (under /<lang>/secure/visits/): focal points and
partner analysts."""

from django.urls import path  # noqa: F401

from . import follow_up_views, views  # noqa: F401

app_name = "visits_secure"

urlpatterns = [
    # --- plan ---
    # --- report ---
    # --- followup ---
    path("follow-up/", follow_up_views.secure_follow_up, name="follow_up"),
]
