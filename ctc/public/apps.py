from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _everyone(user) -> bool:
    return True


class PublicConfig(AppConfig):
    name = "ctc.public"
    label = "public"
    verbose_name = _("Public site")

    def ready(self):
        """The public site's own links in the header; apps add theirs (ctc/registry.py)."""
        from ctc.registry import NavEntry, site

        site.add_public_nav(NavEntry("home", _("Home"), "public:home", _everyone, order=0))
        site.add_public_nav(
            NavEntry("committee", _("The Committee"), "public:committee", _everyone, order=10)
        )
        site.add_public_nav(
            NavEntry("states", _("Member states"), "public:state_list", _everyone, order=30)
        )
