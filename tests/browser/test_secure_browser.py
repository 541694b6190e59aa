"""The secure area on a phone (390 px, English and Arabic) and on paper."""

import pytest
from playwright.sync_api import expect

from assessments import services
from assessments.enums import AssessmentStatus
from ctc.accounts.enums import Role
from tests.conftest import PASSWORD
from tests.factories import AssessmentFactory, assessment_advance
from tests.two_factor import sign_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LONG_WORD = "Counterterrorismfinancingsupervisoryframework" * 3  # no place to break


@pytest.fixture
def sent(reference_data, personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    draft = AssessmentFactory(people=personas, assignee=personas[Role.CTED_EXPERT])
    services.note_save(
        assessment=draft,
        field="letter",
        text=f"<p>Excellency,</p><p>{LONG_WORD}</p>",
        revision=draft.letter_revision,
        by=personas[Role.CTED_EXPERT],
    )
    return assessment_advance(draft, AssessmentStatus.SENT, personas)


def _sign_in(page, username):
    sign_in(page, username, PASSWORD)
    page.wait_for_url("**/en/**")


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_secure_list_and_page_need_no_sideways_scrolling_at_390_px(page, sent, language, tmp_path):
    page.set_viewport_size(PHONE)
    _sign_in(page, "focal_ken")

    for path in ("/secure/assessments/", f"/secure/assessments/{sent.pk}/"):
        page.goto(f"/{language}{path}")
        name = f"{language}-{path.strip('/').replace('/', '-')}.png"
        page.screenshot(path=str(tmp_path / name), full_page=True)

        assert page.evaluate("document.documentElement.dir") == (
            "rtl" if language == "ar" else "ltr"
        )
        assert _overflow(page) <= 0, path
    # On a phone the list's table is stacked rows: one cell under the other.
    page.goto(f"/{language}/secure/assessments/")
    cells = page.locator(".stacked-table tbody tr").first.locator("th, td")
    boxes = [cells.nth(i).bounding_box() for i in range(cells.count())]
    assert len(boxes) == 3
    assert boxes[0]["y"] < boxes[1]["y"] < boxes[2]["y"]


def test_secure_page_prints_without_the_site_chrome_and_the_form(page, sent):
    _sign_in(page, "focal_ken")
    page.goto(f"/en/secure/assessments/{sent.pk}/")
    page.evaluate("window.print = () => { window.printed = true; }")
    button = page.get_by_role("button", name="Print")

    expect(button).to_be_visible()
    button.click()
    assert page.evaluate("window.printed") is True
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator("main form")).to_be_hidden()
    expect(button).to_be_hidden()
    expect(page.get_by_text("The State has adopted a law.").first).to_be_visible()
    expect(page.locator(".finding-status").first).to_be_visible()
    assert page.console_errors == []
