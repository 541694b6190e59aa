from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        """The reports page, its job kind, the semi-annual beat run and the demo report."""
        from ctc.registry import NavEntry, Step, site

        from . import kinds, permissions  # noqa: F401  (kinds registers the report kinds)
        from .tasks import BEAT_SCHEDULE  # registers the "reports.generate" job kind

        site.add_pages("reports", "reports/", "reports.urls")
        site.add_nav(
            NavEntry("reports", _("Reports"), "reports:home", permissions.reads_reports, 80)
        )
        for entry in BEAT_SCHEDULE:
            site.add_beat(entry)

        def reports_demo_seed():
            from .demo import reports_demo_seed

            return reports_demo_seed()

        # After every other app's demo data (documents at 200), before notifications (900).
        site.add_demo_seeder(Step("reports", _("demo report"), reports_demo_seed, 850))
