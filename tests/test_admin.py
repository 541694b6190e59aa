import pytest
from django.contrib import admin

from ctc.accounts.enums import Role
from ctc.organisations.models import Organisation
from ctc.registry import site
from ctc.states.models import MemberState

pytestmark = pytest.mark.django_db

# The project's own apps: every app registered for the admin, less Django's and libraries'.
OUR_APPS = set(site.admin_apps) - {"auth", "authtoken", "django_celery_beat"}
# Records that only services create: the admin shows them but offers no "add".
NO_ADD = {
    "assessment",
    "sentsnapshot",
    "statereply",
    "answer",
    "recommendation",
    "searchdocument",
    "assessmentversion",
    "part",
    "transition",
    "downloadrecord",
    "job",
}


def _our_models():
    return sorted(
        (m._meta.app_label, m._meta.model_name)
        for m in admin.site._registry
        if m._meta.app_label in OUR_APPS
    )


def test_every_model_of_ours_has_an_admin():
    from django.apps import apps

    ours = {
        (m._meta.app_label, m._meta.model_name)
        for m in apps.get_models()
        if m._meta.app_label in OUR_APPS and not m._meta.model_name.startswith("historical")
    }

    assert ours == set(_our_models())


@pytest.mark.parametrize("app_label,model_name", _our_models())
def test_administrator_can_list_search_and_add(client, personas, app_label, model_name):
    client.force_login(personas[Role.ADMINISTRATOR])

    listing = client.get(f"/en/admin/{app_label}/{model_name}/", {"q": "a"})
    adding = client.get(f"/en/admin/{app_label}/{model_name}/add/")

    assert listing.status_code == 200
    assert "search" in listing.content.decode()
    assert adding.status_code == (403 if model_name in NO_ADD else 200)


def test_member_state_admin_shows_the_six_languages_together(client, personas):
    client.force_login(personas[Role.ADMINISTRATOR])
    state = MemberState.objects.get(iso3="KEN")

    html = client.get(f"/en/admin/states/memberstate/{state.pk}/change/").content.decode()

    for suffix in ["en", "fr", "es", "ru", "zh_hans", "ar"]:
        assert f'name="name_{suffix}"' in html
    assert "كينيا" in html


def test_admin_edit_is_recorded_in_history(client, personas):
    client.force_login(personas[Role.ADMINISTRATOR])
    organisation = Organisation.objects.get(code="ctitf")
    data = {"code": "ctitf", "kind": organisation.kind, "website": organisation.website}
    for suffix in ["en", "fr", "es", "ru", "zh_hans", "ar"]:
        data[f"name_{suffix}"] = getattr(organisation, f"name_{suffix}")
        data[f"acronym_{suffix}"] = getattr(organisation, f"acronym_{suffix}")
    data["name_fr"] = "Équipe spéciale (modifiée)"
    url = f"/en/admin/organisations/organisation/{organisation.pk}/change/"

    response = client.post(url, data)

    assert response.status_code == 302
    latest = organisation.history.latest()
    assert latest.name_fr == "Équipe spéciale (modifiée)"
    assert latest.history_user == personas[Role.ADMINISTRATOR]
    assert latest.history_type == "~"


@pytest.mark.parametrize(
    "role",
    [r for r in Role if r != Role.ADMINISTRATOR],
)
def test_other_roles_cannot_open_the_admin(client, personas, role):
    client.force_login(personas[role])

    response = client.get("/en/admin/states/memberstate/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
