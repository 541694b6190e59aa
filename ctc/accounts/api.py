"""The API's sign-in (a password, and a code where two-factor applies, for a knox token) and
`/api/v1/me/tokens/`: the caller's own tokens, listed without keys, made, revoked."""

from django.contrib.auth import authenticate, user_login_failed
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from .tokens import TokenLimitReached, token_create, token_get, token_id, token_list, token_revoke
from .two_factor import totp_device_get, two_factor_check, two_factor_required


class TokenSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="The token's id in /api/v1/me/tokens/{id}/; not a key.")
    starts_with = serializers.CharField(help_text="The first characters of the key.")
    created = serializers.DateTimeField()
    expiry = serializers.DateTimeField()


class NewTokenSerializer(TokenSerializer):
    token = serializers.CharField(help_text="The key: shown in this answer only.")


class SignInSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)
    code = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="Two-factor code (or a recovery code) where the account uses two-factor.",
    )


def _shown(token, key=None) -> dict:
    shown = {
        "id": token_id(token),
        "starts_with": token.token_key[:6],
        "created": token.created,
        "expiry": token.expiry,
    }
    return shown if key is None else {**shown, "token": key}


def _created(user) -> Response:
    try:
        token, key = token_create(user=user)
    except TokenLimitReached as limit:
        raise ValidationError(
            _("You already have the most API tokens allowed ({n}). Revoke one first.").format(
                n=limit.args[0]
            )
        ) from None
    return Response(NewTokenSerializer(_shown(token, key)).data, status=status.HTTP_201_CREATED)


class TokenSignInView(APIView):
    """Trades a user name (or e-mail) and password, plus a code for accounts that use
    two-factor, for a new token. Failures count towards the same lockout as the sign-in page,
    and an unknown account and a wrong password get the same answer."""

    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(request=SignInSerializer, responses={201: NewTokenSerializer})
    def post(self, request):
        given = SignInSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        user = authenticate(request._request, username=data["username"], password=data["password"])
        refused = ValidationError(
            {"non_field_errors": [_("Unable to log in with provided credentials.")]}
        )
        if user is None:
            raise refused
        if two_factor_required(user) or totp_device_get(user=user):
            device, _throttled = two_factor_check(user=user, code=data.get("code") or "")
            if device is None:
                user_login_failed.send(
                    sender=__name__,
                    credentials={"username": user.get_username()},
                    request=request._request,
                )
                raise ValidationError({"code": [_("A valid two-factor code is needed.")]})
        return _created(user)


class MyTokenListView(APIView):
    """GET: the caller's tokens in force (never their keys). POST: a new token, whose key
    is in this answer only."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: TokenSerializer(many=True)})
    def get(self, request):
        tokens = [_shown(t) for t in token_list(user=request.user)]
        return Response(TokenSerializer(tokens, many=True).data)

    @extend_schema(request=None, responses={201: NewTokenSerializer})
    def post(self, request):
        return _created(request.user)


class MyTokenDetailView(APIView):
    """DELETE: revokes one of the caller's tokens (another person's answers 404)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={204: inline_serializer("Revoked", {})})
    def delete(self, request, pk):
        token = token_get(user=request.user, pk=pk)
        if token is None:
            raise Http404
        token_revoke(token=token)
        return Response(status=status.HTTP_204_NO_CONTENT)
