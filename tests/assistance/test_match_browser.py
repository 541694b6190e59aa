"""The donor's view and the regional matrix in a real browser, at 1280 and 390 px: the donor
agrees to a proposal from its home page, reads the matrix without scrolling sideways, and
never sees the unshared need. Screenshots go to $CTC_SCREENSHOT_DIR, else to the git-ignored
test-results/."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from assistance.enums import MatchStatus, NeedStatus
from ctc.accounts.enums import Role
from ctc.organisations.models import Organisation
from ctc.states.models import MemberState
from tests.conftest import ROOT
from tests.factories import MatchFactory, NeedFactory, OfferFactory, UserFactory
from tests.two_factor import sign_in

pytestmark = pytest.mark.browser
NO_SIDEWAYS = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
UNSHARED = "Unshared need of Peru: mentoring of border officers."


@pytest.fixture(scope="module")
def screenshot_dir() -> Path:
    chosen = os.environ.get("CTC_SCREENSHOT_DIR")
    path = Path(chosen) if chosen else ROOT / "test-results" / "assistance"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.mark.parametrize("width", [1280, 390])
def test_donor_agrees_from_its_home_and_reads_the_matrix(page, screenshot_dir, width):
    provider = Organisation.objects.get(code="norway-mfa")
    UserFactory(username="donor_browser", roles=[Role.DONOR], organisation=provider)
    programme = OfferFactory(provider=provider, title="Border management programme")
    shared = NeedFactory(shared_with_donors=True, description="Training of customs officers.")
    NeedFactory(
        state=MemberState.objects.get(iso3="PER"), shared_with_donors=False, description=UNSHARED
    )
    match = MatchFactory(need=shared, offer=programme, score=81)
    page.set_viewport_size({"width": width, "height": 900})

    sign_in(page, "donor_browser")
    page.goto("/en/assistance/donor/")
    expect(page.get_by_role("heading", name="Matches waiting for your answer")).to_be_visible()
    assert page.evaluate(NO_SIDEWAYS)
    assert UNSHARED not in page.content()
    page.screenshot(path=screenshot_dir / f"donor-home-{width}.png", full_page=True)
    expect(page.get_by_role("button", name="Agree")).to_be_hidden()
    page.get_by_text("Agree or decline").click()
    page.get_by_role("button", name="Agree").click()

    expect(page.get_by_text("No match is waiting for your answer.")).to_be_visible()
    match.refresh_from_db()
    shared.refresh_from_db()
    assert (match.status, shared.status) == (MatchStatus.AGREED, NeedStatus.MATCHED)

    page.goto("/en/assistance/matrix/")
    expect(
        page.get_by_role("heading", name="Regional matrix of technical assistance")
    ).to_be_visible()
    assert page.evaluate(NO_SIDEWAYS)
    row = page.locator(
        "tbody tr", has=page.get_by_role("rowheader", name=shared.thematic_area.name_en)
    )
    africa = row.locator("td[data-label='Africa']")
    expect(africa).to_have_text("0 needs 1 programme 1 agreed")
    page.screenshot(path=screenshot_dir / f"matrix-{width}.png", full_page=True)
