"""Country visits (C-10, E-5, E-9, E-15): the plan and its two gates, the team, the
recommendations and their follow-up, the outcome, and each person's calendar feed.

The report written after a visit lives beside these (its status on Visit; its sections,
versions and suggestions below), on the shared mechanics of ctc.revisions.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ctc.revisions import SuggestionRecord, VersionRecord
from ctc.revisions.enums import SuggestionStatus
from ctc.workflow import TransitionRecord

from .enums import (
    ConsentStatus,
    FollowUpStatus,
    FollowUpStep,
    Gate,
    OwnerKind,
    Priority,
    ReportSectionKey,
    ReportStatus,
    VisitAction,
    VisitStatus,
)


class Visit(models.Model):
    """One visit to one State: what for, when, who goes, and where its two gates stand."""

    reference = models.CharField(
        _("reference"), max_length=40, unique=True, help_text=_("For example VIS/KEN/2012/1.")
    )
    state = models.ForeignKey(
        "states.MemberState",
        verbose_name=_("state"),
        on_delete=models.PROTECT,
        related_name="visits",
    )
    purpose = models.TextField(_("purpose"))
    objectives = models.TextField(_("objectives"))
    human_rights = models.TextField(
        _("human-rights considerations"),
        blank=True,
        help_text=_(
            "How human rights are taken into account in planning and conducting the visit. "
            "Required before the plan goes to the Committee."
        ),
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinator"),
        on_delete=models.PROTECT,
        related_name="coordinated_visits",
    )
    experts = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("CTED experts"),
        blank=True,
        related_name="visits_on",
    )
    partners = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("partner organisations"),
        blank=True,
        related_name="visits_joined",
        help_text=_("The bodies that join the visit (a joint visit)."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=VisitStatus.choices,
        default=VisitStatus.PROPOSED,
        db_index=True,
    )
    status_changed_at = models.DateTimeField(_("in this status since"), auto_now_add=True)
    # Gate 1: the State's consent, with the dates and references of the request and answer.
    consent_status = models.CharField(
        _("State's consent"),
        max_length=20,
        choices=ConsentStatus.choices,
        default=ConsentStatus.NOT_REQUESTED,
        db_index=True,
    )
    consent_changed_at = models.DateTimeField(_("consent status since"), null=True, blank=True)
    consent_requested_on = models.DateField(_("consent requested on"), null=True, blank=True)
    consent_request_reference = models.CharField(
        _("reference of the request"), max_length=80, blank=True
    )
    consent_answer_due_on = models.DateField(_("answer expected by"), null=True, blank=True)
    consent_answered_on = models.DateField(_("State answered on"), null=True, blank=True)
    consent_reference = models.CharField(_("reference of the answer"), max_length=80, blank=True)
    # Gate 2: the Committee's approval.
    approved_on = models.DateField(_("approved by the Committee on"), null=True, blank=True)
    approval_reference = models.CharField(_("reference of the approval"), max_length=80, blank=True)
    # The report, written once the visit took place (its sections: VisitReportSection).
    report_status = models.CharField(
        _("report"),
        max_length=20,
        choices=ReportStatus.choices,
        default=ReportStatus.NOT_STARTED,
        db_index=True,
    )
    report_status_changed_at = models.DateTimeField(_("report status since"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(m2m_fields=[experts, partners])

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="visit_ends_after_it_starts"
            ),
        ]
        indexes = [models.Index(fields=["starts_on", "ends_on"])]

    def __str__(self):
        return self.reference

    @property
    def is_joint(self) -> bool:
        return bool(self.partners.all())


class VisitTransition(TransitionRecord):
    """One step of a visit's plan, consent or report: who, when, and the gate's date and
    reference (the note verbale, the Committee's decision)."""

    visit = models.ForeignKey(
        Visit, verbose_name=_("visit"), on_delete=models.CASCADE, related_name="transitions"
    )
    gate = models.CharField(_("workflow"), max_length=10, choices=Gate.choices)
    action = models.CharField(_("action"), max_length=24, choices=VisitAction.choices)
    dated = models.DateField(_("dated"), null=True, blank=True)
    reference = models.CharField(_("reference"), max_length=80, blank=True)

    class Meta:
        ordering = ["visit", "at", "pk"]
        verbose_name = _("visit step")
        verbose_name_plural = _("visit steps")

    def __str__(self):
        return f"{self.visit}: {self.from_status} → {self.to_status}"


class Recommendation(models.Model):
    """A recommendation of a visit report, each followed up by actions."""

    visit = models.ForeignKey(
        Visit,
        verbose_name=_("visit"),
        on_delete=models.CASCADE,
        related_name="recommendations",
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.TextField(_("recommendation"))
    thematic_area = models.ForeignKey(
        "themes.ThematicArea",
        verbose_name=_("thematic area"),
        on_delete=models.PROTECT,
        related_name="visit_recommendations",
    )
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["visit", "position", "pk"]
        verbose_name = _("visit recommendation")
        verbose_name_plural = _("visit recommendations")

    def __str__(self):
        return self.text[:80]


class FollowUpAction(models.Model):
    """Something to do about a recommendation: who, by when, and how far it got."""

    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name=_("recommendation"),
        on_delete=models.CASCADE,
        related_name="actions",
    )
    # The recommendation's visit, kept here so that lists per State or visit need no join.
    visit = models.ForeignKey(
        Visit,
        verbose_name=_("visit"),
        on_delete=models.CASCADE,
        related_name="follow_up_actions",
        editable=False,
    )
    description = models.TextField(_("action"))
    owner_kind = models.CharField(_("owner"), max_length=10, choices=OwnerKind.choices)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("CTED expert"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_up_actions",
    )
    owner_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("partner organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_up_actions",
    )
    due_on = models.DateField(_("due date"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=FollowUpStatus.choices,
        default=FollowUpStatus.OPEN,
        db_index=True,
    )
    status_changed_at = models.DateTimeField(_("in this status since"), auto_now_add=True)
    drop_reason = models.TextField(_("why it was dropped"), blank=True)
    # Reminders while overdue: the day of the last one (at headquarters) and how many.
    reminded_on = models.DateField(_("last reminded on"), null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        constraints = [
            models.CheckConstraint(
                condition=~Q(owner_kind=OwnerKind.CTED) | Q(owner_user__isnull=False),
                name="follow_up_cted_owner_named",
            ),
            models.CheckConstraint(
                condition=~Q(owner_kind=OwnerKind.PARTNER) | Q(owner_organisation__isnull=False),
                name="follow_up_partner_owner_named",
            ),
            models.CheckConstraint(
                condition=~Q(status=FollowUpStatus.DROPPED) | ~Q(drop_reason=""),
                name="follow_up_dropped_with_a_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_on"]),
            models.Index(fields=["visit", "status"]),
        ]

    def __str__(self):
        return self.description[:80]


class FollowUpTransition(TransitionRecord):
    """One status change of a follow-up action: who, when, from where to where, why."""

    follow_up = models.ForeignKey(
        FollowUpAction,
        verbose_name=_("follow-up action"),
        on_delete=models.CASCADE,
        related_name="transitions",
    )
    action = models.CharField(_("action"), max_length=24, choices=FollowUpStep.choices)
    from_status = models.CharField(_("from"), max_length=20, choices=FollowUpStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=FollowUpStatus.choices)

    class Meta:
        ordering = ["follow_up", "at", "pk"]
        verbose_name = _("follow-up step")
        verbose_name_plural = _("follow-up steps")

    def __str__(self):
        return f"{self.follow_up}: {self.from_status} → {self.to_status}"


class OutcomeEvaluation(models.Model):
    """What changed in the State after a visit (C-10); the completion rate is computed."""

    visit = models.OneToOneField(
        Visit, verbose_name=_("visit"), on_delete=models.CASCADE, related_name="evaluation"
    )
    what_changed = models.TextField(_("what changed"))
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("evaluated by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    evaluated_at = models.DateTimeField(_("evaluated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("outcome evaluation")
        verbose_name_plural = _("outcome evaluations")

    def __str__(self):
        return str(self.visit)


class CalendarFeed(models.Model):
    """A person's iCalendar address of the visits they are on; the token is the only key,
    so revoking it (and making a new one) ends every subscription to the old address."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True),
                name="one_live_calendar_feed_per_person",
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.created_at:%Y-%m-%d})"


# --- report: its sections, versions and reviewers' suggestions (ctc.revisions) ------------
class VisitReportSection(models.Model):
    """One section of a visit's report, edited in the browser under a revision guard."""

    visit = models.ForeignKey(
        Visit, verbose_name=_("visit"), on_delete=models.CASCADE, related_name="report_sections"
    )
    key = models.CharField(_("section"), max_length=20, choices=ReportSectionKey.choices)
    text = models.TextField(_("text"), blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last edited by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("last edited at"), null=True, blank=True)

    class Meta:
        ordering = ["visit", "pk"]
        verbose_name = _("visit report section")
        verbose_name_plural = _("visit report sections")
        constraints = [
            models.UniqueConstraint(fields=["visit", "key"], name="visit_report_section_once"),
        ]

    def __str__(self):
        return f"{self.visit} · {self.get_key_display()}"


class VisitReportVersion(VersionRecord):
    """The report as it stood after one save (its parts: one per section)."""

    visit = models.ForeignKey(
        Visit, verbose_name=_("visit"), on_delete=models.CASCADE, related_name="report_versions"
    )

    class Meta:
        ordering = ["visit", "number"]
        verbose_name = _("visit report version")
        verbose_name_plural = _("visit report versions")
        constraints = [
            models.UniqueConstraint(fields=["visit", "number"], name="visit_report_version_once"),
        ]

    def __str__(self):
        return f"{self.visit} v{self.number}"


class VisitReportSuggestion(SuggestionRecord):
    """A reviewer's proposed wording for one section of a visit report."""

    visit = models.ForeignKey(
        Visit,
        verbose_name=_("visit"),
        on_delete=models.CASCADE,
        related_name="report_suggestions",
    )
    section = models.ForeignKey(
        VisitReportSection,
        verbose_name=_("section"),
        on_delete=models.CASCADE,
        related_name="suggestions",
    )
    # The version that accepting the suggestion saved.
    version = models.ForeignKey(
        VisitReportVersion,
        verbose_name=_("version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("visit report suggestion")
        verbose_name_plural = _("visit report suggestions")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=SuggestionStatus.REJECTED) | ~Q(reason=""),
                name="visit_report_suggestion_rejected_with_a_reason",
            ),
        ]
        indexes = [models.Index(fields=["visit", "status"])]

    def __str__(self):
        return f"{self.section} · {self.get_status_display()}"


class VisitReportTransmission(models.Model):
    """The report as transmitted to the State: which version, by whom, in which language, and
    the document it was filed as in the document area (set once: filing never runs twice)."""

    visit = models.OneToOneField(
        Visit,
        verbose_name=_("visit"),
        on_delete=models.PROTECT,
        related_name="report_transmission",
    )
    version = models.ForeignKey(
        VisitReportVersion, verbose_name=_("version"), on_delete=models.PROTECT, related_name="+"
    )
    language = models.CharField(_("language"), max_length=10)
    transmitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("transmitted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    transmitted_at = models.DateTimeField(_("transmitted at"), auto_now_add=True)
    document_id = models.PositiveBigIntegerField(_("filed document"), null=True, blank=True)

    class Meta:
        verbose_name = _("visit report transmission")
        verbose_name_plural = _("visit report transmissions")

    def __str__(self):
        return f"{self.visit} ({self.transmitted_at:%Y-%m-%d})"
