"""The secure area of a State's focal points: assessments sent to their State."""

from django.urls import path

from . import views

app_name = "assessments_secure"

urlpatterns = [
    path("", views.sent_list, name="list"),
    path("<int:pk>/", views.sent_detail, name="detail"),
    path("<int:pk>/replies/<int:reply_pk>/", views.sent_reply_download, name="reply_download"),
]
