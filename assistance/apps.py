from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistanceConfig(AppConfig):
    name = "assistance"
    verbose_name = _("Technical assistance")

    def ready(self):
        """What the site shows of technical assistance: see ctc/registry.py."""
        from ctc.registry import NavEntry, site

        site.add_admin_app(self.label)

        # --- Needs and offers (needs) -----------------------------------------------------
        from . import admin, permissions, services  # noqa: F401

        site.add_pages("assistance", "assistance/", "assistance.urls")
        site.add_api(
            "assistance",
            "assistance.api.urls",
            {
                "assistance-needs": "assistance-need-list",
                "assistance-offers": "assistance-offer-list",
            },
        )
        site.add_nav(
            NavEntry(
                "assistance",
                _("Assistance"),
                "assistance:needs",
                permissions.reads_workspace_nav,
                55,
            )
        )
        # One click from a recommendation of a visit or of an assessment to a need.
        site.set_need_from_recommendation(services.need_from_recommendation)
        site.set_need_from_pia_recommendation(services.need_from_pia_recommendation)
        self._demo_ready(site)
        from ctc.registry import DashboardPanel, TimelineSource

        from . import overview

        site.add_timeline(
            TimelineSource("assistance", _("Technical assistance"), overview.timeline_entries, 60)
        )
        site.add_dashboard_panel(
            DashboardPanel(
                "assistance", "assistance/_panel_unmatched.html", overview.unmatched_panel, 50
            )
        )
        # --- Match lifecycle, donor's view, regional matrix, notifications (life) -----------
        from . import match_selectors, notifications

        site.add_pages("assistance-matches", "assistance/matches/", "assistance.match_urls")
        site.add_pages("assistance-donor", "assistance/donor/", "assistance.donor_urls")
        site.add_pages("assistance-matrix", "assistance/matrix/", "assistance.matrix_urls")
        site.add_api("assistance-matches", "assistance.api.match_urls", {"matches": "match-list"})
        site.add_nav(
            NavEntry(
                "assistance-donor",
                _("Assistance"),
                "assistance_donor:home",
                permissions.is_donor,
                order=25,
            )
        )
        site.add_nav(
            NavEntry(
                "assistance-matrix",
                _("Regional matrix"),
                "assistance_matrix:matrix",
                match_selectors.reads_matrix,
                order=56,
            )
        )
        site.add_waiting("assistance", match_selectors.waiting)
        for kind in notifications.KINDS:
            site.add_notification_kind(kind)
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

    def _demo_ready(self, site):
        """The demo needs, programmes and matches (assistance/demo.py)."""
        from ctc.registry import Step

        def assistance_demo_seed():
            from .demo import assistance_demo_seed

            return assistance_demo_seed()

        # After the demo visits' recommendations and reports (150–160) and the assessments'
        # (100), whose recommendations become needs; before the demo notifications (900).
        site.add_demo_seeder(Step("assistance", _("demo assistance"), assistance_demo_seed, 170))
