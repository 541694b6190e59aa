from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistanceConfig(AppConfig):
    name = "assistance"
    verbose_name = _("Technical assistance")

    def ready(self):
        from ctc.registry import site

        site.add_admin_app(self.label)
        self._matching_ready(site)

    def _matching_ready(self, site):
        """The matching engine: its page, its suggestions API, its job kind and nightly run."""
        from ctc.registry import NavEntry

        from . import permissions
        from .tasks import BEAT_SCHEDULE  # registers the "assistance.match_all" job kind

        site.add_nav(
            NavEntry(
                "assistance-matching",
                _("Matching"),
                "assistance_matching:home",
                permissions.is_cted,
                order=56,
            )
        )
        site.add_pages("assistance-matching", "assistance/matching/", "assistance.matching_urls")
        site.add_api("assistance-matching", "assistance.api.matching_urls", {})
        for entry in BEAT_SCHEDULE:
            site.add_beat(entry)
