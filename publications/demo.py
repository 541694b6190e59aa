# ruff: noqa: E501 (six-language demo texts, one per line)
"""Demo publications and news: the Technical Guide (print and electronic in English, French
and Spanish, electronic only in Arabic, Russian and Chinese), the Global Survey, the press kit
and four news items, one of them not yet translated into Arabic (to show the marker).
Idempotent: a publication (its slug), an edition, a file or a news item (its date and English
title) already there is left as it is. The electronic files are small generated PDFs."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from ctc.accounts.models import User
from ctc.files.uploads import DOCUMENT_POLICY, upload_take

from . import services
from .enums import EditionForm, PublicationKind
from .models import Edition, NewsItem, Publication

ALL = ("en", "fr", "es", "ru", "ar", "zh-hans")
PRINT = EditionForm.PRINT
ELECTRONIC = EditionForm.ELECTRONIC

PUBLICATIONS = [
    {
        "slug": "technical-guide",
        "kind": PublicationKind.TECHNICAL_GUIDE,
        "year": 2009,
        "order": 10,
        "title": {
            "en": "Technical Guide to the Implementation of Security Council Resolution 1373 (2001)",
            "fr": "Guide technique pour la mise en œuvre de la résolution 1373 (2001) du Conseil de sécurité",
            "es": "Guía técnica para la aplicación de la resolución 1373 (2001) del Consejo de Seguridad",
            "ru": "Техническое руководство по осуществлению резолюции 1373 (2001) Совета Безопасности",
            "ar": "الدليل التقني لتنفيذ قرار مجلس الأمن 1373 (2001)",
            "zh-hans": "安全理事会第1373(2001)号决议执行情况技术指南",
        },
        "summary": {
            "en": "How the Committee and its Executive Directorate assess each provision of resolution 1373 (2001).",
            "fr": "Comment le Comité et sa Direction exécutive évaluent chaque disposition de la résolution 1373 (2001).",
            "es": "Cómo el Comité y su Dirección Ejecutiva evalúan cada disposición de la resolución 1373 (2001).",
            "ru": "Как Комитет и его Исполнительный директорат оценивают каждое положение резолюции 1373 (2001).",
            "ar": "كيف تقيّم اللجنة ومديريتها التنفيذية كل حكم من أحكام القرار 1373 (2001).",
            "zh-hans": "委员会及其执行局如何评估第1373(2001)号决议的每项规定。",
        },
        "editions": [(lang, PRINT) for lang in ("en", "fr", "es")]
        + [(lang, ELECTRONIC) for lang in ALL],
    },
    {
        "slug": "global-survey",
        "kind": PublicationKind.GLOBAL_SURVEY,
        "year": 2011,
        "order": 20,
        "title": {
            "en": "Global Survey of the Implementation of Security Council Resolution 1373 (2001)",
            "fr": "Étude sur l'application de la résolution 1373 (2001) du Conseil de sécurité par les États Membres",
            "es": "Estudio sobre la aplicación de la resolución 1373 (2001) del Consejo de Seguridad por los Estados Miembros",
            "ru": "Глобальное обследование хода осуществления резолюции 1373 (2001) Совета Безопасности",
            "ar": "الدراسة الاستقصائية العالمية لتنفيذ قرار مجلس الأمن 1373 (2001)",
            "zh-hans": "安全理事会第1373(2001)号决议执行情况全球调查",
        },
        "summary": {
            "en": "Progress and gaps in the implementation of resolution 1373 (2001), region by region.",
            "fr": "Progrès et lacunes dans l'application de la résolution 1373 (2001), région par région.",
        },
        "editions": [("en", PRINT)] + [(lang, ELECTRONIC) for lang in ALL],
    },
    {
        "slug": "press-kit",
        "kind": PublicationKind.PRESS_KIT,
        "year": 2012,
        "order": 30,
        "title": {
            "en": "Press kit: the Counter-Terrorism Committee",
            "fr": "Dossier de presse : le Comité contre le terrorisme",
            "es": "Carpeta de prensa: el Comité contra el Terrorismo",
            "ru": "Пресс-кит: Контртеррористический комитет",
            "ar": "الملف الصحفي: لجنة مكافحة الإرهاب",
            "zh-hans": "新闻资料袋：反恐怖主义委员会",
        },
        "summary": {},
        "editions": [(lang, ELECTRONIC) for lang in ("en", "fr", "es")],
    },
]

NEWS = [
    {
        "date": datetime.date(2012, 12, 14),
        "title": {
            "en": "Committee adopts its work programme for 2013",
            "fr": "Le Comité adopte son programme de travail pour 2013",
            "es": "El Comité aprueba su programa de trabajo para 2013",
            "ru": "Комитет утвердил свою программу работы на 2013 год",
            "ar": "اللجنة تعتمد برنامج عملها لعام 2013",
            "zh-hans": "委员会通过2013年工作方案",
        },
        "body": {
            "en": "<p>The Committee adopted its work programme for the first half of 2013.</p>",
            "fr": "<p>Le Comité a adopté son programme de travail pour le premier semestre 2013.</p>",
            "es": "<p>El Comité aprobó su programa de trabajo para el primer semestre de 2013.</p>",
            "ru": "<p>Комитет утвердил программу работы на первое полугодие 2013 года.</p>",
            "ar": "<p>اعتمدت اللجنة برنامج عملها للنصف الأول من عام 2013.</p>",
            "zh-hans": "<p>委员会通过了2013年上半年工作方案。</p>",
        },
    },
    {
        "date": datetime.date(2012, 11, 28),
        "title": {
            "en": "Special meeting on preventing terrorist travel",
            "fr": "Réunion spéciale sur la prévention des déplacements de terroristes",
            "es": "Reunión especial sobre la prevención de los viajes de terroristas",
            "ru": "Специальное заседание по предотвращению передвижения террористов",
            "ar": "اجتماع خاص بشأن منع سفر الإرهابيين",
            "zh-hans": "关于防止恐怖分子旅行的特别会议",
        },
        "body": {
            "en": "<p>Member States, international and regional organisations met in New York.</p>",
            "fr": "<p>Les États Membres et les organisations internationales et régionales se sont réunis à New York.</p>",
            "es": "<p>Los Estados Miembros y las organizaciones internacionales y regionales se reunieron en Nueva York.</p>",
            "ru": "<p>Государства-члены, международные и региональные организации собрались в Нью-Йорке.</p>",
            "ar": "<p>اجتمعت الدول الأعضاء والمنظمات الدولية والإقليمية في نيويورك.</p>",
            "zh-hans": "<p>会员国以及国际和区域组织在纽约举行会议。</p>",
        },
    },
    {
        "date": datetime.date(2012, 10, 5),
        "title": {
            "en": "Technical Guide now available in all six official languages",
            "fr": "Le Guide technique est disponible dans les six langues officielles",
            "es": "La Guía técnica ya está disponible en los seis idiomas oficiales",
            "ru": "Техническое руководство доступно на всех шести официальных языках",
            "ar": "الدليل التقني متاح الآن بجميع اللغات الرسمية الست",
            "zh-hans": "技术指南现已提供全部六种正式语文版本",
        },
        "body": {
            "en": "<p>The electronic editions can be downloaded from the publications page.</p>",
            "fr": "<p>Les éditions électroniques peuvent être téléchargées depuis la page des publications.</p>",
            "es": "<p>Las ediciones electrónicas pueden descargarse desde la página de publicaciones.</p>",
            "ru": "<p>Электронные издания можно загрузить со страницы публикаций.</p>",
            "ar": "<p>يمكن تنزيل الطبعات الإلكترونية من صفحة المنشورات.</p>",
            "zh-hans": "<p>电子版可从出版物页面下载。</p>",
        },
    },
    {
        # Not yet translated into Arabic: its Arabic page shows the English, marked.
        "date": datetime.date(2012, 9, 20),
        "title": {
            "en": "Committee briefs the wider membership",
            "fr": "Le Comité fait un exposé à l'ensemble des États Membres",
            "es": "El Comité informa al conjunto de los Estados Miembros",
            "ru": "Комитет провел брифинг для всех государств-членов",
            "zh-hans": "委员会向全体会员国通报情况",
        },
        "body": {
            "en": "<p>The Chair briefed Member States on the Committee's work in 2012.</p>",
            "fr": "<p>Le Président a informé les États Membres des travaux du Comité en 2012.</p>",
            "es": "<p>El Presidente informó a los Estados Miembros sobre la labor del Comité en 2012.</p>",
            "ru": "<p>Председатель проинформировал государства-члены о работе Комитета в 2012 году.</p>",
            "zh-hans": "<p>主席向会员国通报了委员会2012年的工作。</p>",
        },
    },
]


def _field(name: str, code: str) -> str:
    return f"{name}_{code.replace('-', '_')}"


def _translations(name: str, values: dict) -> dict:
    return {_field(name, code): value for code, value in values.items()}


def _demo_pdf(title: str) -> bytes:
    """A one-page PDF whose only text is the ASCII slug (no font for other scripts needed)."""
    text = title.encode("ascii", "replace")
    stream = b"BT /F1 18 Tf 72 720 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += str(number).encode() + b" 0 obj\n" + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 " + str(len(objects) + 1).encode() + b"\n0000000000 65535 f \n"
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += b"trailer\n<< /Size " + str(len(objects) + 1).encode() + b" /Root 1 0 R >>\n"
    return out + b"startxref\n" + str(xref).encode() + b"\n%%EOF\n"


@transaction.atomic
def publications_demo_seed() -> int:
    """Adds what is missing; returns how many publications and news items were added."""
    uploader = User.objects.filter(username="admin", is_active=True).first()
    added = 0
    for spec in PUBLICATIONS:
        publication, created = Publication.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                "kind": spec["kind"],
                "year": spec["year"],
                "order": spec["order"],
                "published": True,
                **_translations("title", spec["title"]),
                **_translations("summary", spec["summary"]),
            },
        )
        added += created
        for language, form in spec["editions"]:
            edition, _new = Edition.objects.get_or_create(
                publication=publication, language=language, form=form
            )
            if form == ELECTRONIC and uploader and not edition.files.exists():
                name = f"{spec['slug']}-{language}.pdf"
                upload = SimpleUploadedFile(name, _demo_pdf(name), "application/pdf")
                taken = upload_take(upload, policy=DOCUMENT_POLICY)
                services.edition_file_add(edition=edition, taken=taken, by=uploader)
    for spec in NEWS:
        _item, created = NewsItem.objects.get_or_create(
            date=spec["date"],
            title_en=spec["title"]["en"],
            defaults={
                "published": True,
                **_translations("title", spec["title"]),
                **_translations("body", spec["body"]),
            },
        )
        added += created
    return added
