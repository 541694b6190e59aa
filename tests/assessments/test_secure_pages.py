"""What a State's focal point reads in the secure area: plain words, the upload limits
before the upload, each finding's implementation status, a page that prints, a greeting."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils import translation

from assessments.constants import REPLY_POLICY
from assessments.enums import AssessmentStatus
from assessments.models import SentSnapshot
from ctc.accounts.enums import Role
from tests.factories import assessment_advance

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def sent(draft, personas):
    return assessment_advance(draft, AssessmentStatus.SENT, personas)


@pytest.fixture
def focal(client, personas):
    person = personas[Role.FOCAL_POINT]
    person.first_name, person.last_name = "Wanjiru", "Kamau"
    person.save()
    client.force_login(person)
    return client


def _page(pk, language="en"):
    return f"/{language}/secure/assessments/{pk}/"


class _Ids(HTMLParser):
    """Every id of the page, every aria-describedby reference, and inline scripts/styles."""

    def __init__(self):
        super().__init__()
        self.ids, self.described_by, self.inline = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if attrs.get("aria-describedby"):
            self.described_by += attrs["aria-describedby"].split()
        if "style" in attrs or (tag == "script" and "src" not in attrs):
            self.inline.append(tag)


def _parse(html: str) -> _Ids:
    parser = _Ids()
    parser.feed(html)
    return parser


def _text(html: str) -> str:
    """The page's words outside <details> (what everyone reads without asking for more)."""
    return re.sub(r"<details.*?</details>", "", html, flags=re.S)


def test_file_check_in_plain_words_and_the_fingerprint_behind_details(focal, sent):
    snapshot = SentSnapshot.objects.get(assessment=sent)

    html = focal.get(_page(sent.pk)).content.decode()

    assert "File check: intact" in html
    assert "SHA-256" not in _text(html)
    details = re.search(r"<details class=\"fingerprint\">(.*?)</details>", html, re.S).group(1)
    assert snapshot.sha256 in details


def test_file_check_says_so_when_the_stored_copy_no_longer_matches(focal, sent):
    snapshot = SentSnapshot.objects.get(assessment=sent)
    content = {**snapshot.content, "letter": "<p>Altered.</p>"}
    SentSnapshot.objects.filter(pk=snapshot.pk).update(content=content)

    html = focal.get(_page(sent.pk)).content.decode()

    assert "File check: intact" not in html
    assert "File check: this copy does not match what was sent" in html


def test_accepted_types_and_size_limit_are_said_before_the_upload(focal, sent):
    html = focal.get(_page(sent.pk)).content.decode()

    types = ", ".join(sorted(REPLY_POLICY.types))
    hint = f"Accepted file types: {types}. Maximum size: {filesizeformat(REPLY_POLICY.max_bytes)}."
    assert hint in html
    assert html.index(hint) < html.index('type="file"')
    file_input = re.search(r"<input type=\"file\"[^>]*>", html).group(0)
    assert 'aria-describedby="id_file_helptext"' in file_input
    assert f'accept="{",".join(sorted(REPLY_POLICY.types))}"' in file_input


@pytest.mark.parametrize("post", [False, True], ids=["form", "refused upload"])
def test_every_aria_describedby_names_an_id_of_the_page(focal, sent, post):
    if post:
        upload = SimpleUploadedFile("reply.exe", b"MZ\x90\x00")
        response = focal.post(_page(sent.pk), {"file": upload})
        assert response.status_code == 400
    else:
        response = focal.get(_page(sent.pk))

    page = _parse(response.content.decode())

    assert page.described_by
    assert [ref for ref in page.described_by if ref not in page.ids] == []
    assert len(page.ids) == len(set(page.ids))


def test_each_finding_shows_its_implementation_status(focal, sent):
    statuses = dict(sent.answers.values_list("question__code", "status"))
    assert set(statuses.values()) == {"partially"}

    html = focal.get(_page(sent.pk)).content.decode()

    assert html.count('<p class="finding-status">Implementation status: ') == len(statuses)
    badge = '<span class="badge badge-status">Partially implemented</span>'
    assert html.count(badge) == len(statuses)
    with translation.override("fr"):
        french = focal.get(_page(sent.pk, "fr")).content.decode()
    assert '<span class="badge badge-status">Partiellement mis en œuvre</span>' in french


def test_page_prints_through_a_script_file_and_a_print_stylesheet(focal, sent):
    html = focal.get(_page(sent.pk)).content.decode()

    assert '<button type="button" class="print-button" data-print hidden>Print</button>' in html
    assert '<script src="/static/js/secure.js" defer></script>' in html
    assert _parse(html).inline == []
    script = (ROOT / "static/js/secure.js").read_text()
    assert "window.print()" in script and "[data-print]" in script
    css = (ROOT / "static/css/site.css").read_text()
    assert css.count("/* print */") == 1
    block = css[css.index("/* print */") :]
    assert block.removeprefix("/* print */").lstrip().startswith("@media print")
    for hidden in (".site-header", ".site-footer", "form", ".no-print"):
        assert hidden in block[: block.index("\n}\n")]


def test_secure_list_greets_the_focal_point_by_name(focal, sent):
    html = focal.get("/en/secure/assessments/").content.decode()

    assert "Welcome, Wanjiru Kamau" in html
    assert json.dumps(sent.pk) in html
