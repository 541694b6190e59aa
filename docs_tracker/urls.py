"""CTED's pages of the document area (docs/)."""

from django.urls import path

from . import views

app_name = "docs"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("new/", views.document_create, name="create"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/edit/", views.document_edit, name="edit"),
    path("<int:pk>/files/", views.file_add, name="file_add"),
    path("<int:pk>/download/<int:file_pk>/", views.file_download, name="file_download"),
    path("<int:pk>/distribute/", views.distribute, name="distribute"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/confirm/", views.report_confirm, name="confirm"),
    path("<int:pk>/tracking/", views.tracking, name="tracking"),
    path("recipients/states/<str:iso3>/", views.recipient_state, name="recipient_state"),
    path(
        "recipients/organisations/<slug:code>/",
        views.recipient_organisation,
        name="recipient_organisation",
    ),
    path("access-log/", views.access_log, name="access_log"),
    path("access-log/download/", views.access_log_csv, name="access_log_csv"),
]
