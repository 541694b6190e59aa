"""Sending an assessment files what was sent in the document area: the assessment and its
letter, each a PDF document distributed to the State; the State's reply filed there moves the
file on; the former secure area's addresses lead to the inbox."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from assessments import services, tasks
from assessments.enums import AssessmentStatus
from assessments.models import Assessment, SentSnapshot
from ctc.accounts.enums import Role
from ctc.registry import site
from ctc.states.models import MemberState
from docs_tracker import selectors as documents
from docs_tracker import services as document_services
from docs_tracker.models import Document, Receipt
from tests.factories import AssessmentFactory, UserFactory, assessment_advance

from .pdf_text import pdf_characters, pdf_fonts

pytestmark = pytest.mark.django_db

LANGUAGES = {"en", "fr", "es", "ru", "zh-hans", "ar"}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _english():
    # A request of another test leaves its language active; messages here are read in English.
    with translation.override("en"):
        yield


def _filed(assessment):
    """The documents filed for the assessment, in the order they were filed."""
    return list(
        Document.objects.filter(
            source_type=ContentType.objects.get_for_model(Assessment), source_id=assessment.pk
        )
        .prefetch_related("files", "receipts")
        .order_by("pk")
    )


def _content(document) -> bytes:
    (stored,) = document.files.all()
    with stored.file.open("rb") as handle:
        return handle.read()


def _send(assessment, personas, callbacks):
    """Approved → sent by the coordinator, running what is enqueued after the commit."""
    approved = assessment_advance(assessment, AssessmentStatus.APPROVED, personas)
    with callbacks(execute=True):
        services.assessment_send_to_state(assessment=approved, by=personas[Role.CTED_COORDINATOR])
    approved.refresh_from_db()
    return approved


@pytest.fixture
def sent(draft, personas, django_capture_on_commit_callbacks):
    return _send(draft, personas, django_capture_on_commit_callbacks)


@pytest.fixture
def approved(draft, personas):
    return assessment_advance(draft, AssessmentStatus.APPROVED, personas)


def _state_file(iso3, personas, callbacks):
    state = MemberState.objects.get(iso3=iso3)
    draft = AssessmentFactory(state=state, cycle=2014, people=personas)
    return _send(draft, personas, callbacks)


def test_sending_files_the_assessment_and_the_letter_for_the_state(sent, kenya, personas):
    pia, letter = _filed(sent)

    assert [(d.kind, d.reference) for d in (pia, letter)] == [
        ("pia", "CTC/PIA/KEN/2012"),
        ("letter", "CTC/PIA/KEN/2012/LETTER"),
    ]
    for document in (pia, letter):
        assert document.source == sent
        assert document.classification == "restricted"
        assert document.author == personas[Role.CTED_COORDINATOR]
        assert [r.state for r in document.receipts.all()] == [kenya]
        assert all(getattr(document, f"title_{c.replace('-', '_')}") for c in LANGUAGES)
    assert pia.title_en == "Preliminary Implementation Assessment 2012: Kenya"
    assert pia.title_fr == "Évaluation préliminaire de la mise en œuvre de 2012 : Kenya"
    # The assessment is written in English, and so is Kenya's letter: one file each.
    assert [[f.language for f in d.files.all()] for d in (pia, letter)] == [["en"], ["en"]]
    snapshot = SentSnapshot.objects.get(assessment=sent)
    assert snapshot.documents == {"pia": pia.pk, "letter": letter.pk}


def test_what_was_sent_is_in_the_states_inbox_only(sent, personas):
    kenya_inbox = documents.inbox_list(user=personas[Role.FOCAL_POINT])
    france = UserFactory(roles=[Role.FOCAL_POINT], member_state=MemberState.objects.get(iso3="FRA"))

    assert [r.document.reference for r in kenya_inbox] == [
        "CTC/PIA/KEN/2012/LETTER",
        "CTC/PIA/KEN/2012",
    ]
    assert list(documents.inbox_list(user=france)) == []
    assert Receipt.objects.exclude(state__iso3="KEN").count() == 0


def test_the_filing_task_run_twice_files_once(sent):
    snapshot = SentSnapshot.objects.get(assessment=sent)
    before = snapshot.documents

    again = tasks.sent_snapshot_file_task(snapshot.pk)

    assert again == 0
    assert len(_filed(sent)) == 2
    assert Receipt.objects.count() == 2
    snapshot.refresh_from_db()
    assert snapshot.documents == before


def test_a_filing_interrupted_halfway_files_only_what_is_missing(
    approved, personas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        services.assessment_send_to_state(assessment=approved, by=personas[Role.CTED_COORDINATOR])
    snapshot = SentSnapshot.objects.get(assessment=approved)
    # As if a first run had filed the assessment, then died before the letter.
    first = services.sent_snapshot_file(snapshot=snapshot)
    pia_pk = SentSnapshot.objects.get(pk=snapshot.pk).documents["pia"]
    Document.objects.filter(reference="CTC/PIA/KEN/2012/LETTER").update(
        reference="CTC/PIA/KEN/2012/LETTER-lost", source_id=None, source_type=None
    )
    SentSnapshot.objects.filter(pk=snapshot.pk).update(documents={"pia": pia_pk})

    again = tasks.sent_snapshot_file_task(snapshot.pk)

    assert (first, again) == (2, 1)
    pia, letter = _filed(approved)
    assert SentSnapshot.objects.get(pk=snapshot.pk).documents == {
        "pia": pia_pk,
        "letter": letter.pk,
    }
    assert pia.pk == pia_pk


def test_filing_task_tolerates_a_missing_snapshot():
    assert tasks.sent_snapshot_file_task(987654) is None
    assert Document.objects.count() == 0


def test_assessment_pdf_is_a_pdf_naming_the_state(sent):
    pdf = _content(_filed(sent)[0])

    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert "Noto-Sans" in pdf_fonts(pdf)
    assert set("Kenya") <= pdf_characters(pdf)


@pytest.mark.parametrize(
    ("iso3", "language", "name", "font"),
    [
        ("DZA", "ar", "الجزائر", "Noto-Naskh-Arabic"),
        ("CHN", "zh-hans", "中国", "Noto-Sans-CJK-SC"),
    ],
)
def test_letter_pdf_is_in_the_states_language_with_its_glyphs(
    iso3, language, name, font, personas, django_capture_on_commit_callbacks
):
    sent = _state_file(iso3, personas, django_capture_on_commit_callbacks)

    pia, letter = _filed(sent)
    assert [f.language for f in pia.files.all()] == ["en"]
    assert [f.language for f in letter.files.all()] == [language]
    pdf = _content(letter)
    assert pdf.startswith(b"%PDF-")
    assert font in pdf_fonts(pdf)
    # The State's name, as written in its letter, is drawn with glyphs of that script.
    assert set(name) <= pdf_characters(pdf)
    assert getattr(letter, f"title_{language.replace('-', '_')}").endswith(name)
    assert sent.state.official_language == language


def test_focal_points_email_points_to_the_assessment_in_their_inbox(sent, personas):
    pia = _filed(sent)[0]
    focal = personas[Role.FOCAL_POINT]
    # One message for the sending, not one more per filed document.
    (message,) = [m for m in mail.outbox if m.to == [focal.email]]
    assert message.subject == "Preliminary Implementation Assessment 2012: Kenya"
    assert message.to == [personas[Role.FOCAL_POINT].email]
    assert f"/en/secure/documents/{pia.pk}/" in message.body
    assert f"/secure/assessments/{sent.pk}/" not in message.body


# --- The State's reply -------------------------------------------------------------------


def test_states_reply_moves_the_file_to_replied(sent, personas):
    focal = personas[Role.FOCAL_POINT]

    site.reply_handlers["assessments.assessment"](sent, focal)

    sent.refresh_from_db()
    assert sent.status == AssessmentStatus.REPLIED
    step = sent.transitions.order_by("-pk").first()
    assert (step.action, step.by) == ("record_reply", focal)


def test_a_reply_when_none_is_awaited_is_refused_with_a_message(sent, personas):
    focal = personas[Role.FOCAL_POINT]
    site.reply_handlers["assessments.assessment"](sent, focal)

    with pytest.raises(ValidationError) as error:
        site.reply_handlers["assessments.assessment"](sent, focal)

    assert error.value.messages == [
        "The assessment 2012 of Kenya is not awaiting a reply: it is “State replied”."
    ]


def test_a_reply_to_a_file_not_yet_sent_is_refused(draft, personas):
    with pytest.raises(ValidationError):
        site.reply_handlers["assessments.assessment"](draft, personas[Role.FOCAL_POINT])

    draft.refresh_from_db()
    assert draft.status == AssessmentStatus.DRAFT


@pytest.mark.parametrize("who", ["focal_fra", Role.CTED_EXPERT])
def test_only_the_states_focal_point_replies(sent, personas, who):
    person = (
        UserFactory(roles=[Role.FOCAL_POINT], member_state=MemberState.objects.get(iso3="FRA"))
        if who == "focal_fra"
        else personas[who]
    )

    with pytest.raises(PermissionDenied):
        site.reply_handlers["assessments.assessment"](sent, person)

    sent.refresh_from_db()
    assert sent.status == AssessmentStatus.SENT


# --- The former secure area ----------------------------------------------------------------


@pytest.mark.parametrize(
    "old",
    [
        "/{lang}/secure/assessments/",
        "/{lang}/secure/assessments/{pk}/",
        "/{lang}/secure/assessments/{pk}/replies/1/",
        "/{lang}/secure/assessments/987654/",
        "/{lang}/secure/assessments/987654/replies/3/?download=1",
    ],
)
@pytest.mark.parametrize("who", [None, Role.FOCAL_POINT, "focal_fra", Role.CTED_COORDINATOR])
def test_old_secure_addresses_redirect_to_the_inbox_alike_for_everyone(
    client, sent, personas, old, who
):
    if who == "focal_fra":
        client.force_login(
            UserFactory(roles=[Role.FOCAL_POINT], member_state=MemberState.objects.get(iso3="FRA"))
        )
    elif who is not None:
        client.force_login(personas[who])

    for lang in ("en", "ar"):
        response = client.get(old.format(lang=lang, pk=sent.pk))

        assert response.status_code == 301
        assert response["Location"] == f"/{lang}/secure/"
        assert response.content == b""


def _reply(document, by, content):
    return document_services.document_reply_submit(
        document=document,
        title="Reply of Kenya",
        language="en",
        upload=SimpleUploadedFile("reply.pdf", content, "application/pdf"),
        by=by,
    )


def test_focal_points_reply_filed_in_the_document_area_moves_the_file(sent, personas):
    focal = personas[Role.FOCAL_POINT]
    pia = _filed(sent)[0]

    reply = _reply(pia, focal, _content(pia))

    sent.refresh_from_db()
    assert sent.status == AssessmentStatus.REPLIED
    assert (reply.kind, reply.in_reply_to) == ("reply", pia)


def test_a_second_reply_document_is_refused_and_not_kept(sent, personas):
    focal = personas[Role.FOCAL_POINT]
    pia, letter = _filed(sent)
    _reply(pia, focal, _content(pia))

    with pytest.raises(ValidationError) as error:
        _reply(letter, focal, _content(letter))

    assert error.value.messages == [
        "The assessment 2012 of Kenya is not awaiting a reply: it is “State replied”."
    ]
    assert Document.objects.filter(kind="reply").count() == 1


def test_staff_assessment_page_lists_what_was_sent_and_the_reply_from_the_document_area(
    sent, personas, client
):
    focal = personas[Role.FOCAL_POINT]
    pia, letter = _filed(sent)
    reply = _reply(pia, focal, _content(pia))
    client.force_login(personas[Role.CTED_EXPERT])

    page = client.get(f"/en/assessments/{sent.pk}/").content.decode()

    sent_part = page.split('id="documents"')[1].split("</section>")[0]
    replies_part = page.split('id="replies"')[1].split("</section>")[0]
    assert f'href="/en/docs/{pia.pk}/"' in sent_part
    assert f'href="/en/docs/{letter.pk}/"' in sent_part
    assert f'href="/en/docs/{reply.pk}/"' not in sent_part
    assert f'href="/en/docs/{reply.pk}/">Reply of Kenya</a>' in replies_part
    # The focal point reads the same documents in the secure area, never on staff pages.
    rows = site.documents_for(sent, user=focal)
    assert [(r.url, r.reply) for r in rows] == [
        (f"/en/secure/documents/{pia.pk}/", False),
        (f"/en/secure/documents/{letter.pk}/", False),
        (f"/en/secure/documents/{reply.pk}/", True),
    ]
