"""Demo assessments across every workflow stage, several versions each. Idempotent."""

import datetime
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from ctc import reference
from ctc.accounts.models import User
from ctc.states.models import MemberState
from ctc.themes.models import ThematicArea

from . import services
from .enums import AssessmentStatus, TransitionAction
from .models import (
    Assessment,
    AssessmentFormat,
    AssessmentVersion,
    SentSnapshot,
    Transition,
)

S = AssessmentStatus
# (state, cycle, format, target stage, stage it was once returned from, if any)
PLAN = [
    ("KEN", 2012, "pia-2012", S.SENT, None),
    ("IDN", 2012, "pia-2012", S.REPLIED, None),
    ("COL", 2012, "pia-2012", S.CLOSED, S.CTED_REVIEW),
    ("MAR", 2012, "pia-2012", S.CLOSED, None),
    ("MAR", 2013, "pia-2013", S.DRAFT, None),
    ("COL", 2013, "pia-2013", S.WITH_COMMITTEE, None),
    ("KAZ", 2012, "pia-2012", S.WITH_COMMITTEE, None),
    ("FRA", 2012, "pia-2012", S.WITH_SUBCOMMITTEE, None),
    ("NGA", 2012, "pia-2012", S.WITH_SUBCOMMITTEE, S.WITH_SUBCOMMITTEE),
    ("BRA", 2012, "pia-2012", S.APPROVED, None),
    ("PAK", 2012, "pia-2012", S.CTED_REVIEW, None),
    ("AFG", 2012, "pia-2012", S.DRAFT, S.CTED_REVIEW),
    ("TUR", 2012, "pia-2012", S.DRAFT, None),
    ("VNM", 2012, "pia-2012", S.WITH_SUBCOMMITTEE, None),
]


# Files on which a reviewer proposed wording: AFG's draft (the coordinator's, for the expert
# to accept or reject) and FRA's file with subcommittee A (its member's, on a finding and
# on the cover note).
SUGGESTED = {("AFG", 2012), ("FRA", 2012)}
ADDED_SENTENCE = "<p>The relevant provisions should be cited by article and date of adoption.</p>"
COVER_SENTENCE = (
    "<p>The subcommittee is invited to note the progress made since the previous dialogue.</p>"
)


def _users() -> dict[str, User]:
    """The demo accounts of ctc.accounts.demo, by user name."""
    return {u.username: u for u in User.objects.filter(email__endswith="@demo.ctc.invalid")}


@transaction.atomic
def demo_assessments_seed() -> int:
    """Creates the demo assessments once; returns how many demo assessments exist."""
    data_path = services.DATA_DIR / "demo-findings.json"
    if not data_path.exists() or not AssessmentFormat.objects.filter(code="pia-2012").exists():
        return 0
    bank = reference.read(data_path)
    users = _users()
    for iso3, cycle, fmt_code, target, returned in PLAN:
        state = MemberState.objects.get(iso3=iso3)
        if Assessment.objects.filter(state=state, cycle=cycle).exists():
            continue
        rng = random.Random(f"{iso3}{cycle}")
        fmt = AssessmentFormat.objects.get(code=fmt_code)
        assessment = services.assessment_create(
            state=state,
            fmt=fmt,
            cycle=cycle,
            by=users["coordinator"],
            assignee=users[rng.choice(["expert", "expert2"])],
            due_on=datetime.date(cycle, 6, 30) if target == S.DRAFT else None,
        )
        _draft(assessment, bank, users, rng, complete=target != S.DRAFT or rng.random() < 0.5)
        _advance(assessment, target, returned, users, bank)
        if (iso3, cycle) in SUGGESTED:
            _suggest(Assessment.objects.get(pk=assessment.pk), users)
        _backdate(assessment, rng)
    return Assessment.objects.filter(state__iso3__in={p[0] for p in PLAN}).count()


