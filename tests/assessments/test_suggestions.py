"""Reviewers' suggestions: who may make and decide them, and what accepting one writes.

Kenya's draft (tests/assessments/conftest.py) is in subcommittee B: "sub_b" (the
subcommittee member persona) reviews it once it is with the subcommittee.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from assessments import notifications as kinds
from assessments import selectors, services
from assessments.enums import AssessmentStatus, SuggestionStatus
from assessments.models import Answer, Assessment, AssessmentVersion, Suggestion
from ctc.accounts.enums import Role
from ctc.notifications.models import Notification
from tests.factories import (
    SubcommitteeFactory,
    UserFactory,
    answer_all,
    assessment_advance,
    finding_save,
    suggestion_make,
)

pytestmark = pytest.mark.django_db

S = AssessmentStatus
SAID = "<p>The State has adopted a law.</p>"
BETTER = "<p>The State has adopted a comprehensive law.</p>"


@pytest.fixture
def people(personas):
    """The personas, with full names for the people who suggest and decide."""
    for role, first, last in [
        (Role.CTED_EXPERT, "Amina", "Diallo"),
        (Role.CTED_COORDINATOR, "Carlos", "Mendes"),
        (Role.SUBCOMMITTEE_MEMBER, "Sofia", "Berg"),
        (Role.CHAIR, "Li", "Wei"),
    ]:
        person = personas[role]
        person.first_name, person.last_name = first, last
        person.save(update_fields=["first_name", "last_name"])
    return personas


@pytest.fixture
def reviewed(draft, people):
    """Kenya's file with the subcommittee, every finding saying SAID."""
    return assessment_advance(draft, S.WITH_SUBCOMMITTEE, people)


def _returned(assessment, people):
    """The file back to draft, returned by the subcommittee member."""
    return services.assessment_return(
        assessment=Assessment.objects.get(pk=assessment.pk),
        by=people[Role.SUBCOMMITTEE_MEMBER],
        comment="Please consider the suggested wording.",
    )


# --- Making a suggestion ---------------------------------------------------------------


def test_subcommittee_member_suggests_on_a_finding_from_the_text_as_saved(reviewed, people):
    answer = reviewed.answers.get(question__code="1.1")

    suggestion = suggestion_make(
        reviewed,
        people[Role.SUBCOMMITTEE_MEMBER],
        BETTER + '<script>alert("x")</script>',
        note="  More precise.  ",
    )

    assert Suggestion.objects.count() == 1
    assert (suggestion.part, suggestion.answer_id, suggestion.status) == (
        "answer",
        answer.pk,
        SuggestionStatus.OPEN,
    )
    assert (suggestion.base_text, suggestion.base_revision) == (SAID, answer.revision)
    assert suggestion.proposed_text == BETTER
    assert suggestion.note == "More precise."
    assert suggestion.author == people[Role.SUBCOMMITTEE_MEMBER]
    answer.refresh_from_db()
    assert answer.finding == SAID


def test_coordinator_suggests_on_a_draft_and_in_cted_review(draft, people):
    coordinator = people[Role.CTED_COORDINATOR]
    on_draft = suggestion_make(draft, coordinator, "<p>A cover note.</p>", code=None)
    answer_all(draft, people[Role.CTED_EXPERT])
    in_review = services.assessment_submit(assessment=draft, by=people[Role.CTED_EXPERT])

    later = suggestion_make(in_review, coordinator, BETTER)

    assert (on_draft.part, on_draft.base_text, on_draft.answer_id) == ("cover_note", "", None)
    assert later.base_text == SAID


def test_committee_members_suggest_once_the_file_is_with_the_committee(reviewed, people):
    with pytest.raises(PermissionDenied):
        suggestion_make(reviewed, people[Role.CHAIR], BETTER)
    with_committee = assessment_advance(reviewed, S.WITH_COMMITTEE, people)

    made = [suggestion_make(with_committee, people[role], BETTER) for role in (Role.CHAIR,)]
    made.append(suggestion_make(with_committee, people[Role.COMMITTEE_MEMBER], BETTER, code="1.2"))

    assert [s.author for s in made] == [people[Role.CHAIR], people[Role.COMMITTEE_MEMBER]]


