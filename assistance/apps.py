from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistanceConfig(AppConfig):
    name = "assistance"
    verbose_name = _("Technical assistance")

    def ready(self):
        """What the site shows of technical assistance: see ctc/registry.py."""
        from ctc.registry import NavEntry, site

        site.add_admin_app(self.label)

        # --- Needs and offers (needs) -----------------------------------------------------
        from . import admin, permissions, services  # noqa: F401

        site.add_pages("assistance", "assistance/", "assistance.urls")
        site.add_api(
            "assistance",
            "assistance.api.urls",
            {
                "assistance-needs": "assistance-need-list",
                "assistance-offers": "assistance-offer-list",
            },
        )
        site.add_nav(
            NavEntry(
                "assistance",
                _("Assistance"),
                "assistance:needs",
                permissions.workspace_is_possible,
                55,
            )
        )
        # One click from a recommendation of a visit or of an assessment to a need.
        site.set_need_from_recommendation(services.need_from_recommendation)
        site.set_need_from_pia_recommendation(services.need_from_pia_recommendation)
