"""The donor's home for technical assistance (under /<lang>/assistance/donor/)."""

from django.urls import path

from . import match_views

app_name = "assistance_donor"

urlpatterns = [
    path("", match_views.donor_home, name="home"),
]
