"""What assessments add to the landing page through the registry: stages, sent files, and
"waiting for you"."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from assessments import permissions, services
from assessments.enums import AssessmentStatus
from assessments.models import Assessment, AssessmentFormat, SentSnapshot
from ctc.accounts.enums import Role
from ctc.states.models import MemberState
from tests.factories import AssessmentFactory, UserFactory
from tests.factories import assessment_advance as advance

pytestmark = pytest.mark.django_db
LANDING = "/en/workspace/"


def _landing(client, user) -> dict:
    client.force_login(user)
    return client.get(LANDING).context["landing"]


def _block(landing, template) -> dict | None:
    return next((ctx for name, ctx in landing["blocks"] if name == template), None)


def _waiting(landing) -> dict[str, int]:
    return {str(item.label): item.count for item in landing["waiting"]}


def _create(personas, iso3="KEN", assignee=None):
    return services.assessment_create(
        state=MemberState.objects.get(iso3=iso3),
        fmt=AssessmentFormat.objects.get(code="pia-2012"),
        cycle=2012,
        by=personas[Role.CTED_COORDINATOR],
        assignee=assignee,
    )


def test_landing_counts_the_assessments_the_user_may_see(client, personas):
    _create(personas)

    stages = "assessments/_landing_stages.html"
    expert = _block(_landing(client, personas[Role.CTED_EXPERT]), stages)
    chair = _block(_landing(client, personas[Role.CHAIR]), stages)
    focal = _landing(client, personas[Role.FOCAL_POINT])

    assert dict((s, n) for s, _label, n in expert["by_status"])["draft"] == 1
    assert dict((s, n) for s, _label, n in chair["by_status"])["draft"] == 0
    assert _block(focal, stages) is None


def test_landing_blocks_hidden_from_partners_and_donors(client, personas):
    for role in (Role.PARTNER_ANALYST, Role.DONOR):
        landing = _landing(client, personas[role])

        # The document area has an inbox block of its own for a partner: none of ours.
        assert [t for t, _context in landing["blocks"] if t.startswith("assessments/")] == []
        assert landing["waiting"] == []


def test_waiting_shows_drafts_assigned_to_the_expert_only(client, personas):
    expert = personas[Role.CTED_EXPERT]
    other = UserFactory(roles=[Role.CTED_EXPERT])
    _create(personas, "KEN", assignee=expert)
    _create(personas, "FRA", assignee=other)

    waiting = _waiting(_landing(client, expert))
    response = client.get(LANDING)

    assert waiting == {"Drafts assigned to you": 1}
    assert "?status=draft&amp;assignee=expert" in response.content.decode()


def test_waiting_follows_the_file_through_the_reviewers(client, personas, draft):
    assessment = draft
    advance(assessment, AssessmentStatus.CTED_REVIEW, personas)

    coordinator = _waiting(_landing(client, personas[Role.CTED_COORDINATOR]))
    chair_before = _waiting(_landing(client, personas[Role.CHAIR]))
    assessment.refresh_from_db()
    advance(assessment, AssessmentStatus.WITH_COMMITTEE, personas)
    chair_after = _waiting(_landing(client, personas[Role.CHAIR]))
    coordinator_after = _waiting(_landing(client, personas[Role.CTED_COORDINATOR]))

    assert coordinator == {"To do: Send to the subcommittee": 1}
    assert chair_before == {}
    assert chair_after == {"To do: Approve": 1}
    assert coordinator_after == {}


def test_waiting_tells_the_focal_point_of_a_sent_assessment(
    client, personas, draft, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    advance(draft, AssessmentStatus.SENT, personas)

    focal = _waiting(_landing(client, personas[Role.FOCAL_POINT]))
    services.assessment_record_reply(
        assessment=draft,
        by=personas[Role.FOCAL_POINT],
        upload=SimpleUploadedFile("reply.txt", b"The State's reply."),
    )
    replied = _waiting(_landing(client, personas[Role.FOCAL_POINT]))

    # What was sent is read in the document area's inbox, which lists it there itself.
    assert focal == {"Assessments awaiting your State's reply": 1}
    assert replied == {}


def test_waiting_file_of_a_filed_assessment_opens_its_document_in_the_inbox(
    client, personas, draft, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    approved = advance(draft, AssessmentStatus.APPROVED, personas)
    with django_capture_on_commit_callbacks(execute=True):
        services.assessment_send_to_state(assessment=approved, by=personas[Role.CTED_COORDINATOR])
    pia = SentSnapshot.objects.get(assessment=approved).documents["pia"]

    listed = _listed(_landing(client, personas[Role.FOCAL_POINT]))

    assert listed["Assessments awaiting your State's reply"] == {f"/en/secure/documents/{pia}/"}


# --- The files each group lists, against the permission scope --------------------------

S = AssessmentStatus


def _listed(landing) -> dict[str, set[str]]:
    return {str(item.label): {f.url for f in item.files} for item in landing["waiting"]}


def _pages(assessments, name="assessments:detail") -> set[str]:
    with translation.override("en"):
        return {reverse(name, kwargs={"pk": a.pk}) for a in assessments}


def _returned(assessment) -> bool:
    """Computed from the history, not from the code under test."""
    steps = [t.action for t in assessment.transitions.order_by("at", "pk") if t.action != "assign"]
    return bool(steps) and steps[-1] == "return"


@pytest.fixture
def files(personas, pia_format, settings, tmp_path):
    """Files at every stage in subcommittees A and B, drafts assigned, unassigned and returned."""
    settings.MEDIA_ROOT = tmp_path
    expert = personas[Role.CTED_EXPERT]
    others = {k: v for k, v in personas.items() if k != Role.SUBCOMMITTEE_MEMBER}

    def make(iso3, stage, cycle=2012, assignee=None):
        state = MemberState.objects.get(iso3=iso3)
        people = personas if state.subcommittee.code == "B" else others
        return AssessmentFactory(
            state=state,
            format=pia_format,
            cycle=cycle,
            stage=stage,
            people=people,
            assignee=assignee,
        )

    made = [
        make("KEN", S.DRAFT, 2012, expert),
        make("GHA", S.DRAFT),
        make("NGA", S.DRAFT, 2012, expert),
    ]
    returned = make("KEN", S.CTED_REVIEW, 2013, expert)
    services.assessment_return(
        assessment=returned, by=personas[Role.CTED_COORDINATOR], comment="Add the sources."
    )
    made.append(returned)
    for stage in (S.CTED_REVIEW, S.WITH_SUBCOMMITTEE, S.WITH_COMMITTEE, S.APPROVED, S.SENT):
        made += [
            make("NGA", stage, 2014 + list(S).index(stage)),
            make("AFG", stage, 2014 + list(S).index(stage)),
        ]
    made.append(make("KEN", S.SENT, 2021))
    sent = make("KEN", S.SENT, 2020)
    services.assessment_record_reply(
        assessment=sent,
        by=personas[Role.FOCAL_POINT],
        upload=SimpleUploadedFile("reply.txt", b"The State's reply."),
    )
    return made


def _expected(personas, role) -> dict[str, set[str]]:
    """Each group: the permission scope of the persona, then the group's condition."""
    user = personas[role]
    if role == Role.FOCAL_POINT:
        sent = permissions.sent_scope(Assessment.objects.all(), user)
        # Not filed yet (the filing task runs after commit): each leads to the inbox.
        inbox = {"/en/secure/"} if sent.filter(status=S.SENT).exists() else set()
        return {"Assessments awaiting your State's reply": inbox}
    visible = permissions.scope(Assessment.objects.all(), user)
    mine = list(visible.filter(status=S.DRAFT, assignee=user))
    groups = {
        "Returned to you for revision": _pages(a for a in mine if _returned(a)),
        "Drafts assigned to you": _pages(a for a in mine if not _returned(a)),
        "Drafts not assigned to an expert": _pages(visible.filter(status=S.DRAFT, assignee=None)),
    }
    for action, status in (
        ("Send to the subcommittee", S.CTED_REVIEW),
        ("Recommend to the Committee", S.WITH_SUBCOMMITTEE),
        ("Approve", S.WITH_COMMITTEE),
        ("Send to the State", S.APPROVED),
        ("Close", S.REPLIED),
    ):
        groups[f"To do: {action}"] = _pages(visible.filter(status=status))
    return groups


