"""Consequential steps ask first: without confirm=1 the transition view answers with a page
saying what will happen and changes nothing; with it, the step is taken. Also the overdue
mark and people's full names on the assessment pages."""

import datetime

import pytest
from django.utils import timezone

from assessments import services
from assessments.enums import AssessmentStatus
from ctc.accounts.enums import Role
from tests.factories import UserFactory, answer_all
from tests.factories import assessment_advance as advance

pytestmark = pytest.mark.django_db
S = AssessmentStatus


def _url(assessment, suffix=""):
    return f"/en/assessments/{assessment.pk}/{suffix}"


@pytest.mark.parametrize(
    ("stage", "action", "role", "question", "consequences"),
    [
        (
            S.DRAFT,
            "submit",
            Role.CTED_EXPERT,
            "Submit the 2012 assessment of Kenya for CTED review?",
            [
                "Its status becomes “CTED review”.",
                "It goes to the CTED coordinators for review.",
                "It can no longer be edited unless a coordinator returns it.",
            ],
        ),
        (
            S.CTED_REVIEW,
            "send_to_subcommittee",
            Role.CTED_COORDINATOR,
            "Send the 2012 assessment of Kenya to subcommittee B?",
            [
                "Its status becomes “With the subcommittee”.",
                "It goes to the members of subcommittee B, who recommend it to the Committee "
                "or return it.",
                "CTED can no longer edit it unless it is returned.",
            ],
        ),
        (
            S.WITH_COMMITTEE,
            "approve",
            Role.CHAIR,
            "Approve the 2012 assessment of Kenya?",
            [
                "Its status becomes “Approved”.",
                "It goes to the secretariat to be sent to the State.",
                "The Committee can no longer return it.",
            ],
        ),
        (
            S.APPROVED,
            "send_to_state",
            Role.CTED_COORDINATOR,
            "Send the 2012 assessment of Kenya to the State?",
            [
                "Its status becomes “Sent to the State”.",
                "The text as it stands now is frozen as the sent version: it can no longer change.",
                "The focal points of Kenya are told by e-mail and can read it in their secure "
                "area.",
            ],
        ),
    ],
)
def test_transition_without_confirm_shows_what_will_happen_and_changes_nothing(
    client, draft, personas, stage, action, role, question, consequences
):
    answer_all(draft, personas[Role.CTED_EXPERT])
    assessment = advance(draft, stage, personas)
    history = assessment.transitions.count()
    client.force_login(personas[role])

    response = client.post(_url(assessment, "transition/"), {"action": action, "comment": "Ok."})

    assert response.status_code == 200
    assert response.templates[0].name == "assessments/confirm.html"
    preview = response.context["preview"]
    assert (preview.question, preview.consequences) == (question, consequences)
    html = response.content.decode()
    assert f'<input type="hidden" name="action" value="{action}">' in html
    assert '<input type="hidden" name="comment" value="Ok.">' in html
    assert '<input type="hidden" name="confirm" value="1">' in html
    assert f'<a class="button" href="/en/assessments/{assessment.pk}/">Cancel</a>' in html
    assessment.refresh_from_db()
    assert (assessment.status, assessment.transitions.count()) == (stage, history)


def test_transition_with_confirm_is_taken_with_its_comment(client, draft, personas):
    assessment = advance(draft, S.WITH_COMMITTEE, personas)
    client.force_login(personas[Role.CHAIR])

    response = client.post(
        _url(assessment, "transition/"),
        {"action": "approve", "comment": "Agreed by the Committee.", "confirm": "1"},
    )

    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == S.APPROVED
    assert assessment.transitions.latest("at").comment == "Agreed by the Committee."


def test_return_and_refused_steps_need_no_confirmation(client, draft, personas):
    review = advance(draft, S.CTED_REVIEW, personas)
    client.force_login(personas[Role.CTED_COORDINATOR])

    refused = client.post(_url(review, "transition/"), {"action": "send_to_state"})
    returned = client.post(_url(review, "transition/"), {"action": "return", "comment": "Why."})

    assert refused.status_code == 400
    assert "not possible while the assessment is" in refused.content.decode()
    assert returned.status_code == 302
    review.refresh_from_db()
    assert review.status == S.DRAFT


def test_overdue_is_marked_in_the_list_and_on_the_page_until_sent_onwards(client, draft, personas):
    services.assessment_assign(
        assessment=draft,
        assignee=personas[Role.CTED_EXPERT],
        due_on=timezone.localdate() - datetime.timedelta(days=1),
        by=personas[Role.CTED_COORDINATOR],
    )
    client.force_login(personas[Role.CTED_COORDINATOR])
    mark = '<span class="badge badge-overdue" data-testid="overdue">Overdue</span>'

    draft_page = client.get(_url(draft)).content.decode()
    draft_list = client.get("/en/assessments/").context["page"].object_list
    review = advance(draft, S.CTED_REVIEW, personas)
    review_page = client.get(_url(review)).content.decode()
    sent_on = advance(review, S.WITH_SUBCOMMITTEE, personas)
    sent_page = client.get(_url(sent_on)).content.decode()
    sent_list = client.get("/en/assessments/", {"overdue": "true"}).context["page"].object_list

    assert mark in draft_page and mark in review_page
    assert [a.is_overdue for a in draft_list] == [True]
    assert mark not in sent_page
    assert list(sent_list) == []


def test_experts_are_chosen_and_filtered_by_full_name(client, draft, personas):
    UserFactory(username="zz", first_name="Amina", last_name="Diallo", roles=[Role.CTED_EXPERT])
    UserFactory(username="aa", first_name="Pedro", last_name="Zapata", roles=[Role.CTED_EXPERT])
    personas[Role.CTED_EXPERT].first_name = "Lena"
    personas[Role.CTED_EXPERT].last_name = "Koval"
    personas[Role.CTED_EXPERT].save()
    client.force_login(personas[Role.CTED_COORDINATOR])

    form = client.get(_url(draft)).context["assign_form"]
    listing = client.get("/en/assessments/").content.decode()

    assert [label for _value, label in form.fields["assignee"].choices][1:] == [
        "Amina Diallo",
        "Lena Koval",
        "Pedro Zapata",
    ]
    assert '<option value="zz">Amina Diallo</option>' in listing
    assert '<td data-label="Assigned expert">Lena Koval</td>' in listing
