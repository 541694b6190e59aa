"""API tokens (django-rest-knox) and ending every way an account is signed in.

Knox stores a SHA-512 digest of each token, never the token: the key is shown once, when it
is made. A token is named in URLs by the first characters of its digest, which are of no
use to sign in with.
"""

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from knox.models import AuthToken
from knox.settings import knox_settings

TOKEN_ID_LENGTH = 16


def token_id(token: AuthToken) -> str:
    return token.digest[:TOKEN_ID_LENGTH]


def token_list(*, user) -> QuerySet[AuthToken]:
    """The user's tokens still in force, newest first."""
    now = timezone.now()
    return AuthToken.objects.filter(user=user, expiry__gt=now).order_by("-created", "digest")


def token_get(*, user, pk: str) -> AuthToken | None:
    """One of the user's tokens by its id; None for anyone else's (the caller answers 404)."""
    if len(pk) != TOKEN_ID_LENGTH:
        return None
    return token_list(user=user).filter(digest__startswith=pk.lower()).first()


@transaction.atomic
def token_create(*, user) -> tuple[AuthToken, str]:
    """A new token and its key, which only this answer ever holds. Side effect: the user's
    expired tokens are deleted. Refused (ValueError) past REST_KNOX TOKEN_LIMIT_PER_USER."""
    AuthToken.objects.filter(user=user, expiry__lte=timezone.now()).delete()
    limit = knox_settings.TOKEN_LIMIT_PER_USER
    if limit is not None and token_list(user=user).count() >= limit:
        raise TokenLimitReached(limit)
    return AuthToken.objects.create(user=user)


class TokenLimitReached(Exception):
    pass


def token_revoke(*, token: AuthToken) -> None:
    token.delete()


def session_keys_of(user) -> list[str]:
    """The keys of the user's sessions still in force. Sessions are stored by key, not by
    user, so each is read; a site of this size has a few thousand at most."""
    keys = []
    sessions = Session.objects.filter(expire_date__gt=timezone.now()).iterator(chunk_size=500)
    for session in sessions:
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            keys.append(session.session_key)
    return keys


@transaction.atomic
def user_sign_out_everywhere(*, user) -> dict[str, int]:
    """Ends every session of the user (this one included) and deletes all their API tokens.

    Also for credential rotation and suspected compromise. Returns how many of each ended.
    """
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    tokens, _ = AuthToken.objects.filter(user=user).delete()
    sessions, _ = Session.objects.filter(session_key__in=session_keys_of(user)).delete()
    return {"sessions": sessions, "tokens": tokens}
