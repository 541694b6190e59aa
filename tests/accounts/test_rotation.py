"""Secure-area accounts and the quarterly credential rotation (E-19), in-process.

The real-worker run (killed with SIGKILL halfway) is in test_rotation_worker.py.
"""

import datetime
import re
from io import StringIO

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone
from knox.models import AuthToken

from ctc.accounts import rotation
from ctc.accounts.enums import AccountRotationStatus, Role, RotationKind, RotationStatus
from ctc.accounts.models import AccountRotation, CredentialRotation, SecureAccount, User
from ctc.accounts.tasks import beat_schedule, credential_rotation_start_task
from ctc.organisations.models import Organisation
from ctc.states.models import MemberState
from tests.conftest import PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Tamarind-Quorum-8841"
LINK = re.compile(r"http://[^\s]+/secure/credentials/[A-Za-z0-9_-]+/")


@pytest.fixture
def people(db):
    kenya = MemberState.objects.get(iso3="KEN")
    france = MemberState.objects.get(iso3="FRA")
    partner = Organisation.objects.get(code="1267-monitoring-team")
    return {
        "ken1": UserFactory(username="ken1", roles=[Role.FOCAL_POINT], member_state=kenya),
        "ken2": UserFactory(username="ken2", roles=[Role.FOCAL_POINT], member_state=kenya),
        "fra": UserFactory(
            username="fra", roles=[Role.FOCAL_POINT], member_state=france, preferred_language="fr"
        ),
        "partner": UserFactory(
            username="partner", roles=[Role.PARTNER_ANALYST], organisation=partner
        ),
        "expert": UserFactory(username="expert", roles=[Role.CTED_EXPERT]),
    }


def _sign_in(client, username, password):
    """True when the sign-in form lets the person in (a redirect), False when it refuses."""
    response = client.post("/en/login/", {"username": username, "password": password})
    client.logout()
    return response.status_code == 302


def _links(messages=None) -> dict[str, str]:
    """Recipient → the reveal link of their e-mail."""
    found = {}
    for message in messages if messages is not None else mail.outbox:
        [address] = message.to
        assert address not in found, f"{address} was e-mailed twice"
        found[address] = LINK.search(message.body).group(0)
    return found


def _path(link: str) -> str:
    return link.split("127.0.0.1:8000", 1)[1]


def _rotate(quarter="2026Q4"):
    found, _created = rotation.rotation_start(quarter=quarter)
    return rotation.rotation_run(rotation=found)


def test_every_focal_point_and_partner_analyst_gets_one_stable_account(people):
    UserFactory(username="stateless", roles=[Role.FOCAL_POINT])  # no state: not secure area
    UserFactory(
        username="gone",
        roles=[Role.FOCAL_POINT],
        member_state=MemberState.objects.get(iso3="KEN"),
        is_active=False,
    )

    created = rotation.secure_accounts_sync()
    again = rotation.secure_accounts_sync()

    assert (created, again) == (4, 0)
    assert sorted(SecureAccount.objects.values_list("user__username", flat=True)) == [
        "fra",
        "ken1",
        "ken2",
        "partner",
    ]
    assert all(re.fullmatch(r"SA-[0-9A-F]{10}", a.account_id) for a in SecureAccount.objects.all())


