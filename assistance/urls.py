"""The pages of technical assistance (under /<lang>/assistance/)."""

from django.urls import path

from . import views

app_name = "assistance"

urlpatterns = [
    # --- Needs and offers (needs) ---
    path("needs/", views.need_list, name="needs"),
    path("needs/new/", views.need_create, name="need_create"),
    path("needs/<int:pk>/", views.need_detail, name="need_detail"),
    path("needs/<int:pk>/edit/", views.need_edit, name="need_edit"),
    path("needs/<int:pk>/consent/", views.need_consent, name="need_consent"),
    path("needs/<int:pk>/status/", views.need_status, name="need_status"),
    path("offers/", views.offer_list, name="offers"),
    path("offers/new/", views.offer_create, name="offer_create"),
    path("offers/<int:pk>/", views.offer_detail, name="offer_detail"),
    path("offers/<int:pk>/edit/", views.offer_edit, name="offer_edit"),
    path("offers/<int:pk>/close/", views.offer_close, name="offer_close"),
]
