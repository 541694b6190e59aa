import datetime

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from ctc.files.uploads import DOCUMENT_POLICY, upload_take
from publications import services
from publications.enums import EditionForm, PublicationKind
from publications.models import Edition, NewsItem, Publication

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publication

    slug = factory.Sequence(lambda n: f"publication-{n}")
    kind = PublicationKind.TECHNICAL_GUIDE
    title_en = factory.Sequence(lambda n: f"Publication {n}")
    summary_en = "What it is about."
    year = 2012
    published = True


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition

    publication = factory.SubFactory(PublicationFactory)
    language = "en"
    form = EditionForm.PRINT


class NewsItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsItem

    title_en = factory.Sequence(lambda n: f"News {n}")
    body_en = "<p>Body.</p>"
    date = datetime.date(2012, 12, 1)
    published = True


def electronic_edition(publication, language, *, by, content=PDF):
    """An electronic edition with its file stored through ctc.files (checksum and all)."""
    edition = EditionFactory(
        publication=publication, language=language, form=EditionForm.ELECTRONIC
    )
    upload = SimpleUploadedFile(f"{publication.slug}-{language}.pdf", content, "application/pdf")
    services.edition_file_add(
        edition=edition, taken=upload_take(upload, policy=DOCUMENT_POLICY), by=by
    )
    return edition
