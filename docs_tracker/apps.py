from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocsTrackerConfig(AppConfig):
    name = "docs_tracker"
    verbose_name = _("Documents and secure area")

    def ready(self):
        """What the site shows of the document area: see ctc/registry.py."""
        from ctc.registry import LandingBlock, NavEntry, Step, site

        from . import notifications, permissions, selectors
        from .tasks import BEAT_SCHEDULE

        site.add_nav(
            NavEntry(
                "documents",
                _("Documents"),
                "docs:list",
                permissions.workspace_is_possible,
                order=40,
            )
        )
        site.add_nav(
            NavEntry(
                "documents-inbox",
                _("Secure area"),
                "docs_secure:inbox",
                permissions.is_recipient,
                order=10,
            )
        )
        site.add_landing(
            LandingBlock("documents-inbox", "docs_tracker/_landing_inbox.html", selectors.landing)
        )
        site.add_waiting("docs_tracker", selectors.waiting)
        from ctc.registry import TimelineSource

        from . import overview

        site.add_timeline(
            TimelineSource("documents", _("Documents"), overview.timeline_entries, 70)
        )
        site.add_pages("docs_tracker", "docs/", "docs_tracker.urls")
        site.add_pages("docs_tracker-secure", "secure/", "docs_tracker.secure_urls")
        site.add_api(
            "docs_tracker",
            "docs_tracker.api.urls",
            {"documents": "document-list", "distributions": "distribution-list"},
        )
        site.add_admin_app(self.label)
        for kind in notifications.KINDS:
            site.add_notification_kind(kind)
        for entry in BEAT_SCHEDULE:
            site.add_beat(entry)

        # Writes are imported lazily: apps.ready() must not pull services in at import.
        def file_document(filing):
            from .services import document_file_filing

            return document_file_filing(filing)

        def demo_documents_seed():
            from .demo import demo_documents_seed

            return demo_documents_seed()

        site.set_document_filer(file_document)
        site.set_document_lister(selectors.filed_documents_for)
        site.add_demo_seeder(Step("documents", _("demo documents"), demo_documents_seed, 200))
