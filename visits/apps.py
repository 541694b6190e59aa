from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    name = "visits"
    verbose_name = _("Country visits")

    def ready(self):
        """What the site shows of visits: see ctc/registry.py."""
        from ctc.registry import site

        site.add_pages("visits", "visits/", "visits.urls")
        site.add_pages("visits-secure", "secure/visits/", "visits.secure_urls")
        site.add_api("visits", "visits.api.urls", {})
        site.add_admin_app(self.label)

        # --- Recommendations, follow-up, outcome (followup) ---
        from ctc.registry import NavEntry

        from . import follow_up_notifications, follow_up_selectors
        from .tasks import BEAT_SCHEDULE

        site.add_nav(
            NavEntry(
                "visits-follow-up-secure",
                _("Follow-up"),
                "visits_secure:follow_up",
                follow_up_selectors.owns_follow_up,
                order=30,
            )
        )

        site.add_api(
            "visits-follow-up",
            "visits.api.follow_up_urls",
            {"follow-up-actions": "follow-up-action-list"},
        )
        site.add_waiting("visits-follow-up", follow_up_selectors.waiting)
        for kind in follow_up_notifications.KINDS:
            site.add_notification_kind(kind)
        for entry in BEAT_SCHEDULE:
            site.add_beat(entry)
