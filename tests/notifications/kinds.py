"""Kinds of notification for the tests of ctc/notifications (the worker imports them too)."""

from django.utils.translation import gettext

from ctc.registry import NotificationKind, site

NOTE = "tests.note"
QUIET = "tests.quiet"


def _note(params: dict) -> tuple[str, str]:
    # "Approved" is in every catalogue: the subject shows the language it was rendered in.
    return f"{gettext('Approved')}: {params['what']}", f"About {params['what']}."


site.add_notification_kind(NotificationKind(NOTE, "Test note", _note))
site.add_notification_kind(
    NotificationKind(QUIET, "Test note told by another e-mail", _note, email=False)
)
