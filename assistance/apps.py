from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistanceConfig(AppConfig):
    name = "assistance"
    verbose_name = _("Technical assistance")

    def ready(self):
        from ctc.registry import site

        site.add_admin_app(self.label)
