"""The notifications of visit reports (ctc.notifications), as data: each kind's key, label and
how it reads in the reader's language, from JSON params (the State's name in all six)."""

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from ctc import reference
from ctc.registry import NotificationKind

SUBMITTED = "visits.report_submitted"
TO_COMMITTEE = "visits.report_to_committee"
APPROVED = "visits.report_approved"
RETURNED = "visits.report_returned"
TRANSMITTED = "visits.report_transmitted"
SUGGESTION_MADE = "visits.report_suggestion_made"
SUGGESTION_ANSWERED = "visits.report_suggestion_answered"


def person_name(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def report_params(visit, *, by=None, **extra) -> dict:
    """What every kind names: the visit (its reference, the State in every language) and who."""
    state = visit.state
    names = {
        code: getattr(state, f"name_{suffix}", "") or state.name_en
        for code, suffix in reference.LANGUAGE_SUFFIXES.items()
    }
    return {"state": names, "reference": visit.reference, "by": person_name(by), **extra}


def _visit(params: dict) -> str:
    names = params["state"]
    state = names.get(get_language() or "en") or names["en"]
    return "{state} ({reference})".format(state=state, reference=params["reference"])


def _submitted(params):
    return (
        _("Visit report for CTED review: {visit}").format(visit=_visit(params)),
        _("{name} submitted the report of the visit to {visit} for CTED review.").format(
            name=params["by"], visit=_visit(params)
        ),
    )


def _to_committee(params):
    return (
        _("Visit report for the Committee's approval: {visit}").format(visit=_visit(params)),
        _("{name} sent the report of the visit to {visit} to the Committee for approval.").format(
            name=params["by"], visit=_visit(params)
        ),
    )


def _approved(params):
    return (
        _("Visit report approved: {visit}").format(visit=_visit(params)),
        _("{name} approved the report of the visit to {visit}.").format(
            name=params["by"], visit=_visit(params)
        ),
    )


def _returned(params):
    return (
        _("Visit report returned for revision: {visit}").format(visit=_visit(params)),
        _("{name} returned the report of the visit to {visit} for revision: “{reason}”").format(
            name=params["by"], visit=_visit(params), reason=params["reason"]
        ),
    )


def _transmitted(params):
    return (
        _("Visit report transmitted: {visit}").format(visit=_visit(params)),
        _("{name} transmitted the report of the visit to {visit} to the State.").format(
            name=params["by"], visit=_visit(params)
        ),
    )


def _suggestion_made(params):
    return (
        _("Suggestion on a visit report: {visit}").format(visit=_visit(params)),
        _("{name} suggested a change to the report of the visit to {visit}.").format(
            name=params["by"], visit=_visit(params)
        ),
    )


def _suggestion_answered(params):
    values = {"name": params["by"], "visit": _visit(params)}
    if params["accepted"]:
        return (
            _("Suggestion accepted: {visit}").format(**values),
            _("{name} accepted your suggestion on the report of the visit to {visit}.").format(
                **values
            ),
        )
    return (
        _("Suggestion rejected: {visit}").format(**values),
        _(
            "{name} rejected your suggestion on the report of the visit to {visit}: “{reason}”"
        ).format(reason=params.get("reason", ""), **values),
    )


KINDS = [
    NotificationKind(SUBMITTED, gettext_lazy("Visit report submitted"), _submitted),
    NotificationKind(
        TO_COMMITTEE, gettext_lazy("Visit report sent to the Committee"), _to_committee
    ),
    NotificationKind(APPROVED, gettext_lazy("Visit report approved"), _approved),
    NotificationKind(RETURNED, gettext_lazy("Visit report returned for revision"), _returned),
    NotificationKind(TRANSMITTED, gettext_lazy("Visit report transmitted"), _transmitted),
    NotificationKind(
        SUGGESTION_MADE, gettext_lazy("Suggestion on a visit report"), _suggestion_made
    ),
    NotificationKind(
        SUGGESTION_ANSWERED,
        gettext_lazy("Suggestion on a visit report accepted or rejected"),
        _suggestion_answered,
    ),
]
