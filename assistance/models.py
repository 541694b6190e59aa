"""Technical assistance: States' needs, providers' programmes (offers), and the matches
between them with their score, its explanation and their lifecycle (C-18–C-22, E-10–E-14)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ctc.workflow import TransitionRecord

from .enums import (
    BudgetBand,
    MatchAction,
    MatchStatus,
    NeedSource,
    NeedStatus,
    OfferStatus,
    Priority,
)


class Need(models.Model):
    """A State's need for technical assistance in one thematic area. Only a need the State
    agreed to share (`shared_with_donors`) ever reaches a donor."""

    state = models.ForeignKey(
        "states.MemberState",
        verbose_name=_("State"),
        on_delete=models.PROTECT,
        related_name="assistance_needs",
    )
    thematic_area = models.ForeignKey(
        "themes.ThematicArea",
        verbose_name=_("thematic area"),
        on_delete=models.PROTECT,
        related_name="assistance_needs",
    )
    description = models.TextField(_("description"))
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM
    )
    source = models.CharField(_("source"), max_length=24, choices=NeedSource.choices)
    # The recommendation (of an assessment or a visit) the need comes from, when there is one:
    # generic, since domain apps do not import each other.
    source_type = models.ForeignKey(
        ContentType,
        verbose_name=_("kind of source"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    source_id = models.PositiveBigIntegerField(_("source record"), null=True, blank=True)
    source_object = GenericForeignKey("source_type", "source_id")
    # When the State wants the assistance; open-ended when blank.
    wanted_from = models.DateField(_("wanted from"), null=True, blank=True)
    wanted_until = models.DateField(_("wanted until"), null=True, blank=True)
    shared_with_donors = models.BooleanField(
        _("the State agrees to share it with donors"), default=False, db_index=True
    )
    consent_recorded_on = models.DateField(_("consent recorded on"), null=True, blank=True)
    consent_reference = models.CharField(_("reference of the consent"), max_length=80, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=NeedStatus.choices, default=NeedStatus.OPEN
    )
    status_changed_at = models.DateTimeField(_("in this status since"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("assistance need")
        verbose_name_plural = _("assistance needs")
        constraints = [
            models.CheckConstraint(
                condition=Q(wanted_until__isnull=True)
                | Q(wanted_from__isnull=True)
                | Q(wanted_until__gte=F("wanted_from")),
                name="need_wanted_until_after_from",
            ),
            # One need per recommendation: the one-click conversion cannot make two.
            models.UniqueConstraint(
                fields=["source_type", "source_id"],
                condition=Q(source_id__isnull=False),
                name="need_one_per_source",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "shared_with_donors"]),
            models.Index(fields=["thematic_area", "status"]),
        ]

    def __str__(self):
        return f"{self.state} — {self.thematic_area}"


class Offer(models.Model):
    """A provider's programme of assistance: what, where, when, how and in which languages."""

    provider = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="assistance_offers",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    thematic_areas = models.ManyToManyField(
        "themes.ThematicArea", verbose_name=_("thematic areas"), related_name="assistance_offers"
    )
    # Geographic scope: the whole world, or any of regions, subregions (UN M49 codes) and
    # named States.
    is_global = models.BooleanField(_("global"), default=False)
    regions = models.JSONField(_("regions"), default=list, blank=True)
    subregions = models.JSONField(_("subregions"), default=list, blank=True)
    states = models.ManyToManyField(
        "states.MemberState",
        verbose_name=_("States"),
        blank=True,
        related_name="assistance_offers",
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    budget_band = models.CharField(_("budget"), max_length=12, choices=BudgetBand.choices)
    delivery_modes = models.JSONField(_("delivery modes"), default=list)
    languages = models.JSONField(_("languages of delivery"), default=list)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=OfferStatus.choices, default=OfferStatus.ACTIVE
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(m2m_fields=[thematic_areas, states])

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = _("assistance offer")
        verbose_name_plural = _("assistance offers")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="offer_ends_after_it_starts"
            ),
        ]

    def __str__(self):
        return self.title


