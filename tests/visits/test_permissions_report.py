"""Who gets what from every route of the visit report, for each person and visits whose
report is at each stage: "not_started" (a visit carried out), "draft", "committee" (with the
Committee), "approved" and "transmitted". Every visit is to Kenya (subcommittee B) and
joined by the 1267 Monitoring Team; the draft and the committee report each hold an open
suggestion.

Outside a person's scope, or before they may read the report, every route answers 404; 403
is for a person who sees the report but never takes that step; 400 for one who may act, but
not at this stage. A State's focal points read the transmitted report in the document area.
tests/test_permissions.py checks that these rows, with the site's, cover every route.
"""

from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import translation

from ctc.accounts.enums import Role
from ctc.organisations.models import Organisation
from tests.matrix import Call, Matrix
from visits import report_services
from visits.enums import ReportSectionKey, ReportStatus

from .report_helpers import done_visit, report_at

pytestmark = pytest.mark.django_db

EXPERT = Role.CTED_EXPERT
COORDINATOR = Role.CTED_COORDINATOR
SUB_B = Role.SUBCOMMITTEE_MEMBER
COMMITTEE = Role.COMMITTEE_MEMBER
CHAIR = Role.CHAIR
FOCAL_KEN = Role.FOCAL_POINT
PARTNER = Role.PARTNER_ANALYST
DONOR = Role.DONOR
ADMIN = Role.ADMINISTRATOR
ANON = None
NOBODY_ELSE = [SUB_B, "sub_a", FOCAL_KEN, "focal_fra", DONOR]

MATRIX = Matrix()
STAGES = ["not_started", "draft", "committee", "approved", "transmitted"]
READ = ["draft", "committee", "approved", "transmitted"]
EDITED = ["draft", "committee", "transmitted"]
DECIDED = ["draft", "committee"]
STEPPED = ["draft", "committee", "approved"]


def _table(rows: dict, variants: list, *, anonymous=302) -> list[tuple]:
    """Rows for everybody: the given people's statuses, 404 for the rest."""
    table = [(ANON, *[anonymous] * len(variants))]
    for who in [EXPERT, COORDINATOR, COMMITTEE, CHAIR, PARTNER, ADMIN, *NOBODY_ELSE]:
        table.append((who, *rows.get(who, [404] * len(variants))))
    return table


# fmt: off
# The report page: CTED from the start (offering to start it), the Committee once it is
# before it, the joining partner once approved.
PAGE = {
    EXPERT:      [200, 200, 200, 200, 200],
    COORDINATOR: [200, 200, 200, 200, 200],
    ADMIN:       [200, 200, 200, 200, 200],
    COMMITTEE:   [404, 404, 200, 200, 200],
    CHAIR:       [404, 404, 200, 200, 200],
    PARTNER:     [404, 404, 404, 200, 200],
}
# Versions and their comparison: the same, once the report exists.
VERSIONS = {
    EXPERT:      [200, 200, 200, 200],
    COORDINATOR: [200, 200, 200, 200],
    ADMIN:       [200, 200, 200, 200],
    COMMITTEE:   [404, 200, 200, 200],
    CHAIR:       [404, 200, 200, 200],
    PARTNER:     [404, 404, 200, 200],
}
START = {  # not_started, draft
    EXPERT:      [302, 400],
    COORDINATOR: [302, 400],
    ADMIN:       [403, 403],
}
SAVE = {  # draft, committee, transmitted: CTED writers edit up to CTED review
    EXPERT:      [302, 400, 400],
    COORDINATOR: [302, 400, 400],
    ADMIN:       [403, 403, 403],
    COMMITTEE:   [404, 403, 403],
    CHAIR:       [404, 403, 403],
    PARTNER:     [404, 404, 403],
}
SUGGEST = {  # coordinators and the Committee suggest while the report is in draft or review
    EXPERT:      [403, 403, 403],
    COORDINATOR: [302, 302, 400],
    ADMIN:       [403, 403, 403],
    COMMITTEE:   [404, 302, 400],
    CHAIR:       [404, 302, 400],
    PARTNER:     [404, 404, 403],
}
DECIDE = {  # draft, committee: the writers decide while they may edit
    EXPERT:      [302, 400],
    COORDINATOR: [302, 400],
    ADMIN:       [403, 403],
    COMMITTEE:   [404, 403],
    CHAIR:       [404, 403],
}
STEP = {  # draft: submit, committee: approve, approved: transmit
    EXPERT:      [302, 403, 403],
    COORDINATOR: [302, 403, 302],
    ADMIN:       [403, 403, 302],
    COMMITTEE:   [404, 302, 403],
    CHAIR:       [404, 302, 403],
    PARTNER:     [404, 404, 403],
}
# fmt: on