def _draft(assessment, bank, users, rng, complete: bool):
    """Two or three rounds of editing, so every assessment has several versions."""
    expert = assessment.assignee
    findings = bank["findings"]
    answers = list(assessment.answers.select_related("question"))
    if assessment.previous_id:
        _update_carried(answers, expert, rng)
        return
    if not complete:
        answers = answers[: len(answers) // 2]
    for answer in answers:
        variants = findings.get(answer.question.code) or next(iter(findings.values()))
        answer = services.answer_save(
            answer=answer,
            finding=f"<p>{variants[0]}</p>",
            status=rng.choice(["implemented", "partially", "partially", "not_implemented"]),
            sources=rng.choice(bank["sources"]),
            revision=answer.revision,
            by=expert,
        )
        if rng.random() < 0.35 and len(variants) > 1:
            services.answer_save(
                answer=answer,
                finding=f"<p>{variants[1]}</p>",
                status=answer.status,
                sources=answer.sources,
                revision=answer.revision,
                by=users["expert2"] if expert.username == "expert" else users["expert"],
            )
    areas = {a.code: a for a in ThematicArea.objects.all()}
    picks = rng.sample(bank["recommendations"], k=3)
    assessment.refresh_from_db()
    assessment = services.recommendations_save(
        assessment=assessment,
        items=[(r["text"], areas[r["thematic_area"]]) for r in picks],
        revision=assessment.recommendations_revision,
        by=expert,
    )
    # The letter is the standard one in the State's language (services.assessment_create).
    assessment = services.note_save(
        assessment=assessment,
        field="cover_note",
        text=_paragraphs(rng.choice(bank["cover_notes"]).format(state=assessment.state.name_en)),
        revision=assessment.cover_note_revision,
        by=expert,
    )


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{part.strip()}</p>" for part in text.split("\n\n") if part.strip())


def _update_carried(answers, expert, rng):
    """A follow-up assessment: the expert revises some findings carried over from the last."""
    for answer in answers:
        if answer.finding and rng.random() < 0.4:
            services.answer_save(
                answer=answer,
                finding=answer.finding
                + "<p>Since the previous assessment, the State has reported further measures,"
                " which CTED is verifying.</p>",
                status=answer.status,
                sources=answer.sources,
                revision=answer.revision,
                by=expert,
            )


def _advance(assessment, target, returned, users, bank):
    subcommittee_member = users[f"subcommittee_{assessment.state.subcommittee.code.lower()}"]
    focal = users.get(f"focal_{assessment.state.iso3.lower()}")
    steps = {
        S.DRAFT: lambda a: services.assessment_submit(assessment=a, by=a.assignee),
        S.CTED_REVIEW: lambda a: services.assessment_send_to_subcommittee(
            assessment=a, by=users["coordinator"]
        ),
        S.WITH_SUBCOMMITTEE: lambda a: services.assessment_recommend(
            assessment=a, by=subcommittee_member, comment="Recommended for approval."
        ),
        S.WITH_COMMITTEE: lambda a: services.assessment_approve(assessment=a, by=users["chair"]),
        S.APPROVED: lambda a: services.assessment_send_to_state(
            assessment=a, by=users["coordinator"]
        ),
        S.SENT: lambda a: services.assessment_record_reply(
            assessment=a,
            by=focal or users["expert"],
            upload=SimpleUploadedFile(
                "reply.txt", f"Reply of {a.state.name_en} to the assessment.".encode()
            ),
            note="Reply transmitted by the Permanent Mission.",
        ),
        S.REPLIED: lambda a: services.assessment_close(assessment=a, by=users["coordinator"]),
    }
    if returned:
        while assessment.status != returned:
            assessment = steps[assessment.status](assessment)
        reviewer = subcommittee_member if returned == S.WITH_SUBCOMMITTEE else users["coordinator"]
        assessment = services.assessment_return(
            assessment=assessment,
            by=reviewer,
            comment="Please add the sources for the findings on border control.",
        )
    while assessment.status != target:
        result = steps[assessment.status](assessment)
        assessment = result if isinstance(result, Assessment) else result.assessment
        assessment.refresh_from_db()


def _suggest(assessment, users):
    """A reviewer of the file's current stage proposes wording for its first finding and,
    with the subcommittee, for its cover note."""
    code = assessment.state.subcommittee.code.lower()
    with_subcommittee = assessment.status == S.WITH_SUBCOMMITTEE
    reviewer = users[f"subcommittee_{code}"] if with_subcommittee else users["coordinator"]
    answer = assessment.answers.exclude(finding="").order_by("question__code").first()
    if answer is not None:
        services.suggestion_make(
            assessment=assessment,
            part="answer",
            answer=answer,
            proposed_text=answer.finding + ADDED_SENTENCE,
            note="Readers will look for the exact provisions.",
            by=reviewer,
        )
    if with_subcommittee and assessment.cover_note:
        services.suggestion_make(
            assessment=assessment,
            part="cover_note",
            proposed_text=assessment.cover_note + COVER_SENTENCE,
            by=reviewer,
        )


def _backdate(assessment, rng):
    """Spreads the history over past months, so stocktaking has real durations."""
    transitions = list(assessment.transitions.order_by("at", "pk"))
    moment = timezone.now() - datetime.timedelta(
        days=30 * (len(transitions) + 1) + rng.randint(0, 40)
    )
    # Drafting happened in the weeks before the first transition.
    drafting = moment - datetime.timedelta(days=20)
    Assessment.objects.filter(pk=assessment.pk).update(created_at=drafting)
    for version in assessment.versions.order_by("number"):
        saved = drafting + datetime.timedelta(hours=3 * version.number)
        AssessmentVersion.objects.filter(pk=version.pk).update(created_at=saved)
    assessment.answers.exclude(updated_at=None).update(updated_at=moment)
    for t in transitions:
        moment += datetime.timedelta(days=rng.randint(5, 45))
        Transition.objects.filter(pk=t.pk).update(at=moment)
        if t.action == TransitionAction.SEND_TO_STATE:
            SentSnapshot.objects.filter(assessment=assessment).update(sent_at=moment)
    if transitions:
        Assessment.objects.filter(pk=assessment.pk).update(status_changed_at=moment)
