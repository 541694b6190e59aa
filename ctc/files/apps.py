from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FilesConfig(AppConfig):
    name = "ctc.files"
    label = "files"
    verbose_name = _("Files and downloads")

    def ready(self):
        from ctc.registry import site

        site.add_admin_app(self.label)
