import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from assistance import services
from assistance.models import Need
from ctc.accounts.enums import Role
from ctc.states.models import MemberState
from ctc.themes.models import ThematicArea
from tests.factories import NeedFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def area():
    return ThematicArea.objects.get(code="legislation")


def _create(personas, **overrides):
    fields = {
        "state": MemberState.objects.get(iso3="KEN"),
        "thematic_area": ThematicArea.objects.get(code="legislation"),
        "description": "Drafting of a counter-terrorism financing law.",
        "priority": "high",
        "source": "state_request",
        "by": personas[Role.CTED_EXPERT],
    }
    return services.need_create(**{**fields, **overrides})


def _errors(exc) -> dict:
    return exc.value.message_dict


def test_need_create_records_an_open_unshared_need_with_history(personas, area):
    need = _create(personas, wanted_from=D(2012, 3, 1), wanted_until=D(2012, 12, 31))

    need.refresh_from_db()
    assert (need.state.iso3, need.thematic_area, need.priority) == ("KEN", area, "high")
    assert (need.status, need.shared_with_donors) == ("open", False)
    assert need.created_by.username == "expert"
    assert [(h.history_type, h.history_user.username) for h in need.history.all()] == [
        ("+", "expert")
    ]


def test_need_create_takes_the_state_and_area_by_their_codes(personas, area):
    need = _create(personas, state="ken", thematic_area="legislation")

    assert (need.state.iso3, need.thematic_area_id) == ("KEN", area.pk)


@pytest.mark.parametrize(
    "overrides,field,message",
    [
        ({"description": "  "}, "description", "Describe the assistance the State needs."),
        ({"thematic_area": "astrology"}, "thematic_area", "Unknown thematic area “astrology”."),
        ({"thematic_area": None}, "thematic_area", "Choose a thematic area."),
        ({"state": "XXX"}, "state", "Choose a member state."),
        (
            {"priority": "urgent"},
            "priority",
            "Unknown priority “urgent”: choose high, medium or low.",
        ),
        ({"source": "rumour"}, "source", "Unknown source “rumour”."),
        (
            {"wanted_from": D(2012, 6, 1), "wanted_until": D(2012, 5, 31)},
            "wanted_until",
            "“Wanted until” cannot be before “wanted from”.",
        ),
    ],
)
def test_need_create_refuses_bad_input_with_its_message(personas, overrides, field, message):
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        _create(personas, **overrides)

    assert _errors(exc) == {field: [message]}
    assert Need.objects.count() == 0


@pytest.mark.parametrize(
    "role", [Role.DONOR, Role.COMMITTEE_MEMBER, Role.PARTNER_ANALYST, Role.ADMINISTRATOR]
)
def test_need_create_is_refused_to_all_but_cted_writers(personas, role):
    with pytest.raises(PermissionDenied):
        _create(personas, by=personas[role])

    assert Need.objects.count() == 0


def test_need_update_saves_the_change_with_its_editor(personas, area):
    need = NeedFactory()
    coordinator = personas[Role.CTED_COORDINATOR]

    services.need_update(
        need=need,
        state="FRA",
        thematic_area=area,
        description="Revised.",
        priority="low",
        source="analysis",
        by=coordinator,
    )

    need.refresh_from_db()
    assert (need.state.iso3, need.description, need.priority, need.source) == (
        "FRA",
        "Revised.",
        "low",
        "analysis",
    )
    assert need.history.first().history_user == coordinator


def test_need_update_without_a_change_records_no_history(personas):
    need = NeedFactory()
    before = need.history.count()

    services.need_update(
        need=need,
        state=need.state,
        thematic_area=need.thematic_area,
        description=need.description,
        priority=need.priority,
        source=need.source,
        by=personas[Role.CTED_EXPERT],
    )

    assert need.history.count() == before


def test_need_update_of_a_withdrawn_need_is_refused(personas):
    need = NeedFactory(status="withdrawn")

    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.need_update(
            need=need,
            state=need.state,
            thematic_area=need.thematic_area,
            description="Changed.",
            priority="low",
            source=need.source,
            by=personas[Role.CTED_EXPERT],
        )

    assert exc.value.messages == ["This is not possible while the need is “Withdrawn”."]
    need.refresh_from_db()
    assert need.description != "Changed."


def test_need_consent_record_shares_then_withdraws_with_date_and_reference(personas):
    need = NeedFactory()
    expert = personas[Role.CTED_EXPERT]

    services.need_consent_record(
        need=need, shared=True, dated=D(2012, 4, 2), reference="NV/KEN/12/4", by=expert
    )
    need.refresh_from_db()
    shared = (need.shared_with_donors, need.consent_recorded_on, need.consent_reference)
    services.need_consent_record(need=need, shared=False, dated=D(2012, 9, 1), by=expert)
    need.refresh_from_db()

    assert shared == (True, D(2012, 4, 2), "NV/KEN/12/4")
    assert (need.shared_with_donors, need.consent_recorded_on, need.consent_reference) == (
        False,
        D(2012, 9, 1),
        "",
    )
    assert [h.shared_with_donors for h in need.history.order_by("history_id")] == [
        False,
        True,
        False,
    ]


def test_need_consent_record_needs_a_date_not_in_the_future(personas):
    need = NeedFactory()
    expert = personas[Role.CTED_EXPERT]
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)

    with translation.override("en"), pytest.raises(ValidationError) as missing:
        services.need_consent_record(need=need, shared=True, dated=None, by=expert)
    with translation.override("en"), pytest.raises(ValidationError) as future:
        services.need_consent_record(need=need, shared=True, dated=tomorrow, by=expert)

    assert _errors(missing) == {"dated": ["Give the date of the State's answer."]}
    assert _errors(future) == {"dated": ["The date cannot be in the future."]}
    need.refresh_from_db()
    assert need.shared_with_donors is False


def test_need_consent_record_is_refused_to_a_donor(personas):
    need = NeedFactory()

    with pytest.raises(PermissionDenied):
        services.need_consent_record(
            need=need, shared=True, dated=D(2012, 1, 1), by=personas[Role.DONOR]
        )


def test_need_withdraw_then_reopen(personas):
    need = NeedFactory(status="matched")
    expert = personas[Role.CTED_EXPERT]

    services.need_withdraw(need=need, by=expert)
    withdrawn = Need.objects.get(pk=need.pk).status
    services.need_reopen(need=need, by=expert)

    assert withdrawn == "withdrawn"
    assert Need.objects.get(pk=need.pk).status == "open"
    assert [h.status for h in need.history.order_by("history_id")] == [
        "matched",
        "withdrawn",
        "open",
    ]


def test_need_reopen_of_an_open_need_is_refused(personas):
    need = NeedFactory()

    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.need_reopen(need=need, by=personas[Role.CTED_EXPERT])

    assert exc.value.messages == [
        "Only a withdrawn or met need can be opened again (this one is “Open”)."
    ]
