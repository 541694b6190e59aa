"""The choice sets of technical assistance (C-18–C-20, C-22, E-10–E-14)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Priority(models.TextChoices):
    HIGH = "high", pgettext_lazy("priority", "High")
    MEDIUM = "medium", pgettext_lazy("priority", "Medium")
    LOW = "low", pgettext_lazy("priority", "Low")


class NeedSource(models.TextChoices):
    """Where a need was identified; the first two link to the recommendation itself."""

    PIA_RECOMMENDATION = "pia_recommendation", _("Priority recommendation of an assessment")
    VISIT_RECOMMENDATION = "visit_recommendation", _("Recommendation of a country visit")
    STATE_REQUEST = "state_request", _("Request of the State")
    ANALYSIS = "analysis", _("Thematic or regional analysis")


class NeedStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("need status", "Open")
    MATCHED = "matched", _("Matched")
    MET = "met", _("Met")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class BudgetBand(models.TextChoices):
    """In US dollars, over the programme's whole period."""

    UNDER_100K = "under_100k", _("Under 100,000 USD")
    FROM_100K = "100k_500k", _("100,000 to 500,000 USD")
    FROM_500K = "500k_1m", _("500,000 to 1 million USD")
    OVER_1M = "over_1m", _("Over 1 million USD")


class DeliveryMode(models.TextChoices):
    TRAINING = "training", _("Training")
    LEGISLATIVE_DRAFTING = "legislative_drafting", _("Legislative drafting")
    EQUIPMENT = "equipment", _("Equipment")
    MENTORING = "mentoring", _("Mentoring")


class OfferStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


class MatchStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CONTACTED = "contacted", _("Contacted")
    AGREED = "agreed", _("Agreed")
    DELIVERING = "delivering", _("Delivering")
    DELIVERED = "delivered", _("Delivered")
    EVALUATED = "evaluated", _("Evaluated")
    DECLINED = "declined", pgettext_lazy("match status", "Declined")


class MatchAction(models.TextChoices):
    CONTACT = "contact", _("Contact the provider")
    AGREE = "agree", _("Agree")
    START = "start", _("Start delivering")
    DELIVER = "deliver", _("Record delivery")
    EVALUATE = "evaluate", _("Evaluate")
    DECLINE = "decline", _("Decline")


class Criterion(models.TextChoices):
    """The parts of a match's score, each explained to the reader (assistance/scoring.py)."""

    THEMATIC = "thematic", _("Thematic fit")
    GEOGRAPHIC = "geographic", _("Geographic fit")
    TIMING = "timing", _("Timing overlap")
    PRIORITY = "priority", _("Priority of the need")
    LANGUAGE = "language", _("Language of delivery")
    TRACK_RECORD = "track_record", _("Past delivery in the region")
