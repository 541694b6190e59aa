from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    PARTNER_BODY = "partner_body", _("United Nations partner body")
    INTERNATIONAL = "international", _("International organisation")
    REGIONAL = "regional", _("Regional organisation")
    SUBREGIONAL = "subregional", _("Subregional organisation")
    DONOR = "donor", _("Donor or assistance provider")
