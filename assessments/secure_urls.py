"""The former secure area of assessments (secure/assessments/…): what was sent to a State is
now a document in the State's inbox, so every old address leads there, permanently, and the
same way for everyone and every id (a guessed id tells nothing)."""

from django.urls import re_path
from django.views.generic import RedirectView

app_name = "assessments_secure"

urlpatterns = [
    re_path(
        r"^.*$",
        RedirectView.as_view(pattern_name="docs_secure:inbox", permanent=True, query_string=False),
        name="moved",
    ),
]
