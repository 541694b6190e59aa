from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

HOME_NEWS = 3


class PublicationsConfig(AppConfig):
    name = "publications"
    verbose_name = _("Publications and news")

    def ready(self):
        """The public site's publications and news: see ctc/registry.py."""
        from ctc.registry import LandingBlock, NavEntry, Step, site

        from . import admin, permissions, selectors  # noqa: F401

        site.add_admin_app(self.label)
        site.add_pages("publications", "", "publications.urls")
        everyone = permissions.reads_public_site
        site.add_public_nav(
            NavEntry("publications", _("Publications"), "publications:list", everyone, order=40)
        )
        site.add_public_nav(NavEntry("news", _("News"), "publications:news_list", everyone, 50))
        site.add_public_home(
            LandingBlock(
                "news",
                "publications/_home_news.html",
                lambda user: {"items": selectors.news_list(user=user, limit=HOME_NEWS)},
                order=10,
            )
        )
        site.add_public_home(
            LandingBlock(
                "publications",
                "publications/_home_publications.html",
                lambda user: {"publications": selectors.publication_titles(user=user)},
                order=20,
            )
        )

        def publications_demo_seed():
            from .demo import publications_demo_seed

            return publications_demo_seed()

        site.add_demo_seeder(
            Step("publications", _("demo publications"), publications_demo_seed, 180)
        )
