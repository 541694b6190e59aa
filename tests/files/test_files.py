"""Shared file mechanics: what an upload must be to be taken, and what a download checks and
records (ctc/files)."""

import hashlib
import logging
import os
import subprocess
import sys

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import RequestFactory
from django.utils import translation

from assessments import services
from assessments.constants import REPLY_POLICY
from assessments.enums import AssessmentStatus
from assessments.models import StateReply
from ctc.accounts.enums import Role
from ctc.files.http import file_response
from ctc.files.models import DownloadRecord
from ctc.files.names import content_disposition, safe_filename
from ctc.files.uploads import UploadPolicy, upload_take
from tests.factories import AssessmentFactory

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


def _message(exc) -> str:
    return " ".join(exc.value.message_dict["file"])


def test_upload_keeps_a_safe_display_name_and_generates_the_stored_name():
    taken = upload_take(SimpleUploadedFile("رد الدولة (نهائي).pdf", PDF), policy=REPLY_POLICY)

    assert taken.filename == "رد_الدولة_نهائي.pdf"
    assert taken.storage_name.endswith(".pdf") and len(taken.storage_name) == 36
    assert taken.sha256 == hashlib.sha256(PDF).hexdigest()
    assert (taken.size, taken.content_type) == (len(PDF), "application/pdf")


def test_upload_whose_content_is_not_its_extension_is_refused():
    with pytest.raises(ValidationError) as exc:
        upload_take(SimpleUploadedFile("reply.pdf", b"just some text"), policy=REPLY_POLICY)

    assert _message(exc) == "The file's content does not match its extension .pdf."


def test_text_upload_with_binary_content_is_refused():
    with pytest.raises(ValidationError) as exc:
        upload_take(SimpleUploadedFile("reply.txt", b"\x01\x02\x00binary"), policy=REPLY_POLICY)

    assert _message(exc) == "The file's content does not match its extension .txt."


def test_empty_upload_and_unknown_extension_are_refused():
    with pytest.raises(ValidationError) as empty:
        upload_take(SimpleUploadedFile("reply.txt", b""), policy=REPLY_POLICY)
    with pytest.raises(ValidationError) as exe:
        upload_take(SimpleUploadedFile("reply.exe", b"MZ"), policy=REPLY_POLICY)
    with pytest.raises(ValidationError) as nameless:
        upload_take(SimpleUploadedFile("$$$", b"text"), policy=REPLY_POLICY)

    assert _message(empty) == "The file is empty."
    assert _message(exe).startswith("Accepted file types: .doc, .docx, .odt, .pdf, .rtf, .txt")
    assert _message(nameless) == (
        "The file name has no usable characters; rename the file and try again."
    )


def test_size_limit_is_enforced_while_streaming():
    policy = UploadPolicy(types={".txt": frozenset({"text/plain"})}, max_bytes=100)
    upload = SimpleUploadedFile("big.txt", b"a" * 101)
    upload.DEFAULT_CHUNK_SIZE = 10
    read = []
    chunks = upload.chunks

    def counting_chunks(chunk_size=None):
        for chunk in chunks(10):
            read.append(len(chunk))
            yield chunk

    upload.chunks = counting_chunks

    with translation.override("fr"), pytest.raises(ValidationError) as exc:
        upload_take(upload, policy=policy)

    assert _message(exc) == "Le fichier dépasse 100\xa0octets."
    assert sum(read) == 101  # stopped at the first chunk past the limit


