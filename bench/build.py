"""The bench data set, built through the services the way people build it.

One assessment per state and cycle (2001–2012), each state's cycles in order so that every
assessment after the first starts from its previous one (findings carried over through the
format mapping). Findings, recommendations, notes, comments and every workflow step go
through assessments.services; only the dates are moved back afterwards with .update(), so
the history spreads over the years. States are built in parallel processes, each with its
own database connection. Everything is seeded: the same size gives the same data.

Imported after django.setup().
"""

import datetime
import math
import multiprocessing
import random
import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection, connections, transaction

from assessments import services
from assessments.enums import AssessmentStatus, CommentVisibility, TransitionAction
from assessments.models import (
    Assessment,
    AssessmentFormat,
    AssessmentVersion,
    SentSnapshot,
    Transition,
)
from ctc.accounts.demo import FOCAL_POINT_STATES
from ctc.accounts.models import User
from ctc.states.models import MemberState
from ctc.themes.models import ThematicArea

from . import text

S = AssessmentStatus
LAST_CYCLE = 2012
MAX_CYCLES = 12  # 2001–2012
# Where each state's latest assessment stands; the earlier ones are closed.
LATEST_STAGES = [
    (S.DRAFT, 0.30),
    (S.CTED_REVIEW, 0.10),
    (S.WITH_SUBCOMMITTEE, 0.15),
    (S.WITH_COMMITTEE, 0.10),
    (S.APPROVED, 0.05),
    (S.SENT, 0.10),
    (S.REPLIED, 0.05),
    (S.CLOSED, 0.15),
]
RETURN_SHARE = 0.06  # closed files that were once returned for revision
REVIEW_STEPS = [S.CTED_REVIEW, S.WITH_SUBCOMMITTEE, S.WITH_COMMITTEE]


def plan(size: int) -> list[tuple[str, list[int]]]:
    """(state, cycles) for `size` assessments: as many states as possible, at least two cycles
    each, the focal points' states first (the secure area needs them), latest cycle 2012."""
    iso3s = list(MemberState.objects.order_by("iso3").values_list("iso3", flat=True))
    iso3s = [i for i in FOCAL_POINT_STATES if i in iso3s] + [
        i for i in iso3s if i not in FOCAL_POINT_STATES
    ]
    if size > len(iso3s) * MAX_CYCLES:
        raise ValueError(f"--size at most {len(iso3s) * MAX_CYCLES} (states × cycles 2001–2012)")
    states = min(len(iso3s), max(1, math.ceil(size / 2)))
    base, extra = divmod(size, states)
    chains = []
    for index, iso3 in enumerate(iso3s[:states]):
        count = base + (1 if index < extra else 0)
        chains.append((iso3, list(range(LAST_CYCLE - count + 1, LAST_CYCLE + 1))))
    return chains


def build(size: int, jobs: int, log=print) -> None:
    """Builds the plan's assessments in `jobs` processes, longest chains first."""
    chains = sorted(plan(size), key=lambda c: -len(c[1]))
    connections.close_all()  # each forked process opens its own connection
    started = time.monotonic()
    done, shown = 0, 0
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs, initializer=connections.close_all) as pool:
        for count in pool.imap_unordered(_build_chain, chains):
            done += count
            if done * 10 // size > shown or done == size:
                shown = done * 10 // size
                log(f"  {done}/{size} assessments after {time.monotonic() - started:.0f}s")


class People:
    """The demo accounts who write, review and reply (ctc.accounts.demo)."""

    def __init__(self):
        users = {u.username: u for u in User.objects.filter(email__endswith="@demo.ctc.invalid")}
        self.experts = [users["expert"], users["expert2"]]
        self.coordinator = users["coordinator"]
        self.chair = users["chair"]
        self.users = users

    def subcommittee(self, state):
        return self.users[f"subcommittee_{state.subcommittee.code.lower()}"]

    def focal_point(self, state):
        return self.users.get(f"focal_{state.iso3.lower()}")


