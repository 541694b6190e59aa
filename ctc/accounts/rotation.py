"""Secure-area accounts and the quarterly credential rotation (work programme E-19).

Accounts
    Every active focal point (with a member state) and partner analyst (with an
    organisation) has a `SecureAccount`: a stable `account_id` that never changes, over a
    login name (the alias) that each rotation replaces. The alias IS `User.username`, so the
    sign-in form, the admin and the lockout counting need nothing new. A secure account
    signs in with its alias only: the backend refuses its e-mail address as a login name
    (ctc.accounts.backends), otherwise the stable address would outlive every rotation.

A rotation
    `CredentialRotation` records one run: a quarter's (one per quarter, "2026Q4"; started
    by beat, `accounts.credential_rotation_start_task`) or one account's (an administrator
    suspecting a compromise: `account_rotate`, the admin action, `rotate_credentials
    --account`). It holds one `AccountRotation` row per account, created with the run.
    Each account goes through two steps, each its own transaction on its row-locked row:

    1. change (pending → changed): a new generated alias, an unusable password (so the
       old password stops working and the person must set one), the account's knox
       API tokens deleted. Sessions end because the password hash changed: Django checks
       the session's auth hash on every request. Older unused links of the account die.
       With `ROTATION_GRACE_HOURS` > 0 the old alias and the old password hash are kept on
       the row and the backend accepts them until the grace ends (default 0: no grace).
    2. notify (changed → done): a fresh single-use token (only its SHA-256 is stored), an
       expiry (`ROTATION_LINK_DAYS`), and an e-mail in the person's language to their
       registered address with a link that reveals the new alias and sets a password
       (Django's password validators apply). Never a password in an e-mail. The row is
       marked sent in the transaction that sends it, so a notice goes once. (Only a worker
       killed in the instant between the mail server accepting the message and the commit
       would send a second one on resume; the first link then says it is not valid.)

Idempotent and resumable
    The quarter's run is unique per quarter; a second start finds it and only resumes rows
    not yet done, so a finished quarter changes nothing and sends nothing. A run holds a
    PostgreSQL advisory lock (released by the server when a killed worker's connection
    drops), so two runners never work on one rotation at once; rows are claimed under
    `select_for_update` with their status checked, so a redelivered task does no second
    harm. A worker killed between the steps leaves a "changed" row: the next run notifies
    it with a fresh token (the lost one was never sent) before it changes anything else.

Staggered
    Accounts are grouped by mission (their state, or their organisation) and a run takes
    them one after another, each changed AND notified before the next one starts. A mission
    therefore has at most one account waiting for its notice at any moment; if a notice
    fails, the mission's other accounts are not touched in that run (they keep working
    credentials) and the next run retries the notice first. An account without an e-mail
    address cannot be told, so it is not changed (recorded as a failure to fix).
"""

import datetime
import hashlib
import logging
import re
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from ctc.tasks import enqueue

from .enums import AccountRotationStatus, Role, RotationKind, RotationStatus
from .models import AccountRotation, CredentialRotation, SecureAccount, User

logger = logging.getLogger(__name__)

QUARTER = re.compile(r"(\d{4})Q([1-4])")
# Lower-case letters and digits people do not confuse (no 0/o, 1/l/i).
ALIAS_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
ADVISORY_LOCK_NAMESPACE = 19_0019  # E-19


# --- Quarters ---------------------------------------------------------------------------


def quarter_of(day: datetime.date | None = None) -> str:
    """ "2026Q4" for a day of October to December 2026 (today by default)."""
    day = day or timezone.localdate()
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def quarter_previous(quarter: str) -> str:
    year, number = quarter_parse(quarter)
    return f"{year - 1}Q4" if number == 1 else f"{year}Q{number - 1}"


def quarter_parse(quarter: str) -> tuple[int, int]:
    """(year, quarter number); ValueError for anything but "YYYYQn"."""
    match = QUARTER.fullmatch(quarter or "")
    if match is None:
        raise ValueError(quarter)
    return int(match.group(1)), int(match.group(2))


# --- Accounts ---------------------------------------------------------------------------


def secure_users():
    """Active users of the secure area: focal points with a state, partners with a body."""
    focal = Q(groups__name=Role.FOCAL_POINT, member_state__isnull=False)
    partner = Q(groups__name=Role.PARTNER_ANALYST, organisation__isnull=False)
    return User.objects.filter(focal | partner, is_active=True).distinct()


