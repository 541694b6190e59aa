"""The notifications the plan of a visit sends (ctc.notifications), as data.

Params carry the visit's reference, its State's ISO code and name, and ISO dates, so each
reader reads them in their own language whoever caused them.
"""

import datetime

from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from ctc import reference
from ctc.registry import NotificationKind

AWAITING_APPROVAL = "visits.awaiting_approval"
APPROVED = "visits.approved"
RETURNED = "visits.returned"
CONSENT_REQUESTED = "visits.consent_requested"
CONSENT_ANSWERED = "visits.consent_answered"
CONFIRMED = "visits.confirmed"
CANCELLED = "visits.cancelled"


def visit_params(visit, **extra) -> dict:
    state = visit.state
    return {
        "reference": visit.reference,
        "state": {
            code: getattr(state, f"name_{suffix}", "") or state.name_en
            for code, suffix in reference.LANGUAGE_SUFFIXES.items()
        },
        "starts_on": visit.starts_on.isoformat(),
        "ends_on": visit.ends_on.isoformat(),
        **extra,
    }


def _state(params) -> str:
    """The State's name in the reader's language (English when it has none)."""
    names = params["state"]
    return names.get(get_language() or "en") or names["en"]


def _day(value: str | None) -> str:
    if not value:
        return "—"
    return date_format(datetime.date.fromisoformat(value), "DATE_FORMAT")


def _dates(params) -> str:
    return _("{start} to {end}").format(
        start=_day(params["starts_on"]), end=_day(params["ends_on"])
    )


def _awaiting_approval(params):
    return (
        _("Visit plan for approval: {reference}").format(reference=params["reference"]),
        _(
            "The plan of the visit {reference} to {state} ({dates}) awaits the Committee's "
            "approval."
        ).format(reference=params["reference"], state=_state(params), dates=_dates(params)),
    )


def _approved(params):
    return (
        _("Visit approved: {reference}").format(reference=params["reference"]),
        _(
            "The Committee approved the visit {reference} to {state} on {dated} "
            "(reference {decision})."
        ).format(
            reference=params["reference"],
            state=_state(params),
            dated=_day(params.get("dated")),
            decision=params.get("decision") or "—",
        ),
    )


def _returned(params):
    return (
        _("Visit plan returned: {reference}").format(reference=params["reference"]),
        _("The Committee returned the plan of the visit {reference} to {state}: {reason}").format(
            reference=params["reference"], state=_state(params), reason=params["reason"]
        ),
    )


def _consent_requested(params):
    return (
        _("Consent requested for a visit: {reference}").format(reference=params["reference"]),
        _(
            "CTED requests the consent of {state} to the visit {reference} ({dates}); "
            "an answer is expected by {due}. Please answer in the secure area."
        ).format(
            reference=params["reference"],
            state=_state(params),
            dates=_dates(params),
            due=_day(params.get("due")),
        ),
    )


def _consent_answered(params):
    if params.get("given"):
        text = _("{state} gave its consent to the visit {reference} on {dated}.")
    else:
        text = _("{state} declined the visit {reference} on {dated}.")
    return (
        _("The State answered about the visit {reference}").format(reference=params["reference"]),
        text.format(
            reference=params["reference"], state=_state(params), dated=_day(params.get("dated"))
        ),
    )


def _confirmed(params):
    return (
        _("Visit confirmed: {reference}").format(reference=params["reference"]),
        _("The visit {reference} to {state} is confirmed for {dates}.").format(
            reference=params["reference"], state=_state(params), dates=_dates(params)
        ),
    )


def _cancelled(params):
    return (
        _("Visit cancelled: {reference}").format(reference=params["reference"]),
        _("The visit {reference} to {state} is cancelled: {reason}").format(
            reference=params["reference"], state=_state(params), reason=params["reason"]
        ),
    )


KINDS = [
    NotificationKind(
        AWAITING_APPROVAL, gettext_lazy("Visit plan awaiting approval"), _awaiting_approval
    ),
    NotificationKind(APPROVED, gettext_lazy("Visit approved"), _approved),
    NotificationKind(RETURNED, gettext_lazy("Visit plan returned"), _returned),
    NotificationKind(
        CONSENT_REQUESTED, gettext_lazy("State's consent to a visit requested"), _consent_requested
    ),
    NotificationKind(
        CONSENT_ANSWERED, gettext_lazy("State's answer about a visit"), _consent_answered
    ),
    NotificationKind(CONFIRMED, gettext_lazy("Visit confirmed"), _confirmed),
    NotificationKind(CANCELLED, gettext_lazy("Visit cancelled"), _cancelled),
]