def _build_chain(chain: tuple[str, list[int]]) -> int:
    iso3, cycles = chain
    rng = random.Random(f"bench:{iso3}")
    people = People()
    state = MemberState.objects.select_related("subcommittee").get(iso3=iso3)
    formats = {f.code: f for f in AssessmentFormat.objects.filter(code__startswith="pia-")}
    areas = list(ThematicArea.objects.order_by("code"))
    # A quarter of the states still use the 2012 format for their latest assessment.
    switch = len(cycles) if rng.random() < 0.25 else max(1, len(cycles) // 2)
    for index, cycle in enumerate(cycles):
        latest = index == len(cycles) - 1
        target = _pick(rng, LATEST_STAGES) if latest else S.CLOSED
        assessment = services.assessment_create(
            state=state,
            fmt=formats["pia-2012" if index < switch else "pia-2013"],
            cycle=cycle,
            by=people.coordinator,
            assignee=rng.choice(people.experts),
            due_on=datetime.date(cycle, 6, 30),
        )
        complete = target != S.DRAFT or rng.random() < 0.5
        _draft(assessment, rng, areas, first=index == 0, complete=complete)
        _comment(assessment, rng, people)
        returned = rng.choice(REVIEW_STEPS) if not latest and rng.random() < RETURN_SHARE else None
        _advance(assessment, target, returned, rng, people)
        _backdate(assessment, cycle, rng)
    return len(cycles)


def _pick(rng, weighted):
    point, total = rng.random(), 0.0
    for value, weight in weighted:
        total += weight
        if point < total:
            return value
    return weighted[-1][0]


def _key(assessment, answer) -> str:
    return f"{assessment.state.iso3}:{answer.question.code}"


def _save(assessment, answer, rng, *, finding=None, status=None):
    if finding is None:
        financing = text.mentions_financing(_key(assessment, answer))
        finding = (
            text.revise(rng, answer.finding, financing=financing)
            if answer.finding
            else text.finding(rng, financing=financing)
        )
    return services.answer_save(
        answer=answer,
        finding=finding,
        status=status or answer.status or _status(rng),
        sources=answer.sources or text.sources(rng),
        revision=answer.revision,
        by=assessment.assignee,
    )


def _status(rng) -> str:
    return rng.choice(["implemented", "partially", "partially", "not_implemented"])


def _draft(assessment, rng, areas, *, first: bool, complete: bool):
    """The first assessment of a state is written question by question; later ones revise a
    few findings carried over from the previous one and complete whatever is missing."""
    answers = list(assessment.answers.select_related("question"))
    if first:
        todo = answers if complete else answers[: len(answers) // 2]
    else:
        missing = [a for a in answers if not (a.finding and a.status)]
        carried = [a for a in answers if a not in missing]
        todo = missing + rng.sample(carried, k=min(len(carried), rng.randint(3, 7)))
    for answer in todo:
        _save(assessment, answer, rng)
    assessment.refresh_from_db()
    current = [(r.text, r.thematic_area) for r in assessment.recommendations.all()]
    if first or rng.random() < 0.6:
        keep = current[: rng.randint(0, len(current))] if current else []
        new = [(text.recommendation(rng), rng.choice(areas)) for _ in range(rng.randint(1, 3))]
        assessment = services.recommendations_save(
            assessment=assessment,
            items=keep + new,
            revision=assessment.recommendations_revision,
            by=assessment.assignee,
        )
    for field in ("cover_note", "letter"):
        if first or field == "cover_note" or rng.random() < 0.5:
            assessment = services.note_save(
                assessment=assessment,
                field=field,
                text=text.note(rng, assessment.state.name_en),
                revision=getattr(assessment, f"{field}_revision"),
                by=assessment.assignee,
            )


def _comment(assessment, rng, people):
    """A few threads on questions and sections, some with a reply."""
    questions = [a.question for a in assessment.answers.select_related("question__section")]
    for _ in range(rng.randint(1, 5)):
        question = rng.choice(questions)
        on_section = rng.random() < 0.2
        comment = services.comment_add(
            assessment=assessment,
            body=text.comment(rng),
            visibility=rng.choice([CommentVisibility.CTED, CommentVisibility.COMMITTEE]),
            by=rng.choice([*people.experts, people.coordinator]),
            question=None if on_section else question,
            section=question.section if on_section else None,
        )
        if rng.random() < 0.25:
            services.comment_add(
                assessment=assessment,
                body=text.comment(rng),
                visibility=comment.visibility,
                by=assessment.assignee,
                parent=comment,
            )


def _advance(assessment, target, returned, rng, people):
    state = assessment.state

    def reply(a):
        upload = SimpleUploadedFile(
            "reply.txt", f"Reply of {state.name_en} to the {a.cycle} assessment.\n".encode()
        )
        by = people.focal_point(state) or a.assignee
        return services.assessment_record_reply(assessment=a, by=by, upload=upload).assessment

    steps = {
        S.DRAFT: lambda a: services.assessment_submit(assessment=a, by=a.assignee),
        S.CTED_REVIEW: lambda a: services.assessment_send_to_subcommittee(
            assessment=a, by=people.coordinator
        ),
        S.WITH_SUBCOMMITTEE: lambda a: services.assessment_recommend(
            assessment=a, by=people.subcommittee(state), comment="Recommended for approval."
        ),
        S.WITH_COMMITTEE: lambda a: services.assessment_approve(assessment=a, by=people.chair),
        S.APPROVED: lambda a: services.assessment_send_to_state(
            assessment=a, by=people.coordinator
        ),
        S.SENT: reply,
        S.REPLIED: lambda a: services.assessment_close(assessment=a, by=people.coordinator),
    }
    reviewers = {
        S.CTED_REVIEW: people.coordinator,
        S.WITH_SUBCOMMITTEE: people.subcommittee(state),
        S.WITH_COMMITTEE: people.chair,
    }
    if returned:
        while assessment.status != returned:
            assessment = steps[assessment.status](assessment)
        assessment = services.assessment_return(
            assessment=assessment,
            by=reviewers[returned],
            comment="Please complete the sources of the findings on border control.",
        )
        answer = rng.choice(list(assessment.answers.select_related("question")))
        _save(assessment, answer, rng)
        assessment.refresh_from_db()
    while assessment.status != target:
        assessment = steps[assessment.status](assessment)


def _backdate(assessment, cycle: int, rng):
    """Moves the assessment's history into its cycle's year: drafting from January, then
    one workflow step every few weeks. Only dates change."""
    start = datetime.datetime(cycle, 1, 3, 9, tzinfo=datetime.UTC) + datetime.timedelta(
        days=rng.randint(0, 25)
    )
    drafted = start + datetime.timedelta(days=30)
    moment = drafted
    with transaction.atomic():
        Assessment.objects.filter(pk=assessment.pk).update(created_at=start)
        assessment.answers.exclude(updated_at=None).update(updated_at=drafted)
        assessment.comments.update(created_at=start + datetime.timedelta(days=10))
        for t in Transition.objects.filter(assessment=assessment).order_by("at", "pk"):
            moment += datetime.timedelta(days=rng.randint(5, 30), hours=rng.randint(0, 8))
            Transition.objects.filter(pk=t.pk).update(at=moment)
            if t.action == TransitionAction.SEND_TO_STATE:
                SentSnapshot.objects.filter(assessment=assessment).update(sent_at=moment)
        Assessment.objects.filter(pk=assessment.pk).update(
            status_changed_at=moment if moment != drafted else start,
            updated_at=moment,
        )
    _backdate_versions(assessment, start)


def _backdate_versions(assessment, start):
    """Versions three hours apart from the start; left as saved if the version storage no
    longer has this table (it is being redesigned under the bench)."""
    table = AssessmentVersion._meta.db_table
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET created_at = %s + number * interval '3 hours'"
                " WHERE assessment_id = %s",
                [start, assessment.pk],
            )
    except DatabaseError:
        pass  # versions stored differently now: their dates stay as saved
