"""The report's pages: the editor (per-section htmx saves, conflicts with both texts,
suggestions inline as tracked changes), the steps with their comments, versions and their
comparison; bad input answers 400 with a message and changes nothing."""

import pytest
from django.urls import reverse
from django.utils import translation

from ctc.accounts.enums import Role
from ctc.revisions.enums import SuggestionStatus
from visits import report_services
from visits.enums import ReportSectionKey, ReportStatus

from .report_helpers import done_visit, report_at, section, write

pytestmark = pytest.mark.django_db
K = ReportSectionKey
EXPERT, COORDINATOR = Role.CTED_EXPERT, Role.CTED_COORDINATOR
HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _save_url(visit, key):
    return reverse("visits:report_section_save", args=[visit.pk, section(visit, key).pk])


def test_report_page_shows_an_editor_per_section_with_human_rights(client, personas):
    visit = report_at(personas)
    client.force_login(personas[EXPERT])

    page = client.get(reverse("visits:report", args=[visit.pk])).content.decode()

    for key in ("summary", "findings", "human_rights", "conclusions"):
        assert f'id="section-{key}-text"' in page
    assert ">Human rights</h2>" in page
    assert f'data-document="visit-report-{visit.pk}"' in page
    assert "Submit the report for CTED review" in page


def test_report_page_offers_to_start_a_report_not_started(client, personas):
    visit = done_visit(personas)
    client.force_login(personas[EXPERT])

    page = client.get(reverse("visits:report", args=[visit.pk])).content.decode()
    started = client.post(reverse("visits:report_start", args=[visit.pk]))

    assert "Start the report" in page
    assert started.status_code == 302
    visit.refresh_from_db()
    assert visit.report_status == ReportStatus.DRAFT


