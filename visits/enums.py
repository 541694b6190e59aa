from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class VisitStatus(models.TextChoices):
    """The plan of a visit, from proposal to the visit carried out (C-10, E-5)."""

    PROPOSED = "proposed", pgettext_lazy("visit status", "Proposed")
    AWAITING_APPROVAL = "awaiting_approval", _("Awaiting the Committee's approval")
    APPROVED = "approved", pgettext_lazy("visit status", "Approved by the Committee")
    CONFIRMED = "confirmed", pgettext_lazy("visit status", "Confirmed")
    DONE = "done", pgettext_lazy("visit status", "Carried out")
    CANCELLED = "cancelled", pgettext_lazy("visit status", "Cancelled")


class ConsentStatus(models.TextChoices):
    """The State's consent to the visit: one of the two gates before confirmation."""

    NOT_REQUESTED = "not_requested", _("Not yet requested")
    REQUESTED = "requested", pgettext_lazy("consent status", "Requested")
    GIVEN = "given", pgettext_lazy("consent status", "Given")
    DECLINED = "declined", pgettext_lazy("consent status", "Declined")
    EXPIRED = "expired", pgettext_lazy("consent status", "Expired without an answer")


class ReportStatus(models.TextChoices):
    """The visit report, written once the visit took place, up to its transmission."""

    NOT_STARTED = "not_started", _("Not started")
    DRAFT = "draft", pgettext_lazy("report status", "Draft")
    CTED_REVIEW = "cted_review", pgettext_lazy("report status", "CTED review")
    WITH_COMMITTEE = "with_committee", pgettext_lazy("report status", "With the Committee")
    APPROVED = "approved", pgettext_lazy("report status", "Approved by the Committee")
    TRANSMITTED = "transmitted", _("Transmitted to the State")


class VisitAction(models.TextChoices):
    """Every step of the plan's and the consent's workflows (visits/permissions.py)."""

    SUBMIT = "submit", _("Submit to the Committee for approval")
    APPROVE = "approve", _("Approve the visit")
    RETURN = "return", _("Return the plan for revision")
    CONFIRM = "confirm", _("Confirm the visit")
    MARK_DONE = "mark_done", _("Record that the visit took place")
    CANCEL = "cancel", _("Cancel the visit")
    REQUEST_CONSENT = "request_consent", _("Request the State's consent")
    RECORD_CONSENT = "record_consent", _("Record the State's consent")
    RECORD_DECLINE = "record_decline", _("Record that the State declined")
    RECORD_EXPIRY = "record_expiry", _("Record that the request expired")
    SUBMIT_REPORT = "submit_report", _("Submit the report for CTED review")
    REPORT_TO_COMMITTEE = "report_to_committee", _("Send the report to the Committee")
    APPROVE_REPORT = "approve_report", _("Approve the report")
    RETURN_REPORT = "return_report", _("Return the report for revision")
    TRANSMIT_REPORT = "transmit_report", _("Transmit the report to the State")


class Gate(models.TextChoices):
    """Which workflow a transition record belongs to."""

    PLAN = "plan", _("Plan")
    CONSENT = "consent", _("State's consent")
    REPORT = "report", _("Report")


class Priority(models.TextChoices):
    HIGH = "high", pgettext_lazy("priority", "High")
    MEDIUM = "medium", pgettext_lazy("priority", "Medium")
    LOW = "low", pgettext_lazy("priority", "Low")


class OwnerKind(models.TextChoices):
    """Who carries out a follow-up action."""

    CTED = "cted", _("A CTED expert")
    STATE = "state", _("The State")
    PARTNER = "partner", _("A partner organisation")


class FollowUpStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("follow-up status", "Open")
    IN_PROGRESS = "in_progress", pgettext_lazy("follow-up status", "In progress")
    DONE = "done", pgettext_lazy("follow-up status", "Done")
    DROPPED = "dropped", pgettext_lazy("follow-up status", "Dropped")


class FollowUpStep(models.TextChoices):
    """The steps of a follow-up action's workflow."""

    START = "start", _("Start")
    COMPLETE = "complete", _("Mark done")
    DROP = "drop", _("Drop")
    REOPEN = "reopen", _("Reopen")


# --- report ---
class ReportSectionKey(models.TextChoices):
    """The sections of a visit report, in their order; the human-rights one is always there."""

    SUMMARY = "summary", _("Summary")
    FINDINGS = "findings", _("Observations")
    HUMAN_RIGHTS = "human_rights", _("Human rights")
    CONCLUSIONS = "conclusions", _("Conclusions")
