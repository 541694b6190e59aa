from django.urls import path

from . import public_views

app_name = "programme_public"

urlpatterns = [
    path("", public_views.programme, name="programme"),
    path("events/", public_views.events, name="events"),
]
