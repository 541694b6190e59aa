"""Every page on a phone: at 390 px and at 320 px, in English and in Arabic, no page scrolls
sideways (asserted from the page's own width). Screenshots at 390 px go to a temporary
directory (CTC_SCREENSHOT_DIR to keep them elsewhere)."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from assessments.enums import AssessmentStatus
from assessments.models import SentSnapshot
from ctc.accounts.enums import Role
from ctc.states.enums import Resolution
from ctc.states.models import MemberState
from tests.conftest import PASSWORD
from tests.factories import AssessmentFactory, StateReportFactory
from tests.two_factor import sign_in

pytestmark = pytest.mark.browser

WIDTHS = [(390, 844), (320, 640)]
LANGUAGES = ["en", "ar"]
# Elements sticking out of the viewport, for the failure message.
OVERFLOWING = """() => {
  const width = window.innerWidth;
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width && (box.right > width + 0.5 || box.left < -0.5)) {
      const cls = typeof el.className === 'string' && el.className ? '.' + el.className : '';
      const id = el.id ? '#' + el.id : '';
      out.push(`${el.tagName.toLowerCase()}${id}${cls} [${box.left | 0}, ${box.right | 0}]`);
    }
  }
  return out.slice(0, 8);
}"""


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory) -> Path:
    chosen = os.environ.get("CTC_SCREENSHOT_DIR")
    path = Path(chosen) if chosen else tmp_path_factory.mktemp("mobile-screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def files(reference_data, personas):
    """Kenya's draft (the expert's) and a file sent to Kenya (its focal point's), with a
    report in Kenya's history so that the state page has a table."""
    kenya = MemberState.objects.get(iso3="KEN")
    StateReportFactory(state=kenya, resolution=Resolution.R1373, document_symbol="S/2002/1234")
    draft = AssessmentFactory(people=personas, assignee=personas[Role.CTED_EXPERT])
    sent = AssessmentFactory(people=personas, stage=AssessmentStatus.SENT)
    return {"draft": draft, "sent": sent}


def _sign_in(page, username):
    sign_in(page, username, PASSWORD)
    expect(page.get_by_role("heading", name=re.compile("Welcome"))).to_be_visible()


def _check(browser, live_server, screenshot_dir, name, path, username=None) -> dict:
    """{(width, lang): what overflows} for the page at both widths in both languages."""
    overflows = {}
    for width, height in WIDTHS:
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": width, "height": height}
        )
        page = context.new_page()
        if username:
            _sign_in(page, username)
        for lang in LANGUAGES:
            response = page.goto(f"/{lang}{path}")
            assert response.status == 200, (name, lang, response.status)
            expect(page.locator("html")).to_have_attribute("lang", lang)
            if width == 390:
                page.screenshot(path=screenshot_dir / f"{name}-{lang}-{width}.png", full_page=True)
            scroll_width, inner_width = page.evaluate(
                "[document.documentElement.scrollWidth, window.innerWidth]"
            )
            if scroll_width > inner_width:
                overflows[(width, lang)] = (scroll_width, page.evaluate(OVERFLOWING))
        context.close()
    return overflows


@pytest.mark.parametrize(
    "name,path,username",
    [
        ("home", "/", None),
        ("states", "/states/", None),
        ("state", "/states/KEN/", None),
        ("login", "/login/", None),
        ("landing", "/workspace/", "expert"),
        ("notifications", "/notifications/", "expert"),
    ],
)
def test_page_fits_a_phone_without_sideways_scrolling(
    browser, live_server, files, screenshot_dir, name, path, username
):
    assert _check(browser, live_server, screenshot_dir, name, path, username) == {}


def test_assessment_editor_fits_a_phone(browser, live_server, files, screenshot_dir):
    path = f"/assessments/{files['draft'].pk}/"

    assert _check(browser, live_server, screenshot_dir, "editor", path, "expert") == {}


def test_secure_area_fits_a_phone(browser, live_server, files, screenshot_dir):
    # What was sent is filed after commit (a live server commits): the inbox and its document.
    pia = SentSnapshot.objects.get(assessment=files["sent"]).documents["pia"]
    listing = _check(browser, live_server, screenshot_dir, "secure-list", "/secure/", "focal_ken")
    detail = _check(
        browser,
        live_server,
        screenshot_dir,
        "secure-detail",
        f"/secure/documents/{pia}/",
        "focal_ken",
    )

    assert listing == {}
    assert detail == {}


@pytest.mark.parametrize("width", [390, 320])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_switcher_wraps_between_languages_never_inside_one(
    browser, live_server, reference_data, lang, width
):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 640}
    )
    page = context.new_page()
    page.goto(f"/{lang}/")

    links = page.locator(".language-switcher a")
    lines = links.evaluate_all("links => links.map(a => a.getClientRects().length)")
    boxes = [links.nth(i).bounding_box() for i in range(links.count())]
    switcher = page.locator(".language-switcher").bounding_box()
    context.close()

    assert lines == [1, 1, 1, 1, 1, 1]
    assert all(b["height"] < 40 for b in boxes)
    assert switcher["width"] <= width


@pytest.mark.parametrize(
    "lang,labels",
    [
        (
            "en",
            [
                "Name",
                "Regional group",
                "Subcommittee",
                "Latest report on 1373",
                "Latest report on 1624",
            ],
        ),
        ("ar", None),
    ],
)
def test_states_table_becomes_labelled_stacked_rows_on_a_phone(
    browser, live_server, reference_data, lang, labels
):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"/{lang}/states/?region=AFRICAN")

    headers = page.locator("table.data-table thead th").all_text_contents()
    cells = page.locator("table.data-table tbody tr").first.locator("td")
    shown = cells.evaluate_all(
        "tds => tds.map(td => [getComputedStyle(td).display,"
        " getComputedStyle(td, '::before').content])"
    )
    first, second = (cells.nth(i).bounding_box() for i in (0, 1))
    context.close()

    assert [display for display, _ in shown] == ["grid"] * 5
    assert [label for _, label in shown] == [f'"{h.strip()}"' for h in headers]
    if labels:
        assert [h.strip() for h in headers] == labels
    # One cell under the other, not side by side.
    assert second["y"] >= first["y"] + first["height"] - 1


def test_wide_screen_keeps_the_states_table(browser, live_server, reference_data):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto("/en/states/")

    display = page.locator("table.data-table tbody td").first.evaluate(
        "td => getComputedStyle(td).display"
    )
    context.close()

    assert display == "table-cell"


def test_skip_link_shows_on_focus_and_moves_focus_to_main(browser, live_server, reference_data):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto("/ar/states/")

    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    box = page.locator(".skip-link").bounding_box()
    page.keyboard.press("Enter")
    target = page.evaluate("document.activeElement.id")
    context.close()

    assert focused == "skip-link"
    assert box["y"] >= 0 and box["x"] >= 0 and box["x"] + box["width"] <= 320
    assert target == "main"


def test_account_security_pages_fit_a_phone(browser, live_server, files, screenshot_dir):
    from ctc.accounts.models import User
    from ctc.accounts.tokens import token_create

    token_create(user=User.objects.get(username="expert"))
    security = _check(
        browser, live_server, screenshot_dir, "security", "/account/security/", "expert"
    )
    enrol = _check(
        browser, live_server, screenshot_dir, "two-factor-enrol", "/two-factor/enrol/", "expert"
    )

    assert security == {}
    assert enrol == {}
