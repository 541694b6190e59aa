from django.urls import path

from . import matching_views

app_name = "assistance_matching"

urlpatterns = [
    path("", matching_views.matching_home, name="home"),
    path("run/", matching_views.matching_run, name="run"),
]
