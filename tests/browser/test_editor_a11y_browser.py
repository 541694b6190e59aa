"""The assessment editor in Chromium: WCAG 2.1 AA details a markup test cannot see
(names, focus, tab stops, what the rich-text box emits, layout at 390 px)."""

import re

import pytest
from playwright.sync_api import expect

from assessments import services
from ctc.accounts.enums import Role
from tests.conftest import PASSWORD
from tests.factories import AssessmentFactory
from tests.two_factor import sign_in

pytestmark = pytest.mark.browser

# Elements the Tab key stops on, inside `root` (visible, enabled, tabindex not negative).
TABBABLE = """root => Array.from(root.querySelectorAll(
    'a[href], button, input, select, textarea, summary, [tabindex], [contenteditable="true"]'
  )).filter(el => (el.tabIndex >= 0 || el.getAttribute('contenteditable') === 'true')
    && !el.disabled && !el.closest('[hidden]')
    && el.getClientRects().length > 0
    && !(el.closest('details:not([open])') && el.tagName !== 'SUMMARY'))
  .map(el => el.tagName + (el.className ? '.' + el.className : ''))"""


@pytest.fixture
def draft(reference_data, personas):
    return AssessmentFactory(people=personas, assignee=personas[Role.CTED_EXPERT])


def _sign_in(page, username, lang="en"):
    sign_in(page, username, PASSWORD, lang=lang)
    expect(page).not_to_have_url(re.compile(r"/login/"))


def _open(page, draft, lang="en"):
    _sign_in(page, "expert", lang)
    page.goto(f"/{lang}/assessments/{draft.pk}/")


def test_toolbar_is_one_tab_stop_with_arrow_keys_and_names_that_contain_the_labels(page, draft):
    answer = draft.answers.get(question__code="1.1")
    _open(page, draft)
    block = page.locator(f"#q-{answer.pk}")
    toolbar = block.get_by_role("toolbar")

    expect(toolbar).to_have_attribute("aria-label", "Text formatting")
    buttons = toolbar.get_by_role("button")
    expect(buttons).to_have_count(4)
    for i in range(4):
        button = buttons.nth(i)
        visible = button.evaluate(
            "b => Array.from(b.childNodes).filter(n => !(n.getAttribute &&"
            " n.getAttribute('aria-hidden'))).map(n => n.textContent).join('').trim()"
        )
        assert visible and button.get_attribute("aria-label") is None
    assert [b.get_attribute("tabindex") for b in buttons.all()] == ["0", "-1", "-1", "-1"]
    # Named by their visible labels.
    for name in ["Bold", "Italic", "Bulleted list", "Numbered list"]:
        expect(toolbar.get_by_role("button", name=name, exact=True)).to_be_visible()

    buttons.nth(0).focus()
    page.keyboard.press("ArrowRight")
    expect(toolbar.get_by_role("button", name="Italic")).to_be_focused()
    page.keyboard.press("End")
    expect(toolbar.get_by_role("button", name="Numbered list")).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(toolbar.get_by_role("button", name="Bold")).to_be_focused()
    page.keyboard.press("Tab")
    expect(block.get_by_role("textbox", name="Finding")).to_be_focused()

    stops = block.evaluate(TABBABLE)
    assert len([s for s in stops if "rt-toolbar" in s or s.startswith("BUTTON.rt-")]) == 1
    # Before: four toolbar buttons and the rest, 9 stops; now one stop for the toolbar.
    assert stops == ["BUTTON.rt-bold", "DIV.rt-editor", "SELECT", "TEXTAREA", "BUTTON", "SUMMARY"]


def test_arabic_toolbar_is_translated_and_the_numeral_stays_left_to_right(page, draft):
    answer = draft.answers.get(question__code="1.1")
    _open(page, draft, "ar")
    toolbar = page.locator(f"#q-{answer.pk}").get_by_role("toolbar")

    labels = toolbar.locator(".rt-label").all_inner_texts()
    assert labels and not any(re.fullmatch(r"[A-Za-z .•]+", label) for label in labels), labels
    glyph = toolbar.locator(".rt-insertOrderedList bdi")
    expect(glyph).to_have_attribute("dir", "ltr")
    expect(glyph).to_have_attribute("aria-hidden", "true")
    # Right to left, the next button is on the left.
    first = toolbar.get_by_role("button").nth(0)
    first.focus()
    page.keyboard.press("ArrowLeft")
    expect(toolbar.get_by_role("button").nth(1)).to_be_focused()
    # English findings on Arabic pages say so.
    editor = page.locator(f"#q-{answer.pk} .rt-editor")
    expect(editor).to_have_attribute("lang", "en")


