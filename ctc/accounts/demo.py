"""Demo accounts, one or more per role; re-running updates them in place."""

import hashlib
import hmac

from django.conf import settings
from django.db import transaction

from ctc.organisations.enums import OrganisationKind
from ctc.organisations.models import Organisation
from ctc.states.models import MemberState, Subcommittee

from .enums import NotificationMode, Role
from .models import User
from .services import user_set_roles

FOCAL_POINT_STATES = ["KEN", "IDN", "COL", "MAR", "KAZ"]


def demo_password(username: str) -> str:
    """DEMO_PASSWORD when set, else a password stable per installation (from SECRET_KEY)."""
    if settings.DEMO_PASSWORD:
        return settings.DEMO_PASSWORD
    digest = hmac.new(settings.SECRET_KEY.encode(), username.encode(), hashlib.sha256)
    return "demo-" + digest.hexdigest()[:12]


def demo_totp_key(username: str) -> str:
    """The demo authenticator's secret (hex, 20 bytes), stable per installation like the
    demo passwords, so a person can add it to an authenticator app once."""
    seed = settings.DEMO_PASSWORD or settings.SECRET_KEY
    return hmac.new(seed.encode(), ("totp:" + username).encode(), hashlib.sha256).hexdigest()[:40]


def _demo_authenticator(user) -> str | None:
    """Staff must pass a code at sign-in (ctc.accounts.two_factor): their demo accounts come
    with a confirmed authenticator whose secret the demo prints. Returns it, base32."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from .two_factor import TOTP_NAME, totp_secret, two_factor_required

    user.__dict__.pop("roles", None)
    if not two_factor_required(user):
        return None
    key = demo_totp_key(user.username)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None or device.key != key:
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, key=key, confirmed=True)
    return totp_secret(device).replace(" ", "")


def _accounts():
    yield "expert", Role.CTED_EXPERT, {"first_name": "Amina", "last_name": "Haddad"}
    yield "expert2", Role.CTED_EXPERT, {"first_name": "Pablo", "last_name": "Ortega"}
    yield "coordinator", Role.CTED_COORDINATOR, {"first_name": "Irina", "last_name": "Volkova"}
    for sub in Subcommittee.objects.order_by("code"):
        yield (
            f"subcommittee_{sub.code.lower()}",
            Role.SUBCOMMITTEE_MEMBER,
            {"subcommittee": sub, "first_name": "Delegate", "last_name": sub.code},
        )
    yield "committee", Role.COMMITTEE_MEMBER, {"first_name": "Jean", "last_name": "Moreau"}
    yield "chair", Role.CHAIR, {"first_name": "Hardeep", "last_name": "Puri"}
    for state in MemberState.objects.filter(iso3__in=FOCAL_POINT_STATES).order_by("iso3"):
        yield (
            f"focal_{state.iso3.lower()}",
            Role.FOCAL_POINT,
            {"member_state": state, "preferred_language": state.official_language},
        )
    partners = Organisation.objects.filter(kind=OrganisationKind.PARTNER_BODY).order_by("code")
    for organisation in partners:
        username = "partner_" + organisation.code.replace("-", "_")
        yield username, Role.PARTNER_ANALYST, {"organisation": organisation}
    donor = Organisation.objects.filter(kind=OrganisationKind.DONOR).order_by("code").first()
    if donor:
        yield "donor", Role.DONOR, {"organisation": donor}
    yield "admin", Role.ADMINISTRATOR, {"is_staff": True}


@transaction.atomic
def demo_users_seed() -> list[dict]:
    """Creates or refreshes the demo accounts and returns their logins."""
    logins = []
    for username, role, extra in _accounts():
        password = demo_password(username)
        defaults = {"email": f"{username}@demo.ctc.invalid", "is_active": True, **extra}
        # New demo accounts take the daily digest: the demo's many past events mail nobody.
        user, _created = User.objects.update_or_create(
            username=username,
            defaults=defaults,
            create_defaults={**defaults, "notification_mode": NotificationMode.DAILY_DIGEST},
        )
        if not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        user_set_roles(user=user, roles=[role])
        totp = _demo_authenticator(user)
        logins.append(
            {
                "role": role.value,
                "username": username,
                "password": password,
                "state": user.member_state.iso3 if user.member_state_id else None,
                "organisation": user.organisation.code if user.organisation_id else None,
                "totp_key": totp,
            }
        )
    return logins


def demo_rotation_seed() -> int:
    """A rotation already run for the previous quarter: every secure account was given its
    current login name then, notified and has set its password. The demo logins stay valid
    (the recorded new names are the current ones). Re-running changes nothing."""
    import datetime
    import secrets

    from django.utils import timezone

    from .enums import AccountRotationStatus, RotationStatus
    from .models import AccountRotation, CredentialRotation, SecureAccount
    from .rotation import (
        ALIAS_ALPHABET,
        _mission,
        quarter_of,
        quarter_previous,
        secure_accounts_sync,
        secure_users,
    )

    secure_accounts_sync()
    quarter = quarter_previous(quarter_of())
    if CredentialRotation.objects.filter(kind="quarterly", quarter=quarter).exists():
        return CredentialRotation.objects.get(kind="quarterly", quarter=quarter).account_count
    year, number = int(quarter[:4]), int(quarter[-1])
    started = timezone.make_aware(datetime.datetime(year, 3 * number - 2, 1, 6, 0))
    accounts = SecureAccount.objects.filter(user__in=secure_users()).select_related("user")
    with transaction.atomic():
        rotation = CredentialRotation.objects.create(quarter=quarter)
        rows = []
        for n, account in enumerate(accounts):
            user = account.user
            prefix = user.member_state.iso3.lower() if user.member_state_id else "org"
            old = prefix + "-" + "".join(secrets.choice(ALIAS_ALPHABET) for _ in range(8))
            at = started + datetime.timedelta(seconds=30 * n)
            rows.append(
                AccountRotation(
                    rotation=rotation,
                    account=account,
                    group=_mission(user),
                    status=AccountRotationStatus.DONE,
                    old_username=old,
                    new_username=user.username,
                    changed_at=at,
                    sent_at=at,
                    sent_to=user.email,
                    expires_at=at + datetime.timedelta(days=7),
                    used_at=at + datetime.timedelta(hours=5),
                )
            )
        AccountRotation.objects.bulk_create(rows)
        finished = started + datetime.timedelta(seconds=30 * len(rows))
        CredentialRotation.objects.filter(pk=rotation.pk).update(
            started_at=started,
            finished_at=finished,
            status=RotationStatus.DONE,
            account_count=len(rows),
            done_count=len(rows),
            notice_count=len(rows),
        )
        SecureAccount.objects.filter(pk__in=[a.pk for a in accounts]).update(rotated_at=started)
    return len(rows)