@pytest.mark.parametrize(
    ("role", "groups"),
    [
        (Role.CTED_EXPERT, ["Returned to you for revision", "Drafts assigned to you"]),
        (
            Role.CTED_COORDINATOR,
            [
                "Drafts not assigned to an expert",
                "To do: Send to the subcommittee",
                "To do: Send to the State",
                "To do: Close",
            ],
        ),
        (Role.SUBCOMMITTEE_MEMBER, ["To do: Recommend to the Committee"]),
        (Role.COMMITTEE_MEMBER, ["To do: Approve"]),
        (Role.CHAIR, ["To do: Approve"]),
        (
            Role.FOCAL_POINT,
            ["Assessments awaiting your State's reply"],
        ),
    ],
)
def test_waiting_lists_exactly_the_files_the_scope_gives_for_each_group(
    client, personas, files, role, groups
):
    expected = _expected(personas, role)

    listed = _listed(_landing(client, personas[role]))

    assert listed == {group: expected[group] for group in groups}
    assert all(listed.values())


def test_waiting_subcommittee_member_sees_only_their_subcommittees_files(client, personas, files):
    listed = _listed(_landing(client, personas[Role.SUBCOMMITTEE_MEMBER]))

    [nigeria] = Assessment.objects.filter(state__iso3="NGA", status=S.WITH_SUBCOMMITTEE)
    assert listed == {"To do: Recommend to the Committee": _pages([nigeria])}


