from django.urls import path

from .. import services
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
    path(
        "assistance/needs/<int:pk>/consent/",
        views.NeedConsentView.as_view(),
        name="assistance-need-consent",
    ),
    path(
        "assistance/needs/<int:pk>/withdraw/",
        views.NeedStatusView.as_view(change=services.need_withdraw),
        name="assistance-need-withdraw",
    ),
    path(
        "assistance/needs/<int:pk>/reopen/",
        views.NeedStatusView.as_view(change=services.need_reopen),
        name="assistance-need-reopen",
    ),
    path("assistance/offers/", views.OfferListView.as_view(), name="assistance-offer-list"),
    path(
        "assistance/offers/<int:pk>/",
        views.OfferDetailView.as_view(),
        name="assistance-offer-detail",
    ),
    path(
        "assistance/offers/<int:pk>/close/",
        views.OfferCloseView.as_view(),
        name="assistance-offer-close",
    ),
]
