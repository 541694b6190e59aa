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
