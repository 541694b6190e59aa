"""Reads of assessments, always through permissions.scope()."""

import statistics
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from . import diff, permissions
from .enums import DONE_STATUSES, AssessmentStatus, TransitionAction
from .models import (
    Answer,
    Assessment,
    AssessmentFormat,
    AssessmentVersion,
    Comment,
    FormatQuestion,
    FormatSection,
    Transition,
)
from .services import latest_content, sources_map


def _findings_match(search: str):
    answers = Answer.objects.filter(assessment=OuterRef("pk"))
    if settings.USING_POSTGRES:
        from django.contrib.postgres.search import SearchQuery, SearchVector

        matching = answers.annotate(
            document=SearchVector("finding", "sources", config="simple")
        ).filter(document=SearchQuery(search, config="simple", search_type="websearch"))
    else:
        matching = answers.filter(Q(finding__icontains=search) | Q(sources__icontains=search))
    return Exists(matching)


def assessment_list(
    *,
    user,
    search: str = "",
    state: str = "",
    region: str = "",
    subcommittee: str = "",
    status: str = "",
    fmt: str = "",
    assignee: str = "",
    overdue: bool | None = None,
) -> QuerySet[Assessment]:
    """The assessments the user may see, filtered, with progress figures, in one query."""
    assessments = permissions.scope(Assessment.objects.all(), user)
    if search:
        assessments = assessments.filter(_findings_match(search.strip()))
    if state:
        assessments = assessments.filter(state__iso3=state.upper())
    if region:
        assessments = assessments.filter(state__regional_group=region)
    if subcommittee:
        assessments = assessments.filter(state__subcommittee__code=subcommittee)
    if status:
        assessments = assessments.filter(status=status)
    if fmt:
        assessments = assessments.filter(format__code=fmt)
    if assignee:
        assessments = assessments.filter(assignee__username=assignee)
    if overdue is not None:
        late = Q(due_on__lt=timezone.localdate()) & ~Q(status__in=DONE_STATUSES)
        assessments = assessments.filter(late if overdue else ~late)
    return (
        assessments.select_related("state", "state__subcommittee", "format", "assignee")
        .annotate(
            question_count=Count("answers", distinct=True),
            answered_count=Count(
                "answers", filter=~Q(answers__status="") & ~Q(answers__finding=""), distinct=True
            ),
        )
        .order_by("-updated_at", "pk")
    )


