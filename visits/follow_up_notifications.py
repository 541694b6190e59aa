"""The notifications of visits' follow-up (ctc.notifications), as data.

Params carry the visit's reference, the action's text (as written), its due date (ISO) and
the State's name in every language, so each reader reads the reminder in their own language.
"""

import datetime

from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from ctc import reference
from ctc.registry import NotificationKind

REMINDER = "visits.follow_up_reminder"
CHANGED = "visits.follow_up_changed"


def action_params(action, **extra) -> dict:
    state = action.visit.state
    names = {
        code: getattr(state, f"name_{suffix}", "") or state.name_en
        for code, suffix in reference.LANGUAGE_SUFFIXES.items()
    }
    return {
        "reference": action.visit.reference,
        "description": action.description[:300],
        "due_on": action.due_on.isoformat(),
        "state": names,
        **extra,
    }


def _state(params: dict) -> str:
    names = params["state"]
    return names.get(get_language() or "en") or names["en"]


def _reminder(params):
    due = date_format(datetime.date.fromisoformat(params["due_on"]), "DATE_FORMAT")
    return (
        _("Overdue follow-up: {reference}").format(reference=params["reference"]),
        _(
            "The follow-up action “{description}” of the visit {reference} to {state} was due "
            "on {due}. Please carry it out, or update its status."
        ).format(
            description=params["description"],
            reference=params["reference"],
            state=_state(params),
            due=due,
        ),
    )


STATUS_NAMES = {
    "open": gettext_lazy("open"),
    "in_progress": gettext_lazy("in progress"),
    "done": gettext_lazy("done"),
    "dropped": gettext_lazy("dropped"),
}


def _changed(params):
    status = str(STATUS_NAMES.get(params["status"], params["status"]))
    text = _(
        "The follow-up action “{description}” of the visit {reference} to {state} is now "
        "{status} ({by})."
    ).format(
        description=params["description"],
        reference=params["reference"],
        state=_state(params),
        status=status,
        by=params["by"],
    )
    if params.get("comment"):
        text += "\n\n" + params["comment"]
    return (
        _("Follow-up {status}: {reference}").format(status=status, reference=params["reference"]),
        text,
    )


KINDS = [
    NotificationKind(REMINDER, gettext_lazy("Overdue follow-up action (reminder)"), _reminder),
    NotificationKind(CHANGED, gettext_lazy("Follow-up action updated"), _changed),
]