def test_people_outside_the_reviewers_or_the_scope_cannot_suggest(reviewed, people):
    other_member = UserFactory(
        roles=[Role.SUBCOMMITTEE_MEMBER], subcommittee=SubcommitteeFactory(code="A")
    )
    refused = [
        people[Role.CTED_EXPERT],
        people[Role.ADMINISTRATOR],
        people[Role.FOCAL_POINT],
        people[Role.PARTNER_ANALYST],
        other_member,
    ]

    for person in refused:
        with pytest.raises(PermissionDenied):
            suggestion_make(reviewed, person, BETTER)

    assert Suggestion.objects.count() == 0


def test_no_suggestion_once_the_file_is_approved(reviewed, people):
    approved = assessment_advance(reviewed, S.APPROVED, people)

    with pytest.raises(ValidationError) as refused:
        suggestion_make(approved, people[Role.CTED_COORDINATOR], BETTER)

    assert refused.value.messages == [
        "Wording can be suggested while the assessment is a draft or in review."
    ]
    assert Suggestion.objects.count() == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (SAID, "This is the current text: change the wording to suggest it."),
        ("<p> </p>", "Write the wording you suggest."),
        ("<script>x</script>", "Write the wording you suggest."),
        ("<p>" + "x" * 20_001 + "</p>", "At most 20000 characters."),
    ],
)
def test_bad_wording_is_refused_and_nothing_is_written(reviewed, people, text, message):
    with pytest.raises(ValidationError) as refused:
        suggestion_make(reviewed, people[Role.SUBCOMMITTEE_MEMBER], text)

    assert refused.value.message_dict == {"proposed_text": [message]}
    assert Suggestion.objects.count() == 0


def test_a_note_too_long_or_a_finding_of_another_file_is_refused(reviewed, draft, people):
    member = people[Role.SUBCOMMITTEE_MEMBER]
    other = services.assessment_create(
        state=draft.state, fmt=draft.format, cycle=2013, by=people[Role.CTED_COORDINATOR]
    )

    with pytest.raises(ValidationError) as long_note:
        suggestion_make(reviewed, member, BETTER, note="x" * 4001)
    with pytest.raises(ValidationError) as foreign:
        services.suggestion_make(
            assessment=reviewed,
            part="answer",
            answer=other.answers.first(),
            proposed_text=BETTER,
            by=member,
        )
    with pytest.raises(ValidationError) as unknown:
        services.suggestion_make(
            assessment=reviewed, part="recommendations", proposed_text=BETTER, by=member
        )

    assert long_note.value.message_dict == {"note": ["At most 4000 characters."]}
    assert foreign.value.message_dict == {"part": ["Say which finding the suggestion is about."]}
    assert unknown.value.message_dict == {"part": ["Unknown part of the assessment."]}
    assert Suggestion.objects.count() == 0


def test_a_suggestion_on_a_text_saved_since_the_reviewer_read_it_is_refused(draft, people):
    answer = draft.answers.get(question__code="1.1")
    read = answer.revision
    finding_save(answer, SAID, people[Role.CTED_EXPERT])

    with pytest.raises(ValidationError) as refused:
        services.suggestion_make(
            assessment=draft,
            part="answer",
            answer=answer,
            proposed_text=BETTER,
            by=people[Role.CTED_COORDINATOR],
            revision=read,
        )

    assert refused.value.message_dict == {
        "proposed_text": [
            "The text was saved again while you wrote your suggestion. "
            "Read the new text and make your suggestion on it."
        ]
    }
    assert Suggestion.objects.count() == 0


# --- Accepting ------------------------------------------------------------------------


def test_accepting_saves_one_version_attributed_to_both(reviewed, people):
    suggestion = suggestion_make(reviewed, people[Role.SUBCOMMITTEE_MEMBER], BETTER)
    draft = _returned(reviewed, people)
    versions = draft.versions.count()
    expert = people[Role.CTED_EXPERT]

    accepted = services.suggestion_accept(suggestion=suggestion, by=expert)

    answer = Answer.objects.get(pk=suggestion.answer_id)
    assert answer.finding == BETTER
    assert (answer.updated_by, answer.revision) == (expert, suggestion.base_revision + 1)
    assert draft.versions.count() == versions + 1
    version = draft.versions.order_by("-number").first()
    assert (version.created_by, version.co_author) == (expert, people[Role.SUBCOMMITTEE_MEMBER])
    assert version.summary == "Finding 1.1: suggestion by Sofia Berg accepted by Amina Diallo"
    assert (accepted.status, accepted.decided_by, accepted.version) == (
        SuggestionStatus.ACCEPTED,
        expert,
        version,
    )
    assert accepted.decided_at is not None


