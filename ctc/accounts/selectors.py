from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Concat, Lower, NullIf, Trim

from ctc.registry import site
from ctc.states.enums import Resolution
from ctc.states.models import StateReport, Subcommittee
from ctc.states.selectors import non_reporting_states, state_list

from .enums import COMMITTEE_ROLES, CTED_ROLES, Role
from .models import User


def landing_get(*, user: User) -> dict:
    """What a signed-in user sees first, by role; each block is built only for its role."""
    landing: dict = {"roles": [Role(r).label for r in Role if r in user.roles]}
    if user.roles & (CTED_ROLES | COMMITTEE_ROLES):
        landing["subcommittees"] = subcommittee_figures()
        landing["non_reporting_1624"] = list(
            non_reporting_states(resolution=Resolution.R1624).only("iso3", "name")
        )
    if Role.SUBCOMMITTEE_MEMBER in user.roles and user.subcommittee_id:
        landing["my_subcommittee"] = user.subcommittee
        landing["my_states"] = list(state_list(subcommittee=user.subcommittee.code))
    if Role.FOCAL_POINT in user.roles and user.member_state_id:
        landing["my_state"] = user.member_state
        landing["my_reports"] = list(user.member_state.reports.order_by("-received_on"))
    if user.roles & {Role.PARTNER_ANALYST, Role.DONOR} and user.organisation_id:
        landing["my_organisation"] = user.organisation
    # What the apps add (see ctc/registry.py): "waiting for you" first, then their sections.
    landing["waiting"] = site.waiting_for(user)
    landing["blocks"] = site.landing_for(user)
    landing["is_administrator"] = Role.ADMINISTRATOR in user.roles or user.is_superuser
    return landing


def subcommittee_figures() -> list[Subcommittee]:
    """Each subcommittee with its number of states and of states never reporting on 1624."""
    reported_1624 = Exists(
        StateReport.objects.filter(state=OuterRef("states"), resolution=Resolution.R1624)
    )
    return list(
        Subcommittee.objects.annotate(
            state_count=Count("states", distinct=True),
            non_reporting_1624=Count("states", filter=~Q(reported_1624), distinct=True),
        ).order_by("code")
    )


def by_shown_name(users: QuerySet[User]) -> QuerySet[User]:
    """Ordered by the name people read: the full name, else the user name."""
    full_name = Trim(Concat("first_name", Value(" "), "last_name"))
    return users.order_by(Lower(Coalesce(NullIf(full_name, Value("")), "username")), "pk")


def expert_list() -> QuerySet[User]:
    """The active CTED experts, by name."""
    return by_shown_name(User.objects.filter(groups__name=Role.CTED_EXPERT, is_active=True))
