from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "programme"
    verbose_name = _("Work programme")

    def ready(self):
        """What the site shows of the work programme: see ctc/registry.py."""
        from ctc.registry import NavEntry, Step, site

        from . import admin, permissions  # noqa: F401
        from .services import programme_load

        site.add_admin_app(self.label)
        site.add_pages("programme", "programme/", "programme.urls")
        site.add_pages("programme-public", "work-programme/", "programme.public_urls")
        site.add_nav(
            # Staff see both links: this one is the tracker, the public one the published page.
            NavEntry(
                "programme", _("Programme tracker"), "programme:items", permissions.can_read, 70
            )
        )
        site.add_public_nav(
            NavEntry("programme", _("Work programme"), "programme_public:programme", _everyone, 30)
        )
        site.add_public_nav(
            NavEntry("programme-events", _("Events"), "programme_public:events", _everyone, 60)
        )
        site.add_reference_loader(
            Step("work-programme", _("work programme 2012"), programme_load, 120)
        )

        def programme_demo_seed():
            from .demo import programme_demo_seed

            return programme_demo_seed()

        # After the demo accounts; nothing of other apps is needed.
        site.add_demo_seeder(Step("programme", _("demo work programme"), programme_demo_seed, 180))


def _everyone(user) -> bool:
    return True
