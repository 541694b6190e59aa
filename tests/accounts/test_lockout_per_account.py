"""Failures are counted per account, whichever identifier the person typed: the user name,
the e-mail address in any case, with spaces around. Literal numbers, as in
test_lockout_literal.py."""

import pytest
from axes.models import AccessAttempt

from ctc.accounts.enums import Role
from tests.conftest import PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/en/login/"
VARIANTS = ["Donor@Example.org", "DONOR@EXAMPLE.ORG", "  donor@example.org ", "donor", "DONOR"]


@pytest.fixture
def donor(db):
    return UserFactory(username="donor", email="donor@example.org")


def _post(client, username, password="guess", language="en"):
    return client.post(f"/{language}/login/", {"username": username, "password": password})


def test_five_failures_over_case_variants_of_email_and_user_name_lock_the_account(client, donor):
    statuses = [_post(client, variant).status_code for variant in VARIANTS]

    assert statuses == [200, 200, 200, 200, 429]
    assert list(AccessAttempt.objects.values_list("username", "failures_since_start")) == [
        ("donor", 5)
    ]


@pytest.mark.parametrize("variant", [*VARIANTS, "dOnOr@example.ORG"])
def test_after_the_lock_the_right_password_is_refused_whatever_the_variant(client, donor, variant):
    for other in VARIANTS:
        _post(client, other)

    response = _post(client, variant, PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_four_failures_over_variants_still_let_the_right_password_in(client, donor):
    for variant in VARIANTS[:4]:
        _post(client, variant)

    response = _post(client, "DONOR@example.org", PASSWORD)

    assert response.status_code == 302
    assert "_auth_user_id" in client.session
    assert not AccessAttempt.objects.exists()  # a success clears the account's count


def test_unknown_identifiers_count_per_string_in_any_case(client, donor):
    names = ["Nobody@x.org", "NOBODY@X.ORG", "nobody@x.org", " Nobody@X.org", "NOBODY@x.org"]

    statuses = [_post(client, name).status_code for name in names]

    assert statuses == [200, 200, 200, 200, 429]
    assert _post(client, "donor", PASSWORD).status_code == 302  # another account: free


def test_the_form_says_how_many_attempts_are_left(client, donor):
    first = _post(client, "Donor@Example.org").content.decode()
    _post(client, "donor")
    _post(client, "DONOR@EXAMPLE.ORG")
    fourth = _post(client, "donor").content.decode()

    assert "4 attempts left before sign-in is blocked for one hour." in first
    assert "1 attempt left before sign-in is blocked for one hour." in fourth


def test_attempts_left_are_said_in_the_users_language_with_its_plural(client, donor):
    first = _post(client, "donor", language="ru").content.decode()
    _post(client, "donor")
    _post(client, "donor")
    fourth = _post(client, "donor", language="ar").content.decode()

    assert "Осталось 4 попытки до блокировки входа на один час." in first
    assert "بقيت محاولة واحدة (1) قبل حظر تسجيل الدخول لمدة ساعة واحدة." in fourth


def test_no_attempts_left_message_before_a_failure(client, donor):
    html = client.get(LOGIN).content.decode()

    assert "attempt" not in html


def test_an_administrator_unblocks_a_locked_account_in_the_admin(client, donor):
    for variant in VARIANTS:
        _post(client, variant)
    ops = UserFactory(username="ops", is_staff=True, roles=[Role.ADMINISTRATOR])
    admin_client = type(client)()
    admin_client.force_login(ops)
    attempt = AccessAttempt.objects.get(username="donor")

    listing = admin_client.get("/en/admin/axes/accessattempt/")
    unblocked = admin_client.post(
        "/en/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )

    assert listing.status_code == 200 and ">donor<" in listing.content.decode()
    assert unblocked.status_code == 302
    assert _post(client, "Donor@Example.org", PASSWORD).status_code == 302
