"""Reads of needs and offers, always through the scopes of permissions.py, each list in a
constant number of queries whatever its length."""

from django.db.models import Prefetch, Q, QuerySet
from django.urls import NoReverseMatch, reverse

from ctc.organisations.models import Organisation
from ctc.states.models import MemberState, Region, Subregion
from ctc.themes.models import ThematicArea

from . import permissions
from .constants import PROVIDER_KINDS
from .models import Need, Offer

# "app_label.model" of a need's source → (URL name, the attribute holding the page's pk,
# anchor): where the recommendation is read. Names only, since domain apps never import
# each other; a page that is not installed has no link.
SOURCE_PAGES = {
    "visits.recommendation": ("visits:recommendations", "visit_id", "#recommendation-{pk}"),
    "assessments.recommendation": ("assessments:detail", "assessment_id", "#recommendations"),
}


def need_list(
    *,
    user,
    state=None,
    thematic_area=None,
    priority: str = "",
    status: str = "",
    source: str = "",
    shared: bool | None = None,
    region=None,
    subregion=None,
    q: str = "",
) -> QuerySet[Need]:
    """The needs the user may see, filtered, the newest first."""
    needs = permissions.need_scope(Need.objects.all(), user)
    if state is not None:
        needs = needs.filter(state=state)
    if thematic_area is not None:
        needs = needs.filter(thematic_area=thematic_area)
    if priority:
        needs = needs.filter(priority=priority)
    if status:
        needs = needs.filter(status=status)
    if source:
        needs = needs.filter(source=source)
    if shared is not None:
        needs = needs.filter(shared_with_donors=shared)
    if region is not None:
        needs = needs.filter(state__region=region)
    if subregion is not None:
        needs = needs.filter(state__subregion=subregion)
    if q:
        needs = needs.filter(Q(description__icontains=q) | Q(state__name__icontains=q))
    return needs.select_related("state", "thematic_area").order_by("-created_at", "-pk")


def need_get(*, user, pk) -> Need:
    """One need in the user's scope (Need.DoesNotExist otherwise)."""
    return (
        permissions.need_scope(Need.objects.all(), user)
        .select_related("state", "thematic_area", "created_by", "source_type")
        .get(pk=pk)
    )


def need_source_url(need: Need) -> str:
    """The page of the recommendation the need comes from; "" when there is none."""
    if need.source_type_id is None or need.source_id is None:
        return ""
    key = f"{need.source_type.app_label}.{need.source_type.model}"
    if key not in SOURCE_PAGES:
        return ""
    url_name, attribute, anchor = SOURCE_PAGES[key]
    source = need.source_object
    if source is None:
        return ""
    try:
        return reverse(url_name, kwargs={"pk": getattr(source, attribute)}) + anchor.format(
            pk=source.pk
        )
    except NoReverseMatch:
        return ""


def _offers(queryset: QuerySet[Offer]) -> QuerySet[Offer]:
    return queryset.select_related("provider").prefetch_related(
        Prefetch("thematic_areas", queryset=ThematicArea.objects.order_by("position", "code")),
        Prefetch("states", queryset=MemberState.objects.order_by("name")),
    )


def offer_list(
    *,
    user,
    provider=None,
    thematic_area=None,
    status: str = "",
    state=None,
    q: str = "",
) -> QuerySet[Offer]:
    """The offers the user may see (a donor: its own), filtered, the latest first."""
    offers = permissions.offer_scope(Offer.objects.all(), user)
    if provider is not None:
        offers = offers.filter(provider=provider)
    if thematic_area is not None:
        offers = offers.filter(thematic_areas=thematic_area)
    if status:
        offers = offers.filter(status=status)
    if state is not None:
        offers = offers.filter(Q(is_global=True) | Q(states=state)).distinct()
    if q:
        offers = offers.filter(Q(title__icontains=q) | Q(description__icontains=q))
    return _offers(offers).order_by("-starts_on", "pk")


def offer_get(*, user, pk) -> Offer:
    """One offer in the user's scope (Offer.DoesNotExist otherwise)."""
    return _offers(permissions.offer_scope(Offer.objects.all(), user)).get(pk=pk)


def provider_list(*, user) -> QuerySet[Organisation]:
    """The organisations the user may record programmes for: any provider for CTED writers,
    its own for a donor, none for anyone else."""
    providers = Organisation.objects.filter(kind__in=PROVIDER_KINDS).order_by("name")
    if permissions.can_write(user):
        return providers
    if permissions.is_donor(user):
        return providers.filter(pk=user.organisation_id)
    return providers.none()


def place_names() -> dict[str, str]:
    """UN M49 code → name of every region and subregion, in the active language (an offer
    names its regions and subregions by code)."""
    names = {region.code: region.name for region in Region.objects.all()}
    names.update((subregion.code, subregion.name) for subregion in Subregion.objects.all())
    return names
