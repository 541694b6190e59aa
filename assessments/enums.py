import enum

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ctc.revisions.enums import SuggestionStatus  # noqa: F401 (re-exported, shared with visits)


class FormatStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("format status", "Draft")
    PUBLISHED = "published", pgettext_lazy("format status", "Published")
    RETIRED = "retired", pgettext_lazy("format status", "Retired")


class MappingKind(models.TextChoices):
    KEPT = "kept", _("Kept")
    SPLIT = "split", _("Split")
    MERGED = "merged", _("Merged")
    DROPPED = "dropped", _("Dropped")


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("assessment status", "Draft")
    CTED_REVIEW = "cted_review", _("CTED review")
    WITH_SUBCOMMITTEE = "with_subcommittee", _("With the subcommittee")
    WITH_COMMITTEE = "with_committee", _("With the Committee")
    APPROVED = "approved", _("Approved")
    SENT = "sent", _("Sent to the State")
    REPLIED = "replied", _("State replied")
    CLOSED = "closed", _("Closed")


WORKFLOW_ORDER = list(AssessmentStatus)
# Review steps from which a file can be returned for revision.
REVIEW_STATUSES = (
    AssessmentStatus.CTED_REVIEW,
    AssessmentStatus.WITH_SUBCOMMITTEE,
    AssessmentStatus.WITH_COMMITTEE,
)
DONE_STATUSES = (
    AssessmentStatus.APPROVED,
    AssessmentStatus.SENT,
    AssessmentStatus.REPLIED,
    AssessmentStatus.CLOSED,
)
# The due date is CTED's: a file past it is overdue until CTED sends it onwards.
OVERDUE_STATUSES = (AssessmentStatus.DRAFT, AssessmentStatus.CTED_REVIEW)


class TransitionAction(models.TextChoices):
    SUBMIT = "submit", _("Submit for CTED review")
    SEND_TO_SUBCOMMITTEE = "send_to_subcommittee", _("Send to the subcommittee")
    RECOMMEND = "recommend", _("Recommend to the Committee")
    APPROVE = "approve", _("Approve")
    SEND_TO_STATE = "send_to_state", _("Send to the State")
    RECORD_REPLY = "record_reply", _("Record the State's reply")
    CLOSE = "close", _("Close")
    RETURN = "return", _("Return for revision")
    # Not a change of stage: recorded in the history alongside the workflow steps.
    ASSIGN = "assign", _("Assign")


class AssessmentDocument(enum.StrEnum):
    """The kinds of document (the document area's values) a sent assessment is filed as."""

    PIA = "pia"
    LETTER = "letter"


class AnswerStatus(models.TextChoices):
    IMPLEMENTED = "implemented", _("Implemented")
    PARTIALLY = "partially", _("Partially implemented")
    NOT_IMPLEMENTED = "not_implemented", _("Not implemented")
    NO_INFORMATION = "no_information", _("No information")


class CommentVisibility(models.TextChoices):
    CTED = "cted", _("CTED internal")
    COMMITTEE = "committee", _("Visible to subcommittee and Committee members")


class BlockKind(models.TextChoices):
    """The parts of an assessment that are saved (and can conflict) one at a time."""

    ANSWER = "answer", _("Finding")
    RECOMMENDATIONS = "recommendations", _("Priority recommendations")
    COVER_NOTE = "cover_note", _("Cover note")
    LETTER = "letter", _("Letter to the State")


class SuggestionPart(models.TextChoices):
    """The texts a reviewer may propose a wording change to."""

    ANSWER = "answer", _("Finding")
    COVER_NOTE = "cover_note", _("Cover note")
    LETTER = "letter", _("Letter to the State")
