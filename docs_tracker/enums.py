from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DocumentKind(models.TextChoices):
    PIA = "pia", _("Preliminary implementation assessment")
    LETTER = "letter", _("Letter")
    NOTE_VERBALE = "note_verbale", _("Note verbale")
    VISIT_REPORT = "visit_report", _("Visit report")
    STATE_REPORT_1373 = "state_report_1373", _("State report on resolution 1373")
    STATE_REPORT_1624 = "state_report_1624", _("State report on resolution 1624")
    REPLY = "reply", _("Reply")
    SURVEY = "survey", _("Survey")
    PRESS_KIT = "press_kit", _("Press kit")
    OTHER = "other", pgettext_lazy("document kind", "Other")


# The kinds a focal point may upload for its State, and the resolution of each report kind.
STATE_REPORT_KINDS = {
    DocumentKind.STATE_REPORT_1373: "1373",
    DocumentKind.STATE_REPORT_1624: "1624",
}


class Classification(models.TextChoices):
    PUBLIC = "public", _("Public")
    RESTRICTED = "restricted", _("Restricted")
    CONFIDENTIAL = "confidential", _("Confidential")


class ReportStatus(models.TextChoices):
    """Of a State's report on 1373/1624 uploaded in the secure area (blank for other kinds)."""

    NONE = "", pgettext_lazy("report status", "Not a State report")
    PENDING = "pending", _("Waiting for CTED's confirmation")
    CONFIRMED = "confirmed", _("Confirmed by CTED")


class RecipientGroup(models.TextChoices):
    """Groups a document can be distributed to; expanded into receipts when distributed."""

    SUBCOMMITTEE_A = "subcommittee_a", _("All States of subcommittee A")
    SUBCOMMITTEE_B = "subcommittee_b", _("All States of subcommittee B")
    SUBCOMMITTEE_C = "subcommittee_c", _("All States of subcommittee C")
    PARTNER_BODIES = "partner_bodies", _("All partner bodies")
    NON_REPORTING_1373 = "non_reporting_1373", _("All States that never reported on 1373")
    NON_REPORTING_1624 = "non_reporting_1624", _("All States that never reported on 1624")


class DistributionTarget(models.TextChoices):
    STATE = "state", _("Member state")
    ORGANISATION = "organisation", _("Organisation")
    GROUP = "group", _("Group")


class AccessAction(models.TextChoices):
    VIEW = "view", _("View")
    DOWNLOAD = "download", _("Download")
    ACKNOWLEDGE = "acknowledge", _("Acknowledge")
    REFUSED = "refused", _("Refused access")


class ReceiptFilter(models.TextChoices):
    """Filters of a tracking table."""

    PENDING = "pending", _("Not yet acknowledged")
    UNOPENED = "unopened", _("Not yet opened")
    OPENED = "opened", _("Opened, not acknowledged")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    OVERDUE = "overdue", _("Overdue for acknowledgement")
