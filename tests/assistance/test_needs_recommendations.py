"""One click from a recommendation (of a visit, of an assessment) to an assistance need,
through the hooks the assistance app registers in ctc.registry."""

import pytest
from django.contrib.contenttypes.models import ContentType

from assessments.models import Recommendation as PiaRecommendation
from assistance import services
from assistance.models import Need
from ctc.accounts.enums import Role
from ctc.registry import site
from ctc.themes.models import ThematicArea
from tests.factories import AssessmentFactory, AssessmentFormatFactory, VisitRecommendationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def visit_recommendation(personas):
    return VisitRecommendationFactory(
        priority="high",
        thematic_area=ThematicArea.objects.get(code="border-control"),
        text="Equip the border posts with passenger screening.",
    )


@pytest.fixture
def assessment(personas):
    assessment = AssessmentFactory(
        format=AssessmentFormatFactory(by=personas[Role.ADMINISTRATOR]), people=personas
    )
    PiaRecommendation.objects.create(
        assessment=assessment,
        position=1,
        text="Criminalise the financing of travel.",
        thematic_area=ThematicArea.objects.get(code="legislation"),
    )
    return assessment


def test_both_hooks_are_registered_by_the_assistance_app():
    assert site.need_from_recommendation == services.need_from_recommendation
    assert site.need_from_pia_recommendation == services.need_from_pia_recommendation


def test_need_from_a_visit_recommendation_takes_its_state_area_priority_and_text(
    personas, visit_recommendation
):
    need = services.need_from_recommendation(visit_recommendation, personas[Role.CTED_EXPERT])

    assert need.state == visit_recommendation.visit.state
    assert (need.thematic_area.code, need.priority, need.source) == (
        "border-control",
        "high",
        "visit_recommendation",
    )
    assert need.description == "Equip the border posts with passenger screening."
    assert need.source_object == visit_recommendation
    assert (need.status, need.shared_with_donors) == ("open", False)


def test_visit_button_records_the_need_once_and_a_second_click_finds_it(
    client, personas, visit_recommendation
):
    client.force_login(personas[Role.CTED_EXPERT])
    url = f"/en/visits/recommendations/{visit_recommendation.pk}/assistance-need/"

    first = client.post(url)
    second = client.post(url)

    assert first.status_code == second.status_code == 302
    assert first["Location"] == f"/en/visits/{visit_recommendation.visit_id}/recommendations/"
    kind = ContentType.objects.get_for_model(visit_recommendation)
    needs = Need.objects.filter(source_type=kind, source_id=visit_recommendation.pk)
    assert needs.count() == 1
    assert Need.objects.count() == 1


def test_visit_button_is_404_to_the_chair_before_the_report_is_approved(
    client, personas, visit_recommendation
):
    client.force_login(personas[Role.CHAIR])

    response = client.post(f"/en/visits/recommendations/{visit_recommendation.pk}/assistance-need/")

    assert response.status_code == 404
    assert Need.objects.count() == 0


def test_need_page_links_back_to_the_visit_recommendation(client, personas, visit_recommendation):
    need = services.need_from_recommendation(visit_recommendation, personas[Role.CTED_EXPERT])
    client.force_login(personas[Role.CTED_COORDINATOR])

    html = client.get(f"/en/assistance/needs/{need.pk}/").content.decode()

    link = (
        f'href="/en/visits/{visit_recommendation.visit_id}/recommendations/'
        f'#recommendation-{visit_recommendation.pk}">Recommendation of a country visit</a>'
    )
    assert link in html


def test_need_from_a_pia_recommendation_is_high_priority_of_the_assessed_state(
    personas, assessment
):
    recommendation = assessment.recommendations.get()

    need = services.need_from_pia_recommendation(recommendation, personas[Role.CTED_EXPERT])
    again = services.need_from_pia_recommendation(recommendation, personas[Role.CTED_COORDINATOR])

    assert again == need
    assert (need.state, need.thematic_area.code, need.priority, need.source) == (
        assessment.state,
        "legislation",
        "high",
        "pia_recommendation",
    )
    assert need.source_object == recommendation
    assert need.created_by.username == "expert"