def test_htmx_section_save_returns_the_section_and_makes_a_version(client, personas):
    visit = report_at(personas)
    client.force_login(personas[EXPERT])

    response = client.post(
        _save_url(visit, K.SUMMARY),
        {"text": "<p>The visit went well.</p>", "revision": 0},
        headers=HTMX,
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith(
        '<section class="note-block report-section" id="section-summary"'
    )
    assert "Saved." in body
    assert 'name="revision" value="1"' in body
    assert visit.report_versions.count() == 3


def test_htmx_section_save_on_a_stale_revision_shows_both_texts(client, personas):
    visit = report_at(personas)
    write(visit, K.SUMMARY, "<p>Their text.</p>", personas[COORDINATOR])
    client.force_login(personas[EXPERT])

    response = client.post(
        _save_url(visit, K.SUMMARY), {"text": "<p>My text.</p>", "revision": 0}, headers=HTMX
    )

    assert response.status_code == 409
    body = response.content.decode()
    assert "Not saved: someone else saved this text while you were editing." in body
    assert "<del>Their</del>" in body and "<ins>My</ins>" in body
    assert "Keep mine" in body
    assert section(visit, K.SUMMARY).text == "<p>Their text.</p>"


def test_section_save_without_a_revision_is_refused_and_changes_nothing(client, personas):
    visit = report_at(personas)
    client.force_login(personas[EXPERT])

    response = client.post(_save_url(visit, K.SUMMARY), {"text": "<p>New.</p>"}, headers=HTMX)

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert section(visit, K.SUMMARY).text == ""


def test_suggestion_is_shown_inline_as_a_tracked_change(client, personas):
    visit = report_at(personas)
    write(visit, K.SUMMARY, "<p>The team met officials.</p>", personas[EXPERT])
    current = section(visit, K.SUMMARY)
    client.force_login(personas[COORDINATOR])

    added = client.post(
        reverse("visits:report_suggestion_add", args=[visit.pk]),
        {
            "section": current.pk,
            "proposed_text": "<p>The team met senior officials.</p>",
            "note": "More precise.",
            "revision": current.revision,
        },
    )
    client.force_login(personas[EXPERT])
    page = client.get(reverse("visits:report", args=[visit.pk])).content.decode()

    assert added.status_code == 302
    assert "<p>The team met <ins>senior </ins>officials.</p>" in page
    assert "More precise." in page
    assert ">Accept</button>" in page


def test_suggestion_reject_without_a_reason_says_why_and_changes_nothing(client, personas):
    visit = report_at(personas)
    suggestion = report_services.report_suggestion_make(
        section=section(visit, K.SUMMARY),
        proposed_text="<p>Other.</p>",
        by=personas[COORDINATOR],
    )
    client.force_login(personas[EXPERT])

    response = client.post(
        reverse("visits:report_suggestion_reject", args=[visit.pk, suggestion.pk]),
        {"reason": ""},
    )

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.OPEN


def test_accepting_a_suggestion_from_the_page_saves_its_text(client, personas):
    visit = report_at(personas)
    suggestion = report_services.report_suggestion_make(
        section=section(visit, K.SUMMARY),
        proposed_text="<p>Accepted text.</p>",
        by=personas[COORDINATOR],
    )
    client.force_login(personas[EXPERT])

    response = client.post(
        reverse("visits:report_suggestion_accept", args=[visit.pk, suggestion.pk])
    )

    assert response.status_code == 302
    assert section(visit, K.SUMMARY).text == "<p>Accepted text.</p>"


def test_return_without_a_comment_shows_the_message_beside_the_form(client, personas):
    visit = report_at(personas, ReportStatus.CTED_REVIEW)
    client.force_login(personas[COORDINATOR])

    response = client.post(
        reverse("visits:report_transition", args=[visit.pk]),
        {"action": "return_report", "comment": ""},
    )

    assert response.status_code == 400
    body = response.content.decode()
    assert "Say why the report is returned." in body
    assert 'id="action-return_report-errors"' in body
    visit.refresh_from_db()
    assert visit.report_status == ReportStatus.CTED_REVIEW


def test_submit_from_the_page_moves_the_report_and_shows_the_step(client, personas):
    visit = report_at(personas)
    client.force_login(personas[EXPERT])

    response = client.post(
        reverse("visits:report_transition", args=[visit.pk]),
        {"action": "submit_report", "comment": "Ready."},
        follow=True,
    )

    visit.refresh_from_db()
    assert visit.report_status == ReportStatus.CTED_REVIEW
    body = response.content.decode()
    assert "Submit the report for CTED review</strong>" in body
    assert "Ready." in body


def test_unknown_action_is_refused_with_a_message(client, personas):
    visit = report_at(personas)
    client.force_login(personas[EXPERT])

    response = client.post(
        reverse("visits:report_transition", args=[visit.pk]), {"action": "explode"}
    )

    assert response.status_code == 400
    assert "Choose an action from the list." in response.content.decode()


def test_versions_page_lists_each_save_and_compare_marks_the_change(client, personas):
    visit = report_at(personas)
    write(visit, K.FINDINGS, "<p>The law was adopted.</p>", personas[EXPERT])
    write(visit, K.FINDINGS, "<p>The law was amended.</p>", personas[COORDINATOR])
    client.force_login(personas[EXPERT])

    versions = client.get(reverse("visits:report_versions", args=[visit.pk])).content.decode()
    compare = client.get(
        reverse("visits:report_compare", args=[visit.pk]), {"a": 3, "b": 4}
    ).content.decode()

    assert "4 versions" in versions
    assert versions.count('<td data-label="What changed">Observations') == 2
    assert "Version 3 compared with version 4" in compare
    assert "<del>adopted</del>" in compare and "<ins>amended</ins>" in compare


def test_compare_with_an_unknown_version_is_not_found(client, personas):
    visit = report_at(personas)
    client.force_login(personas[EXPERT])

    response = client.get(reverse("visits:report_compare", args=[visit.pk]), {"a": 1, "b": 99})

    assert response.status_code == 404


def test_transmitted_report_page_lists_the_filed_document(
    client, personas, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        visit = report_at(personas, ReportStatus.TRANSMITTED)
    client.force_login(personas[COORDINATOR])

    page = client.get(reverse("visits:report", args=[visit.pk])).content.decode()

    assert "In the document area" in page
    assert f"Report of the visit to Kenya ({visit.reference})" in page
