"""The Committee dashboard and the State timelines (staff and the Committee)."""

from django.urls import path

from . import views

app_name = "overview"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("states/<str:iso3>/", views.state_timeline, name="timeline"),
    path("states/<str:iso3>/dialogue/", views.dialogue_new, name="dialogue_new"),
    path("states/<str:iso3>/dialogue/<int:pk>/", views.dialogue_edit, name="dialogue_edit"),
]
