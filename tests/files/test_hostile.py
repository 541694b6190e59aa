"""The hostile corpus (tests/files/hostile.py) against the document policy: each file is
refused with its own message, or kept and then served only as an attachment, unsniffed,
under a safe name."""

import hashlib
import html

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.utils import translation

from ctc.accounts.enums import Role
from ctc.files.http import file_response
from ctc.files.names import content_disposition
from ctc.files.uploads import DOCUMENT_POLICY, upload_take
from docs_tracker.models import Document, DocumentFile
from tests.docs_tracker.helpers import make_document

from .hostile import CORPUS, SAFE


@pytest.fixture(autouse=True)
def small_limits(settings):
    settings.CTC_UPLOAD_MAX_BYTES = 1024 * 1024
    settings.CTC_ZIP_MAX_UNCOMPRESSED_BYTES = 5 * 1024 * 1024


class Stored:
    """What file_response needs of a StoredFile, kept through the storage API."""

    pk = 1

    def __init__(self, taken):
        self.name = default_storage.save(taken.storage_name, taken.content)
        self.file = default_storage.open(self.name, "rb")
        self.filename = taken.filename
        self.content_type = taken.content_type
        self.sha256 = taken.sha256


def test_corpus_holds_at_least_forty_hostile_files_with_distinct_ids():
    hostile = [case for case in CORPUS if not case.id.startswith("good-")]

    assert len(hostile) >= 40
    assert len({case.id for case in CORPUS}) == len(CORPUS)


@pytest.mark.parametrize(
    "case", [c for c in CORPUS if c.refusal is not SAFE], ids=lambda case: case.id
)
def test_hostile_upload_is_refused_with_its_own_message(case):
    upload = SimpleUploadedFile(case.name, case.content, content_type="application/pdf")

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        upload_take(upload, policy=DOCUMENT_POLICY)

    assert refused.value.message_dict == {"file": [case.refusal]}


@pytest.mark.parametrize("case", [c for c in CORPUS if c.refusal is SAFE], ids=lambda c: c.id)
def test_kept_upload_is_served_only_as_an_unsniffed_attachment_under_a_safe_name(case):
    taken = upload_take(SimpleUploadedFile(case.name, case.content), policy=DOCUMENT_POLICY)
    stored = Stored(taken)
    request = RequestFactory().get("/")
    request.user = AnonymousUser()

    response = file_response(request, stored, hooks=())

    assert taken.filename == case.stored_as
    assert len(taken.filename) <= 200
    assert taken.sha256 == hashlib.sha256(case.content).hexdigest()
    assert b"".join(response.streaming_content) == case.content
    assert response["Content-Disposition"] == content_disposition(case.stored_as)
    assert response["Content-Disposition"].startswith("attachment; ")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == taken.content_type
    assert not stored.name.endswith(case.stored_as)  # kept under a generated name


THROUGH_THE_PAGE = [
    "html-as-pdf",
    "exe-as-pdf",
    "eicar-txt",
    "pdf-plus-zip",
    "billion-laughs-docx",
    "svg-as-pdf",
    "xxe-odt",
    "only-dots",
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "case", [c for c in CORPUS if c.id in THROUGH_THE_PAGE], ids=lambda case: case.id
)
def test_hostile_reply_through_the_page_is_a_translated_400_and_changes_nothing(
    client, personas, case
):
    kenya = personas[Role.FOCAL_POINT].member_state
    sent = make_document(personas[Role.CTED_COORDINATOR], states=[kenya])
    client.force_login(personas[Role.FOCAL_POINT])

    response = client.post(
        f"/ar/secure/documents/{sent.pk}/reply/",
        {
            "title": "Reply",
            "language": "en",
            "file": SimpleUploadedFile(case.name, case.content, content_type="application/pdf"),
        },
    )

    with translation.override("ar"):
        expected = translation.gettext(case.refusal)
    assert response.status_code == 400
    assert html.escape(expected) in response.content.decode()
    assert Document.objects.filter(in_reply_to=sent).count() == 0
    assert DocumentFile.objects.filter(document__in_reply_to=sent).count() == 0
