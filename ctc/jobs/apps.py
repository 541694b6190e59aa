from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "ctc.jobs"
    label = "jobs"
    verbose_name = _("Background jobs")

    def ready(self):
        from ctc.registry import Step, site

        from .tasks import BEAT_SCHEDULE

        def beat_schedules_load() -> int:
            from .services import beat_schedules_sync

            beat_schedules_sync(site.beat.values())
            return len(site.beat)

        for entry in BEAT_SCHEDULE:
            site.add_beat(entry)
        site.add_pages("jobs", "jobs/", "ctc.jobs.urls")
        site.add_admin_app(self.label)
        # After every app's ready(): the loaders run later, from load_reference_data.
        site.add_reference_loader(
            Step("beat-schedules", _("periodic tasks"), beat_schedules_load, order=800)
        )
