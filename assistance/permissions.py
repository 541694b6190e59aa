"""Who may see and do what with technical assistance. Every list, count, export and API
response goes through the scopes below; a need the State did not agree to share never
reaches a donor or a partner, whatever else is true. The match lifecycle is a table of steps
(ctc.workflow), read by services, page buttons and the API alike.
"""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from ctc.accounts.enums import COMMITTEE_ROLES, CTED_ROLES, Role
from ctc.organisations.enums import GrantScope
from ctc.organisations.selectors import grant_active
from ctc.workflow import Step, Workflow

from .enums import MatchAction, MatchStatus, NeedStatus, OfferStatus
from .models import Match, MatchTransition, Need, Offer

M = MatchStatus
A = MatchAction
CTED_WRITERS = frozenset({Role.CTED_EXPERT, Role.CTED_COORDINATOR})
DONORS = frozenset({Role.DONOR})
# What a donor may see of a shared need: while it can still be matched or is being met.
DONOR_NEED_STATUSES = (NeedStatus.OPEN, NeedStatus.MATCHED)


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_cted(user) -> bool:
    return _active(user) and bool(user.roles & CTED_ROLES)


def can_write(user) -> bool:
    """CTED experts and coordinators record needs and offers and move matches."""
    return _active(user) and bool(user.roles & CTED_WRITERS)


def is_donor(user) -> bool:
    return _active(user) and Role.DONOR in user.roles and bool(user.organisation_id)


def can_record_offer(user) -> bool:
    """CTED on a provider's behalf, or a donor for its own organisation."""
    return can_write(user) or is_donor(user)


def can_run_matching(user) -> bool:
    """CTED coordinators start the matching of all open needs (assistance/matching.py)."""
    return _active(user) and Role.CTED_COORDINATOR in user.roles


def reads_shared_needs(user) -> bool:
    """Partner analysts whose organisation holds the assistance-needs grant in force."""
    return (
        _active(user)
        and Role.PARTNER_ANALYST in user.roles
        and grant_active(user, GrantScope.ASSISTANCE_NEEDS)
    )


def workspace_is_possible(user) -> bool:
    return (
        _active(user)
        and bool(user.roles & (CTED_ROLES | COMMITTEE_ROLES | DONORS))
        or reads_shared_needs(user)
    )


def _geographic_q(offer: Offer, prefix: str = "state__") -> Q:
    """The States an offer reaches, as a filter on needs (or anything with a `state`)."""
    if offer.is_global:
        return Q()
    reach = Q(**{f"{prefix}in": [s.pk for s in offer.states.all()]})
    if offer.subregions:
        reach |= Q(**{f"{prefix}subregion__code__in": offer.subregions})
    if offer.regions:
        reach |= Q(**{f"{prefix}region__code__in": offer.regions})
    return reach


def reads_workspace_nav(user) -> bool:
    """The navigation's "Assistance" to the needs: a donor's leads to its own home instead."""
    return workspace_is_possible(user) and not is_donor(user)


def donor_offers(user) -> QuerySet[Offer]:
    return Offer.objects.filter(provider_id=user.organisation_id)


def need_scope(queryset: QuerySet[Need], user) -> QuerySet[Need]:
    """CTED and the Committee: all needs. A donor: the shared
    needs, open or matched, within the thematic and geographic scope of one of its active
    offers. A partner analyst with the grant: the shared needs, open or matched."""
    if not _active(user):
        return queryset.none()
    if user.roles & (CTED_ROLES | COMMITTEE_ROLES):
        return queryset
    # Focal points have no assistance workspace: CTED records their State's answers.
    visible = Q(pk__in=[])
    shared = Q(shared_with_donors=True, status__in=DONOR_NEED_STATUSES)
    if reads_shared_needs(user):
        visible |= shared
    if is_donor(user):
        offers = (
            donor_offers(user)
            .filter(status=OfferStatus.ACTIVE)
            .prefetch_related("states", "thematic_areas")
        )
        for offer in offers:
            areas = [a.pk for a in offer.thematic_areas.all()]
            visible |= shared & Q(thematic_area_id__in=areas) & _geographic_q(offer)
    return queryset.filter(visible)


def offer_scope(queryset: QuerySet[Offer], user) -> QuerySet[Offer]:
    """CTED and the Committee: all offers. A donor: its organisation's, never another's."""
    if not _active(user):
        return queryset.none()
    if user.roles & (CTED_ROLES | COMMITTEE_ROLES):
        return queryset
    if is_donor(user):
        return queryset.filter(provider_id=user.organisation_id)
    return queryset.none()


def match_scope(queryset: QuerySet[Match], user) -> QuerySet[Match]:
    """CTED and the Committee: all matches. A donor: those to its organisation's offers of
    needs still shared (a State that withdraws its consent withdraws the match from view)."""
    if not _active(user):
        return queryset.none()
    if user.roles & (CTED_ROLES | COMMITTEE_ROLES):
        return queryset
    if is_donor(user):
        return queryset.filter(
            offer__provider_id=user.organisation_id, need__shared_with_donors=True
        )
    return queryset.none()


# --- Matches: proposed → contacted → agreed → delivering → delivered → evaluated -----------
def _match_within_scope(user, match: Match, held: frozenset) -> bool:
    """A donor answers only matches to its own offers, of needs shared with donors."""
    if held & CTED_WRITERS:
        return True
    return (
        Role.DONOR in held
        and bool(user.organisation_id)
        and match.offer.provider_id == user.organisation_id
        and match.need.shared_with_donors
    )


MATCH_STEPS = [
    Step(A.CONTACT, (M.PROPOSED,), M.CONTACTED, CTED_WRITERS),
    # The provider (or CTED for it) agrees or declines once contacted; a donor may also
    # answer a proposal straight away.
    Step(A.AGREE, (M.PROPOSED, M.CONTACTED), M.AGREED, CTED_WRITERS | DONORS),
    Step(A.DECLINE, (M.PROPOSED, M.CONTACTED, M.AGREED), M.DECLINED, CTED_WRITERS | DONORS),
    Step(A.START, (M.AGREED,), M.DELIVERING, CTED_WRITERS | DONORS),
    Step(A.DELIVER, (M.DELIVERING,), M.DELIVERED, CTED_WRITERS | DONORS),
    # The evaluation (outcome, whether the need is met) is CTED's.
    Step(A.EVALUATE, (M.DELIVERED,), M.EVALUATED, CTED_WRITERS),
]


def _refused_match(match: Match) -> str:
    return _("This is not possible while the match is “{status}”.").format(
        status=match.get_status_display()
    )


MATCH = Workflow(
    MATCH_STEPS,
    record_model=MatchTransition,
    subject_field="match",
    refused=_refused_match,
    within_scope=_match_within_scope,
    lock_related=("offer", "need"),
    touch_fields=("updated_at",),
)
