"""The notifications the document area sends (ctc.notifications), as data.

Params carry the document's symbol and its title in every language, so each reader reads
it in their own language.
"""

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from ctc import reference
from ctc.registry import NotificationKind

REMINDER = "docs_tracker.reminder"
DISTRIBUTED = "docs_tracker.distributed"


def document_params(document, **extra) -> dict:
    titles = {
        code: getattr(document, f"title_{suffix}", "") or document.title_en
        for code, suffix in reference.LANGUAGE_SUFFIXES.items()
    }
    return {"reference": document.reference, "title": titles, **extra}


def _title(params: dict) -> str:
    titles = params["title"]
    return titles.get(get_language() or "en") or titles["en"]


def _reminder(params):
    return (
        _("Please acknowledge: {reference}").format(reference=params["reference"]),
        _(
            "The document {reference} “{title}” was made available to you {days} days ago and "
            "has not been acknowledged yet. Please open it in the secure area and acknowledge "
            "its receipt."
        ).format(reference=params["reference"], title=_title(params), days=params["days"]),
    )


def _distributed(params):
    return (
        _("New document: {reference}").format(reference=params["reference"]),
        _(
            "The document {reference} “{title}” is available to you in the secure area. "
            "Please open it and acknowledge its receipt."
        ).format(reference=params["reference"], title=_title(params)),
    )


KINDS = [
    NotificationKind(REMINDER, gettext_lazy("Document to acknowledge (reminder)"), _reminder),
    NotificationKind(DISTRIBUTED, gettext_lazy("Document made available"), _distributed),
]