def secure_accounts_sync() -> int:
    """Gives every secure-area user an account; returns how many were created. Re-runnable."""
    missing = secure_users().filter(secure_account__isnull=True).values_list("pk", flat=True)
    created = 0
    for user_id in missing:
        try:
            with transaction.atomic():
                SecureAccount.objects.create(user_id=user_id)
            created += 1
        except IntegrityError:  # created meanwhile by a concurrent sync
            pass
    return created


def secure_account_find(identifier: str) -> SecureAccount | None:
    """The account with this account id or current login name."""
    identifier = (identifier or "").strip()
    return (
        SecureAccount.objects.select_related("user")
        .filter(Q(account_id__iexact=identifier) | Q(user__username=identifier))
        .first()
    )


def _mission(user: User) -> str:
    if user.member_state_id and user.has_role(Role.FOCAL_POINT):
        return f"state:{user.member_state.iso3}"
    return f"organisation:{user.organisation.code}" if user.organisation_id else "other"


def _alias_new(user: User) -> str:
    if user.member_state_id and user.has_role(Role.FOCAL_POINT):
        prefix = user.member_state.iso3.lower()
    else:
        prefix = "org"
    while True:
        alias = prefix + "-" + "".join(secrets.choice(ALIAS_ALPHABET) for _ in range(8))
        if not User.objects.filter(username=alias).exists() and not (
            AccountRotation.objects.filter(old_username=alias).exists()
        ):
            return alias


# --- Starting rotations -----------------------------------------------------------------


def _rows_create(rotation: CredentialRotation, accounts) -> None:
    rows = [
        AccountRotation(rotation=rotation, account=account, group=_mission(account.user))
        for account in accounts
    ]
    AccountRotation.objects.bulk_create(rows)
    rotation.account_count = len(rows)
    rotation.save(update_fields=["account_count"])


def rotation_start(*, quarter: str | None = None, by=None) -> tuple[CredentialRotation, bool]:
    """The quarter's rotation, created with one row per secure account if it is new.

    Returns (rotation, created). A quarter already started is returned as it is: nothing
    changes, and running it again only finishes what is left.
    """
    quarter = quarter or quarter_of()
    quarter_parse(quarter)
    existing = CredentialRotation.objects.filter(kind=RotationKind.QUARTERLY, quarter=quarter)
    if (rotation := existing.first()) is not None:
        return rotation, False
    secure_accounts_sync()
    accounts = SecureAccount.objects.filter(user__in=secure_users()).select_related(
        "user__member_state", "user__organisation"
    )
    try:
        with transaction.atomic():
            rotation = CredentialRotation.objects.create(quarter=quarter, by=by)
            _rows_create(rotation, accounts)
    except IntegrityError:  # another runner started it at the same moment
        return existing.get(), False
    logger.info("Credential rotation %s started for %d accounts", quarter, rotation.account_count)
    return rotation, True


def rotation_quarter_run(*, quarter: str | None = None) -> CredentialRotation:
    """Starts the quarter's rotation if it is new and runs what is left of it (beat's tick).

    A finished quarter changes nothing and sends nothing.
    """
    rotation, _created = rotation_start(quarter=quarter)
    return rotation_run(rotation=rotation)


def account_rotate(*, account: SecureAccount, by, reason: str = "") -> CredentialRotation:
    """Rotates one account now (suspected compromise): a one-account run, enqueued.

    Side effects: a CredentialRotation and its row; after commit,
    accounts.credential_rotation_run_task.
    """
    from .tasks import credential_rotation_run_task  # tasks import this module

    with transaction.atomic():
        rotation = CredentialRotation.objects.create(
            kind=RotationKind.SINGLE, quarter=quarter_of(), by=by, reason=reason[:300]
        )
        _rows_create(rotation, [account])
        enqueue(credential_rotation_run_task, rotation.pk)
    return rotation


# --- Running a rotation -----------------------------------------------------------------


@contextmanager
def _run_lock(rotation: CredentialRotation) -> Iterator[bool]:
    """True when this process may run the rotation (nobody else is running it)."""
    if connection.vendor != "postgresql":
        yield True
        return
    key = [ADVISORY_LOCK_NAMESPACE, rotation.pk]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", key)
        got = cursor.fetchone()[0]
    try:
        yield got
    finally:
        if got:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", key)


