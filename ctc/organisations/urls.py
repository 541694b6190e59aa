"""A partner's secure area: what their organisation's access grants open (E-20)."""

from django.urls import path

from . import views

app_name = "partner"

urlpatterns = [
    path("", views.partner_home, name="home"),
]
