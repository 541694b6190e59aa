from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    PARTNER_BODY = "partner_body", _("United Nations partner body")
    INTERNATIONAL = "international", _("International organisation")
    REGIONAL = "regional", _("Regional organisation")
    SUBREGIONAL = "subregional", _("Subregional organisation")
    DONOR = "donor", _("Donor or assistance provider")


class GrantScope(models.TextChoices):
    """The parts of the shared database an organisation may be granted, each on its own (E-20)."""

    STATE_PROFILES = "state_profiles", _("State profiles")
    VISIT_SCHEDULE = "visit_schedule", _("Visit schedule")
    ASSISTANCE_NEEDS = "assistance_needs", _("Consented assistance needs")


# Donors match assistance through their own role; the shared database is for partners.
GRANTABLE_KINDS = frozenset(
    {
        OrganisationKind.PARTNER_BODY,
        OrganisationKind.INTERNATIONAL,
        OrganisationKind.REGIONAL,
        OrganisationKind.SUBREGIONAL,
    }
)
