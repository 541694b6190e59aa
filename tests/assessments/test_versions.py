"""Versions store what changed, and every version reads back exactly as it was saved."""

import datetime
import json
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments import selectors, services
from assessments.constants import DATA_DIR
from assessments.enums import AssessmentStatus, TransitionAction
from assessments.models import AssessmentFormat, AssessmentVersion
from ctc import diff as ctc_diff
from ctc import reference
from ctc.accounts.enums import Role
from ctc.revisions.models import Part
from ctc.revisions.versions import version_chain, version_manifests
from ctc.states.models import MemberState
from ctc.themes.models import ThematicArea
from tests.assessments.dom import parse
from tests.factories import answer_all, assessment_advance

pytestmark = pytest.mark.django_db


def _dump(content: dict) -> str:
    return json.dumps(content, sort_keys=True)


def _save_answer(assessment, code, finding, by, status="partially", sources="Report"):
    answer = assessment.answers.get(question__code=code)
    return services.answer_save(
        answer=answer,
        finding=finding,
        status=status,
        sources=sources,
        revision=answer.revision,
        by=by,
    )


def _findings(count: int, size: int = 2700) -> list[str]:
    """`count` different findings of about `size` bytes of real prose (the demo bank's)."""
    bank = reference.read(DATA_DIR / "demo-findings.json")["findings"].values()
    texts = [text for variants in bank for text in variants]
    findings = []
    for i in range(count):
        paragraphs = []
        while len("".join(paragraphs).encode()) < size:
            paragraphs.append(f"<p>{texts[(i + len(paragraphs)) % len(texts)]}</p>")
        findings.append("".join(paragraphs))
    return findings


# --- Any sequence of saves --------------------------------------------------------------

TEXTS = [
    "",
    "<p>The law was adopted in 2005.</p>",
    "<p>The law was amended in 2010.</p>",
    "<p>A bill is before parliament.</p>",
]
RECOMMENDATIONS = ["Adopt a law.", "Train judges.", "Freeze funds without delay."]
save = st.one_of(
    st.tuples(
        st.just("answer"),
        st.sampled_from(["1.1", "1.2", "2.1"]),
        st.sampled_from(TEXTS),
        st.sampled_from(["", "implemented", "partially"]),
        st.sampled_from(["", "S/2002/1"]),
    ),
    st.tuples(st.just("note"), st.sampled_from(["cover_note", "letter"]), st.sampled_from(TEXTS)),
    st.tuples(
        st.just("recommendations"),
        st.lists(st.sampled_from(RECOMMENDATIONS), max_size=3),
        st.sampled_from(["legislation", "cft"]),
    ),
)


def _apply(assessment, step, by):
    """One save through the services, each with the revision the editor would have loaded."""
    kind = step[0]
    if kind == "answer":
        _kind, code, finding, status, sources = step
        _save_answer(assessment, code, finding, by, status=status, sources=sources)
        return
    assessment.refresh_from_db()
    if kind == "note":
        _kind, field, text = step
        services.note_save(
            assessment=assessment,
            field=field,
            text=text,
            revision=getattr(assessment, f"{field}_revision"),
            by=by,
        )
        return
    _kind, texts, theme = step
    area = ThematicArea.objects.get(code=theme)
    services.recommendations_save(
        assessment=assessment,
        items=[(text, area) for text in texts],
        revision=assessment.recommendations_revision,
        by=by,
    )


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(save, max_size=20), every=st.integers(min_value=1, max_value=5))
def test_any_sequence_of_saves_reconstructs_every_version(
    steps, every, pia_format, kenya, personas
):
    """Answers, notes and recommendations, no-op saves and returns to an earlier text
    included, with checkpoints every `every` versions: each version reads back as the
    assessment stood after its save, and a version is recorded exactly when it changed."""
    expert = personas[Role.CTED_EXPERT]
    with (
        mock.patch.object(AssessmentVersion, "checkpoint_every", every),
        transaction.atomic(),
    ):
        assessment = services.assessment_create(
            state=kenya, fmt=pia_format, cycle=2012, by=expert, assignee=expert
        )
        expected = {1: _dump(selectors.assessment_content(assessment))}
        for step in steps:
            _apply(assessment, step, expert)
            assessment.refresh_from_db()
            content = _dump(selectors.assessment_content(assessment))
            number = assessment.versions.count()
            assert (number > len(expected)) == (content != expected[len(expected)])
            expected[number] = content

        versions = list(assessment.versions.order_by("number"))
        read = {v.number: _dump(selectors.version_content(v)) for v in versions}
        checkpoints = [v.number for v in versions if v.checkpoint]
        transaction.set_rollback(True)

    assert read == expected
    assert checkpoints == list(range(1, len(expected) + 1, every))


