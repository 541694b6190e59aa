from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThemesConfig(AppConfig):
    name = "ctc.themes"
    label = "themes"
    verbose_name = _("Thematic areas")

    def ready(self):
        from ctc.registry import Step, site

        from .services import thematic_areas_load

        site.add_reference_loader(
            Step("thematic-areas", _("thematic areas"), thematic_areas_load, 40)
        )
        site.add_admin_app(self.label)
