"""The notifications assessments send (ctc.notifications), as data: each kind's key, label
and how it reads, and which workflow step tells whom.

A notification stores only JSON params; `render(params)` runs in the reader's language, so
the State's name travels in all six languages and parts of the file travel as keys.
"""

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from ctc import reference
from ctc.accounts.enums import COMMITTEE_ROLES, Role
from ctc.registry import NotificationKind

from .enums import BlockKind, TransitionAction

ASSIGNED = "assessments.assigned"
SUBMITTED = "assessments.submitted"
RETURNED = "assessments.returned"
SENT_TO_SUBCOMMITTEE = "assessments.sent_to_subcommittee"
RECOMMENDED = "assessments.recommended"
APPROVED = "assessments.approved"
SENT_TO_STATE = "assessments.sent_to_state"
REPLIED = "assessments.replied"
MENTIONED = "assessments.mentioned"
SUGGESTION_MADE = "assessments.suggestion_made"
SUGGESTION_ANSWERED = "assessments.suggestion_answered"
EXCERPT = 300


@dataclass(frozen=True)
class Notice:
    """Who a workflow step tells: holders of `roles` (and the assignee), who see the file."""

    kind: str
    roles: frozenset = frozenset()
    assignee: bool = False
    url_name: str = "assessments:detail"
    # False: the page is not the file's own (the focal points' inbox), so no id in its URL.
    url_of_file: bool = True


A = TransitionAction
TRANSITION_NOTICES = {
    A.SUBMIT: Notice(SUBMITTED, frozenset({Role.CTED_COORDINATOR})),
    A.RETURN: Notice(RETURNED, assignee=True),
    A.SEND_TO_SUBCOMMITTEE: Notice(SENT_TO_SUBCOMMITTEE, frozenset({Role.SUBCOMMITTEE_MEMBER})),
    A.RECOMMEND: Notice(RECOMMENDED, frozenset(COMMITTEE_ROLES)),
    A.APPROVE: Notice(APPROVED, frozenset({Role.CTED_COORDINATOR}), assignee=True),
    # The focal points' e-mail is sent_snapshot_notify's: this kind is in-app only.
    # What was sent is filed in the document area after commit: the inbox will show it.
    A.SEND_TO_STATE: Notice(
        SENT_TO_STATE,
        frozenset({Role.FOCAL_POINT}),
        url_name="docs_secure:inbox",
        url_of_file=False,
    ),
    A.RECORD_REPLY: Notice(REPLIED, frozenset({Role.CTED_COORDINATOR}), assignee=True),
}


