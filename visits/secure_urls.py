"""The secure area's pages of visits (under /<lang>/secure/visits/): focal points and
partner analysts."""

from django.urls import path  # noqa: F401

from . import views  # noqa: F401

app_name = "visits_secure"

urlpatterns = [
    # --- plan ---
    # --- report ---
    # --- followup ---
]