def test_accepting_a_cover_note_suggestion_saves_the_note(draft, people):
    suggestion = suggestion_make(draft, people[Role.CTED_COORDINATOR], "<p>For B.</p>", code=None)

    services.suggestion_accept(suggestion=suggestion, by=people[Role.CTED_EXPERT])

    draft.refresh_from_db()
    version = draft.versions.order_by("-number").first()
    assert (draft.cover_note, draft.cover_note_revision) == ("<p>For B.</p>", 1)
    assert version.summary == "Cover note: suggestion by Carlos Mendes accepted by Amina Diallo"
    assert version.co_author == people[Role.CTED_COORDINATOR]


def test_a_stale_suggestion_cannot_be_accepted_and_nothing_changes(reviewed, people):
    suggestion = suggestion_make(reviewed, people[Role.SUBCOMMITTEE_MEMBER], BETTER)
    draft = _returned(reviewed, people)
    answer = draft.answers.get(question__code="1.1")
    finding_save(answer, "<p>The expert rewrote it.</p>", people[Role.CTED_EXPERT])
    versions = draft.versions.count()

    with pytest.raises(ValidationError) as refused:
        services.suggestion_accept(suggestion=suggestion, by=people[Role.CTED_EXPERT])

    assert refused.value.messages == [
        "The text changed since this suggestion was made, so it cannot be accepted as it is. "
        "Copy the wording you want into the editor, or reject the suggestion."
    ]
    answer.refresh_from_db()
    suggestion.refresh_from_db()
    assert answer.finding == "<p>The expert rewrote it.</p>"
    assert suggestion.status == SuggestionStatus.OPEN
    assert draft.versions.count() == versions


def test_suggestions_survive_new_versions_of_other_parts(reviewed, people):
    suggestion = suggestion_make(reviewed, people[Role.SUBCOMMITTEE_MEMBER], BETTER)
    draft = _returned(reviewed, people)
    finding_save(draft.answers.get(question__code="1.2"), "<p>Other.</p>", people[Role.CTED_EXPERT])
    services.note_save(
        assessment=draft,
        field="cover_note",
        text="<p>N.</p>",
        revision=0,
        by=people[Role.CTED_EXPERT],
    )

    services.suggestion_accept(suggestion=suggestion, by=people[Role.CTED_EXPERT])

    assert draft.answers.get(question__code="1.1").finding == BETTER


def test_only_an_editor_of_the_draft_decides(reviewed, people):
    suggestion = suggestion_make(reviewed, people[Role.SUBCOMMITTEE_MEMBER], BETTER)

    with pytest.raises(ValidationError) as not_draft:
        services.suggestion_accept(suggestion=suggestion, by=people[Role.CTED_EXPERT])
    _returned(reviewed, people)
    for person in (people[Role.SUBCOMMITTEE_MEMBER], people[Role.ADMINISTRATOR]):
        with pytest.raises(PermissionDenied):
            services.suggestion_accept(suggestion=suggestion, by=person)
        with pytest.raises(PermissionDenied):
            services.suggestion_reject(suggestion=suggestion, reason="No.", by=person)

    assert not_draft.value.messages == [
        "This assessment is no longer a draft; it cannot be edited."
    ]
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.OPEN


def test_a_decided_suggestion_is_not_decided_again(draft, people):
    suggestion = suggestion_make(draft, people[Role.CTED_COORDINATOR], "<p>A.</p>", code=None)
    services.suggestion_reject(suggestion=suggestion, reason="Not needed.", by=draft.assignee)

    for decide in (
        lambda: services.suggestion_accept(suggestion=suggestion, by=draft.assignee),
        lambda: services.suggestion_reject(
            suggestion=suggestion, reason="Again.", by=draft.assignee
        ),
    ):
        with pytest.raises(ValidationError) as refused:
            decide()
        assert refused.value.messages == ["This suggestion was already decided."]
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.reason) == (SuggestionStatus.REJECTED, "Not needed.")


