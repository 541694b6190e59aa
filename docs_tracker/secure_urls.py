"""The secure area of recipients: focal points (their State) and partners (their body)."""

from django.urls import path

from . import views

app_name = "docs_secure"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("documents/<int:pk>/", views.secure_detail, name="detail"),
    path("documents/<int:pk>/download/<str:language>/", views.secure_download, name="download"),
    path("documents/<int:pk>/acknowledge/", views.secure_acknowledge, name="acknowledge"),
    path("documents/<int:pk>/reply/", views.secure_reply, name="reply"),
    path("reports/new/", views.secure_report, name="report"),
]
