from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Preliminary implementation assessments")

    def ready(self):
        """What the site shows of assessments: see ctc/registry.py."""
        from ctc.registry import LandingBlock, NavEntry, Step, site

        from . import notifications, permissions, selectors

        site.add_nav(
            NavEntry(
                "assessments",
                _("Assessments"),
                "assessments:list",
                permissions.scope_is_possible,
                order=20,
            )
        )
        site.add_landing(
            LandingBlock(
                "assessments", "assessments/_landing_stages.html", selectors.landing_stages
            )
        )
        site.add_waiting("assessments", selectors.assessment_waiting)
        from ctc.registry import DashboardPanel, TimelineSource

        from . import overview

        site.add_timeline(
            TimelineSource("assessments", _("Assessments"), overview.timeline_entries, 30)
        )
        site.add_dashboard_panel(
            DashboardPanel(
                "assessments", "assessments/_panel_stages.html", overview.dashboard_panel, 20
            )
        )
        site.add_pages("assessments", "assessments/", "assessments.urls")
        # The former secure area's addresses: moved to the document area's inbox.
        site.add_pages("assessments-secure", "secure/assessments/", "assessments.secure_urls")
        site.add_api(
            "assessments",
            "assessments.api.urls",
            {"assessments": "assessment-list", "assessment-formats": "assessment-format-list"},
        )
        site.add_admin_app(self.label)
        for kind in notifications.KINDS:
            site.add_notification_kind(kind)

        # Reference data and demo data (services import lazily: they are writes).
        def formats_load():
            from .services import formats_load

            return formats_load()

        def demo_assessments_seed():
            from .demo import demo_assessments_seed

            return demo_assessments_seed()

        # A State's reply to the sent assessment or letter is filed in the document area,
        # which calls this in that filing's transaction (ctc/registry.py).
        def reply_receive(assessment, by):
            from .services import assessment_reply_receive

            assessment_reply_receive(assessment=assessment, by=by)

        site.add_reply_handler("assessments.assessment", reply_receive)
        site.add_reference_loader(
            Step("assessment-formats", _("assessment formats"), formats_load, 100)
        )
        site.add_demo_seeder(Step("assessments", _("demo assessments"), demo_assessments_seed, 100))
