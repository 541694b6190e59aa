"""The former secure area of assessments (secure/assessments/…): every old address leads to
the document area's inbox (views.SecureAreaMoved)."""

from django.urls import re_path

from . import views

app_name = "assessments_secure"

urlpatterns = [re_path(r"^.*$", views.SecureAreaMoved.as_view(), name="moved")]
