"""Making documents for the document area's tests, through the services."""

from django.core.files.uploadedfile import SimpleUploadedFile

from docs_tracker import services

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


def pdf(name="document.pdf", body=b"") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF + body, content_type="application/pdf")


def make_document(
    by,
    *,
    symbol="S/AC.40/2026/1",
    kind="letter",
    classification="restricted",
    state=None,
    languages=("en",),
    states=(),
    organisations=(),
    groups=(),
    titles=None,
):
    document = services.document_create(
        kind=kind,
        reference_symbol=symbol,
        titles=titles or {"en": f"Document {symbol}", "fr": f"Document {symbol} (fr)"},
        classification=classification,
        state=state,
        files={lang: pdf(f"{symbol.replace('/', '-')}-{lang}.pdf") for lang in languages},
        by=by,
    )
    if states or organisations or groups:
        services.document_distribute(
            document=document,
            states=list(states),
            organisations=list(organisations),
            groups=list(groups),
            by=by,
        )
    return document