def test_rotation_refuses_old_credentials_and_the_new_ones_work_after_the_reveal(client, people):
    account_id = SecureAccount.objects.get_or_create(user=people["ken1"])[0].account_id
    assert _sign_in(client, "ken1", PASSWORD)

    done = _rotate()

    ken1 = User.objects.get(pk=people["ken1"].pk)
    assert ken1.username != "ken1" and ken1.username.startswith("ken-")
    assert ken1.secure_account.account_id == account_id
    assert not ken1.has_usable_password()
    assert (done.status, done.account_count, done.done_count, done.notice_count) == (
        RotationStatus.DONE,
        4,
        4,
        4,
    )
    links = _links()
    assert sorted(links) == [
        "fra@example.org",
        "ken1@example.org",
        "ken2@example.org",
        "partner@example.org",
    ]
    assert _path(links["fra@example.org"]).startswith("/fr/secure/credentials/")
    for message in mail.outbox:
        assert PASSWORD not in message.body
    [notice] = [m for m in mail.outbox if m.to == ["ken1@example.org"]]
    assert ken1.username not in notice.body  # the login name only on the reveal page
    # The old credentials, by old name and by e-mail, no longer open anything.
    assert not _sign_in(client, "ken1", PASSWORD)
    assert not _sign_in(client, "ken1@example.org", PASSWORD)
    assert not _sign_in(client, ken1.username, PASSWORD)

    page = client.get(_path(links["ken1@example.org"]))
    assert page.status_code == 200
    assert ken1.username in page.content.decode()
    assert account_id in page.content.decode()
    assert page["Referrer-Policy"] == "same-origin"
    assert "no-store" in page["Cache-Control"]
    set_password = client.post(
        _path(links["ken1@example.org"]),
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert set_password.status_code == 200
    assert ken1.username in set_password.content.decode()
    assert _sign_in(client, ken1.username, NEW_PASSWORD)
    # A secure account signs in with its login name only, never its (stable) e-mail.
    assert not _sign_in(client, "ken1@example.org", NEW_PASSWORD)
    assert not _sign_in(client, "ken1", NEW_PASSWORD)
    # People outside the secure area keep signing in by e-mail.
    assert _sign_in(client, "expert@example.org", PASSWORD)
    row = AccountRotation.objects.get(account__user=ken1)
    assert (row.old_username, row.new_username, row.sent_to) == (
        "ken1",
        ken1.username,
        "ken1@example.org",
    )
    assert row.used_at is not None and row.token_hash and len(row.token_hash) == 64


def test_the_link_works_once_then_says_so(client, people):
    _rotate()
    link = _path(_links()["ken2@example.org"])
    data = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    assert client.post(link, data).status_code == 200

    second_get = client.get(link)
    second_post = client.post(link, {"new_password1": "Other-Pass-99321", "new_password2": "x"})

    assert second_get.status_code == 410
    assert "already been used" in second_get.content.decode()
    assert second_post.status_code == 410
    assert _sign_in(client, User.objects.get(pk=people["ken2"].pk).username, NEW_PASSWORD)


def test_an_expired_link_says_what_to_do_and_changes_nothing(client, people):
    _rotate()
    link = _path(_links()["partner@example.org"])
    AccountRotation.objects.filter(account__user=people["partner"]).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )

    shown = client.get(link)
    posted = client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert shown.status_code == posted.status_code == 410
    html = shown.content.decode()
    assert "has expired" in html and "rotate your account again" in html
    assert not User.objects.get(pk=people["partner"].pk).has_usable_password()
    assert AccountRotation.objects.get(account__user=people["partner"]).used_at is None


def test_an_unknown_link_is_404_with_a_message(client, people):
    response = client.get("/en/secure/credentials/not-a-real-token/")

    assert response.status_code == 404
    assert "This link is not valid" in response.content.decode()


def test_django_password_validators_apply_on_the_reveal_page(client, people):
    _rotate()
    link = _path(_links()["ken1@example.org"])

    refused = client.post(link, {"new_password1": "12345", "new_password2": "12345"})

    assert refused.status_code == 400
    assert "too short" in refused.content.decode()
    assert AccountRotation.objects.get(account__user=people["ken1"]).used_at is None
    assert client.get(link).status_code == 200


def test_a_second_run_of_the_quarter_changes_nothing_and_sends_nothing(people):
    first = credential_rotation_start_task.apply(kwargs={"quarter": "2026Q4"}).get()
    names = dict(User.objects.values_list("pk", "username"))
    hashes = dict(User.objects.values_list("pk", "password"))
    sent = len(mail.outbox)

    second = credential_rotation_start_task.apply(kwargs={"quarter": "2026Q4"}).get()
    call_command("rotate_credentials", "--quarter", "2026Q4", stdout=StringIO())

    assert first == second
    assert (sent, len(mail.outbox)) == (4, 4)
    assert dict(User.objects.values_list("pk", "username")) == names
    assert dict(User.objects.values_list("pk", "password")) == hashes
    assert CredentialRotation.objects.count() == 1
    assert AccountRotation.objects.count() == 4


