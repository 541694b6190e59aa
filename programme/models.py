"""The work programme (C-n, E-n), the events it holds (C-11, C-16/E-8) and the activities
that need extrabudgetary funding with the trust fund's contributions (E-21)."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ctc.workflow import TransitionRecord

from .enums import Audience, Body, EventKind, ItemAction, ItemStatus, Owner


class ProgrammeItem(models.Model):
    """One paragraph of the Committee's (C-n) or CTED's (E-n) 2012 work programme."""

    ref = models.CharField(_("reference"), max_length=8, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    body = models.CharField(_("body"), max_length=12, choices=Body.choices)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    owner = models.CharField(_("owner"), max_length=24, choices=Owner.choices)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.PLANNED
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    is_public = models.BooleanField(_("shown on the public site"), default=True)

    class Meta:
        ordering = ["position", "ref"]
        verbose_name = _("work programme item")
        verbose_name_plural = _("work programme items")

    def __str__(self):
        return f"{self.ref} {self.title}"

    def get_absolute_url(self):
        return reverse("programme:item_detail", kwargs={"pk": self.pk})


class ItemTransition(TransitionRecord):
    item = models.ForeignKey(
        ProgrammeItem,
        verbose_name=_("work programme item"),
        on_delete=models.CASCADE,
        related_name="transitions",
    )
    action = models.CharField(_("action"), max_length=24, choices=ItemAction.choices)
    from_status = models.CharField(_("from"), max_length=20, choices=ItemStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=ItemStatus.choices)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")


class Event(models.Model):
    """A meeting or briefing of the programme: the special meeting, the Chair's and CTED's
    briefings."""

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=24, choices=EventKind.choices)
    date = models.DateField(_("date"))
    audience = models.CharField(_("audience"), max_length=16, choices=Audience.choices)
    place = models.CharField(_("place"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    item = models.ForeignKey(
        ProgrammeItem,
        verbose_name=_("work programme item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    is_public = models.BooleanField(_("shown on the public site"), default=False)

    class Meta:
        ordering = ["-date", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("programme:event_detail", kwargs={"pk": self.pk})


class ProgrammeLink(models.Model):
    """A link to the work that delivers an item, or to a document of an event: any page of
    the workspace or elsewhere, by its address."""

    item = models.ForeignKey(
        ProgrammeItem, on_delete=models.CASCADE, null=True, blank=True, related_name="links"
    )
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, null=True, blank=True, related_name="links"
    )
    label = models.CharField(_("label"), max_length=200)
    url = models.CharField(_("address"), max_length=500)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name = _("link")
        verbose_name_plural = _("links")
        constraints = [
            models.CheckConstraint(
                name="programme_link_one_owner",
                condition=models.Q(item__isnull=False, event__isnull=True)
                | models.Q(item__isnull=True, event__isnull=False),
            )
        ]

    def __str__(self):
        return self.label


class FundedActivity(models.Model):
    """An activity approved by the Committee that needs extrabudgetary funding (E-21)."""

    title = models.CharField(_("title"), max_length=200)
    item = models.ForeignKey(
        ProgrammeItem,
        verbose_name=_("work programme item"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
    )
    estimated_cost = models.DecimalField(
        _("estimated cost (USD)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("activity needing extrabudgetary funding")
        verbose_name_plural = _("activities needing extrabudgetary funding")
        constraints = [
            models.CheckConstraint(
                name="programme_activity_cost_not_negative",
                condition=models.Q(estimated_cost__gte=0),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("programme:activity_detail", kwargs={"pk": self.pk})


class Contribution(models.Model):
    """Money given to the CTED trust fund, earmarked for one activity or not."""

    donor = models.CharField(_("donor"), max_length=200)
    amount = models.DecimalField(_("amount (USD)"), max_digits=12, decimal_places=2)
    received_on = models.DateField(_("date"))
    activity = models.ForeignKey(
        FundedActivity,
        verbose_name=_("earmarked for"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("trust-fund contribution")
        verbose_name_plural = _("trust-fund contributions")
        constraints = [
            models.CheckConstraint(
                name="programme_contribution_amount_positive", condition=models.Q(amount__gt=0)
            )
        ]

    def __str__(self):
        return f"{self.donor} {self.amount}"
