"""The regional matrix and its export (under /<lang>/assistance/matrix/)."""

from django.urls import path

from . import exports, match_views

app_name = "assistance_matrix"

urlpatterns = [
    path("", match_views.matrix, name="matrix"),
    path("export.csv", exports.matrix_export, name="export"),
]