def test_rotation_ends_the_accounts_sessions_and_api_tokens(client, people):
    ken1 = people["ken1"]
    other = people["expert"]
    assert client.post("/en/login/", {"username": "ken1", "password": PASSWORD}).status_code == 302
    assert client.get("/en/workspace/").status_code == 200
    session_key = client.session.session_key
    AuthToken.objects.create(user=ken1)
    AuthToken.objects.create(user=other)

    _rotate()

    # The session row is still in the store, but its auth hash no longer matches.
    stored = Session.objects.get(session_key=session_key).get_decoded()
    assert stored[SESSION_KEY] == str(ken1.pk)
    response = client.get("/en/workspace/")
    assert response.status_code == 302 and response["Location"].startswith("/en/login/")
    assert not AuthToken.objects.filter(user=ken1).exists()
    assert AuthToken.objects.filter(user=other).count() == 1


def test_a_mission_is_never_locked_out_all_at_once_when_notices_fail(client, people, settings):
    settings.EMAIL_BACKEND = "tests.accounts.failing_mail.RefusingEmailBackend"

    stalled = _rotate()

    rows = {r.account.user.pk: r for r in AccountRotation.objects.select_related("account")}
    ken = sorted([rows[people["ken1"].pk], rows[people["ken2"].pk]], key=lambda r: r.pk)
    # Kenya's first account changed but could not be told: Kenya's second keeps working.
    assert [r.status for r in ken] == [AccountRotationStatus.CHANGED, AccountRotationStatus.PENDING]
    untouched = User.objects.get(pk=ken[1].account.user_id)
    assert _sign_in(client, untouched.username, PASSWORD)
    assert stalled.status == RotationStatus.RUNNING
    assert (stalled.done_count, stalled.notice_count, stalled.failure_count) == (3, 0, 3)
    assert "SMTPServerDisconnected" in ken[0].__class__.objects.get(pk=ken[0].pk).error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    resumed = rotation.rotation_run(rotation=stalled)

    assert resumed.status == RotationStatus.DONE
    assert (resumed.done_count, resumed.notice_count) == (4, 4)
    assert sorted(_links()) == [
        "fra@example.org",
        "ken1@example.org",
        "ken2@example.org",
        "partner@example.org",
    ]
    first, second = AccountRotation.objects.filter(pk__in=[r.pk for r in ken]).order_by("pk")
    assert first.sent_at <= second.changed_at  # one after another, told before the next


def test_an_account_without_e_mail_is_not_changed_and_counted_as_a_failure(people):
    User.objects.filter(pk=people["partner"].pk).update(email="")

    done = _rotate()

    assert done.status == RotationStatus.DONE_WITH_FAILURES
    assert done.failure_count == 1
    assert User.objects.get(pk=people["partner"].pk).username == "partner"
    row = AccountRotation.objects.get(account__user=people["partner"])
    assert row.status == AccountRotationStatus.SKIPPED and "e-mail" in row.error


def test_administrator_rotates_one_account_at_once_from_the_admin(
    client, people, django_capture_on_commit_callbacks
):
    rotation.secure_accounts_sync()
    target = SecureAccount.objects.get(user=people["fra"])
    boss = UserFactory(username="boss", roles=[Role.ADMINISTRATOR], is_staff=True)
    client.force_login(boss)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/admin/accounts/secureaccount/",
            {"action": "rotate_now", "_selected_action": [target.pk]},
        )

    assert response.status_code == 302
    single = CredentialRotation.objects.get()
    assert (single.kind, single.status, single.account_count, single.notice_count) == (
        RotationKind.SINGLE,
        RotationStatus.DONE,
        1,
        1,
    )
    assert single.by == boss
    assert list(_links()) == ["fra@example.org"]
    assert User.objects.get(pk=people["fra"].pk).username.startswith("fra-")
    assert User.objects.get(pk=people["ken1"].pk).username == "ken1"
    # The quarter's own rotation still runs for every account later.
    assert _rotate().account_count == 4


def test_a_new_rotation_kills_the_accounts_earlier_unused_link(client, people):
    _rotate()
    old_link = _path(_links()["ken1@example.org"])
    mail.outbox.clear()

    account = SecureAccount.objects.get(user=people["ken1"])
    rotation.rotation_run(rotation=rotation.account_rotate(account=account, by=None))

    assert client.get(old_link).status_code == 410
    assert client.get(_path(_links()["ken1@example.org"])).status_code == 200


