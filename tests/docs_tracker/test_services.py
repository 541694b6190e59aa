"""The document area's services: files and their history, distribution and receipts,
opening, downloads, acknowledgements, withdrawal, refusals, State uploads, the registry."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ctc.accounts.enums import Role
from ctc.files.models import DownloadRecord
from ctc.notifications.models import Notification
from ctc.organisations.models import Organisation
from ctc.registry import DocumentFiling, FiledFile, site
from ctc.states.models import MemberState, StateReport
from docs_tracker import selectors, services
from docs_tracker.enums import AccessAction, RecipientGroup, ReportStatus
from docs_tracker.models import AccessEvent, Distribution, Document, Receipt
from tests.factories import UserFactory

from .helpers import make_document, pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def kenya():
    return MemberState.objects.get(iso3="KEN")


@pytest.fixture
def france():
    return MemberState.objects.get(iso3="FRA")


def test_document_create_keeps_six_titles_and_one_file_per_language(personas):
    expert = personas[Role.CTED_EXPERT]
    document = make_document(expert, languages=("en", "fr", "ar"))
    assert document.title_en == "Document S/AC.40/2026/1"
    assert document.title_fr == "Document S/AC.40/2026/1 (fr)"
    assert document.title_es == ""
    assert sorted(document.files.values_list("language", flat=True)) == ["ar", "en", "fr"]
    assert document.history.count() == 1
    assert document.history.first().history_user == expert


def test_document_create_refuses_a_duplicate_symbol_and_a_missing_english_title(personas):
    expert = personas[Role.CTED_EXPERT]
    make_document(expert)
    with pytest.raises(ValidationError) as error:
        make_document(expert)
    assert "reference" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        make_document(expert, symbol="S/2", titles={"fr": "Seulement"})
    assert "title_en" in error.value.message_dict
    assert Document.objects.count() == 1


def test_document_create_is_refused_to_a_focal_point(personas):
    with pytest.raises(PermissionDenied):
        make_document(personas[Role.FOCAL_POINT])
    assert Document.objects.count() == 0


def test_document_file_add_replaces_and_keeps_the_old_file(personas):
    expert = personas[Role.CTED_EXPERT]
    coordinator = personas[Role.CTED_COORDINATOR]
    document = make_document(expert)
    old = document.files.get()
    new = services.document_file_add(
        document=document, language="en", upload=pdf("v2.pdf", b"v2"), by=coordinator
    )
    old.refresh_from_db()
    assert old.replaced_at is not None and old.replaced_by == coordinator
    assert new.is_current and new.filename == "v2.pdf"
    assert document.files.count() == 2
    assert selectors.current_file_get(document=document, language="en") == new


def test_document_file_add_refuses_a_disguised_file_and_changes_nothing(personas):
    expert = personas[Role.CTED_EXPERT]
    document = make_document(expert)
    from django.core.files.uploadedfile import SimpleUploadedFile

    html = SimpleUploadedFile("report.pdf", b"<html><script>alert(1)</script></html>")
    with pytest.raises(ValidationError):
        services.document_file_add(document=document, language="en", upload=html, by=expert)
    assert document.files.get().replaced_at is None


def test_document_distribute_is_idempotent_per_recipient(personas, kenya, france):
    expert = personas[Role.CTED_EXPERT]
    partner = Organisation.objects.get(code="1267-monitoring-team")
    document = make_document(expert, states=[kenya], organisations=[partner])
    assert Receipt.objects.filter(document=document).count() == 2
    distributions = services.document_distribute(
        document=document, states=[kenya, france], organisations=[partner], by=expert
    )
    assert [d.new_receipts for d in distributions] == [0, 1, 0]
    assert Receipt.objects.filter(document=document).count() == 3
    assert Distribution.objects.filter(document=document).count() == 5


def test_document_distribute_expands_groups_at_distribution_time(personas):
    expert = personas[Role.CTED_EXPERT]
    document = make_document(expert, groups=[RecipientGroup.SUBCOMMITTEE_B])
    in_b = MemberState.objects.filter(subcommittee__code="B").count()
    assert in_b > 0
    assert Receipt.objects.filter(document=document, state__subcommittee__code="B").count() == in_b
    assert Receipt.objects.filter(document=document).count() == in_b
    partners = make_document(expert, symbol="S/P", groups=[RecipientGroup.PARTNER_BODIES])
    assert Receipt.objects.filter(document=partners, organisation__isnull=False).count() == (
        Organisation.objects.filter(kind="partner_body").count()
    )


def test_document_distribute_to_non_reporting_states(personas, kenya):
    expert = personas[Role.CTED_EXPERT]
    document = make_document(expert, groups=[RecipientGroup.NON_REPORTING_1624])
    never = MemberState.objects.exclude(reports__resolution="1624").distinct().count()
    assert Receipt.objects.filter(document=document).count() == never


def test_receipt_open_records_the_first_opening_once(personas, kenya):
    expert = personas[Role.CTED_EXPERT]
    focal = personas[Role.FOCAL_POINT]
    document = make_document(expert, states=[kenya])
    first = services.receipt_open(document=document, by=focal, ip="10.0.0.1")
    opened_at = first.first_opened_at
    second = services.receipt_open(document=document, by=focal)
    assert second.first_opened_at == opened_at
    assert second.first_opened_by == focal
    assert AccessEvent.objects.filter(document=document, action=AccessAction.VIEW).count() == 2


def test_receipt_acknowledge_is_idempotent_and_logged_once(personas, kenya):
    expert = personas[Role.CTED_EXPERT]
    focal = personas[Role.FOCAL_POINT]
    document = make_document(expert, states=[kenya])
    receipt = services.receipt_acknowledge(document=document, by=focal)
    at = receipt.acknowledged_at
    assert at is not None and receipt.acknowledged_by == focal
    assert receipt.first_opened_at is not None
    again = services.receipt_acknowledge(document=document, by=focal)
    assert again.acknowledged_at == at
    assert AccessEvent.objects.filter(action=AccessAction.ACKNOWLEDGE).count() == 1


def test_receipt_acknowledge_refused_for_a_withdrawn_document(personas, kenya):
    expert = personas[Role.CTED_EXPERT]
    document = make_document(expert, states=[kenya])
    services.document_withdraw(document=document, reason="Sent in error.", by=expert)
    with pytest.raises(ValidationError):
        services.receipt_acknowledge(document=document, by=personas[Role.FOCAL_POINT])
    assert Receipt.objects.get(document=document).acknowledged_at is None


def test_document_withdraw_records_and_keeps_the_document(personas):
    expert = personas[Role.CTED_EXPERT]
    document = make_document(expert)
    with pytest.raises(ValidationError):
        services.document_withdraw(document=document, reason="  ", by=expert)
    services.document_withdraw(document=document, reason="Superseded.", by=expert)
    document.refresh_from_db()
    assert document.withdrawn_by == expert and document.withdrawal_reason == "Superseded."
    assert document.history.count() == 2
    with pytest.raises(ValidationError):
        services.document_withdraw(document=document, reason="Again.", by=expert)


def test_document_update_writes_history_only_when_something_changed(personas):
    expert = personas[Role.CTED_EXPERT]
    document = make_document(expert)
    titles = {"en": document.title_en, "fr": document.title_fr}
    services.document_update(
        document=document,
        titles=titles,
        classification="restricted",
        dated=document.dated,
        by=expert,
    )
    assert document.history.count() == 1
    services.document_update(
        document=document,
        titles={**titles, "es": "Documento"},
        classification="public",
        dated=document.dated,
        by=expert,
    )
    document.refresh_from_db()
    assert document.title_es == "Documento" and document.classification == "public"
    assert document.history.count() == 2


def test_access_event_is_append_only(personas):
    event = services.access_refuse(by=personas[Role.DONOR], attempted="view", requested_id="999")
    event.action = AccessAction.VIEW
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()
    assert AccessEvent.objects.get().action == AccessAction.REFUSED


def test_access_refuse_links_a_real_document(personas, kenya):
    document = make_document(personas[Role.CTED_EXPERT], states=[kenya])
    event = services.access_refuse(
        by=personas[Role.DONOR], attempted="download", requested_id=document.pk
    )
    assert event.document == document and event.requested_id == str(document.pk)


def test_download_record_writes_an_access_event_with_the_language(personas, kenya):
    document = make_document(personas[Role.CTED_EXPERT], states=[kenya], languages=("fr",))
    stored = document.files.get()
    focal = personas[Role.FOCAL_POINT]
    services.document_download_record(stored=stored, by=focal, ip="127.0.0.1")
    event = AccessEvent.objects.get(action=AccessAction.DOWNLOAD)
    assert (event.file, event.language, event.by) == (stored, "fr", focal)
    assert Receipt.objects.get(document=document).first_opened_by == focal
    assert DownloadRecord.objects.count() == 0  # written by ctc.files.http's own hook


def test_state_report_submit_then_confirm_enters_the_reporting_history(personas, kenya):
    focal = personas[Role.FOCAL_POINT]
    expert = personas[Role.CTED_EXPERT]
    document = services.state_report_submit(
        kind="state_report_1624",
        symbol="S/2026/777",
        title="Report of Kenya on 1624",
        dated=datetime.date(2026, 10, 1),
        language="en",
        upload=pdf(),
        by=focal,
    )
    assert document.report_status == ReportStatus.PENDING
    assert document.submitted_by_state == kenya
    assert not StateReport.objects.filter(document_symbol="S/2026/777").exists()
    with pytest.raises(PermissionDenied):
        services.state_report_confirm(document=document, by=focal)
    services.state_report_confirm(document=document, by=expert)
    entry = StateReport.objects.get(document_symbol="S/2026/777")
    assert (entry.state, entry.resolution, entry.received_on) == (
        kenya,
        "1624",
        datetime.date(2026, 10, 1),
    )
    document.refresh_from_db()
    assert document.report_status == ReportStatus.CONFIRMED and document.state_report == entry
    with pytest.raises(ValidationError):
        services.state_report_confirm(document=document, by=expert)
    assert StateReport.objects.filter(document_symbol="S/2026/777").count() == 1


def test_registry_files_a_document_and_distributes_it_in_the_callers_transaction(personas, kenya):
    coordinator = personas[Role.CTED_COORDINATOR]
    filing = DocumentFiling(
        kind="pia",
        symbol="CTED/PIA/KEN/2026",
        titles={"en": "PIA of Kenya", "fr": "EPM du Kenya"},
        files=(
            FiledFile("en", "pia.pdf", b"%PDF-1.4 pia"),
            FiledFile("fr", "epm.pdf", b"%PDF-1.4 x"),
        ),
        classification="confidential",
        states=(kenya,),
        by=coordinator,
        source=kenya,  # any model instance: here the State itself
    )
    with pytest.raises(RuntimeError), transaction.atomic():
        site.file_document(filing)
        raise RuntimeError("the caller fails: nothing is kept")
    assert not Document.objects.filter(reference="CTED/PIA/KEN/2026").exists()
    pk = site.file_document(filing)
    document = Document.objects.get(pk=pk)
    assert document.source == kenya
    assert sorted(document.files.values_list("language", flat=True)) == ["en", "fr"]
    assert list(Receipt.objects.filter(document=document).values_list("state", flat=True)) == [
        kenya.pk
    ]


def test_registry_files_a_document_about_a_state_without_distributing_it(personas, kenya):
    pk = site.file_document(
        DocumentFiling(
            kind="pia",
            symbol="CTED/PIA/KEN/2026/PRINT",
            titles={"en": "PIA of Kenya"},
            files=(FiledFile("en", "pia.pdf", b"%PDF-1.4 pia"),),
            classification="restricted",
            states=(),
            state=kenya,
            by=personas[Role.CTED_COORDINATOR],
        )
    )

    document = Document.objects.get(pk=pk)
    assert (document.state, Receipt.objects.filter(document=document).count()) == (kenya, 0)


def test_a_committee_only_filing_sent_to_a_state_is_refused_and_leaves_nothing(personas, kenya):
    filing = DocumentFiling(
        kind="pia",
        symbol="CTED/PIA/KEN/2026/COMMITTEE",
        titles={"en": "PIA of Kenya, the Committee's copy"},
        files=(FiledFile("en", "pia.pdf", b"%PDF-1.4 pia"),),
        classification="restricted",
        states=(kenya,),
        by=personas[Role.CTED_COORDINATOR],
        committee_only=True,
    )

    with pytest.raises(ValidationError, match="for the Committee only"):
        site.file_document(filing)

    assert not Document.objects.filter(reference="CTED/PIA/KEN/2026/COMMITTEE").exists()
    assert Receipt.objects.count() == 0


def test_a_committee_only_document_is_never_distributed_even_to_a_group(personas, kenya):
    coordinator = personas[Role.CTED_COORDINATOR]
    pk = site.file_document(
        DocumentFiling(
            kind="pia",
            symbol="CTED/PIA/KEN/2026/INTERNAL",
            titles={"en": "PIA of Kenya, the Committee's copy"},
            files=(FiledFile("en", "pia.pdf", b"%PDF-1.4 pia"),),
            classification="restricted",
            states=(),
            state=kenya,
            by=coordinator,
            committee_only=True,
        )
    )
    document = Document.objects.get(pk=pk)

    for recipients in ({"states": [kenya]}, {"groups": [RecipientGroup.PARTNER_BODIES]}):
        with pytest.raises(ValidationError, match="for the Committee only"):
            services.document_distribute(document=document, by=coordinator, **recipients)

    assert document.committee_only is True
    assert Distribution.objects.filter(document=document).count() == 0
    assert Receipt.objects.filter(document=document).count() == 0


def test_a_reply_calls_the_source_apps_handler_in_the_same_transaction(personas, kenya):
    coordinator = personas[Role.CTED_COORDINATOR]
    focal = personas[Role.FOCAL_POINT]
    heard = []

    def handler(source, by):
        heard.append((source, by))
        if len(heard) == 1:
            raise ValidationError("This assessment is not waiting for a reply.")

    site.add_reply_handler("states.memberstate", handler)
    try:
        pk = site.file_document(
            DocumentFiling(
                kind="pia",
                symbol="PIA/1",
                titles={"en": "PIA"},
                files=(FiledFile("en", "pia.pdf", b"%PDF-1.4 pia"),),
                classification="restricted",
                states=(kenya,),
                by=coordinator,
                source=kenya,
            )
        )
        document = Document.objects.get(pk=pk)
        with pytest.raises(ValidationError):
            services.document_reply_submit(
                document=document, title="", language="en", upload=pdf(), by=focal
            )
        assert not Document.objects.filter(in_reply_to=document).exists()
        reply = services.document_reply_submit(
            document=document, title="Our reply", language="fr", upload=pdf(), by=focal
        )
    finally:
        site.reply_handlers.pop("states.memberstate", None)
    assert heard == [(kenya, focal), (kenya, focal)]
    assert reply.in_reply_to == document and reply.submitted_by_state == kenya
    assert reply.kind == "reply"


def test_a_focal_point_cannot_reply_to_another_states_document(personas, france):
    document = make_document(personas[Role.CTED_EXPERT], states=[france])
    with pytest.raises(PermissionDenied):
        services.document_reply_submit(
            document=document,
            title="",
            language="en",
            upload=pdf(),
            by=personas[Role.FOCAL_POINT],
        )


def test_reminders_are_sent_once_per_period(personas, kenya):
    expert = personas[Role.CTED_EXPERT]
    focal = personas[Role.FOCAL_POINT]
    other = UserFactory(username="focal_ken_2", roles=[Role.FOCAL_POINT], member_state=kenya)
    document = make_document(expert, states=[kenya])
    Receipt.objects.filter(document=document).update(
        made_available_at=timezone.now() - datetime.timedelta(days=15)
    )
    assert services.reminders_send() == 1
    assert services.reminders_send() == 0
    receipt = Receipt.objects.get(document=document)
    assert receipt.reminders == 1
    reminders = Notification.objects.filter(kind="docs_tracker.reminder")
    assert sorted(reminders.values_list("recipient__username", flat=True)) == sorted(
        [focal.username, other.username]
    )
    later = timezone.now() + datetime.timedelta(days=15)
    assert services.reminders_send(now=later) == 1
    assert Receipt.objects.get(document=document).reminders == 2
    assert reminders.count() == 4
    services.receipt_acknowledge(document=document, by=focal)
    assert services.reminders_send(now=later + datetime.timedelta(days=30)) == 0


def test_reminder_days_come_from_settings(personas, kenya, settings):
    settings.DOCS_REMINDER_DAYS = 3
    document = make_document(personas[Role.CTED_EXPERT], states=[kenya])
    Receipt.objects.filter(document=document).update(
        made_available_at=timezone.now() - datetime.timedelta(days=4)
    )
    assert services.reminders_send() == 1


def test_reply_reverse_url_exists():
    assert reverse("docs_secure:inbox").endswith("/secure/")


def test_committee_copies_filed_before_the_flag_are_marked_by_the_migration(personas, kenya):
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "docs_tracker.migrations.0003_committee_copies_already_filed"
    )
    for reference in ("CTC/PIA/KEN/2012/PRINT/COMMITTEE/EN", "CTC/PIA/KEN/2012/PRINT/FR"):
        make_document(personas[Role.CTED_COORDINATOR], symbol=reference)

    migration.mark(apps, None)

    assert dict(Document.objects.values_list("reference", "committee_only")) == {
        "CTC/PIA/KEN/2012/PRINT/COMMITTEE/EN": True,
        "CTC/PIA/KEN/2012/PRINT/FR": False,
    }
