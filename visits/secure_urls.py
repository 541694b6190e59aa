"""The secure area's pages of visits (under /<lang>/secure/visits/): focal points and
partner analysts."""

from django.urls import path

from . import follow_up_views, views

app_name = "visits_secure"

urlpatterns = [
    # --- plan ---
    path("", views.secure_list, name="list"),
    path("<int:pk>/", views.secure_detail, name="detail"),
    path("<int:pk>/consent/", views.secure_step, name="consent"),
    path("schedule/", views.schedule, name="schedule"),
    # --- report ---
    # --- followup ---
    path("follow-up/", follow_up_views.secure_follow_up, name="follow_up"),
]