def test_the_command_dry_run_prints_and_changes_nothing_then_rotates_one_account(people):
    rotation.secure_accounts_sync()
    out = StringIO()

    call_command("rotate_credentials", "--dry-run", stdout=out)
    call_command("rotate_credentials", "--account", "ken2", "--dry-run", stdout=out)

    text = out.getvalue()
    assert "would change 4 account(s)" in text
    assert "ken1: new login name" in text and "link sent to ken1@example.org" in text
    assert "One-account rotation would change 1 account" in text
    assert text.count("Dry run: nothing was changed.") == 2
    assert CredentialRotation.objects.count() == 0 and mail.outbox == []
    assert User.objects.filter(username__in=["ken1", "ken2", "fra", "partner"]).count() == 4

    call_command("rotate_credentials", "--account", "ken2", stdout=out)

    assert list(_links()) == ["ken2@example.org"]
    assert not User.objects.filter(username="ken2").exists()
    with pytest.raises(CommandError, match="2026Q4"):
        call_command("rotate_credentials", "--quarter", "2026-4", stdout=out)
    with pytest.raises(CommandError, match="No secure-area account"):
        call_command("rotate_credentials", "--account", "nobody", stdout=out)


def test_grace_period_keeps_the_old_credentials_until_it_ends(client, people, settings):
    settings.ROTATION_GRACE_HOURS = 24
    _rotate()
    row = AccountRotation.objects.get(account__user=people["ken1"])

    assert _sign_in(client, "ken1", PASSWORD)
    assert not _sign_in(client, "ken1", "wrong password")

    AccountRotation.objects.filter(pk=row.pk).update(grace_until=timezone.now())
    assert not _sign_in(client, "ken1", PASSWORD)
    _rotate("2027Q1")  # a later run wipes the ended grace's old password hash
    assert AccountRotation.objects.get(pk=row.pk).grace_password == ""


def test_the_beat_entry_follows_the_setting(settings):
    settings.ROTATION_CRONTAB = "15 5 2 1,4,7,10 *"

    [entry] = beat_schedule()

    assert entry["task"] == "accounts.credential_rotation_start_task"
    assert entry["crontab"] == {
        "minute": "15",
        "hour": "5",
        "day_of_month": "2",
        "month_of_year": "1,4,7,10",
        "day_of_week": "*",
    }


def test_quarters():
    assert rotation.quarter_of(datetime.date(2026, 11, 30)) == "2026Q4"
    assert rotation.quarter_of(datetime.date(2027, 1, 1)) == "2027Q1"
    assert rotation.quarter_previous("2027Q1") == "2026Q4"
    with pytest.raises(ValueError):
        rotation.quarter_parse("2026Q5")


def test_demo_has_a_rotation_of_the_previous_quarter_and_its_logins_still_work(client):
    from ctc.accounts.demo import demo_users_seed

    logins = {login["username"]: login["password"] for login in demo_users_seed()}
    from ctc.accounts.demo import demo_rotation_seed

    count = demo_rotation_seed()
    again = demo_rotation_seed()

    previous = rotation.quarter_previous(rotation.quarter_of())
    done = CredentialRotation.objects.get(quarter=previous)
    assert count == again == done.account_count == done.notice_count > 0
    assert done.status == RotationStatus.DONE
    assert _sign_in(client, "focal_ken", logins["focal_ken"])


def test_a_new_focal_point_signs_in_by_login_name_only_even_before_the_next_sync(client):
    kenya = MemberState.objects.get(iso3="KEN")
    newcomer = UserFactory(
        username="ken-new", email="new@ken.example.org", roles=[Role.FOCAL_POINT]
    )
    User.objects.filter(pk=newcomer.pk).update(member_state=kenya)
    assert not SecureAccount.objects.filter(user=newcomer).exists()

    assert not _sign_in(client, "new@ken.example.org", PASSWORD)
    assert not _sign_in(client, "NEW@ken.example.org", PASSWORD)
    assert _sign_in(client, "ken-new", PASSWORD)
