from django.urls import path

from . import matching_views

# Included in the "api" namespace by ctc/urls.py (through the registry), beside the needs
# and offers API: only the suggestions paths are here.
urlpatterns = [
    path(
        "assistance/needs/<int:pk>/suggestions/",
        matching_views.NeedSuggestionsView.as_view(),
        name="assistance-need-suggestions",
    ),
    path(
        "assistance/offers/<int:pk>/suggestions/",
        matching_views.OfferSuggestionsView.as_view(),
        name="assistance-offer-suggestions",
    ),
]
