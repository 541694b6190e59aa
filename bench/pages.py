"""What the bench measures: every page and API list of the workspace, who asks for it, and
its target. An app that comes later adds a function like `assessment_pages` (its pages and
saves, from objects it picks in the data set) to PAGE_SETS, and builds its data in
bench/build.py.

Targets are p95 of the same run: a page's `target` is the most it may take as a multiple of
the Django admin changelist of assessments; the save of a finding has its own targets.

Imported after django.setup().
"""

from dataclasses import dataclass, field

from django.db.models import Count

from assessments.enums import AssessmentStatus
from assessments.models import Assessment

S = AssessmentStatus
# Who asks: the demo accounts (ctc.accounts.demo) and the bench's superuser.
ROLES = {
    "expert": "CTED expert",
    "coordinator": "CTED coordinator",
    "subcommittee_a": "subcommittee member",
    "committee": "Committee member",
    "chair": "Chair",
    "focal_ken": "focal point",
    "partner_unodc_tpb": "partner analyst",
    "donor": "donor",
    "admin": "administrator",
    "bench_admin": "superuser",
}
SEARCH = "financing"

HEALTHZ, FLOOR, ADMIN = "healthz", "floor", "admin changelist"


@dataclass
class Page:
    name: str
    path: str
    user: str = ""  # a key of ROLES; "" is anonymous
    target: float | None = None  # most p95 allowed, as a multiple of the admin changelist's
    note: str = ""
    headers: dict = field(default_factory=dict)


@dataclass
class Save:
    """The save of one finding through the editor (htmx POST), by the assigned expert."""

    name: str
    assessment: int
    answer: int
    user: str = "expert"
    max_ms: float = 50.0
    note: str = ""


def reference_pages() -> list[Page]:
    """The floor (health check; a page rendering base.html with next to no queries) and the
    admin changelist every workspace page is held against."""
    return [
        Page(HEALTHZ, "/healthz", note="database, cache and broker checks"),
        Page(FLOOR, "/en/login/", note="anonymous login page: base.html, same middleware"),
        Page(ADMIN, "/en/admin/assessments/assessment/", "bench_admin"),
    ]


def site_pages() -> tuple[list[Page], list[Save]]:
    pages = [
        Page(f"landing ({label})", "/en/workspace/", user, target=1.0)
        for user, label in ROLES.items()
        if user != "bench_admin"
    ]
    public = [
        Page("states (public)", "/en/states/"),
        Page("states (public, ar)", "/ar/states/"),
        Page("states search (public)", "/en/states/?q=ken"),
        Page("API states", "/api/v1/states/", "expert"),
        Page("API states (ru)", "/api/v1/states/", "expert", headers={"Accept-Language": "ru"}),
    ]
    return pages + public, []


def _editor_target() -> Assessment:
    """A 26-question assessment (the 2012 format) that has a previous one; a draft if any."""
    candidates = Assessment.objects.filter(format__code="pia-2012", previous__isnull=False)
    return (
        candidates.filter(status=S.DRAFT).order_by("-cycle", "pk").first()
        or candidates.order_by("-cycle", "pk").first()
        or Assessment.objects.order_by("pk").first()
    )


def _save_target(exclude: int) -> Assessment | None:
    """Another draft like the editor's, the one with the fewest versions: repeated bench runs
    on one data set spread their saves over the drafts instead of piling them on one."""
    drafts = Assessment.objects.filter(status=S.DRAFT).exclude(pk=exclude)
    for candidates in (drafts.filter(format__code="pia-2012", previous__isnull=False), drafts):
        found = candidates.annotate(n=Count("versions")).order_by("n", "pk").first()
        if found:
            return found
    return None


def assessment_pages() -> tuple[list[Page], list[Save]]:
    editor = _editor_target()
    by_versions = Assessment.objects.annotate(n=Count("versions")).order_by("-n", "pk")
    # The most versions of all, for the version lists; the most of those that started from a
    # previous assessment, for the comparison: its first version holds every carried finding,
    # so the first and the last differ in many findings, not from an empty questionnaire.
    longest = by_versions.first()
    compared = by_versions.filter(previous__isnull=False).first() or longest
    e, v = editor.pk, longest.pk
    pages = [
        Page("assessments list", "/en/assessments/", "expert", target=1.0),
        Page(f"list search “{SEARCH}”", f"/en/assessments/?q={SEARCH}", "expert", target=1.0),
        Page(
            "list filtered",
            "/en/assessments/?status=closed&subcommittee=B",
            "expert",
            target=1.0,
            note="status and subcommittee",
        ),
        Page("editor", f"/en/assessments/{e}/", "expert", target=1.0, note=_describe(editor)),
        Page("editor (ar)", f"/ar/assessments/{e}/", "expert", note=_describe(editor)),
        Page(
            "compare versions",
            f"/en/assessments/{compared.pk}/versions/compare/?a=1&b={compared.n}",
            "expert",
            target=1.5,
            note=f"v1 with v{compared.n}, {_describe(compared)}",
        ),
        Page(
            "versions list",
            f"/en/assessments/{v}/versions/",
            "expert",
            note=f"{longest.n} versions, {_describe(longest)}",
        ),
        Page("compare with previous", f"/en/assessments/{e}/previous/", "expert"),
        Page("stocktaking", "/en/assessments/stocktaking/", "coordinator", target=1.0),
        # The assessments sent to a State are filed in the document area: its inbox (the old
        # /en/secure/assessments/ addresses redirect there).
        Page("secure inbox", "/en/secure/", "focal_ken", note="the State's documents"),
        Page("API assessments", "/api/v1/assessments/", "expert", target=1.0),
        Page("API assessment", f"/api/v1/assessments/{e}/", "expert"),
        Page("API versions", f"/api/v1/assessments/{v}/versions/", "expert"),
    ]
    saves = []
    target = _save_target(exclude=e)
    if target:
        answer = target.answers.order_by("question__section__position", "question__position")[0]
        saves.append(Save("save a finding", target.pk, answer.pk, note=_describe(target)))
    return pages, saves


def _describe(assessment: Assessment) -> str:
    return f"{assessment.state.iso3} {assessment.cycle}, {assessment.format.code}"


def _visit_pages() -> tuple[list[Page], list[Save]]:
    from bench.visit_pages import visit_pages  # it imports Page from here

    return visit_pages()


PAGE_SETS = [site_pages, assessment_pages, _visit_pages]


def all_pages() -> tuple[list[Page], list[Save]]:
    pages, saves = reference_pages(), []
    for page_set in PAGE_SETS:
        found_pages, found_saves = page_set()
        pages += found_pages
        saves += found_saves
    return pages, saves
