from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocsTrackerConfig(AppConfig):
    name = "docs_tracker"
    verbose_name = _("Documents and secure area")
