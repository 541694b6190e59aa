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
        site.add_admin_app(self.label)

        # --- plan -------------------------------------------------------------------------
        from ctc.registry import GrantView, NavEntry, Step

        from . import notifications, permissions, selectors

        site.add_api("visits", "visits.api.urls", {"visits": "visit-list"})
        site.add_nav(
            NavEntry("visits", _("Visits"), "visits:list", permissions.workspace_is_possible, 45)
        )
        site.add_nav(
            NavEntry(
                "visits-secure", _("Visits"), "visits_secure:list", selectors.is_secure_reader, 20
            )
        )
        site.add_waiting("visits", selectors.waiting)
        from ctc.registry import DashboardPanel, TimelineSource

        from . import overview

        site.add_timeline(TimelineSource("visits", _("Visits"), overview.visit_entries, 40))
        site.add_timeline(
            TimelineSource("follow-up", _("Follow-up"), overview.follow_up_entries, 50)
        )
        site.add_dashboard_panel(
            DashboardPanel("visits", "visits/_panel_programme.html", overview.programme_panel, 30)
        )
        site.add_dashboard_panel(
            DashboardPanel("follow-up", "visits/_panel_overdue.html", overview.overdue_panel, 40)
        )
        site.add_grant_view(
            GrantView(
                "visit-schedule",
                "visit_schedule",
                _("Schedule of visits"),
                "visits_secure:schedule",
            )
        )
        for kind in notifications.KINDS:
            site.add_notification_kind(kind)

        def demo_visits_seed():
            from .demo import demo_visits_seed

            return demo_visits_seed()

        site.add_demo_seeder(Step("visits", _("demo visits"), demo_visits_seed, 150))
        # --- report -----------------------------------------------------------------------
        from . import report_admin, report_notifications, report_selectors, report_tasks  # noqa: F401

        site.add_waiting("visits-report", report_selectors.report_waiting)
        for kind in report_notifications.KINDS:
            site.add_notification_kind(kind)

        def demo_reports_seed():
            from .report_demo import demo_reports_seed

            return demo_reports_seed()

        # After the demo visits (the plan's seeder), before the documents' demo.
        site.add_demo_seeder(
            Step("visits-reports", _("demo visit reports"), demo_reports_seed, 160)
        )
        # --- Recommendations, follow-up, outcome (followup) --------------------------------
        from . import follow_up_admin, follow_up_notifications, follow_up_selectors  # noqa: F401
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

        def demo_follow_up_seed():
            from .follow_up_demo import demo_follow_up_seed

            return demo_follow_up_seed()

        # Before the demo reports (160): a report's recommendations are fixed once approved.
        site.add_demo_seeder(
            Step(
                "visits-follow-up",
                _("demo recommendations and follow-up"),
                demo_follow_up_seed,
                155,
            )
        )
