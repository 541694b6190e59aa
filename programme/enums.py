from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Body(models.TextChoices):
    COMMITTEE = "committee", _("Committee")
    CTED = "cted", pgettext_lazy("body", "CTED")


class Owner(models.TextChoices):
    """Who answers for a programme item: the Committee, its Chair or subcommittees, or a
    unit of CTED."""

    COMMITTEE = "committee", _("Committee (plenary)")
    CHAIR = "chair", _("Chair")
    SUBCOMMITTEES = "subcommittees", _("Subcommittees")
    CTED = "cted", _("CTED (Executive Director)")
    CTED_ASSESSMENT = "cted_assessment", _("CTED assessment and visits")
    CTED_ASSISTANCE = "cted_assistance", _("CTED technical assistance")
    CTED_HUMAN_RIGHTS = "cted_human_rights", _("CTED human rights")
    CTED_ADMIN_INFO = "cted_admin_info", _("CTED Administrative and Information Office")


class ItemStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class ItemAction(models.TextChoices):
    START = "start", _("Start")
    COMPLETE = "complete", _("Mark done")
    DROP = "drop", _("Drop")
    REOPEN = "reopen", _("Reopen")


class EventKind(models.TextChoices):
    SPECIAL_MEETING = "special_meeting", _("Special meeting")
    THEMATIC_BRIEFING = "thematic_briefing", _("Thematic briefing")
    REGIONAL_BRIEFING = "regional_briefing", _("Regional briefing")
    CHAIR_BRIEFING = "chair_briefing", _("Chair's briefing")


class Audience(models.TextChoices):
    MEMBERS = "members", _("Committee members")
    ALL_MEMBERS = "all_members", _("All UN Member States")
    PUBLIC = "public", _("Public")


class Funding(models.TextChoices):
    """Computed from the contributions earmarked for an activity, never stored."""

    FUNDED = "funded", _("Funded")
    PARTLY = "partly", _("Partly funded")
    UNFUNDED = "unfunded", _("Unfunded")
