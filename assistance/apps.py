from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistanceConfig(AppConfig):
    name = "assistance"
    verbose_name = _("Technical assistance")

    def ready(self):
        from ctc.registry import site

        site.add_admin_app(self.label)

        # --- Match lifecycle, donor's view, regional matrix, notifications (life) -----------
        from ctc.registry import NavEntry

        from . import match_selectors, notifications, permissions

        site.add_pages("assistance-matches", "assistance/matches/", "assistance.match_urls")
        site.add_pages("assistance-donor", "assistance/donor/", "assistance.donor_urls")
        site.add_pages("assistance-matrix", "assistance/matrix/", "assistance.matrix_urls")
        site.add_api("assistance-matches", "assistance.api.match_urls", {"matches": "match-list"})
        site.add_nav(
            NavEntry(
                "assistance-donor",
                _("Assistance"),
                "assistance_donor:home",
                permissions.is_donor,
                order=25,
            )
        )
        site.add_nav(
            NavEntry(
                "assistance-matrix",
                _("Regional matrix"),
                "assistance_matrix:matrix",
                match_selectors.reads_matrix,
                order=56,
            )
        )
        for kind in notifications.KINDS:
            site.add_notification_kind(kind)
