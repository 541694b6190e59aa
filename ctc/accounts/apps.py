from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "ctc.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        from ctc.registry import Step, site

        from . import two_factor  # noqa: F401  (its sign-in signal receiver)
        from .services import roles_sync

        # Roles come last among the reference data: administrators get every permission of
        # the apps registered here, so every app's ready() must have run (it has, by now).
        site.add_reference_loader(
            Step("roles", _("role groups"), lambda: len(roles_sync()), order=900)
        )
        # axes: the lockout page tells people an administrator can unblock their account.
        for label in (self.label, "auth", "knox", "django_celery_beat", "axes"):
            site.add_admin_app(label)