def test_reverting_a_finding_stores_no_new_part(draft, personas):
    expert = personas[Role.CTED_EXPERT]
    first, second = "<p>The law was adopted in 2005.</p>", "<p>The law was amended in 2010.</p>"
    _save_answer(draft, "1.1", first, expert)
    _save_answer(draft, "1.1", second, expert)
    parts = Part.objects.count()

    _save_answer(draft, "1.1", first, expert)

    latest = draft.versions.order_by("-number").first()
    assert Part.objects.count() == parts
    assert selectors.version_content(latest)["answers"]["1.1"]["finding"] == first
    assert latest.manifest == [["answers/1.1", draft.versions.get(number=2).manifest[0][1]]]


# --- Storage proportional to the change --------------------------------------------------


def _pia_2012(personas, iso3="FRA"):
    """An assessment of the real 26-question format (reference data)."""
    return services.assessment_create(
        state=MemberState.objects.get(iso3=iso3),
        fmt=AssessmentFormat.objects.get(code="pia-2012"),
        cycle=2012,
        by=personas[Role.CTED_COORDINATOR],
        assignee=personas[Role.CTED_EXPERT],
    )


def _stored_bytes(version, parts_before: set[str]) -> int:
    """What one save wrote: its new compressed parts with their keys, and its version row
    (the manifest, the summary, and number, flag, author, time, ids at their stored widths)."""
    new_parts = Part.objects.exclude(sha256__in=parts_before)
    blobs = sum(len(bytes(p.data)) + len(p.sha256) + 4 for p in new_parts)
    row = len(json.dumps(version.manifest)) + len(version.summary.encode()) + 4 + 1 + 8 + 8 + 8 + 8
    return blobs + row


def test_a_finding_save_stores_at_most_twice_the_finding(personas):
    """40 saves of 2.7 KB findings on a 26-question assessment, across a checkpoint: each
    stores at most twice the finding, about half of it on average (the finding compressed,
    a one-line manifest); the whole assessment, as each save stored before, is 20× more."""
    expert = personas[Role.CTED_EXPERT]
    assessment = _pia_2012(personas)
    codes = list(assessment.answers.values_list("question__code", flat=True))
    changed_total = stored_total = whole_total = 0
    for i, finding in enumerate(_findings(40)):
        parts_before = set(Part.objects.values_list("sha256", flat=True))
        answer = _save_answer(assessment, codes[i % len(codes)], finding, expert)
        version = assessment.versions.order_by("-number").first()
        changed = len(json.dumps(selectors.answer_content(answer), ensure_ascii=False).encode())
        stored = _stored_bytes(version, parts_before)
        assert 2700 < changed < 3400
        assert stored <= 2 * changed, (version.number, stored, changed)
        changed_total += changed
        stored_total += stored
        whole_total += len(json.dumps(selectors.version_content(version)).encode())

    assert assessment.versions.filter(checkpoint=True).count() == 2
    assert stored_total < 0.6 * changed_total
    assert stored_total * 20 < whole_total


# --- A save costs the same whatever the size of the assessment or its history ----------

# Savepoint, the user's roles, the assessment and the answer (locked), the answer and the
# assessment written, its counts recounted, (on PostgreSQL) its search document rebuilt,
# then the version: the rows since its checkpoint, the new part, the version row;
# savepoint released.
ANSWER_SAVE_QUERIES = 12 if django_settings.USING_POSTGRES else 11


def _answer_save_queries(assessment, by, finding) -> int:
    answer = assessment.answers.get(question__code="1.1")
    by = type(by).objects.get(pk=by.pk)
    with CaptureQueriesContext(connection) as queries:
        services.answer_save(
            answer=answer,
            finding=finding,
            status="implemented",
            sources="Report",
            revision=answer.revision,
            by=by,
        )
    return len(queries)