def test_waiting_row_shows_status_age_due_date_and_overdue(client, personas, draft):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    services.assessment_assign(
        assessment=draft,
        assignee=personas[Role.CTED_EXPERT],
        due_on=yesterday,
        by=personas[Role.CTED_COORDINATOR],
    )
    Assessment.objects.filter(pk=draft.pk).update(
        status_changed_at=timezone.now() - datetime.timedelta(days=3)
    )

    landing = _landing(client, personas[Role.CTED_EXPERT])
    page = client.get(LANDING).content.decode()

    [item] = landing["waiting"]
    [row] = item.files
    assert (str(item.label), item.count, row.title, row.status) == (
        "Drafts assigned to you",
        1,
        "Kenya 2012",
        "Draft",
    )
    assert (row.due, row.overdue) == (yesterday, True)
    assert "for 3\xa0days" in page
    assert "Overdue" in page


def test_waiting_lists_ten_files_and_links_to_all(client, personas, pia_format):
    for cycle in range(2001, 2013):
        AssessmentFactory(
            state=MemberState.objects.get(iso3="KEN"),
            format=pia_format,
            cycle=cycle,
            people=personas,
            assignee=personas[Role.CTED_EXPERT],
        )

    landing = _landing(client, personas[Role.CTED_EXPERT])
    page = client.get(LANDING).content.decode()

    [item] = landing["waiting"]
    assert (item.count, len(item.files)) == (12, 10)
    assert "See all 12 files" in page


def test_waiting_of_a_coordinator_who_is_also_a_focal_point_has_both_roles_groups(
    client, personas, files
):
    both = UserFactory(
        roles=[Role.CTED_COORDINATOR, Role.FOCAL_POINT],
        member_state=MemberState.objects.get(iso3="KEN"),
    )
    expected = {
        **_expected(personas, Role.CTED_COORDINATOR),
        **_expected(personas, Role.FOCAL_POINT),
    }

    listed = _listed(_landing(client, both))

    assert listed == {group: expected[group] for group in listed}
    assert sorted(listed) == [
        "Assessments awaiting your State's reply",
        "Drafts not assigned to an expert",
        "To do: Close",
        "To do: Send to the State",
        "To do: Send to the subcommittee",
    ]