def test_assessment_page_shows_the_need_button_to_cted_writers_only(client, personas, assessment):
    recommendation = assessment.recommendations.get()
    action = f"/en/assessments/{assessment.pk}/recommendations/{recommendation.pk}/need/"
    pages = {}
    for role in (Role.CTED_EXPERT, Role.ADMINISTRATOR):
        client.force_login(personas[role])
        pages[role] = client.get(f"/en/assessments/{assessment.pk}/").content.decode()

    assert f'action="{action}"' in pages[Role.CTED_EXPERT]
    assert "Record as an assistance need" in pages[Role.CTED_EXPERT]
    assert "Record as an assistance need" not in pages[Role.ADMINISTRATOR]


def test_assessment_page_has_no_need_button_without_the_hook(
    client, personas, assessment, monkeypatch
):
    monkeypatch.setattr(site, "need_from_pia_recommendation", None)
    client.force_login(personas[Role.CTED_EXPERT])

    html = client.get(f"/en/assessments/{assessment.pk}/").content.decode()

    assert "Record as an assistance need" not in html


def test_assessment_button_records_the_need_once_and_a_second_click_finds_it(
    client, personas, assessment
):
    recommendation = assessment.recommendations.get()
    client.force_login(personas[Role.CTED_EXPERT])
    url = f"/en/assessments/{assessment.pk}/recommendations/{recommendation.pk}/need/"

    first = client.post(url)
    second = client.post(url, follow=True)

    assert first.status_code == 302
    assert first["Location"] == f"/en/assessments/{assessment.pk}/#recommendations"
    assert "The recommendation is recorded as an assistance need." in second.content.decode()
    assert list(Need.objects.values_list("source", "source_id")) == [
        ("pia_recommendation", recommendation.pk)
    ]


def test_assessment_button_without_the_hook_answers_400_and_records_nothing(
    client, personas, assessment, monkeypatch
):
    monkeypatch.setattr(site, "need_from_pia_recommendation", None)
    recommendation = assessment.recommendations.get()
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.post(
        f"/en/assessments/{assessment.pk}/recommendations/{recommendation.pk}/need/"
    )

    assert response.status_code == 400
    assert "Technical assistance is not available yet." in response.content.decode()
    assert Need.objects.count() == 0


def test_assessment_button_of_another_assessments_recommendation_is_404(
    client, personas, assessment
):
    other = AssessmentFactory(format=assessment.format, cycle=2030, people=personas)
    recommendation = assessment.recommendations.get()
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.post(f"/en/assessments/{other.pk}/recommendations/{recommendation.pk}/need/")

    assert response.status_code == 404
    assert Need.objects.count() == 0


def test_a_need_survives_the_assessment_saving_its_recommendations_anew(personas, assessment):
    from assessments.services import recommendations_save

    expert = personas[Role.CTED_EXPERT]
    first = assessment.recommendations.get()
    need = services.need_from_pia_recommendation(first, expert)
    legislation = ThematicArea.objects.get(code="legislation")
    border = ThematicArea.objects.get(code="border-control")
    # A second recommendation added in front: the assessment writes every row anew.
    recommendations_save(
        assessment=assessment,
        items=[
            ("Secure the borders.", border),
            ("Criminalise the financing of travel.", legislation),
        ],
        revision=assessment.recommendations_revision,
        by=expert,
    )
    renewed = assessment.recommendations.get(text="Criminalise the financing of travel.")

    found = services.need_from_pia_recommendation(renewed, expert)

    assert renewed.pk != first.pk
    assert found == need
    assert Need.objects.get(pk=need.pk).source_object == renewed
    assert Need.objects.count() == 1
