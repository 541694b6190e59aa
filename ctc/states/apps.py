from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatesConfig(AppConfig):
    name = "ctc.states"
    label = "states"
    verbose_name = _("Member states")

    def ready(self):
        from ctc.registry import DashboardPanel, GrantView, NavEntry, Step, TimelineSource, site

        from . import overview, permissions
        from .demo import demo_dialogue_seed, demo_reports_seed
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
        # --- The State timelines and the Committee dashboard ---------------------------------
        site.add_pages("overview", "dashboard/", "ctc.states.urls")
        site.add_nav(
            NavEntry(
                "dashboard", _("Dashboard"), "overview:dashboard", permissions.reads_overview, 15
            )
        )
        site.add_timeline(TimelineSource("reports", _("Reports"), overview.report_entries, 10))
        site.add_timeline(TimelineSource("dialogue", _("Dialogue"), overview.dialogue_entries, 20))
        site.add_dashboard_panel(
            DashboardPanel(
                "reporting", "states/_panel_reporting.html", overview.reporting_panel, 10
            )
        )
        site.add_demo_seeder(Step("dialogue", _("demo dialogue"), demo_dialogue_seed, 15))
