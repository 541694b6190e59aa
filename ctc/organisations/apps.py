from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "ctc.organisations"
    label = "organisations"
    verbose_name = _("Organisations")

    def ready(self):
        from ctc.accounts.enums import Role
        from ctc.registry import NavEntry, Step, site

        from .services import organisations_load

        def partner_analyst(user):
            return Role.PARTNER_ANALYST in user.roles and bool(user.organisation_id)

        def demo_grants_seed():
            from .demo import demo_grants_seed

            return demo_grants_seed()

        site.add_reference_loader(Step("organisations", _("organisations"), organisations_load, 30))
        site.add_pages("partner", "secure/partner/", "ctc.organisations.urls")
        site.add_nav(NavEntry("partner", _("Shared database"), "partner:home", partner_analyst))
        # After the demo accounts (seed_demo makes them first): grants name who gave them.
        site.add_demo_seeder(Step("access-grants", _("access grants"), demo_grants_seed, 20))
        site.add_admin_app(self.label)
