from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatesConfig(AppConfig):
    name = "ctc.states"
    label = "states"
    verbose_name = _("Member states")
