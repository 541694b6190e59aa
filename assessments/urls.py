from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("", views.assessment_list, name="list"),
    path("new/", views.assessment_create, name="create"),
    path("stocktaking/", views.stocktaking, name="stocktaking"),
    path("<int:pk>/", views.assessment_detail, name="detail"),
    path("<int:pk>/answers/<int:answer_pk>/", views.answer_save, name="answer_save"),
    path("<int:pk>/notes/<str:field>/", views.note_save, name="note_save"),
    path("<int:pk>/recommendations/", views.recommendations_save, name="recommendations_save"),
    path(
        "<int:pk>/recommendations/<int:recommendation_pk>/need/",
        views.recommendation_need,
        name="recommendation_need",
    ),
    path("<int:pk>/transition/", views.transition, name="transition"),
    path("<int:pk>/comments/", views.comment_add, name="comment_add"),
    path("<int:pk>/assign/", views.assign, name="assign"),
    path("<int:pk>/suggestions/", views.suggestion_add, name="suggestion_add"),
    path(
        "<int:pk>/suggestions/<int:suggestion_pk>/accept/",
        views.suggestion_accept,
        name="suggestion_accept",
    ),
    path(
        "<int:pk>/suggestions/<int:suggestion_pk>/reject/",
        views.suggestion_reject,
        name="suggestion_reject",
    ),
    path("<int:pk>/replies/<int:reply_pk>/", views.reply_download, name="reply_download"),
    path("<int:pk>/versions/", views.version_list, name="versions"),
    path("<int:pk>/versions/compare/", views.version_compare, name="compare"),
    path("<int:pk>/previous/", views.compare_previous, name="previous"),
]