# --- Rejecting --------------------------------------------------------------------------


def test_rejecting_needs_a_reason_and_keeps_it(draft, people):
    suggestion = suggestion_make(draft, people[Role.CTED_COORDINATOR], "<p>A.</p>", code=None)
    expert = people[Role.CTED_EXPERT]

    with pytest.raises(ValidationError) as refused:
        services.suggestion_reject(suggestion=suggestion, reason="   ", by=expert)
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.OPEN
    rejected = services.suggestion_reject(
        suggestion=suggestion, reason=" The note is addressed to B. ", by=expert
    )

    assert refused.value.message_dict == {"reason": ["Say why the suggestion is rejected."]}
    assert (rejected.status, rejected.reason, rejected.decided_by) == (
        SuggestionStatus.REJECTED,
        "The note is addressed to B.",
        expert,
    )
    draft.refresh_from_db()
    assert draft.cover_note == ""
    assert AssessmentVersion.objects.filter(assessment=draft).count() == 1


def test_tracked_change_marks_words_in_place_keeps_structure_and_escapes():
    old = "<p>A &lt;b&gt; law.</p><ul><li>One</li><li>Two</li></ul><p>Two.</p>"
    new = "<p>A new &lt;b&gt; <strong>law</strong>.</p><ul><li>One</li></ul><p>Three.</p>"

    tracked = selectors.tracked_change(old, new)

    assert tracked == (
        '<p>A<ins> new</ins> &lt;b&gt; <del class="diff-format">law</del>'
        '<ins class="diff-format"><strong>law</strong></ins>.</p>'
        "<ul><li>One</li><li><del>Two</del></li></ul>"
        "<p><del>Two</del><ins>Three</ins>.</p>"
    )
    assert selectors.tracked_change(old, new) == tracked  # the second time, from the cache


# --- Notifications ----------------------------------------------------------------------


def _told(kind: str) -> list[tuple[str, str]]:
    rows = Notification.objects.filter(kind=kind).order_by("pk")
    with translation.override("en"):
        return [(row.recipient.username, row.text) for row in rows]


def test_a_suggestion_tells_the_assigned_expert_and_its_answer_tells_its_author(reviewed, people):
    reviewer = people[Role.SUBCOMMITTEE_MEMBER]
    taken = suggestion_make(reviewed, reviewer, BETTER)
    declined = suggestion_make(reviewed, reviewer, "<p>Another wording.</p>", code="1.2")
    draft = _returned(reviewed, people)
    expert = people[Role.CTED_EXPERT]

    services.suggestion_accept(suggestion=taken, by=expert)
    services.suggestion_reject(suggestion=declined, reason="Too vague.", by=expert)

    made = "Sofia Berg suggested a change to question {code} of the assessment of Kenya (2012)."
    assert _told(kinds.SUGGESTION_MADE) == [
        (expert.username, made.format(code="1.1")),
        (expert.username, made.format(code="1.2")),
    ]
    assert _told(kinds.SUGGESTION_ANSWERED) == [
        (
            reviewer.username,
            "Amina Diallo accepted your suggestion on question 1.1 of the assessment of "
            "Kenya (2012).",
        ),
        (
            reviewer.username,
            "Amina Diallo rejected your suggestion on question 1.2 of the assessment of "
            "Kenya (2012): “Too vague.”",
        ),
    ]
    # The draft is out of the subcommittee member's scope: their link is their notifications.
    about = Notification.objects.filter(kind__in=[kinds.SUGGESTION_MADE, kinds.SUGGESTION_ANSWERED])
    urls = about.order_by("pk").values_list("url", flat=True)
    file = f"/en/assessments/{draft.pk}/"
    assert list(urls) == [file, file, "/en/notifications/", "/en/notifications/"]


def test_a_suggestion_on_an_unassigned_file_tells_the_coordinators(draft, people):
    coordinator = people[Role.CTED_COORDINATOR]
    services.assessment_assign(assessment=draft, assignee=None, due_on=None, by=coordinator)
    other = UserFactory(username="coordinator2", roles=[Role.CTED_COORDINATOR])

    suggestion_make(draft, coordinator, "<p>A.</p>", code=None)

    assert [name for name, _text in _told(kinds.SUGGESTION_MADE)] == [other.username]
