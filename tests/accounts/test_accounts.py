import json
from base64 import b32decode
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from assessments.enums import AssessmentStatus
from ctc.accounts.enums import Role
from ctc.accounts.models import User
from tests.conftest import PASSWORD
from tests.factories import UserFactory
from tests.two_factor import totp_code

pytestmark = pytest.mark.django_db


def test_roles_are_groups_with_permissions():
    names = set(Group.objects.values_list("name", flat=True))

    assert {r.value for r in Role} <= names
    expert = Group.objects.get(name=Role.CTED_EXPERT)
    assert expert.permissions.filter(codename="view_memberstate").exists()
    assert not Group.objects.get(name=Role.FOCAL_POINT).permissions.exists()
    assert (
        Group.objects.get(name=Role.ADMINISTRATOR)
        .permissions.filter(codename="change_user")
        .exists()
    )


def test_login_with_username_lands_in_preferred_language(client):
    UserFactory(username="amina", preferred_language="fr", roles=[Role.CTED_EXPERT])

    response = client.post("/en/login/", {"username": "amina", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/fr/workspace/"


def test_login_with_email_any_case(client):
    UserFactory(username="pablo", email="Pablo@Example.org")

    response = client.post("/en/login/", {"username": "pablo@example.ORG", "password": PASSWORD})

    assert response.status_code == 302


def test_login_wrong_password_is_refused_with_a_message(client):
    UserFactory(username="pablo")

    response = client.post("/es/login/", {"username": "pablo", "password": "wrong"})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Por favor" in response.content.decode()


def test_landing_requires_login(client):
    response = client.get("/en/workspace/")

    assert response.status_code == 302
    assert response["Location"].startswith("/en/login/?next=")


def test_logout_ends_the_session(client, personas):
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.post("/en/logout/")

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "role,expected,absent",
    [
        (Role.CTED_EXPERT, "Member states by subcommittee", "Secure area of"),
        (Role.CTED_COORDINATOR, "Member states by subcommittee", "Secure area of"),
        (
            Role.SUBCOMMITTEE_MEMBER,
            "States followed by Subcommittee B",
            "Member states by subcommittee",
        ),
        (Role.COMMITTEE_MEMBER, "Member states by subcommittee", "Secure area of"),
        (Role.CHAIR, "Member states by subcommittee", "Open the administration site"),
        (Role.FOCAL_POINT, "Secure area of Kenya", "Member states by subcommittee"),
        (Role.PARTNER_ANALYST, "Monitoring Team", "Member states by subcommittee"),
        (Role.DONOR, "shared database", "Secure area of"),
        (Role.ADMINISTRATOR, "Open the administration site", "Secure area of"),
    ],
)
def test_landing_page_per_role(client, personas, role, expected, absent):
    client.force_login(personas[role])

    html = client.get("/en/workspace/").content.decode()

    assert expected in html
    assert absent not in html


def test_subcommittee_member_landing_lists_only_their_states(client, personas):
    member = personas[Role.SUBCOMMITTEE_MEMBER]
    client.force_login(member)

    response = client.get("/en/workspace/")

    states = response.context["landing"]["my_states"]
    assert len(states) == 64
    assert {s.subcommittee.code for s in states} == {"B"}


def test_seed_demo_json_lists_a_login_per_role_and_is_idempotent(settings):
    settings.DEMO_PASSWORD = "demo-pass-2012"
    call_command("seed_demo", "--json", stdout=StringIO())
    out = StringIO()

    call_command("seed_demo", "--json", stdout=out)

    users = json.loads(out.getvalue())["users"]
    assert {u["role"] for u in users} == {r.value for r in Role}
    assert len([u for u in users if u["role"] == "focal_point" and u["state"]]) >= 3
    assert len([u for u in users if u["role"] == "partner_analyst"]) == 4
    assert all(u["password"] == "demo-pass-2012" for u in users)
    assert User.objects.filter(username__in=[u["username"] for u in users]).count() == len(users)
    focal = User.objects.get(username="focal_ken")
    assert focal.check_password("demo-pass-2012")
    assert focal.member_state.iso3 == "KEN"
    assert focal.roles == {"focal_point"}
    from assessments.models import Assessment

    stages = set(Assessment.objects.values_list("status", flat=True))
    assert Assessment.objects.count() == 14
    assert stages == {s.value for s in AssessmentStatus}
    assert min(a.versions.count() for a in Assessment.objects.all()) >= 3


def test_demo_staff_sign_in_with_the_printed_authenticator_key_and_others_need_none(settings):
    settings.DEMO_PASSWORD = "demo-pass-2012"
    call_command("seed_demo", "--json", stdout=StringIO())
    out = StringIO()

    call_command("seed_demo", "--json", stdout=out)

    users = {u["username"]: u for u in json.loads(out.getvalue())["users"]}
    expert = User.objects.get(username="expert")
    device = TOTPDevice.objects.get(user=expert, confirmed=True)
    key = users["expert"]["totp_key"]
    assert b32decode(key + "=" * (-len(key) % 8)).hex() == device.key
    client = Client()
    client.post("/en/login/", {"username": "expert", "password": "demo-pass-2012"})
    assert client.get("/en/workspace/").status_code == 302
    verified = client.post("/en/two-factor/", {"code": totp_code(device)})
    assert verified.status_code == 302
    assert client.get("/en/workspace/").status_code == 200
    assert users["admin"]["totp_key"] and users["coordinator"]["totp_key"]
    assert users["focal_ken"]["totp_key"] is None
    assert not TOTPDevice.objects.filter(user__username="focal_ken").exists()
    assert TOTPDevice.objects.filter(user=expert).count() == 1


def test_repeated_failed_logins_lock_the_account_with_a_message(client, settings):
    UserFactory(username="target")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post("/en/login/", {"username": "target", "password": "guess"})

    locked = client.post("/fr/login/", {"username": "target", "password": "guess"})
    still_locked = client.post("/fr/login/", {"username": "target", "password": PASSWORD})

    assert locked.status_code == 429
    assert still_locked.status_code == 429
    assert "_auth_user_id" not in client.session
    assert '<html lang="fr"' in still_locked.content.decode()
