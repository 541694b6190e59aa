"""Shared file mechanics: what an upload must be to be taken, and what a download checks and
records (ctc/files)."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
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
        upload_take(SimpleUploadedFile("reply.txt", b"MZ\x00\x00\x01binary"), policy=REPLY_POLICY)

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
    assert _message(nameless).startswith("Accepted file types:")


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
def test_download_of_an_altered_file_answers_404_and_records_nothing(reply, personas):
    with open(reply.file.path, "ab") as handle:
        handle.write(b"tampered")
    request = RequestFactory().get("/")
    request.user = personas[Role.CTED_COORDINATOR]

    with pytest.raises(Http404):
        file_response(request, StateReply.objects.get(pk=reply.pk))

    assert DownloadRecord.objects.count() == 0


@pytest.mark.django_db
def test_reply_download_page_records_the_download(client, reply, personas):
    client.force_login(personas[Role.CTED_EXPERT])

    response = client.get(f"/en/assessments/{reply.assessment_id}/replies/{reply.pk}/")

    assert response.status_code == 200
    assert list(DownloadRecord.objects.values_list("by__username", "filename")) == [
        ("expert", "reply.pdf")
    ]
