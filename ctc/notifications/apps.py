from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "ctc.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from ctc.registry import Step, site

        from .tasks import BEAT_SCHEDULE

        def demo_notifications_seed() -> int:
            from .demo import demo_notifications_seed

            return demo_notifications_seed()

        for entry in BEAT_SCHEDULE:
            site.add_beat(entry)
        site.add_pages("notifications", "notifications/", "ctc.notifications.urls")
        site.add_admin_app(self.label)
        # After the apps' demo data, whose events told the demo accounts.
        site.add_demo_seeder(
            Step("notifications", _("demo notifications"), demo_notifications_seed, order=900)
        )