def rotation_run(*, rotation: CredentialRotation) -> CredentialRotation:
    """Changes and notifies the rotation's accounts that are not done, one at a time.

    Safe to call again at any moment (a redelivered task, the next beat tick, the command):
    done rows are never touched again. Returns the rotation with its figures.
    """
    with _run_lock(rotation) as mine:
        if not mine:
            logger.info("Rotation %s is being run by another worker", rotation.pk)
            return rotation
        _grace_forget()
        blocked: set[str] = set()
        # First the notices a dead worker left unsent, then the accounts still waiting.
        for row in _rows(rotation, AccountRotationStatus.CHANGED):
            if not _account_notify(row):
                blocked.add(row.group)
        for row in _rows(rotation, AccountRotationStatus.PENDING):
            if row.group in blocked:
                continue
            row = _account_change(row)
            if row.status != AccountRotationStatus.CHANGED:
                continue
            if settings.ROTATION_ACCOUNT_DELAY:
                time.sleep(settings.ROTATION_ACCOUNT_DELAY)
            if not _account_notify(row):
                blocked.add(row.group)
        _rotation_finish(rotation)
    rotation.refresh_from_db()
    return rotation


def _unfinished(rotation: CredentialRotation) -> bool:
    return rotation.accounts.filter(
        status__in=[AccountRotationStatus.PENDING, AccountRotationStatus.CHANGED]
    ).exists()


def _rows(rotation: CredentialRotation, status: str) -> list[AccountRotation]:
    return list(rotation.accounts.filter(status=status).order_by("group", "pk").only("pk", "group"))


def _rotation_count(rotation_id: int, **fields: int) -> None:
    CredentialRotation.objects.filter(pk=rotation_id).update(
        **{name: F(name) + n for name, n in fields.items()}
    )


def _rotation_finish(rotation: CredentialRotation) -> None:
    if _unfinished(rotation):
        return  # blocked missions: the next run retries them
    failed = rotation.accounts.filter(status=AccountRotationStatus.SKIPPED, failure_count__gt=0)
    status = RotationStatus.DONE_WITH_FAILURES if failed.exists() else RotationStatus.DONE
    CredentialRotation.objects.filter(pk=rotation.pk, finished_at__isnull=True).update(
        status=status, finished_at=timezone.now()
    )


def _skip(row: AccountRotation, error: str = "", failed: bool = False) -> AccountRotation:
    row.status = AccountRotationStatus.SKIPPED
    row.error = error
    row.failure_count += int(failed)
    row.save(update_fields=["status", "error", "failure_count"])
    if failed:
        _rotation_count(row.rotation_id, failure_count=1)
    return row


def _account_change(row: AccountRotation) -> AccountRotation:
    """Step 1: a new alias, an unusable password, no API tokens; pending → changed."""
    from knox.models import AuthToken

    with transaction.atomic():
        row = AccountRotation.objects.select_for_update().select_related("account").get(pk=row.pk)
        if row.status != AccountRotationStatus.PENDING:
            return row
        user = User.objects.select_for_update().get(pk=row.account.user_id)
        if not secure_users().filter(pk=user.pk).exists():
            return _skip(row, "no longer an active focal point or partner analyst")
        if not user.email:
            return _skip(row, "no registered e-mail address: nobody could be told", failed=True)
        now = timezone.now()
        row.old_username = user.username
        row.new_username = _alias_new(user)
        if settings.ROTATION_GRACE_HOURS > 0:
            row.grace_password = user.password
            row.grace_until = now + datetime.timedelta(hours=settings.ROTATION_GRACE_HOURS)
        user.username = row.new_username
        user.set_unusable_password()  # a new hash: every session's auth hash is now stale
        user.save(update_fields=["username", "password"])
        AuthToken.objects.filter(user=user).delete()
        # Earlier links and grace periods of the account end with this change.
        earlier = AccountRotation.objects.filter(account=row.account).exclude(pk=row.pk)
        earlier.filter(used_at__isnull=True, expires_at__gt=now).update(expires_at=now)
        earlier.filter(grace_until__gt=now).update(grace_until=now, grace_password="")
        row.status = AccountRotationStatus.CHANGED
        row.changed_at = now
        row.save()
        SecureAccount.objects.filter(pk=row.account_id).update(rotated_at=now)
        _rotation_count(row.rotation_id, done_count=1)
    logger.info("Account %s rotated (rotation %s)", row.account.account_id, row.rotation_id)
    return row


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _account_notify(row: AccountRotation) -> bool:
    """Step 2: a fresh single-use link, e-mailed once; changed → done. False if it failed."""
    try:
        with transaction.atomic():
            row = (
                AccountRotation.objects.select_for_update()
                .select_related("account__user", "rotation")
                .get(pk=row.pk)
            )
            if row.status != AccountRotationStatus.CHANGED or row.sent_at:
                return True
            user = row.account.user
            token = secrets.token_urlsafe(32)
            now = timezone.now()
            row.token_hash = _token_hash(token)
            row.expires_at = now + datetime.timedelta(days=settings.ROTATION_LINK_DAYS)
            row.sent_at = now
            row.sent_to = user.email
            row.status = AccountRotationStatus.DONE
            row.error = ""
            row.save()
            _rotation_count(row.rotation_id, notice_count=1)
            _notice_send(row, user, token)
    except Exception as exc:  # the mail server refused: recorded, retried by the next run
        logger.exception("Rotation notice for account %s failed", row.account_id)
        AccountRotation.objects.filter(pk=row.pk).update(
            error=f"notice not sent: {type(exc).__name__}"[:300],
            failure_count=F("failure_count") + 1,
        )
        _rotation_count(row.rotation_id, failure_count=1)
        return False
    return True


