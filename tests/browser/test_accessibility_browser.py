"""WCAG 2.1 AA, kept: axe-core over every page each role can reach, in English and Arabic.

The demo data (every stage of the assessment workflow, every role) is served by the live
server; each person signs in and follows every link the site shows them, one page per route
(two for pages whose look depends on the object, such as an assessment at another stage),
and axe-core (bundled by axe-playwright-python, no network) checks each page. A critical or
serious violation fails the test with the page, the rule and the element. The crawl must
reach every HTML page the permission matrix gives the person, so a broken link or a
missing nav entry cannot make the test pass by seeing less.
"""

import json
import re
from collections import Counter, deque
from io import StringIO
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import translation
from playwright.sync_api import Error as PlaywrightError

from ctc.accounts.enums import Role
from tests.matrix import ANY
from tests.test_permissions import ROWS
from tests.two_factor import sign_in

pytestmark = pytest.mark.browser

LANGUAGES = ["en", "ar"]
BLOCKING = {"critical", "serious"}
# axe-core's rule tags for WCAG 2.0/2.1 A and AA, and its best practices.
RUN_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
}
# Links the crawl does not follow: they sign out, download a file or leave the pages.
NOT_PAGES = re.compile(r"/(logout|api|static|media)/|/download/|/file/")
ADMIN_ACTIONS = re.compile(r"/(delete|history|password|logout)/")
# The public pages differ by person only in the header, which every other page shows too:
# anonymous visitors check them, signed-in people go past them.
PUBLIC = {"public:home", "public:state_list", "public:state_detail", "accounts:login"}
PUBLIC |= {"public:committee", "publications:list", "publications:detail"}
PUBLIC |= {"publications:news_list", "publications:news_detail"}
PUBLIC |= {"programme_public:programme", "programme_public:events"}
# Pages a person reaches by doing something (a form's answer), not by following a link.
NOT_LINKED = {
    "jobs:detail": "shown after starting a job (tests/jobs)",
    "jobs:progress": "an htmx fragment polled by the job page",
    "assessments:reply_download": "a file, not a page",
    "accounts_rotation:reveal": "opened from a rotation's e-mail by its token alone, checked "
    "with axe at 390 px in tests/browser/test_rotation_browser.py",
    "assessments_secure:moved": "former addresses, a redirect to the inbox (tests/assessments)",
    "docs:file_download": "a file, not a page",
    "docs:access_log_csv": "a CSV file, not a page",
    "docs_secure:download": "a file, not a page",
    "visits:feed": "an iCalendar file read by calendar applications, not a page",
    "assistance_matrix:export": "a CSV file, not a page",
    "programme:budget_export": "a CSV file, not a page",
    "publications:download": "a file, not a page",
    "overview:dialogue_edit": "linked from the entries of a timeline, and the crawl opens two "
    "timelines only, which need not have an entry: checked with axe in "
    "tests/browser/test_dialogue_browser.py",
}
# Routes with one page per object whose further pages link nowhere new: checked on PER_ROUTE
# pages like any other, but not opened beyond them (193 state profiles would use up MAX_PAGES).
SAME_LINKS = {
    "partner_states:detail": "every state profile links to the same list and home",
    "visits:edit": "a visit's plan form links back to its visit only",
    "visits:recommendation_edit": "a recommendation's form links back to its visit only",
    "visits:follow_up_edit": "a follow-up action's form links back to its visit only",
    # The assistance demo has 76 needs, 24 programmes and 93 matches, all in their lists.
    "assistance:need_detail": "a need links to its matches, all listed on the matches page",
    "assistance:need_edit": "a need's form links back to its need only",
    "assistance:offer_detail": "a programme links to its matches, all listed too",
    "assistance:offer_edit": "a programme's form links back to its programme only",
    "assistance_matches:detail": "a match links to its need and programme, all listed",
    # The demo work programme has 48 items, 3 events and 4 funded activities, all listed.
    "programme:item_detail": "an item links to its form and its links, all alike",
    "programme:item_edit": "an item's form links back to its item only",
    "programme:event_detail": "an event links to its form and its documents, all alike",
    "programme:event_edit": "an event's form links back to its event only",
    "programme:activity_detail": "an activity links to the budget, its item or event",
    "overview:timeline": "a State's timeline links to files that their own lists reach",
}
# Each demo role, by the demo account that signs in for it (ctc/accounts/demo.py).
PEOPLE = {
    None: None,
    Role.CTED_EXPERT: "expert",
    Role.CTED_COORDINATOR: "coordinator",
    Role.SUBCOMMITTEE_MEMBER: "subcommittee_a",
    Role.COMMITTEE_MEMBER: "committee",
    Role.CHAIR: "chair",
    Role.FOCAL_POINT: "focal_mar",
    Role.PARTNER_ANALYST: "partner_1267_monitoring_team",
    Role.DONOR: "donor",
    Role.ADMINISTRATOR: "admin",
}
# A page per route, or two where the object changes what is shown; the admin once per route.
PER_ROUTE = 2
MAX_PAGES = 800  # page loads per person: a safety net against a crawl that never ends


