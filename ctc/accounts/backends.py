from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class UsernameOrEmailBackend(ModelBackend):
    """Signs in with either the user name or the e-mail address."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or password is None:
            return None
        users = get_user_model()._default_manager
        user = users.filter(username=username).first()
        if user is None and "@" in username:
            user = users.filter(email__iexact=username).first()
        if user is None:
            get_user_model()().set_password(password)  # same cost as a real check: no timing oracle
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def client_ip(request) -> str | None:
    """The client's address for lockout counting (settings.AXES_CLIENT_IP_CALLABLE).

    Behind the project's nginx (DJANGO_BEHIND_PROXY=1), X-Forwarded-For holds exactly the
    address nginx saw, since nginx replaces the header; its last entry is taken in case a
    proxy appends instead. Without a proxy the header is the client's own claim: ignored.
    """
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.split(",")[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR")