def _notice_send(row: AccountRotation, user: User, token: str) -> None:
    with translation.override(user.preferred_language):
        url = settings.SITE_URL + reverse("accounts_rotation:reveal", args=[token])
        expires = formats.date_format(timezone.localtime(row.expires_at), "DATETIME_FORMAT")
        subject = _("CTC Workspace: your secure-area account has a new login name")
        body = "\n\n".join(
            [
                _(
                    "Your secure-area account {account} has been given a new login name, "
                    "and its password has been reset. Your previous login name and password "
                    "no longer work."
                ).format(account=row.account.account_id),
                _(
                    "Open this link to see your new login name and choose a new password. "
                    "It works once, until {expires}:"
                ).format(expires=expires),
                url,
                _(
                    "We never send passwords by e-mail. If the link has expired, ask the "
                    "CTED administrators to rotate your account again: a new link will be "
                    "sent to this address."
                ),
            ]
        )
    EmailMessage(subject=subject, body=body, to=[user.email]).send()


# --- Grace period -----------------------------------------------------------------------


def _grace_forget() -> int:
    """Wipes the old password hashes of grace periods that have ended."""
    return (
        AccountRotation.objects.filter(grace_until__lte=timezone.now())
        .exclude(grace_password="")
        .update(grace_password="")
    )


# --- Revealing ----------------------------------------------------------------------------


class RevealProblem:
    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"


@dataclass(frozen=True)
class Reveal:
    row: AccountRotation | None
    problem: str | None


def reveal_get(*, token: str) -> Reveal:
    """The account row a reveal link opens, or why it cannot be used."""
    if not token or len(token) > 100:
        return Reveal(None, RevealProblem.UNKNOWN)
    row = (
        AccountRotation.objects.select_related("account__user")
        .filter(token_hash=_token_hash(token))
        .first()
    )
    if row is None:
        return Reveal(None, RevealProblem.UNKNOWN)
    if row.used_at is not None:
        return Reveal(row, RevealProblem.USED)
    if row.expires_at is None or row.expires_at <= timezone.now():
        return Reveal(row, RevealProblem.EXPIRED)
    return Reveal(row, None)


def reveal_complete(*, row: AccountRotation, password: str) -> bool:
    """Sets the account's new password and kills the link. False if the link was used or
    expired meanwhile (nothing changed). Validate the password before (SetPasswordForm)."""
    with transaction.atomic():
        locked = AccountRotation.objects.select_for_update().get(pk=row.pk)
        if (
            locked.used_at is not None
            or not locked.expires_at
            or locked.expires_at <= (timezone.now())
        ):
            return False
        user = User.objects.select_for_update().get(pk=row.account.user_id)
        user.set_password(password)
        user.save(update_fields=["password"])
        locked.used_at = timezone.now()
        locked.save(update_fields=["used_at"])
    return True


# --- Dry run ------------------------------------------------------------------------------


def rotation_preview(*, quarter: str | None = None, account: SecureAccount | None = None):
    """What a run would do, as lines of text; writes nothing."""
    if account is None:
        quarter = quarter or quarter_of()
        quarter_parse(quarter)
        rotation = CredentialRotation.objects.filter(
            kind=RotationKind.QUARTERLY, quarter=quarter
        ).first()
        if rotation is not None and not _unfinished(rotation):
            return [f"Rotation {quarter} is finished: nothing would change."]
        if rotation is not None:
            rows = rotation.accounts.exclude(status=AccountRotationStatus.DONE)
            users = [r.account.user for r in rows.select_related("account__user")]
        else:
            users = list(secure_users().order_by("username"))
        header = f"Rotation {quarter} would change {len(users)} account(s):"
    else:
        users = [account.user]
        header = "One-account rotation would change 1 account:"
    lines = [header]
    for user in users:
        if not user.email:
            lines.append(f"  {user.username}: not changed (no e-mail address)")
        else:
            lines.append(
                f"  {user.username}: new login name, password to set, sessions and API tokens "
                f"ended, link sent to {user.email}"
            )
    return lines