MATRIX.add("visits:report", "GET", STAGES, _table(PAGE, STAGES))
MATRIX.add("visits:report_versions", "GET", READ, _table(VERSIONS, READ))
MATRIX.add("visits:report_compare", "GET", READ, _table(VERSIONS, READ))
MATRIX.add("visits:report_start", "POST", ["not_started", "draft"], _table(START, ["a", "b"]))
MATRIX.add("visits:report_section_save", "POST", EDITED, _table(SAVE, EDITED))
MATRIX.add("visits:report_suggestion_add", "POST", EDITED, _table(SUGGEST, EDITED))
MATRIX.add("visits:report_suggestion_accept", "POST", DECIDED, _table(DECIDE, DECIDED))
MATRIX.add("visits:report_suggestion_reject", "POST", DECIDED, _table(DECIDE, DECIDED))
MATRIX.add("visits:report_transition", "POST", STEPPED, _table(STEP, STEPPED))

ACTIONS = {"draft": "submit_report", "committee": "approve_report", "approved": "transmit_report"}


@dataclass
class World:
    people: dict
    visits: dict  # variant → visit


@pytest.fixture(scope="module")
def world(matrix_people):
    people = matrix_people
    monitoring = Organisation.objects.get(code="1267-monitoring-team")
    stages = {
        "draft": ReportStatus.DRAFT,
        "committee": ReportStatus.WITH_COMMITTEE,
        "approved": ReportStatus.APPROVED,
        "transmitted": ReportStatus.TRANSMITTED,
    }
    visits = {variant: report_at(people, stage) for variant, stage in stages.items()}
    visits["not_started"] = done_visit(people)
    for variant, visit in visits.items():
        visit.partners.set([monitoring])
        if variant in ("draft", "committee"):
            summary = visit.report_sections.get(key=ReportSectionKey.SUMMARY)
            suggester = people[COMMITTEE] if variant == "committee" else people[COORDINATOR]
            report_services.report_suggestion_make(
                section=summary, proposed_text="<p>Suggested.</p>", by=suggester
            )
    return World(people=people, visits=visits)


def call(route: str, method: str, visit) -> Call:
    kwargs = {"pk": visit.pk}
    summary = visit.report_sections.filter(key=ReportSectionKey.SUMMARY).first()
    if route == "visits:report_section_save":
        kwargs["section_pk"] = summary.pk
    if route in ("visits:report_suggestion_accept", "visits:report_suggestion_reject"):
        kwargs["suggestion_pk"] = visit.report_suggestions.get().pk
    with translation.override("en"):
        path = reverse(route, kwargs=kwargs)
    data = {}
    if route == "visits:report_compare":
        data = {"a": 1, "b": 2}
    if route == "visits:report_section_save":
        data = {"text": "<p>Edited.</p>", "revision": summary.revision}
    if route == "visits:report_suggestion_add":
        data = {"section": summary.pk, "proposed_text": "<p>Better.</p>", "note": ""}
    if route == "visits:report_suggestion_reject":
        data = {"reason": "Not needed."}
    if route == "visits:report_transition":
        data = {"action": ACTIONS.get(_variant_of(visit), ""), "comment": ""}
    return Call(method, path, data)


def _variant_of(visit) -> str:
    return {
        ReportStatus.DRAFT: "draft",
        ReportStatus.WITH_COMMITTEE: "committee",
        ReportStatus.APPROVED: "approved",
    }.get(visit.report_status, "")


@pytest.mark.parametrize("row", MATRIX.params())
def test_report_route_answers_each_person(client, world, row):
    visit = world.visits[row.variant]
    visit.refresh_from_db()
    request = call(row.route, row.method, visit)
    user = world.people[row.who]
    if user is not None:
        client.force_login(user)

    response = request.send(client)

    assert response.status_code == row.expected
    if row.expected == 302 and user is None:
        # The compare page's query (a, b) follows its path, encoded.
        assert response["Location"].startswith(f"/en/login/?next={request.path}")
    elif row.expected == 302:
        assert response["Location"] == f"/en/visits/{visit.pk}/report/"
