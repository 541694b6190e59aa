from django.urls import path

from . import rotation_views

app_name = "accounts_rotation"

urlpatterns = [
    path("<str:token>/", rotation_views.reveal, name="reveal"),
]
