"""Demo documents: every kind, several languages, distributed to States, groups and partner
bodies, with receipts at every point (pending, overdue, opened only, acknowledged), State
reports (one pending, one confirmed), a reply and a withdrawn document. Idempotent."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from ctc.accounts.models import User
from ctc.organisations.enums import OrganisationKind
from ctc.organisations.models import Organisation
from ctc.states.models import MemberState

from . import services
from .enums import RecipientGroup
from .models import Document, Receipt

PDF = b"%PDF-1.4\n% CTC Workspace demo document\n"

# symbol, kind, classification, State, titles, languages, (states, organisations, groups),
# days since distributed
PLAN = [
    (
        "S/AC.40/2012/PIA/MAR",
        "pia",
        "confidential",
        "MAR",
        {
            "en": "Preliminary implementation assessment: Morocco",
            "fr": "Évaluation préliminaire de la mise en œuvre : Maroc",
            "ar": "التقييم الأولي للتنفيذ: المغرب",
        },
        ("en", "fr", "ar"),
        (["MAR"], [], []),
        30,
    ),
    (
        "S/AC.40/2012/L.12",
        "letter",
        "restricted",
        "KEN",
        {"en": "Letter of the Chair to Kenya", "fr": "Lettre du Président au Kenya"},
        ("en",),
        (["KEN"], [], []),
        5,
    ),
    (
        "S/AC.40/2012/NV.14",
        "note_verbale",
        "restricted",
        None,
        {
            "en": "Note verbale: reporting on resolution 1624 (2005)",
            "fr": "Note verbale : rapports sur la résolution 1624 (2005)",
            "es": "Nota verbal: informes sobre la resolución 1624 (2005)",
            "ru": "Вербальная нота: доклады по резолюции 1624 (2005)",
            "zh-hans": "普通照会：关于第1624（2005）号决议的报告",
            "ar": "مذكرة شفوية: التقارير المتعلقة بالقرار 1624 (2005)",
        },
        ("en", "fr", "es", "ru", "zh-hans", "ar"),
        (
            [],
            [],
            [
                RecipientGroup.SUBCOMMITTEE_A,
                RecipientGroup.SUBCOMMITTEE_B,
                RecipientGroup.SUBCOMMITTEE_C,
            ],
        ),
        20,
    ),
    (
        "S/AC.40/2012/VR.3",
        "visit_report",
        "restricted",
        "IDN",
        {"en": "Report of the visit to Indonesia", "fr": "Rapport de la visite en Indonésie"},
        ("en", "fr"),
        (["IDN"], ["1267-monitoring-team"], []),
        40,
    ),
    (
        "S/2012/GS.1",
        "survey",
        "public",
        None,
        {
            "en": "Global survey of the implementation of resolution 1373 (2001)",
            "es": "Estudio global de la aplicación de la resolución 1373 (2001)",
        },
        ("en", "es"),
        ([], [], [RecipientGroup.PARTNER_BODIES]),
        16,
    ),
    (
        "CTC/PRESS/2012/1",
        "press_kit",
        "public",
        None,
        {"en": "Press kit: the Committee's work programme", "ru": "Пресс-кит: программа работы"},
        ("en", "ru"),
        (["COL", "KAZ"], ["donor"], []),
        3,
    ),
    (
        "CTED/OTHER/2012/7",
        "other",
        "restricted",
        "COL",
        {"en": "Schedule of the video conference with Colombia"},
        ("en",),
        (["COL"], [], []),
        10,
    ),
]


def _pdf(symbol: str, language: str) -> SimpleUploadedFile:
    name = "{}-{}.pdf".format(symbol.replace("/", "-").replace(".", "-"), language)
    return SimpleUploadedFile(name, PDF + f"% {symbol} ({language})\n".encode())


def _organisations(codes):
    found = []
    for code in codes:
        if code == "donor":
            donor = Organisation.objects.filter(kind=OrganisationKind.DONOR).order_by("code")
            found.extend(donor[:1])
        else:
            found.extend(Organisation.objects.filter(code=code))
    return found


def _user(username):
    return User.objects.filter(username=username).first()


@transaction.atomic
def demo_documents_seed() -> int:
    """Creates the demo documents once; returns how many documents exist."""
    coordinator = _user("coordinator")
    if coordinator is None or Document.objects.filter(reference=PLAN[0][0]).exists():
        return Document.objects.count()
    now = timezone.now()
    created = {}
    for symbol, kind, classification, iso3, titles, languages, targets, days in PLAN:
        states, organisations, groups = targets
        document = services.document_create(
            kind=kind,
            reference_symbol=symbol,
            titles=titles,
            classification=classification,
            state=MemberState.objects.get(iso3=iso3) if iso3 else None,
            dated=(now - datetime.timedelta(days=days + 2)).date(),
            files={lang: _pdf(symbol, lang) for lang in languages},
            by=coordinator,
        )
        services.document_distribute(
            document=document,
            states=list(MemberState.objects.filter(iso3__in=states)),
            organisations=_organisations(organisations),
            groups=groups,
            by=coordinator,
        )
        when = now - datetime.timedelta(days=days)
        Document.objects.filter(pk=document.pk).update(created_at=when)
        Receipt.objects.filter(document=document).update(made_available_at=when)
        created[symbol] = document
    _read_some(created)
    _state_uploads(created)
    return Document.objects.count()


def _read_some(created: dict) -> None:
    """Some receipts opened only, some acknowledged, the rest pending (some overdue)."""
    ken, idn = _user("focal_ken"), _user("focal_idn")
    partner = _user("partner_1267_monitoring_team")
    if ken:
        services.receipt_open(document=created["S/AC.40/2012/L.12"], by=ken)
        services.receipt_acknowledge(document=created["S/AC.40/2012/NV.14"], by=ken)
    if idn:
        visit = created["S/AC.40/2012/VR.3"]
        services.receipt_open(document=visit, by=idn)
        services.receipt_acknowledge(document=visit, by=idn)
    if partner:
        services.receipt_open(document=created["S/AC.40/2012/VR.3"], by=partner)
    note = created["S/AC.40/2012/NV.14"]
    # A few States acknowledged the note verbale on paper: recorded as such by CTED's demo.
    some = Receipt.objects.filter(document=note, acknowledged_at__isnull=True).order_by("pk")[:40]
    Receipt.objects.filter(pk__in=[r.pk for r in some]).update(
        first_opened_at=timezone.now(), acknowledged_at=timezone.now()
    )
    colombia = created["CTED/OTHER/2012/7"]
    coordinator = _user("coordinator")
    services.document_withdraw(
        document=colombia, reason="Replaced by the new schedule.", by=coordinator
    )


def _state_uploads(created: dict) -> None:
    """A reply from Kenya, a pending report from Kazakhstan, a confirmed one from Colombia."""
    ken, kaz, col = _user("focal_ken"), _user("focal_kaz"), _user("focal_col")
    expert = _user("expert") or _user("coordinator")
    if ken:
        services.document_reply_submit(
            document=created["S/AC.40/2012/L.12"],
            title="Reply of Kenya to the letter of the Chair",
            language="en",
            upload=_pdf("KEN-REPLY", "en"),
            by=ken,
        )
    if kaz:
        services.state_report_submit(
            kind="state_report_1373",
            symbol="S/2012/KAZ.1373",
            title="Report of Kazakhstan on resolution 1373 (2001)",
            dated=timezone.localdate() - datetime.timedelta(days=8),
            language="ru",
            upload=_pdf("KAZ-1373", "ru"),
            by=kaz,
        )
    if col:
        report = services.state_report_submit(
            kind="state_report_1624",
            symbol="S/2012/COL.1624",
            title="Report of Colombia on resolution 1624 (2005)",
            dated=timezone.localdate() - datetime.timedelta(days=12),
            language="es",
            upload=_pdf("COL-1624", "es"),
            by=col,
        )
        services.state_report_confirm(document=report, by=expert)
