from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RevisionsConfig(AppConfig):
    name = "ctc.revisions"
    label = "revisions"
    verbose_name = _("Versions")

    def ready(self):
        from ctc.registry import site

        site.add_admin_app(self.label)
