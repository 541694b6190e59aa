"""The dialogue log: CTED experts and coordinators record an exchange with a State from its
timeline page, through one service; bad input is refused with a message and saves nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ctc.accounts.enums import Role
from ctc.states import services
from ctc.states.demo import DEMO_DIALOGUE, demo_dialogue_seed
from ctc.states.models import DialogueEntry, MemberState
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/en/dashboard/states/KEN/dialogue/"
VALID = {
    "held_on": "2012-03-01",
    "kind": "video",
    "participants": "Ministry of Justice",
    "summary": "Exchange on the draft law.",
    "link": "https://example.org/minutes",
}


def test_dialogue_form_records_the_entry_with_its_author_and_history(client, personas):
    expert = personas[Role.CTED_EXPERT]
    client.force_login(expert)

    response = client.post(URL, VALID, follow=True)

    entry = DialogueEntry.objects.get()
    assert (entry.state.iso3, entry.held_on, entry.kind) == (
        "KEN",
        datetime.date(2012, 3, 1),
        "video",
    )
    assert (entry.summary, entry.participants) == (
        "Exchange on the draft law.",
        "Ministry of Justice",
    )
    assert entry.recorded_by == expert
    assert entry.history.count() == 1
    assert response.redirect_chain == [("/en/dashboard/states/KEN/", 302)]
    assert "The dialogue entry is recorded." in response.content.decode()
    assert [e.title for e, _label in response.context["entries"]] == [
        "Video conference with the capital"
    ]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"held_on": ""}, "held_on", "This field is required."),
        ({"held_on": "2012-02-30"}, "held_on", "Enter a valid date."),
        ({"kind": "telepathy"}, "kind", "Select a valid choice. telepathy is not one of"),
        ({"summary": ""}, "summary", "This field is required."),
        ({"link": "not a link"}, "link", "Enter a valid URL."),
    ],
)
def test_dialogue_form_refuses_bad_input_with_a_message_and_saves_nothing(
    client, personas, change, field, message
):
    client.force_login(personas[Role.CTED_COORDINATOR])

    response = client.post(URL, {**VALID, **change})

    assert response.status_code == 400
    assert DialogueEntry.objects.count() == 0
    errors = response.context["dialogue_form"].errors
    assert list(errors) == [field]
    assert errors[field][0].startswith(message)
    assert f'id="id_{field}_error"' in response.content.decode()


def test_dialogue_form_in_french_answers_in_french(client, personas):
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.post("/fr/dashboard/states/KEN/dialogue/", {**VALID, "held_on": ""})

    assert response.status_code == 400
    assert response.context["dialogue_form"].errors["held_on"] == ["Ce champ est obligatoire."]


def test_dialogue_record_refuses_someone_who_does_not_log_the_dialogue(personas):
    kenya = MemberState.objects.get(iso3="KEN")
    for role in (Role.CHAIR, Role.ADMINISTRATOR, Role.FOCAL_POINT):
        with pytest.raises(PermissionDenied):
            services.dialogue_record(
                state=kenya,
                held_on=datetime.date(2012, 3, 1),
                kind="letter",
                summary="A letter.",
                by=personas[role],
            )
    assert DialogueEntry.objects.count() == 0


def test_dialogue_record_refuses_an_unknown_kind(personas):
    kenya = MemberState.objects.get(iso3="KEN")

    with pytest.raises(ValidationError) as raised:
        services.dialogue_record(
            state=kenya,
            held_on=datetime.date(2012, 3, 1),
            kind="rumour",
            summary="Heard.",
            by=personas[Role.CTED_EXPERT],
        )

    assert list(raised.value.message_dict) == ["kind"]
    assert DialogueEntry.objects.count() == 0


def test_dialogue_form_is_shown_to_writers_only(client, personas):
    for role, shown in ((Role.CTED_EXPERT, True), (Role.CHAIR, False)):
        client.force_login(personas[role])

        response = client.get("/en/dashboard/states/KEN/")

        assert (URL in response.content.decode()) is shown


def test_demo_dialogue_is_seeded_once(personas):
    expert = personas[Role.CTED_EXPERT]  # username "expert", as the demo account

    first = demo_dialogue_seed()
    second = demo_dialogue_seed()

    assert first == second == len(DEMO_DIALOGUE)
    assert set(DialogueEntry.objects.values_list("recorded_by", flat=True)) == {expert.pk}
    assert set(DialogueEntry.objects.values_list("state__iso3", flat=True)) == {
        "COL",
        "IDN",
        "KEN",
        "MAR",
    }


def test_demo_dialogue_waits_for_the_demo_expert():
    assert demo_dialogue_seed() == 0


def test_dialogue_is_not_added_in_the_admin(client, personas):
    client.force_login(personas[Role.ADMINISTRATOR])

    response = client.get("/en/admin/states/dialogueentry/add/")

    assert response.status_code == 403


def _entry(author, **values) -> DialogueEntry:
    return services.dialogue_record(
        state=MemberState.objects.get(iso3="KEN"),
        held_on=values.get("held_on", datetime.date(2012, 3, 1)),
        kind=values.get("kind", "letter"),
        summary=values.get("summary", "A letter on the draft law."),
        by=author,
    )


def test_the_author_corrects_an_entry_and_every_version_is_kept(client, personas):
    expert = personas[Role.CTED_EXPERT]
    entry = _entry(expert)
    client.force_login(expert)
    url = f"/en/dashboard/states/KEN/dialogue/{entry.pk}/"

    timeline = client.get("/en/dashboard/states/KEN/").content.decode()
    response = client.post(url, {**VALID, "summary": "A letter on the revised draft law."})
    page = client.get(url).content.decode()

    entry.refresh_from_db()
    assert url in timeline
    assert response.status_code == 302
    assert (entry.summary, entry.kind, entry.held_on) == (
        "A letter on the revised draft law.",
        "video",
        datetime.date(2012, 3, 1),
    )
    versions = list(entry.history.order_by("history_date"))
    assert [v.summary for v in versions] == [
        "A letter on the draft law.",
        "A letter on the revised draft law.",
    ]
    assert {v.history_user for v in versions} == {expert}
    assert page.index("A letter on the revised draft law.") < page.index(
        "A letter on the draft law."
    )


def test_a_correction_that_changes_nothing_adds_no_version(personas):
    expert = personas[Role.CTED_EXPERT]
    entry = _entry(expert)

    services.dialogue_correct(
        entry=entry,
        by=personas[Role.CTED_COORDINATOR],
        held_on=entry.held_on,
        kind=entry.kind,
        summary=f"  {entry.summary} ",
        participants="",
        link="",
    )

    assert entry.history.count() == 1


def test_a_bad_correction_is_refused_on_its_field_and_changes_nothing(client, personas):
    expert = personas[Role.CTED_EXPERT]
    entry = _entry(expert)
    client.force_login(personas[Role.CTED_COORDINATOR])

    response = client.post(
        f"/fr/dashboard/states/KEN/dialogue/{entry.pk}/", {**VALID, "summary": "", "kind": "x"}
    )

    entry.refresh_from_db()
    assert response.status_code == 400
    assert response.context["form"].errors["summary"] == ["Ce champ est obligatoire."]
    assert "kind" in response.context["form"].errors
    assert entry.summary == "A letter on the draft law."
    assert entry.history.count() == 1


def test_another_expert_may_not_correct_an_entry_nor_see_the_link(client, personas):
    entry = _entry(personas[Role.CTED_EXPERT])
    other = UserFactory(username="expert_two", roles=[Role.CTED_EXPERT])
    client.force_login(other)
    url = f"/en/dashboard/states/KEN/dialogue/{entry.pk}/"

    timeline = client.get("/en/dashboard/states/KEN/").content.decode()

    assert url not in timeline
    assert client.post(url, VALID).status_code == 403
    with pytest.raises(PermissionDenied):
        services.dialogue_correct(entry=entry, by=other, summary="Changed.")
    entry.refresh_from_db()
    assert entry.summary == "A letter on the draft law."


def test_an_entry_is_corrected_only_under_its_own_state(client, personas):
    entry = _entry(personas[Role.CTED_EXPERT])
    client.force_login(personas[Role.CTED_COORDINATOR])

    response = client.get(f"/en/dashboard/states/FRA/dialogue/{entry.pk}/")

    assert response.status_code == 404
