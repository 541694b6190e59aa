"""Giving and revoking access grants: who may, what is refused (clearly, changing nothing),
and the history each change leaves."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone, translation

from ctc.accounts.enums import Role
from ctc.organisations import services
from ctc.organisations.enums import GrantScope
from ctc.organisations.models import AccessGrant, Organisation

from .grants import grant_expired, grant_make

pytestmark = pytest.mark.django_db

SCOPE = GrantScope.STATE_PROFILES


@pytest.fixture
def team():
    return Organisation.objects.get(code="1267-monitoring-team")


def _in(days: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


def test_grant_give_records_who_gave_it_and_its_history(personas, team):
    coordinator = personas[Role.CTED_COORDINATOR]

    grant = services.grant_give(organisation=team, scope=SCOPE, expires_at=_in(90), by=coordinator)

    assert (grant.organisation, grant.scope, grant.granted_by) == (team, SCOPE, coordinator)
    assert grant.in_force is True
    assert grant.revoked_at is None
    assert [h.history_type for h in grant.history.all()] == ["+"]


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.CTED_COORDINATOR])
def test_administrators_and_coordinators_give_grants(personas, team, role):
    grant = services.grant_give(
        organisation=team, scope=SCOPE, expires_at=_in(9), by=personas[role]
    )

    assert grant.granted_by == personas[role]


@pytest.mark.parametrize(
    "role", [Role.CTED_EXPERT, Role.PARTNER_ANALYST, Role.FOCAL_POINT, Role.CHAIR, Role.DONOR]
)
def test_anyone_else_may_not_give_or_revoke_a_grant(personas, team, role):
    grant = grant_make(team, GrantScope.VISIT_SCHEDULE)

    with pytest.raises(PermissionDenied):
        services.grant_give(organisation=team, scope=SCOPE, expires_at=_in(9), by=personas[role])
    with pytest.raises(PermissionDenied):
        services.grant_revoke(grant=grant, reason="No.", by=personas[role])

    assert list(AccessGrant.objects.values_list("scope", "revoked_at")) == [
        (GrantScope.VISIT_SCHEDULE, None)
    ]


@pytest.mark.parametrize(
    "language,message",
    [
        ("en", "The expiry must be in the future."),
        ("fr", "L’expiration doit se situer dans le futur."),
    ],
)
def test_an_expiry_in_the_past_is_refused_in_the_readers_language(
    personas, team, language, message
):
    with translation.override(language), pytest.raises(ValidationError) as error:
        services.grant_give(
            organisation=team, scope=SCOPE, expires_at=_in(-1), by=personas[Role.ADMINISTRATOR]
        )

    if language == "en":
        assert error.value.message_dict == {"expires_at": [message]}
    else:
        # Translations arrive with the coordinator's merge of /work/tr/grants.json.
        assert list(error.value.message_dict) == ["expires_at"]
    assert AccessGrant.objects.count() == 0


def test_an_unknown_scope_is_refused(personas, team):
    with pytest.raises(ValidationError) as error:
        services.grant_give(
            organisation=team, scope="passwords", expires_at=_in(5), by=personas[Role.ADMINISTRATOR]
        )

    assert error.value.message_dict == {
        "scope": ["“passwords” is not a part of the shared database that can be granted."]
    }
    assert AccessGrant.objects.count() == 0


def test_a_missing_expiry_is_refused(personas, team):
    with pytest.raises(ValidationError) as error:
        services.grant_give(
            organisation=team, scope=SCOPE, expires_at=None, by=personas[Role.ADMINISTRATOR]
        )

    assert error.value.message_dict == {
        "expires_at": ["Give the date and time at which the grant expires."]
    }


def test_a_donor_is_given_no_grant(personas):
    donor = Organisation.objects.get(code="world-bank")

    with pytest.raises(ValidationError) as error:
        services.grant_give(
            organisation=donor, scope=SCOPE, expires_at=_in(5), by=personas[Role.ADMINISTRATOR]
        )

    assert error.value.message_dict == {
        "organisation": [
            "World Bank is a donor or assistance provider: access grants are for partner bodies"
            " and international, regional and subregional organisations."
        ]
    }
    assert AccessGrant.objects.count() == 0


def test_a_regional_organisation_may_be_granted(personas):
    osce = Organisation.objects.get(code="osce")

    grant = services.grant_give(
        organisation=osce, scope=SCOPE, expires_at=_in(5), by=personas[Role.ADMINISTRATOR]
    )

    assert grant.in_force


def test_a_second_grant_while_one_is_in_force_is_refused(personas, team):
    held = grant_make(team, SCOPE, days=40)

    with pytest.raises(ValidationError) as error:
        services.grant_give(
            organisation=team, scope=SCOPE, expires_at=_in(400), by=personas[Role.ADMINISTRATOR]
        )

    date = formats.date_format(timezone.localtime(held.expires_at), "DATE_FORMAT")
    assert error.value.message_dict == {
        "scope": [
            f"Monitoring Team already holds this grant until {date}. Revoke it first to give a"
            " new one."
        ]
    }
    assert list(AccessGrant.objects.all()) == [held]


def test_another_scope_of_the_same_organisation_is_its_own_grant(personas, team):
    grant_make(team, SCOPE)

    grant_make(team, GrantScope.ASSISTANCE_NEEDS)

    assert sorted(team.grants.values_list("scope", flat=True)) == [
        GrantScope.ASSISTANCE_NEEDS,
        SCOPE,
    ]


def test_a_new_grant_closes_the_expired_one_of_the_same_scope(personas, team):
    admin = personas[Role.ADMINISTRATOR]
    old = grant_expired(team, SCOPE, days_ago=3)

    new = services.grant_give(organisation=team, scope=SCOPE, expires_at=_in(30), by=admin)

    old.refresh_from_db()
    assert old.revoked_by == admin
    assert old.reason.startswith("Expired on ")
    assert new.in_force and not old.in_force


def test_the_database_holds_one_open_grant_per_organisation_and_scope(team):
    grant_expired(team, SCOPE)

    with pytest.raises(IntegrityError), transaction.atomic():
        grant_expired(team, SCOPE)


def test_grant_revoke_ends_it_with_the_reason_and_history(personas, team):
    grant = grant_make(team, SCOPE)
    admin = personas[Role.ADMINISTRATOR]

    revoked = services.grant_revoke(grant=grant, reason="  Mandate ended.  ", by=admin)

    assert (revoked.revoked_by, revoked.reason) == (admin, "Mandate ended.")
    assert revoked.revoked_at is not None and not revoked.in_force
    assert [h.history_type for h in grant.history.order_by("history_id")] == ["+", "~"]


def test_revoking_without_a_reason_is_refused_and_changes_nothing(personas, team):
    grant = grant_make(team, SCOPE)

    with pytest.raises(ValidationError) as error:
        services.grant_revoke(grant=grant, reason="   ", by=personas[Role.ADMINISTRATOR])

    grant.refresh_from_db()
    assert error.value.message_dict == {"reason": ["Say why the grant is revoked."]}
    assert grant.revoked_at is None


def test_revoking_twice_is_refused(personas, team):
    grant = grant_make(team, SCOPE)
    admin = personas[Role.ADMINISTRATOR]
    services.grant_revoke(grant=grant, reason="Ended.", by=admin)

    with pytest.raises(ValidationError) as error:
        services.grant_revoke(grant=grant, reason="Again.", by=admin)

    grant.refresh_from_db()
    assert error.value.messages == ["This grant was already revoked."]
    assert grant.reason == "Ended."
