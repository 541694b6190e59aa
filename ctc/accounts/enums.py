from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The people of SPEC.md; each role is a Django group of the same name."""

    CTED_EXPERT = "cted_expert", _("CTED expert")
    CTED_COORDINATOR = "cted_coordinator", _("CTED coordinator")
    SUBCOMMITTEE_MEMBER = "subcommittee_member", _("Subcommittee member")
    COMMITTEE_MEMBER = "committee_member", _("Committee member")
    CHAIR = "chair", _("Chair")
    FOCAL_POINT = "focal_point", _("Member-state focal point")
    PARTNER_ANALYST = "partner_analyst", _("Partner analyst")
    DONOR = "donor", _("Donor")
    ADMINISTRATOR = "administrator", _("Administrator")


CTED_ROLES = frozenset({Role.CTED_EXPERT, Role.CTED_COORDINATOR, Role.ADMINISTRATOR})
COMMITTEE_ROLES = frozenset({Role.COMMITTEE_MEMBER, Role.CHAIR})


class NotificationMode(models.TextChoices):
    """How a person wants their notifications by e-mail (ctc.notifications)."""

    IMMEDIATE = "immediate", _("One e-mail for each notification, at once")
    DAILY_DIGEST = "digest", _("One e-mail a day listing them")


class RotationKind(models.TextChoices):
    QUARTERLY = "quarterly", _("Quarterly rotation")
    SINGLE = "single", _("One account (suspected compromise)")


class RotationStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    DONE_WITH_FAILURES = "failures", _("Done with failures")


class AccountRotationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    CHANGED = "changed", _("Changed, notice not yet sent")
    DONE = "done", _("Changed and notified")
    SKIPPED = "skipped", _("Not changed")
