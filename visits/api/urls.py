from django.urls import path  # noqa: F401

from . import views  # noqa: F401

# Included in the "api" namespace by ctc/urls.py (through the registry).
urlpatterns = [
    # --- plan: visits/, visits/{id}/, visits/{id}/transitions/ ---
    # --- followup: visits/{id}/recommendations/, follow-up-actions/ ---
]
