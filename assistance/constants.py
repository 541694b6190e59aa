"""Limits of what a person types about needs and offers, shared by services, forms and the API."""

from ctc.organisations.enums import OrganisationKind

MAX_DESCRIPTION = 5000
MAX_TITLE = 200
MAX_REFERENCE = 80
MAX_CONTACT = 200

# Every kind of organisation may provide assistance: donors, international, regional and
# subregional organisations, and the United Nations partner bodies.
PROVIDER_KINDS = (
    OrganisationKind.DONOR,
    OrganisationKind.INTERNATIONAL,
    OrganisationKind.REGIONAL,
    OrganisationKind.SUBREGIONAL,
    OrganisationKind.PARTNER_BODY,
)
