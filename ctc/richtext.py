"""Edited texts (findings, notes, report sections) are rich text: a small, safe subset of
HTML, cleaned with nh3 on every save."""

import html
import re

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "blockquote", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
# A paragraph with nothing in it: what is left of <p><ul>…</ul></p> once parsed (the HTML
# parser closes the paragraph before the list), and the empty lines editors leave behind.
EMPTY_PARAGRAPH = re.compile(r"<p>(?:\s|&nbsp;|<br>)*</p>")


def clean(value: str) -> str:
    """Keeps only ALLOWED_TAGS; scripts, styles, event handlers and javascript: links go.
    Parsing as a browser does lifts lists out of paragraphs; the empty paragraphs go."""
    cleaned = nh3.clean(
        value or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return EMPTY_PARAGRAPH.sub("", cleaned).strip()


def to_text(value: str) -> str:
    """Plain text of a finding, for diffs and search: block ends become spaces."""
    spaced = (value or "").replace("</p>", "</p> ").replace("<br>", " ").replace("</li>", "</li> ")
    return " ".join(html.unescape(nh3.clean(spaced, tags=set())).split())


BLOCK_END = re.compile(r"</p>|<br>|</li>|</blockquote>")


def to_lines(value: str) -> str:
    """Plain text of a finding with one line per paragraph, list item or line break."""
    text = html.unescape(nh3.clean(BLOCK_END.sub("\n", value or ""), tags=set()))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
