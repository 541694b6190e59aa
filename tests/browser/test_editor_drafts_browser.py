"""The editor never loses a word (local drafts, autosave, Ctrl+S, leaving asks first), shows
a conflict in place with "Keep mine" / "Take theirs", filters its outline, and edits the
recommendations as a list with the keyboard."""

import re
import time

import pytest
from playwright.sync_api import expect

from assessments import services
from ctc.accounts.enums import Role
from ctc.themes.models import ThematicArea
from tests.conftest import PASSWORD
from tests.factories import AssessmentFactory, finding_save
from tests.two_factor import sign_in

pytestmark = pytest.mark.browser

ACTIVE_ID = "() => document.activeElement && document.activeElement.id"


@pytest.fixture
def draft(reference_data, personas):
    """Kenya's draft on a small format (1.1, 1.2, 2.1), assigned to the expert."""
    return AssessmentFactory(people=personas, assignee=personas[Role.CTED_EXPERT])


def _open(page, draft, lang="en"):
    sign_in(page, "expert", PASSWORD, lang=lang)
    expect(page).not_to_have_url(re.compile(r"/login/"))
    page.goto(f"/{lang}/assessments/{draft.pk}/")


def _until(check, seconds=10.0):
    """Polls the database (or anything) until `check()` is true."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return check()


def _finding(answer):
    answer.refresh_from_db()
    return answer.finding


DRAFTS = "() => Object.keys(localStorage).filter(k => k.startsWith('ctc-draft:')).sort()"


def _drafts(page):
    """The local drafts left, once the page has settled (htmx:load runs after the swap)."""
    page.wait_for_function(f"() => ({DRAFTS})().length === 0", timeout=3000)
    return page.evaluate(DRAFTS)


def test_typed_text_survives_a_reload_and_is_offered_back(page, draft, personas):
    answer = draft.answers.get(question__code="1.1")
    _open(page, draft)
    block = page.locator(f"#q-{answer.pk}")
    block.get_by_role("textbox", name="Finding").click()
    page.keyboard.type("Draft that must not be lost.")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))

    page.reload()

    assert dialogs == ["beforeunload"]
    offer = page.locator(f"#q-{answer.pk} [data-draft-offer]")
    expect(offer).to_contain_text(
        re.compile(r"Unsaved text from \d{1,2}:\d\d(\s?[AP]M)? was found\.")
    )
    expect(page.get_by_role("textbox", name="Finding").first).to_have_text("")
    offer.get_by_role("button", name="Restore").click()
    editor = page.locator(f"#q-{answer.pk}").get_by_role("textbox", name="Finding")
    expect(editor).to_have_text("Draft that must not be lost.")
    expect(editor).to_be_focused()
    page.locator(f"#q-{answer.pk}").get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(f"#q-{answer.pk}").get_by_role("status")).to_have_text("Saved.")
    assert _finding(answer) == "Draft that must not be lost."
    assert _drafts(page) == []
    assert page.console_errors == []


def test_discarding_a_draft_forgets_it(page, draft):
    answer = draft.answers.get(question__code="1.2")
    _open(page, draft)
    page.locator(f"#q-{answer.pk}").get_by_role("textbox", name="Finding").click()
    page.keyboard.type("Not wanted.")
    page.on("dialog", lambda dialog: dialog.accept())
    page.reload()

    page.locator(f"#q-{answer.pk}").get_by_role("button", name="Discard").click()

    expect(page.locator("[data-draft-offer]")).to_have_count(0)
    assert _drafts(page) == []
    page.reload()
    expect(page.locator("[data-draft-offer]")).to_have_count(0)


def test_leaving_with_unsaved_changes_asks_first_and_not_after_a_save(page, draft):
    _open(page, draft)
    page.locator("#note-cover_note-editor").click()
    page.keyboard.type("Half a sentence")
    dialogs = []

    def stay(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    page.get_by_role("link", name="Versions and comparison").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kenya")
    assert dialogs == ["beforeunload"]
    assert "/versions/" not in page.url

    page.locator("#cover_note").get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#cover_note").get_by_role("status")).to_have_text("Saved.")
    page.get_by_role("link", name="Versions and comparison").click()
    expect(page).to_have_url(re.compile(r"/versions/$"))
    assert dialogs == ["beforeunload"]


def test_autosave_saves_after_a_pause_and_keeps_the_caret(page, draft):
    answer = draft.answers.get(question__code="1.1")
    versions = draft.versions.count()
    _open(page, draft)
    block = page.locator(f"#q-{answer.pk}")
    block.get_by_label("Implementation status").select_option("implemented")
    editor = block.get_by_role("textbox", name="Finding")
    editor.click()
    page.keyboard.type("Saved by itself")

    assert _until(lambda: _finding(answer) == "Saved by itself")
    expect(block.locator("[data-save-status]")).to_have_text(
        re.compile(r"Saved at \d{1,2}:\d\d(\s?[AP]M)?")
    )
    assert draft.versions.count() == versions + 1
    # No swap: the caret is still in the box, at its end, and typing goes on.
    assert page.evaluate(ACTIVE_ID) == f"finding-{answer.pk}-editor"
    page.keyboard.type(", then more.")
    assert _until(lambda: _finding(answer) == "Saved by itself, then more.")
    answer.refresh_from_db()
    assert answer.status == "implemented"
    expect(block.locator("input[name=revision]")).to_have_value(str(answer.revision))
    expect(page.get_by_test_id("progress")).to_have_text("1 of 3 questions answered")
    expect(page.locator(f"#outline-q-{answer.pk}")).to_contain_text("Answered")
    assert _drafts(page) == []


def test_autosave_conflict_shows_in_place_and_keep_mine_wins(page, draft, personas):
    answer = draft.answers.get(question__code="1.1")
    _open(page, draft)
    finding_save(answer, "<p>Their text first.</p>", by=personas[Role.CTED_COORDINATOR])
    block = page.locator(f"#q-{answer.pk}")
    block.get_by_role("textbox", name="Finding").click()
    page.keyboard.type("My text first.")

    conflict = block.locator("[data-conflict]")
    expect(conflict).to_be_visible(timeout=10_000)
    expect(conflict.locator("del")).to_have_text(["Their"])
    expect(conflict.locator("ins")).to_have_text(["My"])
    expect(conflict).to_contain_text("Implementation status: Not assessed yet")
    expect(block.get_by_role("textbox", name="Finding")).to_have_text("Their text first.")
    assert _finding(answer) == "<p>Their text first.</p>"

    conflict.get_by_role("button", name="Keep mine").click()

    expect(block.get_by_role("status")).to_have_text("Saved.")
    expect(block.locator("[data-conflict]")).to_have_count(0)
    assert _finding(answer) == "My text first."
    assert answer.revision == 2
    assert _drafts(page) == []


def test_autosave_conflict_take_theirs_discards_mine(page, draft, personas):
    answer = draft.answers.get(question__code="1.2")
    _open(page, draft)
    finding_save(answer, "<p>Their wording.</p>", by=personas[Role.CTED_COORDINATOR])
    block = page.locator(f"#q-{answer.pk}")
    block.get_by_role("textbox", name="Finding").click()
    page.keyboard.type("My wording.")
    expect(block.locator("[data-conflict]")).to_be_visible(timeout=10_000)

    block.get_by_role("link", name="Take theirs").click()

    expect(block.locator("[data-conflict]")).to_have_count(0)
    expect(block.locator("[data-error-summary]")).to_have_count(0)
    editor = block.get_by_role("textbox", name="Finding")
    expect(editor).to_have_text("Their wording.")
    expect(editor).to_be_focused()
    expect(page.locator("#editor-live")).to_have_text(
        "Their version is kept; your text was discarded."
    )
    assert _drafts(page) == []
    assert _finding(answer) == "<p>Their wording.</p>"
    # Nothing unsaved is left: leaving does not ask.
    page.get_by_role("link", name="Versions and comparison").click()
    expect(page).to_have_url(re.compile(r"/versions/$"))


def test_ctrl_s_saves_the_focused_part_at_once(page, draft):
    _open(page, draft)
    page.locator("#note-cover_note-editor").click()
    page.keyboard.type("Saved with the keyboard.")

    page.keyboard.press("Control+s")

    assert _until(
        lambda: (draft.refresh_from_db() or draft.cover_note) == "Saved with the keyboard.",
        seconds=2.0,
    )
    expect(page.locator("#cover_note [data-save-status]")).to_have_text(
        re.compile(r"Saved at \d{1,2}:\d\d(\s?[AP]M)?")
    )
    assert page.evaluate(ACTIVE_ID) == "note-cover_note-editor"


def test_outline_filters_show_exactly_the_matching_questions(page, draft, personas):
    expert = personas[Role.CTED_EXPERT]
    first = draft.answers.get(question__code="1.1")
    services.answer_save(
        answer=first,
        finding="<p>The counter-financing unit exists.</p>",
        status="implemented",
        sources="",
        revision=0,
        by=expert,
    )
    _open(page, draft)
    outline = page.locator("#outline")
    expect(outline.locator("details")).to_have_attribute("open", "")
    visible_codes = (
        "() => Array.from(document.querySelectorAll('[data-question-slot]'))"
        ".filter(s => !s.hidden).map(s => s.querySelector('.code').textContent)"
    )

    outline.get_by_label("Not answered").check()

    expect(outline.locator("[data-outline-item]:visible .code")).to_have_text(["1.2", "2.1"])
    assert page.evaluate(visible_codes) == ["1.2", "2.1"]
    expect(outline.locator("[data-outline-count]")).to_have_text("2 of 3 questions shown")

    outline.get_by_label("All questions").check()
    outline.get_by_label("Find in this assessment").fill("financing unit")
    expect(outline.locator("[data-outline-item]:visible .code")).to_have_text(["1.1"])
    assert page.evaluate(visible_codes) == ["1.1"]
    assert page.evaluate("() => CSS.highlights.get('outline-find').size") == 2

    outline.get_by_label("Find in this assessment").fill("")
    expect(outline.locator("[data-outline-item]:visible")).to_have_count(3)
    # "Next question" from 1.1 skips what the filter hides.
    outline.get_by_label("Not answered").check()
    outline.get_by_label("All questions").check()
    page.get_by_role("link", name="Next question (1.2)").click()
    expect(page.locator(f"#q-{draft.answers.get(question__code='1.2').pk} h3")).to_be_focused()


def test_recommendations_added_reordered_and_removed_with_the_keyboard(page, draft):
    areas = list(ThematicArea.objects.order_by("pk")[:3])
    _open(page, draft)
    section = page.locator("#recommendations")
    expect(section.locator("[data-rec-row]")).to_have_count(1)

    def write(n, text, area):
        section.get_by_label(f"Recommendation {n}", exact=True).fill(text)
        section.get_by_label(f"Thematic area of recommendation {n}").select_option(str(area.pk))

    write(1, "Alpha.", areas[0])
    add = section.get_by_role("button", name="Add a recommendation")
    add.focus()
    page.keyboard.press("Enter")
    expect(section.get_by_label("Recommendation 2", exact=True)).to_be_focused()
    expect(page.locator("#editor-live")).to_have_text("Recommendation 2 added.")
    write(2, "Beta.", areas[1])
    add.focus()
    page.keyboard.press("Enter")
    write(3, "Gamma.", areas[2])

    # Gamma goes up to the top with the keyboard; the pressed button keeps the focus.
    up = section.locator("[data-rec-row]").nth(2).get_by_role("button", name="Move up")
    up.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#editor-live")).to_have_text("Recommendation 3 moved to position 2.")
    page.keyboard.press("Space")
    expect(page.locator("#editor-live")).to_have_text("Recommendation 2 moved to position 1.")
    expect(
        section.locator("[data-rec-row]").nth(0).get_by_role("button", name="Move up")
    ).to_be_focused()
    expect(
        section.locator("[data-rec-row]").nth(0).get_by_role("button", name="Move up")
    ).to_have_attribute("aria-disabled", "true")
    # Beta (now third) is removed.
    section.locator("[data-rec-row]").nth(2).get_by_role("button", name="Remove").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#editor-live")).to_have_text("Recommendation 3 removed.")
    expect(section.get_by_label("Recommendation 1", exact=True)).to_have_value("Gamma.")
    expect(section.get_by_label("Thematic area of recommendation 2")).to_have_value(
        str(areas[0].pk)
    )

    section.get_by_role("button", name="Save the recommendations").focus()
    page.keyboard.press("Enter")

    expect(page.locator("#recommendations").get_by_role("status")).to_have_text("Saved.")
    saved = [(r.text, r.thematic_area_id) for r in draft.recommendations.order_by("position")]
    assert saved == [("Gamma.", areas[2].pk), ("Alpha.", areas[0].pk)]
    assert page.console_errors == []


def test_signing_out_forgets_the_drafts_of_this_browser(page, draft):
    answer = draft.answers.get(question__code="1.1")
    _open(page, draft)
    page.locator(f"#q-{answer.pk}").get_by_role("textbox", name="Finding").click()
    page.keyboard.type("Internal text.")
    assert page.evaluate(DRAFTS) == [f"ctc-draft:{draft.assignee.pk}:{draft.pk}:answer-{answer.pk}"]
    page.on("dialog", lambda dialog: dialog.accept())

    page.get_by_role("button", name="Sign out").click()

    expect(page).not_to_have_url(re.compile(r"/assessments/"))
    assert page.evaluate(DRAFTS) == []
