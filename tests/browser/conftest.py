import os
import shutil

import pytest

CHROMIUM = os.environ.get("CTC_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        if os.environ.get("CTC_REQUIRE_BROWSER"):
            pytest.fail(f"CTC_REQUIRE_BROWSER is set but {CHROMIUM} is missing")
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium); CI always has it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, reference_data):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.console_errors = errors
    yield page
    context.close()
