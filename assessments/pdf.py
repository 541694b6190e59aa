"""What was sent to a State as print-friendly PDFs (WeasyPrint), one language each."""

from django.template.loader import render_to_string
from django.utils import translation


def _fetch_nothing(url, *args, **kwargs):
    # The templates load nothing; a URL in a finding's text never reaches the network.
    raise ValueError(f"The PDF of a sent assessment loads nothing from {url!r}.")


def pdf_render(template: str, context: dict, *, language: str) -> bytes:
    """`template` rendered in `language` (its labels, dates and direction) as a PDF."""
    with translation.override(language):
        html = render_to_string(
            template,
            {**context, "language": language, "bidi": translation.get_language_bidi()},
        )
    import weasyprint  # heavy to import: only where a PDF is made (a task)

    return weasyprint.HTML(string=html, url_fetcher=_fetch_nothing).write_pdf()
