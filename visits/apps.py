from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    name = "visits"
    verbose_name = _("Country visits")

    def ready(self):
        from ctc.registry import site

        site.add_admin_app(self.label)
