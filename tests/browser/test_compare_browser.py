"""The comparison of two versions in a browser: a status change spelled out, unchanged
questions folded and unfolded on demand, long unchanged paragraphs folded; on a phone and in
Arabic nothing scrolls sideways. Screenshots go to CTC_SCREENSHOT_DIR (default: a temporary
directory)."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from assessments import services
from assessments.enums import AssessmentStatus
from assessments.models import AssessmentFormat
from ctc.accounts.enums import Role
from ctc.states.models import MemberState
from tests.conftest import PASSWORD
from tests.factories import AssessmentFactory
from tests.two_factor import sign_in

pytestmark = pytest.mark.browser

LONG = " ".join(["The national counter-terrorism strategy was reviewed by parliament."] * 8)
BEFORE = f"<p>{LONG}</p><ul><li>Judges were trained.</li><li>Funds are frozen.</li></ul>"
AFTER = (
    f"<p>{LONG}</p><ul><li>Judges and prosecutors were trained.</li><li>Funds are frozen.</li></ul>"
)


@pytest.fixture
def compared(reference_data, personas):
    """A 26-question file: 1.1's finding and status changed between versions 2 and 3, the
    25 other questions unchanged."""
    expert = personas[Role.CTED_EXPERT]
    assessment = services.assessment_create(
        state=MemberState.objects.get(iso3="KEN"),
        fmt=AssessmentFormat.objects.get(code="pia-2012"),
        cycle=2012,
        by=personas[Role.CTED_COORDINATOR],
        assignee=expert,
    )
    answer = assessment.answers.order_by("question__section__position", "question__position")[0]
    for finding, status in [(BEFORE, "partially"), (AFTER, "implemented")]:
        answer.refresh_from_db()
        services.answer_save(
            answer=answer,
            finding=finding,
            status=status,
            sources="Report",
            revision=answer.revision,
            by=expert,
        )
    return assessment, answer.question.code


@pytest.fixture(scope="module")
def screenshot_dir(tmp_path_factory) -> Path:
    chosen = os.environ.get("CTC_SCREENSHOT_DIR")
    path = Path(chosen) if chosen else tmp_path_factory.mktemp("compare-screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _signed_in(browser, live_server, width=1280, height=900):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": height}
    )
    page = context.new_page()
    sign_in(page, "expert", PASSWORD)
    expect(page.get_by_role("heading", name=re.compile("Welcome"))).to_be_visible()
    return context, page


def test_compare_shows_the_status_change_and_folds_the_unchanged(
    browser, live_server, compared, screenshot_dir
):
    assessment, code = compared
    context, page = _signed_in(browser, live_server)
    page.goto(f"/en/assessments/{assessment.pk}/versions/compare/?a=2&b=3")

    row = page.locator(f"#row-{re.escape(code)}")
    expect(row.locator(".status-change")).to_have_text(
        "Status changed: Partially implemented → Implemented"
    )
    expect(row.locator(".diff-new li ins")).to_have_text("and prosecutors")
    long_paragraph = row.locator(".diff-new details.diff-context")
    expect(long_paragraph.locator("summary")).to_contain_text("(72 unchanged words)")
    expect(long_paragraph.locator("p")).to_be_hidden()
    folded = page.locator("details.diff-unchanged").first
    expect(folded.locator("summary")).to_contain_text("25 unchanged questions")
    unchanged_rows = folded.locator("tr.unchanged")
    expect(unchanged_rows.first).to_be_hidden()
    page.screenshot(path=screenshot_dir / "compare-en-1280.png", full_page=True)

    folded.locator("summary").click()
    long_paragraph.locator("summary").click()

    expect(unchanged_rows).to_have_count(25)
    expect(unchanged_rows.first).to_be_visible()
    expect(unchanged_rows.last).to_be_visible()
    expect(long_paragraph.locator("p")).to_be_visible()
    context.close()


@pytest.mark.parametrize("width", [390, 320])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_compare_fits_a_phone(browser, live_server, compared, screenshot_dir, lang, width):
    assessment, code = compared
    context, page = _signed_in(browser, live_server, width=width, height=844)
    page.goto(f"/{lang}/assessments/{assessment.pk}/versions/compare/?a=2&b=3")
    page.locator("details.diff-unchanged summary").first.click()

    scroll_width, inner_width = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    page.screenshot(path=screenshot_dir / f"compare-{lang}-{width}.png", full_page=True)
    direction = page.locator("html").get_attribute("dir")
    status = page.locator(f"#row-{re.escape(code)} .status-change").inner_text()
    context.close()

    assert scroll_width <= inner_width
    assert direction == ("rtl" if lang == "ar" else "ltr")
    assert (
        status
        == {
            "en": "Status changed: Partially implemented → Implemented",
            "ar": "تغيّرت الحالة: نُفِّذ جزئيا ← نُفِّذ",
        }[lang]
    )


@pytest.fixture
def reviewed(reference_data, personas):
    """A file answered, sent to subcommittee B, returned and revised."""
    people = dict(personas)
    expert = personas[Role.CTED_EXPERT]
    expert.first_name, expert.last_name = "Amina", "Yusuf"
    expert.save()
    assessment = AssessmentFactory(people=people, stage=AssessmentStatus.WITH_SUBCOMMITTEE)
    services.assessment_return(
        assessment=assessment, by=people[Role.SUBCOMMITTEE_MEMBER], comment="Add sources."
    )
    for text in ("Revised.", "Revised again."):
        answer = assessment.answers.get(question__code="1.1")
        services.answer_save(
            answer=answer,
            finding=f"<p>{text}</p>",
            status="implemented",
            sources="Law",
            revision=answer.revision,
            by=expert,
        )
    return assessment


@pytest.mark.parametrize("lang,width", [("en", 1280), ("ar", 390)])
def test_versions_page_groups_versions_between_milestones(
    browser, live_server, reviewed, screenshot_dir, lang, width
):
    context, page = _signed_in(browser, live_server, width=width, height=900)
    page.goto(f"/{lang}/assessments/{reviewed.pk}/versions/")

    groups = page.locator(".version-group > details")
    expect(groups).to_have_count(3)
    expect(page.locator(".milestone")).to_have_count(3)
    expect(groups.nth(1).locator("tbody tr").first).to_be_hidden()
    groups.nth(1).locator("summary").click()
    expect(groups.nth(1).locator("tbody tr")).to_have_count(3)
    expect(groups.nth(1).locator("tbody tr").first).to_be_visible()
    page.screenshot(path=screenshot_dir / f"versions-{lang}-{width}.png", full_page=True)
    scroll_width, inner_width = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    context.close()

    assert scroll_width <= inner_width
