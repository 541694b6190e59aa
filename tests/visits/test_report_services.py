"""The visit report's services: start, guarded saves and versions, suggestions, the workflow
with its human-rights gate, and transmission through the document area."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from ctc.accounts.enums import Role
from ctc.notifications.models import Notification
from ctc.revisions import EditConflict, version_parts
from ctc.revisions.enums import SuggestionStatus
from ctc.states.models import MemberState
from docs_tracker.models import Document, Receipt
from tests.assessments.pdf_text import pdf_characters
from tests.factories import UserFactory, VisitFactory
from visits import report_notifications, report_selectors, report_services, report_tasks
from visits.enums import ReportSectionKey, ReportStatus, VisitStatus
from visits.models import Visit, VisitReportTransmission, VisitTransition

from .report_helpers import HUMAN_RIGHTS, done_visit, report_at, section, write

pytestmark = pytest.mark.django_db
K = ReportSectionKey
EXPERT, COORDINATOR = Role.CTED_EXPERT, Role.CTED_COORDINATOR


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


# --- Start -----------------------------------------------------------------------------------
def test_report_start_creates_the_four_sections_a_draft_and_version_one(personas):
    visit = done_visit(personas)

    started = report_services.report_start(visit=visit, by=personas[EXPERT])

    assert started.report_status == ReportStatus.DRAFT
    assert list(started.report_sections.values_list("key", "text", "revision")) == [
        ("summary", "", 0),
        ("findings", "", 0),
        ("human_rights", "", 0),
        ("conclusions", "", 0),
    ]
    (version,) = started.report_versions.all()
    assert (version.number, version.created_by) == (1, personas[EXPERT])
    assert version_parts(started.report_versions) == {
        "summary": "",
        "findings": "",
        "human_rights": "",
        "conclusions": "",
    }


def test_report_start_refuses_a_visit_not_carried_out(personas):
    visit = VisitFactory(status=VisitStatus.CONFIRMED, consent_status="given")

    with pytest.raises(ValidationError):
        report_services.report_start(visit=visit, by=personas[EXPERT])

    visit.refresh_from_db()
    assert (visit.report_status, visit.report_sections.count()) == (ReportStatus.NOT_STARTED, 0)


def test_report_start_twice_is_refused(personas):
    visit = done_visit(personas)
    report_services.report_start(visit=visit, by=personas[EXPERT])

    with pytest.raises(ValidationError):
        report_services.report_start(visit=visit, by=personas[COORDINATOR])

    assert visit.report_sections.count() == 4


def test_report_start_by_a_committee_member_is_forbidden(personas):
    visit = done_visit(personas)

    with pytest.raises(PermissionDenied):
        report_services.report_start(visit=visit, by=personas[Role.COMMITTEE_MEMBER])


# --- Saves -----------------------------------------------------------------------------------
def test_section_save_sanitises_and_records_a_version_of_that_section_only(personas):
    visit = report_at(personas)
    summary = section(visit, K.SUMMARY)

    saved = report_services.report_section_save(
        section=summary,
        text='<p onclick="x()">The team met <script>alert(1)</script>officials.</p>',
        revision=summary.revision,
        by=personas[COORDINATOR],
    )

    assert (saved.text, saved.revision) == ("<p>The team met officials.</p>", 1)
    assert saved.updated_by == personas[COORDINATOR]
    latest = visit.report_versions.order_by("-number").first()
    assert (latest.number, latest.summary, latest.manifest[0][0]) == (3, "Summary", "summary")
    assert len(latest.manifest) == 1
    parts = version_parts(visit.report_versions)
    assert (parts["summary"], parts["human_rights"]) == (saved.text, HUMAN_RIGHTS)


def test_section_save_of_the_same_text_writes_nothing(personas):
    visit = report_at(personas)
    current = section(visit, K.HUMAN_RIGHTS)

    saved = report_services.report_section_save(
        section=current, text=HUMAN_RIGHTS, revision=current.revision, by=personas[EXPERT]
    )

    assert saved.revision == current.revision == 1
    assert visit.report_versions.count() == 2


def test_section_save_on_a_stale_revision_raises_a_conflict_and_writes_nothing(personas):
    visit = report_at(personas)
    write(visit, K.FINDINGS, "<p>Theirs.</p>", personas[COORDINATOR])

    with pytest.raises(EditConflict) as raised:
        report_services.report_section_save(
            section=section(visit, K.FINDINGS),
            text="<p>Mine.</p>",
            revision=0,
            by=personas[EXPERT],
        )

    assert raised.value.submitted == {"text": "<p>Mine.</p>"}
    assert raised.value.current.text == "<p>Theirs.</p>"
    assert section(visit, K.FINDINGS).text == "<p>Theirs.</p>"
    assert visit.report_versions.count() == 3


def test_section_save_is_refused_once_the_report_is_with_the_committee(personas):
    visit = report_at(personas, ReportStatus.WITH_COMMITTEE)
    current = section(visit, K.SUMMARY)

    with pytest.raises(ValidationError):
        report_services.report_section_save(
            section=current, text="<p>Late.</p>", revision=0, by=personas[EXPERT]
        )

    assert section(visit, K.SUMMARY).text == ""


def test_section_save_by_a_committee_member_is_forbidden(personas):
    visit = report_at(personas)

    with pytest.raises(PermissionDenied):
        write(visit, K.SUMMARY, "<p>No.</p>", personas[Role.COMMITTEE_MEMBER])


def test_section_save_over_the_limit_is_refused_with_a_message(personas):
    visit = report_at(personas)

    with pytest.raises(ValidationError) as raised:
        write(visit, K.SUMMARY, "<p>" + "a" * 100_001 + "</p>", personas[EXPERT])

    assert raised.value.message_dict == {"text": ["At most 100000 characters."]}
    assert section(visit, K.SUMMARY).text == ""


# --- Suggestions -----------------------------------------------------------------------------
def _suggest(visit, person, text="<p>The team met <em>senior</em> officials.</p>"):
    current = section(visit, K.SUMMARY)
    return report_services.report_suggestion_make(
        section=current, proposed_text=text, note="Clearer.", revision=current.revision, by=person
    )


def test_suggestion_accepted_saves_the_text_with_its_author_as_co_author(personas):
    visit = report_at(personas)
    write(visit, K.SUMMARY, "<p>The team met officials.</p>", personas[EXPERT])
    suggestion = _suggest(visit, personas[COORDINATOR])

    decided = report_services.report_suggestion_accept(suggestion=suggestion, by=personas[EXPERT])

    assert (decided.status, decided.decided_by) == (SuggestionStatus.ACCEPTED, personas[EXPERT])
    assert section(visit, K.SUMMARY).text == "<p>The team met <em>senior</em> officials.</p>"
    version = decided.version
    assert (version.number, version.co_author, version.created_by) == (
        4,
        personas[COORDINATOR],
        personas[EXPERT],
    )
    told = Notification.objects.get(kind=report_notifications.SUGGESTION_ANSWERED)
    assert told.recipient == personas[COORDINATOR]


def test_suggestion_is_stale_once_the_section_changed_and_cannot_be_accepted(personas):
    visit = report_at(personas)
    suggestion = _suggest(visit, personas[COORDINATOR])
    write(visit, K.SUMMARY, "<p>Rewritten.</p>", personas[EXPERT])

    (summary,) = [s for s in report_selectors.report_sections(visit=visit) if s.key == K.SUMMARY]
    assert [s.stale for s in summary.open] == [True]
    with pytest.raises(ValidationError):
        report_services.report_suggestion_accept(suggestion=suggestion, by=personas[EXPERT])

    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.OPEN
    assert section(visit, K.SUMMARY).text == "<p>Rewritten.</p>"


def test_suggestion_rejected_keeps_the_text_and_the_reason(personas):
    visit = report_at(personas)
    suggestion = _suggest(visit, personas[COORDINATOR])

    decided = report_services.report_suggestion_reject(
        suggestion=suggestion, reason="Not what the team saw.", by=personas[EXPERT]
    )

    assert (decided.status, decided.reason) == (SuggestionStatus.REJECTED, "Not what the team saw.")
    assert section(visit, K.SUMMARY).text == ""


def test_suggestion_rejected_without_a_reason_is_refused(personas):
    visit = report_at(personas)
    suggestion = _suggest(visit, personas[COORDINATOR])

    with pytest.raises(ValidationError) as raised:
        report_services.report_suggestion_reject(
            suggestion=suggestion, reason=" ", by=personas[EXPERT]
        )

    assert raised.value.message_dict == {"reason": ["Say why the suggestion is rejected."]}
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.OPEN


def test_suggestion_on_a_text_saved_since_is_refused(personas):
    visit = report_at(personas)
    write(visit, K.SUMMARY, "<p>New.</p>", personas[EXPERT])

    with pytest.raises(ValidationError):
        report_services.report_suggestion_make(
            section=section(visit, K.SUMMARY),
            proposed_text="<p>Other.</p>",
            revision=0,
            by=personas[COORDINATOR],
        )

    assert visit.report_suggestions.count() == 0


def test_committee_member_suggests_while_the_report_is_with_the_committee(personas):
    visit = report_at(personas, ReportStatus.WITH_COMMITTEE)

    suggestion = _suggest(visit, personas[Role.COMMITTEE_MEMBER])

    assert suggestion.base_text == ""
    told = Notification.objects.filter(kind=report_notifications.SUGGESTION_MADE)
    assert {n.recipient for n in told} == {personas[EXPERT], personas[COORDINATOR]}


def test_expert_may_not_suggest(personas):
    visit = report_at(personas)

    with pytest.raises(PermissionDenied):
        _suggest(visit, personas[EXPERT])


def test_committee_member_may_not_suggest_on_a_draft(personas):
    visit = report_at(personas)

    with pytest.raises(ValidationError):
        _suggest(visit, personas[Role.COMMITTEE_MEMBER])


# --- Workflow --------------------------------------------------------------------------------
def test_submit_without_the_human_rights_section_is_refused(personas):
    visit = done_visit(personas)
    report_services.report_start(visit=visit, by=personas[EXPERT])
    write(visit, K.HUMAN_RIGHTS, "<p> </p>", personas[EXPERT])

    with pytest.raises(ValidationError) as raised:
        report_services.report_submit(visit=visit, by=personas[EXPERT])

    assert raised.value.messages == [
        "Write the human-rights section first: a report cannot go on without it."
    ]
    visit.refresh_from_db()
    assert visit.report_status == ReportStatus.DRAFT


def test_transmit_with_an_empty_human_rights_section_is_refused(personas):
    visit = report_at(personas, ReportStatus.APPROVED)
    visit.report_sections.filter(key=K.HUMAN_RIGHTS).update(text="")

    with pytest.raises(ValidationError):
        report_services.report_transmit(visit=visit, by=personas[COORDINATOR])

    visit.refresh_from_db()
    assert visit.report_status == ReportStatus.APPROVED
    assert not VisitReportTransmission.objects.exists()


def test_steps_are_recorded_on_the_report_gate_and_notify(personas):
    visit = report_at(personas, ReportStatus.WITH_COMMITTEE)

    steps = list(
        VisitTransition.objects.filter(visit=visit).values_list("gate", "action", "to_status")
    )
    assert steps == [
        ("report", "submit_report", "cted_review"),
        ("report", "report_to_committee", "with_committee"),
    ]
    submitted = Notification.objects.filter(kind=report_notifications.SUBMITTED)
    assert {n.recipient for n in submitted} == {personas[COORDINATOR]}
    to_committee = Notification.objects.filter(kind=report_notifications.TO_COMMITTEE)
    assert {n.recipient for n in to_committee} == {
        personas[Role.COMMITTEE_MEMBER],
        personas[Role.CHAIR],
        personas[EXPERT],
    }


def test_return_without_a_comment_is_refused(personas):
    visit = report_at(personas, ReportStatus.CTED_REVIEW)

    with pytest.raises(ValidationError) as raised:
        report_services.report_return(visit=visit, by=personas[COORDINATOR], comment="  ")

    assert raised.value.message_dict == {"comment": ["Say why the report is returned."]}
    visit.refresh_from_db()
    assert visit.report_status == ReportStatus.CTED_REVIEW


def test_return_with_a_comment_sends_the_report_back_to_draft(personas):
    visit = report_at(personas, ReportStatus.WITH_COMMITTEE)

    returned = report_services.report_return(
        visit=visit, by=personas[Role.CHAIR], comment="Say more on border control."
    )

    assert returned.report_status == ReportStatus.DRAFT
    told = Notification.objects.filter(kind=report_notifications.RETURNED)
    assert {n.recipient for n in told} == {personas[EXPERT], personas[COORDINATOR]}


def test_committee_member_may_not_send_the_report_to_the_committee(personas):
    visit = report_at(personas, ReportStatus.CTED_REVIEW)

    with pytest.raises(PermissionDenied):
        report_services.report_to_committee(visit=visit, by=personas[Role.COMMITTEE_MEMBER])


# --- Transmission ----------------------------------------------------------------------------
def _filed(visit):
    return list(
        Document.objects.filter(
            source_type=ContentType.objects.get_for_model(Visit), source_id=visit.pk
        ).prefetch_related("files", "distributions", "receipts")
    )


def test_transmit_files_exactly_one_document_distributed_to_the_state_with_a_receipt(
    personas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        visit = report_at(personas, ReportStatus.TRANSMITTED)

    (document,) = _filed(visit)
    assert (document.kind, document.classification, document.reference) == (
        "visit_report",
        "restricted",
        f"{visit.reference}/REPORT",
    )
    assert [d.state.iso3 for d in document.distributions.all()] == ["KEN"]
    (receipt,) = Receipt.objects.filter(document=document)
    assert (receipt.state.iso3, receipt.acknowledged_at) == ("KEN", None)
    transmission = VisitReportTransmission.objects.get(visit=visit)
    assert (transmission.document_id, transmission.language) == (document.pk, "en")
    focal = Notification.objects.filter(recipient=personas[Role.FOCAL_POINT])
    assert focal.count() == 1
    focal_fra = UserFactory(
        roles=[Role.FOCAL_POINT], member_state=MemberState.objects.get(iso3="FRA")
    )
    assert report_selectors.report_recipients(visit=visit, people=[focal_fra]) == []


def test_the_filing_task_run_twice_files_once(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        visit = report_at(personas, ReportStatus.TRANSMITTED)
    transmission = VisitReportTransmission.objects.get(visit=visit)

    again = report_tasks.report_transmission_file_task.delay(transmission.pk).get()

    assert again == 0
    assert len(_filed(visit)) == 1


def test_the_pdf_is_in_the_states_language_with_its_title(
    personas, django_capture_on_commit_callbacks
):
    china = MemberState.objects.get(iso3="CHN")
    with django_capture_on_commit_callbacks(execute=True):
        visit = report_at(personas, ReportStatus.TRANSMITTED, state=china)

    (document,) = _filed(visit)
    (stored,) = document.files.all()
    with stored.file.open("rb") as handle:
        pdf = handle.read()
    assert pdf.startswith(b"%PDF")
    assert stored.language == "zh-hans"
    title = report_selectors.report_document_titles(visit)["zh-hans"]
    with translation.override("zh-hans"):
        assert china.name in title
    assert "中国" in china.name_zh_hans
    characters = pdf_characters(pdf)
    assert set(title.replace(" ", "")) <= characters
    assert set("national human-rights institution".replace(" ", "")) <= characters


def test_waiting_lists_show_reports_to_review_and_to_approve(personas):
    review = report_at(personas, ReportStatus.CTED_REVIEW)
    approval = report_at(personas, ReportStatus.WITH_COMMITTEE)

    (coordinator_item,) = report_selectors.report_waiting(personas[COORDINATOR])
    (committee_item,) = report_selectors.report_waiting(personas[Role.COMMITTEE_MEMBER])

    assert (coordinator_item.label, coordinator_item.count) == ("Visit reports to review", 1)
    assert [f.title for f in coordinator_item.files] == [f"Kenya — {review.reference}"]
    assert (committee_item.label, committee_item.count) == ("Visit reports awaiting approval", 1)
    assert [f.title for f in committee_item.files] == [f"Kenya — {approval.reference}"]
    assert report_selectors.report_waiting(personas[EXPERT]) == []
