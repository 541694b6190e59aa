from django.urls import path

from . import views

# Included in the "api" namespace by ctc/urls.py (through the registry).
urlpatterns = [
    # --- needs: assistance/needs/, assistance/offers/ ---
    path("assistance/needs/", views.NeedListView.as_view(), name="assistance-need-list"),
    path(
        "assistance/needs/<int:pk>/",
        views.NeedDetailView.as_view(),
        name="assistance-need-detail",
    ),
    path("assistance/offers/", views.OfferListView.as_view(), name="assistance-offer-list"),
    path(
        "assistance/offers/<int:pk>/",
        views.OfferDetailView.as_view(),
        name="assistance-offer-detail",
    ),
]