def test_answer_save_query_count_is_the_same_for_3_and_26_questions(draft, personas):
    expert = personas[Role.CTED_EXPERT]
    large = _pia_2012(personas)
    codes = list(large.answers.values_list("question__code", flat=True))
    for i, finding in enumerate(_findings(31, size=1)):
        _save_answer(large, codes[i % len(codes)], finding, expert)

    small_count = _answer_save_queries(draft, expert, "<p>Adopted.</p>")
    large_count = _answer_save_queries(large, expert, "<p>Adopted.</p>")

    assert (draft.answers.count(), draft.versions.count()) == (3, 2)
    assert (large.answers.count(), large.versions.count()) == (26, 33)
    # The large one's new version is a checkpoint: it lists all 30 parts, still at that cost.
    assert len(large.versions.get(number=33).manifest) == 30
    assert (small_count, large_count) == (ANSWER_SAVE_QUERIES, ANSWER_SAVE_QUERIES)


def test_reading_any_version_takes_two_queries_and_at_most_a_checkpoint_interval(personas):
    expert = personas[Role.CTED_EXPERT]
    assessment = _pia_2012(personas)
    codes = list(assessment.answers.values_list("question__code", flat=True))
    findings = _findings(70, size=1)
    for i, finding in enumerate(findings):
        _save_answer(assessment, codes[i % len(codes)], finding, expert)
    every = AssessmentVersion.checkpoint_every

    for number in (1, every, every + 1, 2 * every, 71):
        version = assessment.versions.get(number=number)
        with CaptureQueriesContext(connection) as queries:
            content = selectors.version_content(version)
        chain = list(version_chain(assessment.versions.all(), [number]))
        assert len(queries) == 2
        assert content["answers"][codes[(number - 2) % len(codes)]]["finding"] == (
            findings[number - 2] if number > 1 else ""
        )
        assert chain[0][:2] == ((number - 1) // every * every + 1, True)
        assert len(chain) <= every
    assert [v.number for v in assessment.versions.filter(checkpoint=True).order_by("number")] == [
        1,
        every + 1,
        2 * every + 1,
    ]
    # Two versions in different checkpoint intervals, read together in one query.
    with CaptureQueriesContext(connection) as queries:
        both = version_manifests(assessment.versions, [5, 71])
    assert len(queries) == 1
    assert both == {n: version_manifests(assessment.versions, [n])[n] for n in (5, 71)}
    assert both[5] != both[71] and len(both[5]) == len(both[71]) == 30


# --- Comparing diffs only what changed ---------------------------------------------------


def test_compare_diffs_only_the_changed_parts(draft, personas, monkeypatch):
    """Both versions are read in one query; a part stored under the same hash in both is
    shown as it is, never diffed."""
    expert = personas[Role.CTED_EXPERT]
    _save_answer(draft, "1.1", "<p>The law was adopted in 2005.</p>", expert)
    _save_answer(draft, "1.2", "<p>Financing is an offence.</p>", expert)
    _save_answer(draft, "1.1", "<p>The law was amended in 2010.</p>", expert)
    old, new = draft.versions.get(number=3), draft.versions.get(number=4)
    cache.clear()
    diffed = []
    real = ctc_diff._rich_side_by_side
    monkeypatch.setattr(
        ctc_diff, "_rich_side_by_side", lambda a, b: diffed.append((a, b)) or real(a, b)
    )

    with CaptureQueriesContext(connection) as queries:
        rows, notes = selectors.version_compare(assessment=draft, old=old, new=new)

    by_code = {row.code: row for row in rows}
    assert by_code["1.1"].changed is True
    assert by_code["1.1"].finding.right == (
        "<p>The law was <ins>amended</ins> in <ins>2010</ins>.</p>"
    )
    assert (by_code["1.2"].changed, by_code["1.2"].finding.right) == (
        False,
        "<p>Financing is an offence.</p>",
    )
    assert notes["cover_note"].changed is False
    assert diffed == [
        ("<p>The law was adopted in 2005.</p>", "<p>The law was amended in 2010.</p>")
    ]
    (read,) = [q["sql"] for q in queries.captured_queries if "revisions_part" in q["sql"]]
    (_key, unchanged), (_key, before), (_key, after) = (
        draft.versions.get(number=n).manifest[0] for n in (3, 2, 4)
    )
    assert before in read and after in read and unchanged in read


def test_admin_shows_a_version_whole_and_its_parts(client, draft, personas):
    _save_answer(draft, "1.1", "<p>The law was adopted in 2005.</p>", personas[Role.CTED_EXPERT])
    version = draft.versions.get(number=2)
    (_key, sha256) = version.manifest[0]
    client.force_login(personas[Role.ADMINISTRATOR])

    page = client.get(f"/en/admin/assessments/assessmentversion/{version.pk}/change/")
    part = client.get(f"/en/admin/revisions/part/{sha256}/change/")

    assert page.status_code == part.status_code == 200
    assert "&quot;1.2&quot;: {" in page.content.decode()
    assert "The law was adopted in 2005." in page.content.decode()
    assert "The law was adopted in 2005." in part.content.decode()


# --- The versions page: sittings and milestones -------------------------------------------


def _at(assessment, times: dict[int, str]) -> None:
    """Versions saved at the given times of 30 November 2026 (UTC), by number."""
    for number, clock in times.items():
        hour, minute = map(int, clock.split(":"))
        moment = datetime.datetime(2026, 11, 30, hour, minute, tzinfo=datetime.UTC)
        assessment.versions.filter(number=number).update(created_at=moment)


def _history(draft):
    return [
        ("milestone", item.name, item.number)
        if item.kind == "milestone"
        else ("group", item.author.username, [v.number for v in item.versions], item.before)
        for item in selectors.version_history(assessment=draft).items
    ]


def test_versions_are_grouped_by_person_and_sitting_between_milestones(draft, personas):
    expert, coordinator = personas[Role.CTED_EXPERT], personas[Role.CTED_COORDINATOR]
    _save_answer(draft, "1.1", "<p>One.</p>", expert)  # 2
    _save_answer(draft, "1.2", "<p>Two.</p>", expert)  # 3
    _save_answer(draft, "2.1", "<p>Three.</p>", expert)  # 4
    _save_answer(draft, "1.1", "<p>Four.</p>", coordinator)  # 5: another person
    _save_answer(draft, "1.2", "<p>Five.</p>", expert)  # 6
    _save_answer(draft, "1.1", "<p>Six.</p>", expert)  # 7: 30 minutes later, another sitting
    services.assessment_submit(assessment=draft, by=expert)
    services.assessment_return(assessment=draft, by=coordinator, comment="Add sources.")
    _save_answer(draft, "1.1", "<p>Seven.</p>", expert)  # 8: straight after, yet after a step
    _at(draft, {1: "09:00", 2: "10:02", 3: "10:20", 4: "10:41", 5: "10:45", 6: "10:50"})
    _at(draft, {7: "11:20", 8: "11:22"})

    assert _history(draft) == [
        ("group", "expert", [8], 7),
        ("milestone", "Returned for revision", 7),
        ("milestone", "Submitted for CTED review", 7),
        ("group", "expert", [7], 6),
        ("group", "expert", [6], 5),
        ("group", "coordinator", [5], 4),
        ("group", "expert", [2, 3, 4], 1),
        ("group", "expert", [1], None),  # an hour before
    ]


def test_each_workflow_step_is_a_milestone_at_the_version_current_then(draft, personas):
    people = dict(personas)
    answer_all(draft, personas[Role.CTED_EXPERT])
    latest = draft.versions.order_by("-number").first()
    sent = assessment_advance(draft, AssessmentStatus.SENT, people)

    steps = list(sent.transitions.order_by("at", "pk"))

    assert [(t.action, t.version_id) for t in steps] == [
        (TransitionAction.SUBMIT, latest.pk),
        (TransitionAction.SEND_TO_SUBCOMMITTEE, latest.pk),
        (TransitionAction.RECOMMEND, latest.pk),
        (TransitionAction.APPROVE, latest.pk),
        (TransitionAction.SEND_TO_STATE, latest.pk),
    ]
    assert [t.subcommittee.code if t.subcommittee else None for t in steps] == [
        None,
        "B",
        None,
        None,
        None,
    ]
    assert [m.name for m in selectors.version_history(assessment=sent).items[:5]] == [
        "Sent to the State",
        "Approved",
        "Recommended to the Committee",
        "Sent to subcommittee B",
        "Submitted for CTED review",
    ]


def test_a_milestone_follows_the_saves_made_before_its_step(draft, personas):
    expert, coordinator = personas[Role.CTED_EXPERT], personas[Role.CTED_COORDINATOR]
    answer_all(draft, expert)
    services.assessment_submit(assessment=draft, by=expert)
    services.assessment_return(assessment=draft, by=coordinator, comment="Add sources.")
    _save_answer(draft, "1.1", "<p>Revised.</p>", expert)
    services.assessment_submit(assessment=draft, by=expert)

    steps = [(t.action, t.version.number) for t in draft.transitions.order_by("at", "pk")]

    assert steps == [
        (TransitionAction.SUBMIT, 4),
        (TransitionAction.RETURN, 4),
        (TransitionAction.SUBMIT, 5),
    ]


def _all(node, tag=None, cls=None) -> list:
    """Nodes under `node` (a page or a node) with the tag and the class asked."""
    root = getattr(node, "root", node)
    return [
        n
        for n in root.iter()
        if (tag is None or n.tag == tag) and (cls is None or cls in n.get("class", "").split())
    ]


def _text(node) -> str:
    return node.text()


def test_versions_page_shows_groups_and_milestones(client, draft, personas):
    expert, coordinator = personas[Role.CTED_EXPERT], personas[Role.CTED_COORDINATOR]
    expert.first_name, expert.last_name = "Amina", "Yusuf"
    expert.save()
    for text in ("One.", "Two.", "Three."):
        _save_answer(draft, "1.1", f"<p>{text}</p>", expert)
    _save_answer(draft, "2.1", "<p>Rights.</p>", expert)
    services.assessment_submit(assessment=draft, by=expert)
    services.assessment_send_to_subcommittee(assessment=draft, by=coordinator)
    _at(draft, {1: "09:50", 2: "10:02", 3: "10:20", 4: "10:30", 5: "10:41"})
    client.force_login(expert)

    page = parse(client.get(f"/en/assessments/{draft.pk}/versions/"))

    groups = [_text(g) for li in _all(page, "li", "version-group") for g in _all(li, "summary")]
    assert groups == [
        "Amina Yusuf, 5 versions, 30 November 2026 09:50–10:41"
        " (versions 1–5: Created, Finding 1.1, Finding 2.1)",
    ]
    milestones = [_text(m) for m in _all(page, "p", "milestone-name")]
    assert milestones == ["Milestone Sent to subcommittee B", "Milestone Submitted for CTED review"]
    checked = [(i.get("name"), i.get("value")) for i in _all(page, "input") if "checked" in i.attrs]
    assert checked == [("b", "5"), ("a", "4")]


def test_versions_page_links_each_group_and_milestone_to_its_comparison(client, draft, personas):
    expert, coordinator = personas[Role.CTED_EXPERT], personas[Role.CTED_COORDINATOR]
    _save_answer(draft, "2.1", "<p>Rights.</p>", expert)  # 2
    services.assessment_submit(assessment=draft, by=expert)
    services.assessment_send_to_subcommittee(assessment=draft, by=coordinator)
    services.assessment_return(
        assessment=draft, by=personas[Role.SUBCOMMITTEE_MEMBER], comment="Not yet."
    )
    _save_answer(draft, "1.1", "<p>Revised.</p>", expert)  # 3
    _save_answer(draft, "1.2", "<p>Revised too.</p>", expert)  # 4
    client.force_login(expert)

    page = parse(client.get(f"/en/assessments/{draft.pk}/versions/"))

    compare = f"/en/assessments/{draft.pk}/versions/compare/"
    links = [(_text(a), a.get("href")) for li in _all(page, "ol") for a in _all(li, "a")]
    assert links == [
        ("Compare with the version before this group", f"{compare}?a=2&b=4"),
        ("What changed since “Returned for revision”", f"{compare}?a=2&b=4"),
        ("What changed since “Sent to subcommittee B”", f"{compare}?a=2&b=4"),
        ("What changed since “Submitted for CTED review”", f"{compare}?a=2&b=4"),
    ]


# Session, user and roles (3), the header's unread notifications, the assessment, its
# versions, its milestones.
VERSIONS_PAGE_QUERIES = 7


def test_versions_page_query_count_is_the_same_for_short_and_long_histories(
    client, draft, personas, pia_format
):
    expert, coordinator = personas[Role.CTED_EXPERT], personas[Role.CTED_COORDINATOR]
    busy = services.assessment_create(
        state=MemberState.objects.get(iso3="GHA"), fmt=pia_format, cycle=2012, by=expert
    )
    for round_ in range(3):
        for i, person in enumerate([expert, coordinator, expert]):
            _save_answer(busy, ["1.1", "1.2", "2.1"][i], f"<p>Round {round_}, {i}.</p>", person)
        services.assessment_submit(assessment=busy, by=expert)
        services.assessment_return(assessment=busy, by=coordinator, comment=f"Round {round_}.")
    client.force_login(expert)

    with CaptureQueriesContext(connection) as small_queries:
        small = parse(client.get(f"/en/assessments/{draft.pk}/versions/"))
    with CaptureQueriesContext(connection) as large_queries:
        large = parse(client.get(f"/en/assessments/{busy.pk}/versions/"))

    sizes = [
        (len(_all(p, "li", "version-group")), len(_all(p, "li", "milestone")))
        for p in (small, large)
    ]
    # Large: versions 1-2, then 3, 4 | 5, 6, 7 | 8, 9, 10 | (a person each, steps at |).
    assert sizes == [(1, 0), (9, 6)]
    assert (len(small_queries), len(large_queries)) == (VERSIONS_PAGE_QUERIES,) * 2


# --- The comparison page --------------------------------------------------------------------


def _compare(client, draft, query, lang="en"):
    return parse(client.get(f"/{lang}/assessments/{draft.pk}/versions/compare/?{query}"))


def test_compare_page_spells_out_a_status_change_in_the_readers_language(client, draft, personas):
    expert = personas[Role.CTED_EXPERT]
    _save_answer(draft, "1.1", "<p>Adopted.</p>", expert, status="partially")
    _save_answer(draft, "1.1", "<p>Adopted.</p>", expert, status="implemented")
    client.force_login(expert)

    english = _compare(client, draft, "a=2&b=3").by_id("row-1.1")
    french = _compare(client, draft, "a=2&b=3", lang="fr").by_id("row-1.1")

    assert [_text(p) for p in _all(english, "p", "status-change")] == [
        "Status changed: Partially implemented → Implemented"
    ]
    assert [_text(n) for n in _all(english, "del") + _all(english, "ins")] == [
        "Partially implemented",
        "Implemented",
    ]
    (status,) = _all(french, "p", "status-change")
    assert "Partiellement mis en œuvre → Mis en œuvre" in _text(status)


def test_compare_page_folds_unchanged_questions_in_runs_with_their_count(client, draft, personas):
    expert = personas[Role.CTED_EXPERT]
    _save_answer(draft, "1.2", "<p>Financing is an offence.</p>", expert)
    _save_answer(draft, "2.1", "<p>Rights are respected.</p>", expert)
    _save_answer(draft, "1.2", "<p>Financing is a crime.</p>", expert)
    client.force_login(expert)

    page = _compare(client, draft, "a=3&b=4")
    everything = _compare(client, draft, "a=3&b=4&all=1")

    folded = _all(page, "details", "diff-unchanged")
    summaries = [_text(_all(d, "summary")[0]) for d in folded]
    assert summaries == [
        "1 unchanged question (1.1)",
        "1 unchanged question (2.1)",
        "No changes",  # the letter, the same (the others are empty in both)
    ]
    assert ["open" in d.attrs for d in folded] == [False, False, False]
    assert ["open" in d.attrs for d in _all(everything, "details", "diff-unchanged")] == [
        True,
        True,
        False,
    ]
    assert [r.get("id") for r in _all(page, "tr", "changed")] == ["row-1.2"]
    assert [r.get("id") for r in _all(page, "tr", "unchanged")] == ["row-1.1", "row-2.1"]
    assert "Rights are respected." in _text(page.by_id("row-2.1"))
    assert [_text(p) for p in _all(page, "p", "diff-counts")] == [
        "1 question changed · 2 unchanged"
    ]


def test_compare_page_says_no_changes_plainly(client, draft, personas):
    expert = personas[Role.CTED_EXPERT]
    _save_answer(draft, "1.1", "<p>Adopted.</p>", expert)
    _save_answer(draft, "1.1", "<p>Amended.</p>", expert)
    _save_answer(draft, "1.1", "<p>Adopted.</p>", expert)
    client.force_login(expert)

    same = _compare(client, draft, "a=2&b=4")
    itself = _compare(client, draft, "a=3&b=3")
    different = _compare(client, draft, "a=2&b=3")

    assert [_text(p) for p in _all(same, "p", "diff-none")] == [
        "No changes: the two versions say the same."
    ]
    assert [_text(p) for p in _all(itself, "p", "diff-none")] == [
        "No changes: you are comparing a version with itself."
    ]
    assert _all(different, "p", "diff-none") == []
    assert _all(same, "tr", "changed") == []
    assert [_text(p) for p in _all(same, "p", "diff-counts")] == [
        "0 questions changed · 3 unchanged"
    ]
