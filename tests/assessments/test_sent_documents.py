"""Sending an assessment files what was sent in the document area: the assessment and its
letter, each a PDF document distributed to the State; the State's reply filed there moves the
file on; the former secure area's addresses lead to the inbox."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from assessments import services, tasks
from assessments.enums import AssessmentStatus
from assessments.models import SentSnapshot
from ctc.accounts.enums import Role
from ctc.registry import site
from ctc.states.models import MemberState
from tests.factories import AssessmentFactory, UserFactory, assessment_advance

from .pdf_text import pdf_characters, pdf_fonts

pytestmark = pytest.mark.django_db

LANGUAGES = {"en", "fr", "es", "ru", "zh-hans", "ar"}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


# --- STEPPING STONE until docs_tracker's filer is merged ---------------------------------------
@pytest.fixture(autouse=True)
def filings(settings, monkeypatch):
    settings.ROOT_URLCONF = "tests.assessments.urls_docs_stub"
    filed = []
    monkeypatch.setattr(site, "document_filer", lambda f: filed.append(f) or 1000 + len(filed))
    return filed


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


def _state_file(iso3, personas, callbacks):
    state = MemberState.objects.get(iso3=iso3)
    draft = AssessmentFactory(state=state, cycle=2014, people=personas)
    return _send(draft, personas, callbacks)


def test_sending_files_the_assessment_and_the_letter_for_the_state(sent, filings, kenya):
    assert [(f.kind, f.symbol) for f in filings] == [
        ("pia", "CTC/PIA/KEN/2012"),
        ("letter", "CTC/PIA/KEN/2012/LETTER"),
    ]
    for filing in filings:
        assert filing.states == (kenya,)
        assert filing.source == sent
        assert filing.classification == "restricted"
        assert filing.by.roles == {Role.CTED_COORDINATOR}
        assert set(filing.titles) == LANGUAGES
    assert filings[0].titles["en"] == "Preliminary Implementation Assessment 2012: Kenya"
    assert filings[0].titles["fr"] == "Évaluation préliminaire de la mise en œuvre de 2012 : Kenya"
    # The assessment is written in English, Kenya's letter in English: one file each.
    assert [[(f.language, f.filename) for f in filing.files] for filing in filings] == [
        [("en", "CTC-PIA-KEN-2012-en.pdf")],
        [("en", "CTC-PIA-KEN-2012-LETTER-en.pdf")],
    ]
    assert SentSnapshot.objects.get(assessment=sent).documents == {"pia": 1001, "letter": 1002}


def test_the_filing_task_run_twice_files_once(sent, filings):
    snapshot = SentSnapshot.objects.get(assessment=sent)

    again = tasks.sent_snapshot_file_task(snapshot.pk)

    assert again == 0
    assert len(filings) == 2
    snapshot.refresh_from_db()
    assert snapshot.documents == {"pia": 1001, "letter": 1002}


def test_a_filing_interrupted_halfway_files_only_what_is_missing(sent, filings):
    snapshot = SentSnapshot.objects.get(assessment=sent)
    SentSnapshot.objects.filter(pk=snapshot.pk).update(documents={"pia": 1001})

    again = tasks.sent_snapshot_file_task(snapshot.pk)

    assert again == 1
    assert [f.kind for f in filings] == ["pia", "letter", "letter"]
    snapshot.refresh_from_db()
    assert snapshot.documents == {"pia": 1001, "letter": 1003}


def test_filing_task_tolerates_a_missing_snapshot(filings):
    assert tasks.sent_snapshot_file_task(987654) is None
    assert filings == []


def test_assessment_pdf_is_a_pdf_naming_the_state(sent, filings):
    pdf = filings[0].files[0].content

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
    iso3, language, name, font, personas, filings, django_capture_on_commit_callbacks
):
    sent = _state_file(iso3, personas, django_capture_on_commit_callbacks)

    pia, letter = filings
    assert [f.language for f in pia.files] == ["en"]
    assert [f.language for f in letter.files] == [language]
    pdf = letter.files[0].content
    assert pdf.startswith(b"%PDF-")
    assert font in pdf_fonts(pdf)
    # The State's name, as written in its letter, is drawn with glyphs of that script.
    assert set(name) <= pdf_characters(pdf)
    assert letter.titles[language].endswith(name)
    assert sent.state.official_language == language


def test_focal_points_email_points_to_the_assessment_in_their_inbox(sent, personas):
    (message,) = mail.outbox
    assert message.to == [personas[Role.FOCAL_POINT].email]
    assert "/en/secure/1001/" in message.body
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