def _route(path: str, lang: str) -> str | None:
    try:
        with translation.override(lang):
            return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return None


def _takes_no_argument(route: str) -> bool:
    try:
        reverse(route)
    except NoReverseMatch:
        return False
    return True


def _pages_of(role) -> set[str]:
    """The HTML pages (not the API, not the admin) that the matrix opens to this role."""
    return {
        row.route
        for row in ROWS
        if row.who == role
        and row.method in ("GET", ANY)
        and row.expected == 200
        and not row.route.startswith(("api:", "admin:"))
        and row.route not in NOT_LINKED
    }


# The links a page offers, and the GET forms (filters, "compare these versions") as sent
# with the values they show.
LINKS_JS = """() => [
    ...[...document.querySelectorAll("a[href]")].map((a) => a.href),
    ...[...document.querySelectorAll("form")]
        .filter((f) => (f.getAttribute("method") || "get").toLowerCase() === "get")
        .map((f) => {
            const url = new URL(f.action, location.href);
            url.search = new URLSearchParams(new FormData(f)).toString();
            return url.href;
        }),
]"""


def _crawl(page, axe, lang: str, start: list[str], skip: set[str]) -> tuple[Counter, list[str]]:
    """Follows every link of the site from `start`, but to the routes in `skip`; returns
    the routes checked and the violations found.

    Each route is checked on PER_ROUTE pages (the admin's on one); further pages of a route
    are still opened for their links (an assessment with a previous one links to the
    comparison), and a link with a query (a filtered list) is taken only for a route not
    checked yet: the same page with other rows adds nothing to check."""
    checked: Counter = Counter()
    visited: set[str] = set()
    problems: list[str] = []
    queue = deque(start)
    loads = 0
    while queue and loads < MAX_PAGES:
        path = queue.popleft()
        if path in visited:
            continue
        visited.add(path)
        route = _route(path, lang)
        if route is None or route in skip:
            continue
        is_admin = route.startswith("admin:")
        limit = 1 if is_admin or "?" in path else PER_ROUTE
        check = checked[route] < limit
        if not check and (is_admin or "?" in path or route in SAME_LINKS):
            continue
        try:
            response = page.goto(path)
        except PlaywrightError:  # a link to a file: the browser downloads it
            continue
        loads += 1
        if response.status != 200 or "text/html" not in response.headers["content-type"]:
            continue
        if check:
            checked[route] += 1
            for violation in axe.run(page, options=RUN_OPTIONS).response["violations"]:
                if violation["impact"] in BLOCKING:
                    node = violation["nodes"][0]
                    problems.append(
                        f"{path}: {violation['id']} ({violation['impact']}, "
                        f"{len(violation['nodes'])} elements) e.g. {node['target']}: "
                        f"{node.get('failureSummary', '')[:300]}"
                    )
        for href in page.evaluate(LINKS_JS):
            parts = urlsplit(urljoin(page.url, href))
            if parts.netloc != urlsplit(page.url).netloc or not parts.path.startswith(f"/{lang}/"):
                continue
            if NOT_PAGES.search(parts.path) or ADMIN_ACTIONS.search(parts.path):
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return checked, problems


@pytest.fixture
def demo_logins(reference_data):
    out = StringIO()
    call_command("seed_demo", "--json", stdout=out)
    return {login["username"]: login["password"] for login in json.loads(out.getvalue())["users"]}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_of_every_role_has_no_serious_accessibility_violation(
    browser, live_server, demo_logins, lang
):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    problems: list[str] = []
    unreached: dict[str, set[str]] = {}
    for role, username in PEOPLE.items():
        context = browser.new_context(base_url=live_server.url)
        page = context.new_page()
        start = [f"/{lang}/"]
        if username is not None:
            sign_in(page, username, demo_logins[username], lang=lang)
            page.wait_for_url(re.compile(r"/workspace/"))
            # Signing in opens the person's own language; the crawl stays in `lang`. Pages no
            # link leads to (a list outside the person's nav) are started from directly.
            with translation.override(lang):
                start = [reverse("accounts:landing")] + [
                    reverse(route) for route in sorted(_pages_of(role)) if _takes_no_argument(route)
                ]
        if role == Role.ADMINISTRATOR:
            start.append(f"/{lang}/admin/")
        routes, found = _crawl(page, axe, lang, start, skip=PUBLIC if username else set())
        context.close()
        problems += [f"{username or 'anonymous'} {problem}" for problem in found]
        missing = _pages_of(role) - set(routes) - (PUBLIC if username else set())
        if missing:
            unreached[username or "anonymous"] = missing

    assert not unreached, f"pages the crawl did not reach: {unreached}"
    assert not problems, "\n".join(problems)
