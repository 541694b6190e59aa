from django.urls import path

from . import views

app_name = "programme"

urlpatterns = [
    path("", views.item_list, name="items"),
    path("items/<int:pk>/", views.item_detail, name="item_detail"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/status/", views.item_status, name="item_status"),
    path("items/<int:pk>/links/", views.item_link, name="item_link"),
    path("events/", views.event_list, name="events"),
    path("events/new/", views.event_create, name="event_create"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("events/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("events/<int:pk>/links/", views.event_link, name="event_link"),
    path("budget/", views.budget, name="budget"),
    path("budget/export.csv", views.budget_export, name="budget_export"),
    path("budget/activities/new/", views.activity_create, name="activity_create"),
    path("budget/activities/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("budget/contributions/new/", views.contribution_create, name="contribution_create"),
]
