"""Print-friendly PDFs (WeasyPrint) of what is sent to a State (an assessment, a visit
report), one language each, from a template that loads nothing."""

from django.template.loader import render_to_string
from django.utils import translation


def _fetch_nothing(url, *args, **kwargs):
    # The templates load nothing; a URL in a document's text never reaches the network.
    raise ValueError(f"A PDF of the site loads nothing from {url!r}.")


def pdf_html(template: str, context: dict, *, language: str) -> str:
    """`template` rendered in `language` (its labels, dates and direction): the page a PDF
    is printed from."""
    with translation.override(language):
        return render_to_string(
            template,
            {**context, "language": language, "bidi": translation.get_language_bidi()},
        )


def pdf_from_html(html: str) -> bytes:
    import weasyprint  # heavy to import: only where a PDF is made (a task)

    return weasyprint.HTML(string=html, url_fetcher=_fetch_nothing).write_pdf()
