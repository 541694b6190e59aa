from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatesConfig(AppConfig):
    name = "ctc.states"
    label = "states"
    verbose_name = _("Member states")

    def ready(self):
        from ctc.registry import Step, site

        from .demo import demo_reports_seed
        from .services import states_load, subcommittees_load

        site.add_reference_loader(Step("subcommittees", _("subcommittees"), subcommittees_load, 10))
        site.add_reference_loader(Step("states", _("member states"), states_load, 20))
        site.add_demo_seeder(Step("state-reports", _("state reports"), demo_reports_seed, 10))
        site.add_api("states", "ctc.states.api.urls", {"states": "state-list"})
        site.add_admin_app(self.label)
