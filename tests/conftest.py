import contextlib
import os
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction

from ctc.accounts.enums import Role
from ctc.accounts.services import roles_sync

from .factories import OrganisationFactory, SubcommitteeFactory, UserFactory

# Playwright's sync API runs an event loop in this thread; Django's ORM calls stay synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language: a request to /fr/… activates French
    for the thread (LocaleMiddleware never deactivates it), which would leak into the next
    test's code that runs outside a request."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _force_login_passes_two_factor(monkeypatch):
    """`client.force_login(user)` signs in as far as the pages: for CTED staff and
    administrators, the session has given its two-factor code (tests/two_factor.py)."""
    from django.test import Client

    from .two_factor import force_login_verified

    monkeypatch.setattr(Client, "force_login", force_login_verified)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the real reference data: 193 states, roles, etc."""
    with django_db_blocker.unblock():
        call_command("load_reference_data", verbosity=0, stdout=StringIO())


@pytest.fixture
def reference_data(transactional_db):
    """For transactional tests, whose database is emptied after each test."""
    call_command("load_reference_data", stdout=StringIO())


def make_personas() -> dict:
    """One user per role (healthchecks' alice/bob idea), plus the scope each role needs."""
    roles_sync()
    from ctc.organisations.models import Organisation
    from ctc.states.models import MemberState

    kenya = MemberState.objects.get(iso3="KEN")
    partner = Organisation.objects.get(code="1267-monitoring-team")
    donor = Organisation.objects.filter(kind="donor").first() or OrganisationFactory(kind="donor")
    people = {
        Role.CTED_EXPERT: UserFactory(username="expert", roles=[Role.CTED_EXPERT]),
        Role.CTED_COORDINATOR: UserFactory(username="coordinator", roles=[Role.CTED_COORDINATOR]),
        Role.SUBCOMMITTEE_MEMBER: UserFactory(
            username="sub_b",
            roles=[Role.SUBCOMMITTEE_MEMBER],
            subcommittee=SubcommitteeFactory(code="B"),
        ),
        Role.COMMITTEE_MEMBER: UserFactory(username="committee", roles=[Role.COMMITTEE_MEMBER]),
        Role.CHAIR: UserFactory(username="chair", roles=[Role.CHAIR]),
        Role.FOCAL_POINT: UserFactory(
            username="focal_ken", roles=[Role.FOCAL_POINT], member_state=kenya
        ),
        Role.PARTNER_ANALYST: UserFactory(
            username="partner", roles=[Role.PARTNER_ANALYST], organisation=partner
        ),
        Role.DONOR: UserFactory(username="donor", roles=[Role.DONOR], organisation=donor),
        Role.ADMINISTRATOR: UserFactory(
            username="administrator", roles=[Role.ADMINISTRATOR], is_staff=True
        ),
    }
    return people


@pytest.fixture
def personas(db):
    return make_personas()


# Who a permission matrix asks: nobody (anonymous), one persona per role, and two people
# whose scope is elsewhere: a member of subcommittee A (Kenya is in B), France's focal point.
MATRIX_PEOPLE = [None, *Role, "sub_a", "focal_fra"]


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """One transaction around a whole test module (setUpTestData's idea): data made once
    serves every test, each test still rolls back to it, and all of it goes at the end.
    A module using it cannot use `personas` (same usernames), transactional_db or a live
    server."""
    with django_db_blocker.unblock(), transaction.atomic():
        try:
            yield
        finally:
            transaction.set_rollback(True)


@pytest.fixture(scope="module")
def matrix_people(module_db) -> dict:
    """MATRIX_PEOPLE → user (None for anonymous), made once per module."""
    from ctc.states.models import MemberState

    people = make_personas()
    people["sub_a"] = UserFactory(
        username="sub_a",
        roles=[Role.SUBCOMMITTEE_MEMBER],
        subcommittee=SubcommitteeFactory(code="A"),
    )
    people["focal_fra"] = UserFactory(
        username="focal_fra",
        roles=[Role.FOCAL_POINT],
        member_state=MemberState.objects.get(iso3="FRA"),
    )
    people[None] = None
    return people


# --- A real Celery worker -------------------------------------------------------------
ROOT = Path(__file__).resolve().parent.parent


# queue → the running worker process of celery_worker(queue), e.g. to kill it with SIGKILL.
WORKER_PROCESSES: dict[str, subprocess.Popen] = {}


@contextlib.contextmanager
def celery_worker(queue: str, *, include: tuple[str, ...] = (), env: dict | None = None):
    """A real Celery worker on its own queue, sharing the test database; skipped (or failed
    under CTC_REQUIRE_BROKER) without a broker, and on SQLite. `include`: extra modules the
    worker imports (e.g. test job kinds); `env`: more environment variables for it (e.g.
    CTC_TEST_EMAIL_FILE_PATH, to read the mail it sends). Yields the queue name."""
    if not settings.CELERY_BROKER_URL:
        if os.environ.get("CTC_REQUIRE_BROKER"):
            pytest.fail("CTC_REQUIRE_BROKER is set but CELERY_BROKER_URL is empty")
        pytest.skip("no broker configured (CELERY_BROKER_URL); CI always sets one")
    if connection.vendor == "sqlite":
        pytest.skip("the worker needs a database it can share with the test (PostgreSQL)")
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ctc.settings.test",
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        ),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        **(env or {}),
    }
    command = [sys.executable, "-m", "celery", "-A", "ctc", "worker", "--pool=solo", "-Q", queue]
    for module in include:
        command += ["-I", module]
    command += ["--without-heartbeat", "--without-gossip", "--without-mingle", "--loglevel=WARNING"]
    worker = subprocess.Popen(command, cwd=ROOT, env=env)
    WORKER_PROCESSES[queue] = worker
    try:
        yield queue
    finally:
        WORKER_PROCESSES.pop(queue, None)
        worker.terminate()
        worker.wait(timeout=30)


# --- Browser (Playwright driving Debian's Chromium) ------------------------------------
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