def person_name(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def assessment_params(assessment, *, by=None, **extra) -> dict:
    """What every kind names: the file (the State in every language, the cycle) and who."""
    state = assessment.state
    names = {
        code: getattr(state, f"name_{suffix}", "") or state.name_en
        for code, suffix in reference.LANGUAGE_SUFFIXES.items()
    }
    return {"state": names, "cycle": assessment.cycle, "by": person_name(by), **extra}


# The parts of a file a notification can be about, besides a question or a section.
PARTS = {
    BlockKind.COVER_NOTE: gettext_lazy("the cover note"),
    BlockKind.LETTER: gettext_lazy("the letter to the State"),
    BlockKind.RECOMMENDATIONS: gettext_lazy("the priority recommendations"),
}


def part_params(*, question_code: str = "", section_code: str = "", part: str = "") -> dict:
    """Where in the file: a question's code, a section's code, or a part of PARTS
    ("cover_note", "letter", "recommendations")."""
    if question_code:
        return {"question": question_code}
    if section_code:
        return {"section": section_code}
    return {"part": part}


def _file(params: dict) -> str:
    names = params["state"]
    state = names.get(get_language() or "en") or names["en"]
    return "{state} ({cycle})".format(state=state, cycle=params["cycle"])


def _part(params: dict) -> str:
    if params.get("question"):
        return _("question {code}").format(code=params["question"])
    if params.get("section"):
        return _("section {code}").format(code=params["section"])
    return str(PARTS[params["part"]])


def _assigned(params):
    text = _("{name} assigned you the assessment of {file}.").format(
        name=params["by"], file=_file(params)
    )
    if params.get("due"):
        # Stored as an ISO date, written in the reader's own date format.
        due = date_format(datetime.date.fromisoformat(params["due"]), "DATE_FORMAT")
        text += " " + _("It is due on {date}.").format(date=due)
    return _("Assigned to you: {file}").format(file=_file(params)), text


def _submitted(params):
    return (
        _("Submitted for CTED review: {file}").format(file=_file(params)),
        _("{name} submitted the assessment of {file} for CTED review.").format(
            name=params["by"], file=_file(params)
        ),
    )


def _returned(params):
    return (
        _("Returned for revision: {file}").format(file=_file(params)),
        _("{name} returned the assessment of {file} for revision: “{reason}”").format(
            name=params["by"], file=_file(params), reason=params["reason"]
        ),
    )


def _sent_to_subcommittee(params):
    return (
        _("With your subcommittee: {file}").format(file=_file(params)),
        _("{name} sent the assessment of {file} to subcommittee {code}.").format(
            name=params["by"], file=_file(params), code=params["subcommittee"]
        ),
    )


def _recommended(params):
    return (
        _("Recommended to the Committee: {file}").format(file=_file(params)),
        _("{name} recommended the assessment of {file} to the Committee.").format(
            name=params["by"], file=_file(params)
        ),
    )


def _approved(params):
    return (
        _("Approved: {file}").format(file=_file(params)),
        _("{name} approved the assessment of {file}.").format(
            name=params["by"], file=_file(params)
        ),
    )


def _sent_to_state(params):
    return (
        _("Sent to your State: {file}").format(file=_file(params)),
        _(
            "The Preliminary Implementation Assessment of {file} has been sent to your State. "
            "You can read it and send your State's reply in your secure inbox."
        ).format(file=_file(params)),
    )


def _replied(params):
    return (
        _("The State replied: {file}").format(file=_file(params)),
        _("{name} recorded the State's reply to the assessment of {file}.").format(
            name=params["by"], file=_file(params)
        ),
    )


def _mentioned(params):
    return (
        _("{name} mentioned you: {file}").format(name=params["by"], file=_file(params)),
        _("{name} mentioned you in a comment on {part}: “{excerpt}”").format(
            name=params["by"], part=_part(params), excerpt=params["excerpt"]
        ),
    )


def _suggestion_made(params):
    return (
        _("Suggestion on {part}: {file}").format(part=_part(params), file=_file(params)),
        _("{name} suggested a change to {part} of the assessment of {file}.").format(
            name=params["by"], part=_part(params), file=_file(params)
        ),
    )


def _suggestion_answered(params):
    values = {"name": params["by"], "part": _part(params), "file": _file(params)}
    if params["accepted"]:
        return (
            _("Suggestion accepted: {file}").format(**values),
            _("{name} accepted your suggestion on {part} of the assessment of {file}.").format(
                **values
            ),
        )
    return (
        _("Suggestion rejected: {file}").format(**values),
        _(
            "{name} rejected your suggestion on {part} of the assessment of {file}: “{reason}”"
        ).format(reason=params.get("reason", ""), **values),
    )


KINDS = [
    NotificationKind(ASSIGNED, gettext_lazy("Assessment assigned"), _assigned),
    NotificationKind(SUBMITTED, gettext_lazy("Assessment submitted"), _submitted),
    NotificationKind(RETURNED, gettext_lazy("Assessment returned for revision"), _returned),
    NotificationKind(
        SENT_TO_SUBCOMMITTEE,
        gettext_lazy("Assessment sent to the subcommittee"),
        _sent_to_subcommittee,
    ),
    NotificationKind(RECOMMENDED, gettext_lazy("Assessment recommended"), _recommended),
    NotificationKind(APPROVED, gettext_lazy("Assessment approved"), _approved),
    NotificationKind(
        SENT_TO_STATE, gettext_lazy("Assessment sent to the State"), _sent_to_state, email=False
    ),
    NotificationKind(REPLIED, gettext_lazy("State replied"), _replied),
    NotificationKind(MENTIONED, gettext_lazy("Mentioned in a comment"), _mentioned),
    NotificationKind(SUGGESTION_MADE, gettext_lazy("Suggestion made"), _suggestion_made),
    NotificationKind(
        SUGGESTION_ANSWERED, gettext_lazy("Suggestion accepted or rejected"), _suggestion_answered
    ),
]