def assessment_get(*, user, pk) -> Assessment:
    """One assessment the user may see, else 404."""
    try:
        return (
            permissions.scope(Assessment.objects.all(), user)
            .select_related("state", "state__subcommittee", "format", "assignee", "previous")
            .get(pk=pk)
        )
    except (Assessment.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def assessment_counts(*, user) -> list[tuple[str, str, int]]:
    """(status, label, how many) for every stage, over the assessments the user may see."""
    counts = dict(
        permissions.scope(Assessment.objects.all(), user)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return [(s.value, s.label, counts.get(s.value, 0)) for s in AssessmentStatus]


def sent_assessment_list(*, user) -> QuerySet[Assessment]:
    return (
        permissions.sent_scope(Assessment.objects.all(), user)
        .select_related("state", "format", "snapshot")
        .order_by("-cycle")
    )


def sent_assessment_get(*, user, pk) -> Assessment:
    try:
        return (
            permissions.sent_scope(Assessment.objects.all(), user)
            .select_related("state", "format", "snapshot")
            .prefetch_related("replies")
            .get(pk=pk)
        )
    except (Assessment.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


@dataclass
class QuestionBlock:
    question: FormatQuestion
    answer: Answer
    comments: list = field(default_factory=list)
    since_previous: str = ""  # "new", "changed", "unchanged" or "" without a previous assessment


@dataclass
class SectionBlock:
    section: FormatSection
    questions: list[QuestionBlock]
    comments: list = field(default_factory=list)

    @property
    def answered(self) -> int:
        return sum(1 for q in self.questions if q.answer.is_answered)

    @property
    def complete(self) -> bool:
        return self.answered == len(self.questions)


@dataclass
class Editor:
    assessment: Assessment
    sections: list[SectionBlock]
    transitions: list
    actions: list
    can_edit: bool
    comment_visibilities: list
    recommendations: list

    @property
    def question_count(self) -> int:
        return sum(len(s.questions) for s in self.sections)

    @property
    def answered_count(self) -> int:
        return sum(s.answered for s in self.sections)

    @property
    def human_rights_complete(self) -> bool:
        return all(s.complete for s in self.sections if s.section.is_human_rights)


def assessment_editor(*, user, assessment: Assessment) -> Editor:
    """Everything the assessment page shows, in a fixed number of queries."""
    answers = {
        a.question_id: a for a in assessment.answers.select_related("updated_by", "question")
    }
    comments = list(permissions.comment_scope(assessment.comments.select_related("author"), user))
    by_question: dict[int, list] = {}
    by_section: dict[int, list] = {}
    for comment in comments:
        if comment.question_id:
            by_question.setdefault(comment.question_id, []).append(comment)
        elif comment.section_id:
            by_section.setdefault(comment.section_id, []).append(comment)
    since = _since_previous(assessment) if assessment.previous_id else {}
    sections = []
    questions = Prefetch(
        "questions", queryset=FormatQuestion.objects.select_related("thematic_area")
    )
    for section in assessment.format.sections.prefetch_related(questions):
        blocks = [
            QuestionBlock(
                question=q,
                answer=answers[q.pk],
                comments=_threads(by_question.get(q.pk, [])),
                since_previous=since.get(q.code, ""),
            )
            for q in section.questions.all()
            if q.pk in answers
        ]
        sections.append(SectionBlock(section, blocks, _threads(by_section.get(section.pk, []))))
    return Editor(
        assessment=assessment,
        sections=sections,
        transitions=list(transition_list(assessment=assessment)),
        actions=permissions.available_actions(user, assessment),
        can_edit=permissions.can_edit(user, assessment),
        comment_visibilities=permissions.comment_visibilities(user),
        recommendations=list(assessment.recommendations.select_related("thematic_area")),
    )


def question_block(*, user, assessment: Assessment, answer_pk: int) -> QuestionBlock:
    """One question of the editor, as saved now, with the comments the user may read."""
    answer = assessment.answers.select_related("question__thematic_area", "updated_by").get(
        pk=answer_pk
    )
    comments = permissions.comment_scope(
        assessment.comments.filter(question=answer.question).select_related("author"), user
    )
    return QuestionBlock(question=answer.question, answer=answer, comments=_threads(list(comments)))


def assessment_progress(*, assessment: Assessment) -> dict:
    """Questions answered, out of how many, and whether the human-rights section is done."""
    figures = assessment.answers.aggregate(
        total=Count("pk"),
        answered=Count("pk", filter=~Q(status="") & ~Q(finding="")),
        rights_open=Count(
            "pk",
            filter=Q(question__section__is_human_rights=True) & (Q(status="") | Q(finding="")),
        ),
    )
    return {
        "answered": figures["answered"],
        "total": figures["total"],
        "human_rights_complete": figures["rights_open"] == 0,
    }


def _threads(comments: list[Comment]) -> list[Comment]:
    """Top-level comments, each with `.thread` holding its replies in order."""
    by_id = {c.pk: c for c in comments}
    roots = []
    for comment in comments:
        comment.thread = []
    for comment in comments:
        parent = by_id.get(comment.parent_id)
        (parent.thread if parent else roots).append(comment)
    return roots


def _since_previous(assessment: Assessment) -> dict[str, str]:
    rows = compare_with_previous(assessment)
    return {
        row.code: ("new" if not row.origin else "changed" if row.changed else "unchanged")
        for row in rows
    }


def compare_with_previous(assessment: Assessment) -> list[diff.Row]:
    """Each question of this assessment against what the previous one said (format-mapped)."""
    previous = assessment.previous
    if previous is None:
        return []
    old = latest_content(previous)
    new = latest_content(assessment)
    questions = FormatQuestion.objects.filter(section__format=assessment.format)
    if previous.format_id == assessment.format_id:
        origins = None
    else:
        mapping = sources_map(assessment.format)

        def origins(code):
            return mapping.get(code, [])

    return diff.compare_contents(old, new, questions, origins)


def transition_list(*, assessment: Assessment) -> QuerySet[Transition]:
    return assessment.transitions.select_related("by").order_by("at", "pk")


def version_list(*, assessment: Assessment) -> QuerySet[AssessmentVersion]:
    return assessment.versions.select_related("created_by").defer("content").order_by("-number")


def version_get(*, assessment: Assessment, number) -> AssessmentVersion:
    try:
        return assessment.versions.select_related("created_by").get(number=int(number))
    except (AssessmentVersion.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def version_compare(*, assessment: Assessment, old: AssessmentVersion, new: AssessmentVersion):
    questions = FormatQuestion.objects.filter(section__format=assessment.format)
    rows = diff.compare_contents(old.content, new.content, questions)
    notes = {
        "cover_note": diff.compare_texts(
            old.content.get("cover_note", ""), new.content.get("cover_note", "")
        ),
        "letter": diff.compare_texts(old.content.get("letter", ""), new.content.get("letter", "")),
        "recommendations": diff.side_by_side(
            "\n".join(r["text"] for r in old.content.get("recommendations", [])),
            "\n".join(r["text"] for r in new.content.get("recommendations", [])),
        ),
    }
    return rows, notes


def format_list(*, user) -> QuerySet[AssessmentFormat]:
    """The formats the user may see, with their number of questions."""
    return permissions.format_scope(
        AssessmentFormat.objects.select_related("derived_from"), user
    ).annotate(question_count=Count("sections__questions", distinct=True))


def current_format() -> AssessmentFormat | None:
    return AssessmentFormat.objects.filter(status="published").order_by("-published_at").first()


# --- Stocktaking (C-6) -----------------------------------------------------------------


@dataclass
class StageFigure:
    status: str
    label: str
    count: int
    median_days: float | None


def stocktaking(*, user) -> dict:
    """Figures about the process over the assessments the user may see."""
    visible = permissions.scope(Assessment.objects.all(), user)
    now = timezone.now()
    counts = dict(visible.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    durations: dict[str, list[float]] = {s: [] for s in AssessmentStatus.values}
    transitions = (
        Transition.objects.filter(assessment__in=visible)
        .exclude(action=TransitionAction.ASSIGN)
        .order_by("assessment_id", "at", "pk")
    )
    # Every file starts in draft on the day it was created.
    entered: dict[int, tuple[str, object]] = {
        a["pk"]: (AssessmentStatus.DRAFT, a["created_at"])
        for a in visible.values("pk", "created_at")
    }
    for t in transitions.values("assessment_id", "from_status", "to_status", "at"):
        start = entered.get(t["assessment_id"])
        if start and start[0] == t["from_status"]:
            durations[t["from_status"]].append((t["at"] - start[1]).total_seconds() / 86400)
        entered[t["assessment_id"]] = (t["to_status"], t["at"])
    for a in visible.values("pk", "status", "status_changed_at"):
        if a["status"] != AssessmentStatus.CLOSED:
            durations[a["status"]].append((now - a["status_changed_at"]).total_seconds() / 86400)
    stages = [
        StageFigure(
            status=s.value,
            label=s.label,
            count=counts.get(s.value, 0),
            median_days=round(statistics.median(durations[s.value]), 1)
            if durations[s.value]
            else None,
        )
        for s in AssessmentStatus
    ]
    outstanding = list(
        visible.filter(status=AssessmentStatus.WITH_SUBCOMMITTEE)
        .values("state__subcommittee__code")
        .annotate(n=Count("pk"))
        .order_by("state__subcommittee__code")
    )
    returns = list(
        Transition.objects.filter(assessment__in=visible, action=TransitionAction.RETURN)
        .values("from_status")
        .annotate(n=Count("pk"))
        .order_by("from_status")
    )
    oldest = list(
        visible.exclude(status=AssessmentStatus.CLOSED)
        .select_related("state")
        .order_by("status_changed_at")[:10]
    )
    return {
        "stages": stages,
        "outstanding": outstanding,
        "returns": [
            {
                "status": r["from_status"],
                "label": AssessmentStatus(r["from_status"]).label,
                "count": r["n"],
            }
            for r in returns
        ],
        "return_total": sum(r["n"] for r in returns),
        "oldest": oldest,
    }
