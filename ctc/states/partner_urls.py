"""State profiles in a partner's secure area, under the state_profiles grant (E-20)."""

from django.urls import path

from . import views

app_name = "partner_states"

urlpatterns = [
    path("", views.profile_list, name="list"),
    path("<str:iso3>/", views.profile_detail, name="detail"),
]