@pytest.fixture
def reply(personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    sent = AssessmentFactory(stage=AssessmentStatus.SENT, people=personas)
    return services.assessment_record_reply(
        assessment=sent,
        by=personas[Role.FOCAL_POINT],
        upload=SimpleUploadedFile("reply.pdf", PDF),
    )


@pytest.mark.django_db
def test_download_verifies_the_checksum_and_records_who_and_in_which_language(reply, personas):
    request = RequestFactory().get("/")
    request.user = personas[Role.CTED_COORDINATOR]

    with translation.override("ar"):
        response = file_response(request, reply)

    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert 'filename="reply.pdf"' in response["Content-Disposition"]
    record = DownloadRecord.objects.get()
    assert (record.file, record.by, record.language) == (reply, request.user, "ar")
    assert record.sha256 == reply.sha256


@pytest.mark.django_db
def test_download_of_an_altered_file_answers_404_logs_and_reports_it(reply, personas, caplog):
    default_storage.delete(reply.file.name)
    default_storage.save(reply.file.name, ContentFile(PDF + b"tampered"))
    request = RequestFactory().get("/")
    request.user = personas[Role.CTED_COORDINATOR]
    refused = []

    with pytest.raises(Http404), caplog.at_level(logging.ERROR, logger="ctc.files.http"):
        file_response(
            request,
            StateReply.objects.get(pk=reply.pk),
            on_refused=lambda request, stored, reason: refused.append((stored.pk, reason)),
        )

    assert DownloadRecord.objects.count() == 0
    assert refused == [(reply.pk, "checksum")]
    assert caplog.messages == [
        f"download refused (checksum): StateReply #{reply.pk} 'reply.pdf' by user "
        f"#{request.user.pk}"
    ]


@pytest.mark.django_db
def test_download_of_a_missing_file_answers_404_and_reports_it(reply, personas, caplog):
    default_storage.delete(reply.file.name)
    request = RequestFactory().get("/")
    request.user = personas[Role.CTED_COORDINATOR]
    refused = []

    with pytest.raises(Http404), caplog.at_level(logging.ERROR, logger="ctc.files.http"):
        file_response(request, reply, on_refused=lambda *args: refused.append(args[2]))

    assert refused == ["missing"]
    assert DownloadRecord.objects.count() == 0
    assert caplog.messages[0].startswith("download refused (missing): StateReply")


@pytest.mark.parametrize(
    "filename, header",
    [
        (
            "تقرير اللجنة.pdf",
            'attachment; filename="download.pdf"; '
            "filename*=UTF-8''%D8%AA%D9%82%D8%B1%D9%8A%D8%B1%20%D8%A7%D9%84%D9%84%D8%AC%D9%86%D8%A9.pdf",
        ),
        (
            "反恐执行局报告.docx",
            'attachment; filename="download.docx"; '
            "filename*=UTF-8''%E5%8F%8D%E6%81%90%E6%89%A7%E8%A1%8C%E5%B1%80%E6%8A%A5%E5%91%8A.docx",
        ),
        (
            "Résumé_réponse.pdf",
            'attachment; filename="Resume_reponse.pdf"; '
            "filename*=UTF-8''R%C3%A9sum%C3%A9_r%C3%A9ponse.pdf",
        ),
        ("reply.pdf", 'attachment; filename="reply.pdf"'),
        ('a"b;c.txt', "attachment; filename=\"a_b_c.txt\"; filename*=UTF-8''a%22b%3Bc.txt"),
    ],
)
def test_content_disposition_has_an_ascii_fallback_and_the_exact_name(filename, header):
    assert content_disposition(filename) == header


@pytest.mark.django_db
def test_downloaded_arabic_and_chinese_names_reach_the_browser_exactly(reply, personas):
    request = RequestFactory().get("/")
    request.user = personas[Role.CTED_COORDINATOR]
    reply.filename = "反恐执行局报告.pdf"

    response = file_response(request, reply, hooks=())

    assert response["Content-Disposition"] == (
        'attachment; filename="download.pdf"; '
        "filename*=UTF-8''%E5%8F%8D%E6%81%90%E6%89%A7%E8%A1%8C%E5%B1%80%E6%8A%A5%E5%91%8A.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"


def test_long_names_keep_their_extension():
    assert safe_filename("ا" * 250 + ".docx") == "ا" * 195 + ".docx"
    assert safe_filename("x" * 300 + ".PDF", max_length=20) == "x" * 16 + ".pdf"
    assert safe_filename("report." + "a" * 30) == "report_" + "a" * 30
    assert safe_filename("S-AC.40-2026-NV.1-fr.pdf") == "S-AC.40-2026-NV.1-fr.pdf"
    assert safe_filename("report.docx.pdf") == "report_docx.pdf"


@pytest.mark.django_db
def test_files_go_through_the_configured_storage(settings, personas):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    sent = AssessmentFactory(stage=AssessmentStatus.SENT, people=personas)

    reply = services.assessment_record_reply(
        assessment=sent, by=personas[Role.FOCAL_POINT], upload=SimpleUploadedFile("r.pdf", PDF)
    )
    request = RequestFactory().get("/")
    request.user = personas[Role.CTED_COORDINATOR]
    response = file_response(request, StateReply.objects.get(pk=reply.pk))

    assert type(default_storage._wrapped).__name__ == "InMemoryStorage"
    assert default_storage.exists(reply.file.name)
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.django_db
def test_reply_download_page_records_the_download(client, reply, personas):
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.get(f"/en/assessments/{reply.assessment_id}/replies/{reply.pk}/")

    assert response.status_code == 200
    assert list(DownloadRecord.objects.values_list("by__username", "filename")) == [
        ("expert", "reply.pdf")
    ]


@pytest.mark.django_db
def test_reply_download_is_an_unsniffed_sandboxed_attachment(client, reply, personas):
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.get(f"/en/assessments/{reply.assessment_id}/replies/{reply.pk}/")

    assert response["Content-Disposition"] == 'attachment; filename="reply.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_storage_backend_and_its_options_come_from_the_environment():
    probe = (
        "import django; django.setup(); from django.core.files.storage import storages; "
        "s = storages['default']; print(type(s).__name__, s.base_url)"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ctc.settings.base",
        "DJANGO_STORAGE_BACKEND": "django.core.files.storage.InMemoryStorage",
        "DJANGO_STORAGE_OPTIONS": '{"base_url": "/private-files/"}',
    }

    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    )

    assert result.stdout.split() == ["InMemoryStorage", "/private-files/"]
