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
        from .tasks import beat_schedule

        def secure_accounts_sync() -> int:
            from .rotation import secure_accounts_sync

            return secure_accounts_sync()

        def demo_rotation_seed() -> int:
            from .demo import demo_rotation_seed

            return demo_rotation_seed()

        # Roles come last among the reference data: administrators get every permission of
        # the apps registered here, so every app's ready() must have run (it has, by now).
        site.add_reference_loader(
            Step("roles", _("role groups"), lambda: len(roles_sync()), order=900)
        )
        # Every focal point and partner analyst gets a secure-area account (E-19).
        site.add_reference_loader(
            Step("secure-accounts", _("secure-area accounts"), secure_accounts_sync, order=910)
        )
        site.add_demo_seeder(
            Step("credential-rotation", _("credential rotation"), demo_rotation_seed, order=20)
        )
        for entry in beat_schedule():
            site.add_beat(entry)
        site.add_pages("accounts-rotation", "secure/credentials/", "ctc.accounts.rotation_urls")
        # axes: the lockout page tells people an administrator can unblock their account.
        for label in (self.label, "auth", "knox", "django_celery_beat", "axes"):
            site.add_admin_app(label)