class Match(models.Model):
    """A need paired with an offer: its score out of 100 with the reasons criterion by
    criterion (assistance/scoring.py), and where the pairing stands."""

    # No index of their own: match_one_per_pair leads with the need, (offer, status) with the
    # offer. Every index is written for each of the matching job's ten thousand proposals.
    need = models.ForeignKey(
        Need,
        verbose_name=_("need"),
        on_delete=models.CASCADE,
        related_name="matches",
        db_index=False,
    )
    offer = models.ForeignKey(
        Offer,
        verbose_name=_("offer"),
        on_delete=models.CASCADE,
        related_name="matches",
        db_index=False,
    )
    score = models.PositiveSmallIntegerField(_("score"))
    # [{"criterion", "fit" (0–1), "weight", "points", "reason", "params"}]: the reasons are
    # codes with their values, put into words in the reader's language (scoring.explain).
    explanation = models.JSONField(_("explanation"), default=list)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=MatchStatus.choices,
        default=MatchStatus.PROPOSED,
    )
    status_changed_at = models.DateTimeField(_("in this status since"), auto_now_add=True)
    # Blank when the matching job proposed it. Never looked up by person: no index.
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    # The matching run that proposed it, when a run did: who started it, when, what it did.
    # Informative, never looked up by run: no index, and no constraint for the database to
    # check ten thousand times at the job's commit (Django still nulls it if a Job goes).
    proposed_in = models.ForeignKey(
        "jobs.Job",
        verbose_name=_("proposed by the matching run"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    proposed_at = models.DateTimeField(_("proposed on"), auto_now_add=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    need_met = models.BooleanField(_("the need is met"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-score", "pk"]
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints = [
            models.UniqueConstraint(fields=["need", "offer"], name="match_one_per_pair"),
            models.CheckConstraint(condition=Q(score__lte=100), name="match_score_at_most_100"),
        ]
        indexes = [
            models.Index(fields=["offer", "status"]),
            # Not db_index=True, which adds a LIKE index no query uses.
            models.Index(fields=["status"], name="match_status"),
            # The lists' order (pages and API): their first page read without sorting them all.
            models.Index(
                F("score").desc(), F("proposed_at").desc(), "id", name="match_listed_order"
            ),
        ]

    def __str__(self):
        return f"{self.need} ↔ {self.offer}"


class MatchTransition(TransitionRecord):
    """One step of a match's lifecycle: who, when, why."""

    match = models.ForeignKey(
        Match, verbose_name=_("match"), on_delete=models.CASCADE, related_name="transitions"
    )
    action = models.CharField(_("action"), max_length=24, choices=MatchAction.choices)
    from_status = models.CharField(_("from"), max_length=20, choices=MatchStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=MatchStatus.choices)

    class Meta:
        ordering = ["match", "at", "pk"]
        verbose_name = _("match step")
        verbose_name_plural = _("match steps")

    def __str__(self):
        return f"{self.match}: {self.from_status} → {self.to_status}"


class MatchingWeights(models.Model):
    """How much each criterion counts in a score: one row, changed by administrators in the
    admin (with history); the defaults when it has never been saved."""

    thematic = models.PositiveSmallIntegerField(_("thematic fit"), default=30)
    geographic = models.PositiveSmallIntegerField(_("geographic fit"), default=25)
    timing = models.PositiveSmallIntegerField(_("timing overlap"), default=15)
    priority = models.PositiveSmallIntegerField(_("priority of the need"), default=15)
    language = models.PositiveSmallIntegerField(_("language of delivery"), default=10)
    track_record = models.PositiveSmallIntegerField(_("past delivery in the region"), default=5)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("matching weights")
        verbose_name_plural = _("matching weights")
        constraints = [
            models.CheckConstraint(
                condition=Q(thematic__gt=0)
                | Q(geographic__gt=0)
                | Q(timing__gt=0)
                | Q(priority__gt=0)
                | Q(language__gt=0)
                | Q(track_record__gt=0),
                name="matching_weights_not_all_zero",
            ),
        ]

    def __str__(self):
        return str(_("Matching weights"))
