from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocsTrackerConfig(AppConfig):
    name = "docs_tracker"
    verbose_name = _("Documents and secure area")

    def ready(self):
        from ctc.registry import site

        site.add_admin_app(self.label)
