from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Preliminary implementation assessments")

    def ready(self):
        """What the site shows of assessments: see ctc/registry.py."""
        from ctc.accounts.enums import Role
        from ctc.registry import LandingBlock, NavEntry, Step, site

        from . import notifications, permissions, selectors

        def focal_point(user):
            return Role.FOCAL_POINT in user.roles and bool(user.member_state_id)

        site.add_nav(
            NavEntry(
                "assessments",
                _("Assessments"),
                "assessments:list",
                permissions.scope_is_possible,
                order=20,
            )
        )
        site.add_nav(NavEntry("secure", _("Secure area"), "assessments_secure:list", focal_point))
        site.add_landing(
            LandingBlock(
                "assessments", "assessments/_landing_stages.html", selectors.landing_stages
            )
        )
        site.add_landing(
            LandingBlock(
                "assessments-sent", "assessments/_landing_sent.html", selectors.landing_sent
            )
        )
        site.add_waiting("assessments", selectors.assessment_waiting)
        site.add_pages("assessments", "assessments/", "assessments.urls")
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

        site.add_reference_loader(
            Step("assessment-formats", _("assessment formats"), formats_load, 100)
        )
        site.add_demo_seeder(Step("assessments", _("demo assessments"), demo_assessments_seed, 100))
