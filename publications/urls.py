from django.urls import path

from . import views

app_name = "publications"

urlpatterns = [
    path("publications/", views.publication_list, name="list"),
    path("publications/<slug:slug>/", views.publication_detail, name="detail"),
    path(
        "publications/<slug:slug>/<str:language>/download/",
        views.edition_download,
        name="download",
    ),
    path("news/", views.news_list, name="news_list"),
    path("news/<int:pk>/", views.news_detail, name="news_detail"),
]
