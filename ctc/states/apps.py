from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatesConfig(AppConfig):
    name = "ctc.states"
    label = "states"
    verbose_name = _("Member states")

    def ready(self):
        from ctc.registry import GrantView, Step, site

        from .demo import demo_reports_seed
        from .services import regions_load, states_load, subcommittees_load

        site.add_reference_loader(Step("subcommittees", _("subcommittees"), subcommittees_load, 10))
        site.add_reference_loader(Step("regions", _("M49 regions"), regions_load, 15))
        site.add_reference_loader(Step("states", _("member states"), states_load, 20))
        site.add_demo_seeder(Step("state-reports", _("state reports"), demo_reports_seed, 10))
        site.add_api(
            "states",
            "ctc.states.api.urls",
            {"states": "state-list", "partner-state-profiles": "partner-state-profile-list"},
        )
        # The state profiles of the shared database, read under the state_profiles grant.
        site.add_pages("partner-states", "secure/partner/states/", "ctc.states.partner_urls")
        site.add_grant_view(
            GrantView(
                "state-profiles", "state_profiles", _("State profiles"), "partner_states:list"
            )
        )
        site.add_admin_app(self.label)