def test_finding_label_names_the_visible_box_and_the_lists_are_not_inside_paragraphs(page, draft):
    answer = draft.answers.get(question__code="1.1")
    _open(page, draft)
    block = page.locator(f"#q-{answer.pk}")
    label = block.locator("label", has_text="Finding")

    assert label.get_attribute("for") is None
    editor = block.get_by_role("textbox", name="Finding")
    expect(editor).to_have_attribute("aria-multiline", "true")
    expect(editor).to_have_attribute("aria-labelledby", label.get_attribute("id"))

    editor.evaluate("e => { e.innerHTML = '<p>One</p><p>Two</p>'; }")
    editor.focus()
    page.keyboard.press("Control+A")
    block.get_by_role("button", name="Bulleted list").click()
    value = block.locator("textarea[name=finding]").input_value()
    assert "<li>" in value
    assert not re.search(r"<p>\s*<(ul|ol)", value), value

    font = page.evaluate(
        "() => [getComputedStyle(document.body).fontFamily,"
        " getComputedStyle(document.querySelector('textarea[name=sources]')).fontFamily]"
    )
    assert font[0] == font[1]


def test_focus_stays_in_the_block_after_a_save_and_goes_to_the_summary_on_a_conflict(
    page, draft, personas
):
    answer = draft.answers.get(question__code="1.1")
    _open(page, draft)
    block = page.locator(f"#q-{answer.pk}")

    block.get_by_role("textbox", name="Finding").fill("First text.")
    block.get_by_role("button", name="Save").focus()
    page.keyboard.press("Enter")
    expect(block.get_by_role("status")).to_have_text("Saved.")
    expect(block.get_by_role("status")).to_be_focused()
    expect(page.locator("#editor-live")).to_have_text("Saved.")

    answer.refresh_from_db()
    services.answer_save(
        answer=answer,
        finding="<p>Colleague.</p>",
        status="",
        sources="",
        revision=answer.revision,
        by=personas[Role.CTED_COORDINATOR],
    )
    block.get_by_role("textbox", name="Finding").fill("Second text.")
    block.get_by_role("button", name="Save").focus()
    page.keyboard.press("Enter")

    summary = block.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Not saved: someone else saved this finding")
    editor = block.get_by_role("textbox", name="Finding")
    expect(editor).to_have_attribute("aria-invalid", "true")
    described = editor.get_attribute("aria-describedby")
    expect(page.locator(f"[id='{described}']")).to_contain_text("Not saved")
    summary.get_by_role("link").focus()
    page.keyboard.press("Enter")
    expect(editor).to_be_focused()


def test_full_page_error_moves_the_focus_to_the_summary_of_its_form(page, draft):
    _open(page, draft)
    page.fill("#rec-1", "Adopt a law on non-profit organisations.")
    page.get_by_role("button", name="Save the recommendations").click()

    summary = page.locator("#recommendations [data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    expect(page.locator("#rec-area-1")).to_have_attribute("aria-invalid", "true")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_editor_and_list_fit_a_390_px_phone(browser, live_server, draft, lang):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, locale="en-GB"
    )
    page = context.new_page()
    _open(page, draft, lang)
    overflow = """() => { const w = document.documentElement.clientWidth;
      return Array.from(document.querySelectorAll('main *')).filter(el => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && (r.right > w + 1 || r.left < -1);
      }).map(el => el.tagName + '.' + el.className + '#' + el.id).slice(0, 5); }"""
    assert page.evaluate(overflow) == []
    for path in ["assessments/", "assessments/stocktaking/", f"assessments/{draft.pk}/versions/"]:
        page.goto(f"/{lang}/{path}")
        assert page.evaluate(overflow) == [], path
    # The last page's table is stacked: a row's cells one under the other, not side by side.
    first, second = page.evaluate(
        """() => Array.from(document.querySelector('.assessment-table tbody tr').cells)
            .slice(0, 2).map((td) => { const r = td.getBoundingClientRect();
                return {top: r.top, bottom: r.bottom}; })"""
    )
    assert second["top"] >= first["bottom"] - 1
    context.close()
