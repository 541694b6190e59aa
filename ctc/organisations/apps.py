from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "ctc.organisations"
    label = "organisations"
    verbose_name = _("Organisations")

    def ready(self):
        from ctc.registry import Step, site

        from .services import organisations_load

        site.add_reference_loader(Step("organisations", _("organisations"), organisations_load, 30))
        site.add_admin_app(self.label)
