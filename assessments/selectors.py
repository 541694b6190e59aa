"""Reads of assessments, always through permissions.scope()."""

import datetime
import functools
import hashlib
import json
import re
import statistics
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Coalesce, Lag
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ctc import reference, richtext
from ctc.accounts.enums import Role
from ctc.accounts.models import User
from ctc.pdf import pdf_html
from ctc.registry import WaitingFile, WaitingItem
from ctc.revisions import parts_load, version_manifests, version_parts
from ctc.themes.models import ThematicArea

from . import diff, permissions
from .constants import DATA_DIR, WORKING_LANGUAGE
from .enums import (
    OVERDUE_STATUSES,
    AnswerStatus,
    AssessmentDocument,
    AssessmentStatus,
    SuggestionPart,
    SuggestionStatus,
    TransitionAction,
)
from .models import (
    ANSWERED,
    Answer,
    Assessment,
    AssessmentFormat,
    AssessmentVersion,
    Comment,
    FormatQuestion,
    FormatSection,
    QuestionMapping,
    Recommendation,
    SentSnapshot,
    StateReply,
    Suggestion,
    Transition,
)


def _findings_match(search: str) -> Q | Exists:
    """On PostgreSQL, the assessment's search document (every finding and source, GIN-indexed)
    against a web-style query; elsewhere, any answer containing the text."""
    if settings.USING_POSTGRES:
        from django.contrib.postgres.search import SearchQuery

        query = SearchQuery(search, config="simple", search_type="websearch")
        return Q(search_document__document=query)
    answers = Answer.objects.filter(assessment=OuterRef("pk"))
    return Exists(answers.filter(Q(finding__icontains=search) | Q(sources__icontains=search)))


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
    """The assessments the user may see, filtered, in one query; their progress figures
    (question_count, answered_count) are kept on the row by the services."""
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
    assessments = with_overdue(assessments)
    if overdue is not None:
        assessments = assessments.filter(is_overdue=overdue)
    return assessments.select_related(
        "state", "state__subcommittee", "format", "assignee"
    ).order_by("-updated_at", "pk")


def overdue_condition() -> Q:
    """Overdue: the due date has passed (today in the site's time zone) and CTED has not yet
    sent the file onwards. The one definition: list, filter, file page, "waiting for you"."""
    return Q(due_on__lt=timezone.localdate(), status__in=OVERDUE_STATUSES)


def with_overdue(assessments: QuerySet[Assessment]) -> QuerySet[Assessment]:
    """The rows with `is_overdue` (see overdue_condition), computed in the same query."""
    late = When(overdue_condition(), then=Value(True))
    return assessments.annotate(
        is_overdue=Case(late, default=Value(False), output_field=BooleanField())
    )


def assessment_get(*, user, pk) -> Assessment:
    """One assessment the user may see (with `is_overdue`), else 404."""
    try:
        return (
            with_overdue(permissions.scope(Assessment.objects.all(), user))
            .select_related("state", "state__subcommittee", "format", "assignee", "previous")
            .get(pk=pk)
        )
    except (Assessment.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def assessment_visible(*, user, pk) -> bool:
    return permissions.scope(Assessment.objects.filter(pk=pk), user).exists()


def answer_get(*, assessment: Assessment, pk) -> Answer:
    try:
        return assessment.answers.select_related("question").get(pk=pk)
    except (Answer.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def answer_by_code(*, assessment: Assessment, code: str) -> Answer | None:
    """The answer to the question of this code, None if the format has no such question."""
    return assessment.answers.select_related("question").filter(question__code=code).first()


def reply_list(*, assessment: Assessment) -> list[StateReply]:
    return list(assessment.replies.select_related("uploaded_by"))


def reply_get(*, assessment: Assessment, pk) -> StateReply:
    """A reply of an assessment the caller already fetched through a scoped selector."""
    try:
        return assessment.replies.get(pk=pk)
    except (StateReply.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def thematic_area_list() -> QuerySet[ThematicArea]:
    return ThematicArea.objects.all()


def comment_targets(*, user, assessment: Assessment, question, section, parent):
    """The question, section and parent comment a new comment names, each within the
    assessment (and the parent within what the user may read); 404 otherwise."""
    try:
        if question:
            question = FormatQuestion.objects.get(pk=question, section__format=assessment.format)
        if section:
            section = FormatSection.objects.get(pk=section, format=assessment.format)
        if parent:
            readable = permissions.comment_scope(assessment.comments.all(), user)
            parent = readable.get(pk=parent)
    except (FormatQuestion.DoesNotExist, FormatSection.DoesNotExist, Comment.DoesNotExist) as exc:
        raise Http404 from exc
    return question or None, section or None, parent or None


def assessment_counts(*, user) -> list[tuple[str, str, int]]:
    """(status, label, how many) for every stage, over the assessments the user may see."""
    counts = dict(
        permissions.scope(Assessment.objects.all(), user)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return [(s.value, s.label, counts.get(s.value, 0)) for s in AssessmentStatus]


def focal_point_list(*, state) -> list:
    """The active focal points of a State, with an e-mail address."""
    return list(
        User.objects.filter(groups__name=Role.FOCAL_POINT, member_state=state, is_active=True)
        .exclude(email="")
        .order_by("pk")
    )


def _sees(user, assessment: Assessment) -> bool:
    """Whether the file is in the user's scope: the workspace's, or a focal point's."""
    one = Assessment.objects.filter(pk=assessment.pk)
    return (permissions.scope(one, user) | permissions.sent_scope(one, user)).exists()


def _with_roles(users: QuerySet[User]) -> list[User]:
    """The users with their roles read from one prefetch instead of one query each."""
    people = list(users.prefetch_related("groups"))
    for person in people:
        person.__dict__["roles"] = frozenset(g.name for g in person.groups.all())
    return people


def notification_recipients(*, assessment: Assessment, roles=(), people=()) -> list[User]:
    """Who to tell about the file: the active holders of `roles` and the given `people`,
    each only if the file is in their scope (permissions.scope, or sent_scope for the
    State's focal points). Ordered by id."""
    wanted = Q(pk__in=[p.pk for p in people if p])
    for role in roles:
        # A first cut where the role ties people to a State or a subcommittee; _sees decides.
        holders = Q(groups__name=role)
        if role == Role.FOCAL_POINT:
            holders &= Q(member_state_id=assessment.state_id)
        if role == Role.SUBCOMMITTEE_MEMBER:
            holders &= Q(subcommittee_id=assessment.state.subcommittee_id)
        wanted |= holders
    candidates = User.objects.filter(wanted, is_active=True).distinct().order_by("pk")
    return [person for person in _with_roles(candidates) if _sees(person, assessment)]


MENTION = re.compile(r"(?<![\w.@+-])@([\w.@+-]+)")


def mention_recipients(*, comment: Comment) -> list[User]:
    """The people named as @username in the comment who may read it: active, allowed the
    comment's visibility, and with the file in their scope. Ordered by id."""
    names = {name.rstrip(".@+-") for name in MENTION.findall(comment.body)}
    if not names:
        return []
    candidates = User.objects.filter(username__in=names, is_active=True).order_by("pk")
    return [
        person
        for person in _with_roles(candidates)
        if comment.visibility in permissions.comment_visibilities(person)
        and _sees(person, comment.assessment)
    ]


# What the State receives of a sent assessment: the assessment and the letter. The cover
# note is addressed to the subcommittee; it stays in the snapshot, never reaches the State.
STATE_PARTS = ("format", "answers", "recommendations", "letter")


def sent_content(*, assessment: Assessment) -> dict:
    """The parts of what was sent that the State reads (STATE_PARTS), nothing internal."""
    content = assessment.snapshot.content
    return {part: content[part] for part in STATE_PARTS if part in content}


def content_digest(content: dict) -> str:
    """The SHA-256 of an assessment's content, as a sent snapshot keeps it."""
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode("utf-8")).hexdigest()


def snapshot_intact(snapshot: SentSnapshot) -> bool:
    """Whether the stored copy of what was sent still has the checksum taken when sending."""
    return content_digest(snapshot.content) == snapshot.sha256


def sent_document_symbol(assessment: Assessment, kind: str) -> str:
    """The symbol of a part of what was sent, as filed in the document area (unique: one
    assessment per State and cycle)."""
    suffix = "" if kind == AssessmentDocument.PIA else "/LETTER"
    return f"CTC/PIA/{assessment.state.iso3}/{assessment.cycle}{suffix}"


def sent_document_titles(assessment: Assessment, kind: str) -> dict:
    """The title of a part of what was sent in every language, with the State's name in it."""
    titles = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            template = (
                _("Preliminary Implementation Assessment {cycle}: {state}")
                if kind == AssessmentDocument.PIA
                else _("Letter on the Preliminary Implementation Assessment {cycle}: {state}")
            )
            titles[code] = template.format(cycle=assessment.cycle, state=assessment.state.name)
    return titles


def sent_document_html(*, snapshot: SentSnapshot, kind: str) -> tuple[str, str]:
    """(language, page) a part of what was sent is printed from, in the language its text
    is written in: the assessment in CTED's working language, the letter in the State's
    (neither is translated). Only what the State receives (sent_content): no cover note."""
    assessment = snapshot.assessment
    content = sent_content(assessment=assessment)
    context = {"symbol": sent_document_symbol(assessment, kind), "sent_at": snapshot.sent_at}
    if kind == AssessmentDocument.PIA:
        language, template = WORKING_LANGUAGE, "assessments/pdf/assessment.html"
        context |= {
            "sections": snapshot_sections(assessment=assessment),
            "recommendations": content.get("recommendations", []),
        }
    else:
        language, template = assessment.letter_language, "assessments/pdf/letter.html"
        context["letter"] = content.get("letter", "")
    context["title"] = sent_document_titles(assessment, kind)[language]
    with translation.override(language):
        context["classification"] = _("Restricted")
    return language, pdf_html(template, context, language=language)


@dataclass
class SentFinding:
    question: FormatQuestion
    finding: str
    status: str
    status_display: str


def snapshot_sections(*, assessment: Assessment) -> list[tuple]:
    """(section, [SentFinding]) of a sent assessment, in order: each question with the
    finding and implementation status that were sent for it."""
    answers = assessment.snapshot.content["answers"]
    labels = dict(AnswerStatus.choices)
    sections = []
    for section in assessment.format.sections.prefetch_related("questions"):
        findings = []
        for question in section.questions.all():
            sent = answers.get(question.code, {})
            status = sent.get("status", "")
            findings.append(
                SentFinding(question, sent.get("finding", ""), status, labels.get(status, ""))
            )
        sections.append((section, findings))
    return sections


@dataclass
class QuestionBlock:
    question: FormatQuestion
    answer: Answer
    comments: list = field(default_factory=list)
    since_previous: str = ""  # "new", "changed", "unchanged" or "" without a previous assessment
    suggestions: list = field(default_factory=list)


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
    # Open suggestions on the cover note and the letter (by field); decided ones apart.
    note_suggestions: dict[str, list] = field(default_factory=dict)
    note_decided: dict[str, list] = field(default_factory=dict)

    @property
    def question_count(self) -> int:
        return sum(len(s.questions) for s in self.sections)

    @property
    def answered_count(self) -> int:
        return sum(s.answered for s in self.sections)

    @property
    def human_rights_complete(self) -> bool:
        return all(s.complete for s in self.sections if s.section.is_human_rights)

    def question_steps(self) -> dict[int, tuple]:
        """Answer pk → (previous question block, next one), across sections, for the page's
        "previous/next question" links."""
        blocks = [q for section in self.sections for q in section.questions]
        return {
            block.answer.pk: (
                blocks[i - 1] if i else None,
                blocks[i + 1] if i + 1 < len(blocks) else None,
            )
            for i, block in enumerate(blocks)
        }


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
    since = _since_previous(assessment, list(answers.values()))
    sections = []
    questions = Prefetch(
        "questions", queryset=FormatQuestion.objects.select_related("thematic_area")
    )
    suggestions = _suggestion_groups(
        assessment.suggestions.all(), assessment, {a.pk: a for a in answers.values()}
    )
    for section in assessment.format.sections.prefetch_related(questions):
        blocks = [
            QuestionBlock(
                question=q,
                answer=answers[q.pk],
                comments=_threads(by_question.get(q.pk, [])),
                since_previous=since.get(q.pk, ""),
                suggestions=_answer_suggestions(suggestions, answers[q.pk]),
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
        recommendations=recommendation_list(assessment=assessment),
        note_suggestions={f: suggestions.get((f, None), ([], []))[0] for f in NOTE_PARTS},
        note_decided={f: suggestions.get((f, None), ([], []))[1] for f in NOTE_PARTS},
    )


def question_block(*, user, assessment: Assessment, answer_pk: int) -> QuestionBlock:
    """One question of the editor, as saved now, with the comments the user may read."""
    answer = assessment.answers.select_related("question__thematic_area", "updated_by").get(
        pk=answer_pk
    )
    comments = permissions.comment_scope(
        assessment.comments.filter(question=answer.question).select_related("author"), user
    )
    suggestions = _suggestion_groups(answer.suggestions.all(), assessment, {answer.pk: answer})
    return QuestionBlock(
        question=answer.question,
        answer=answer,
        comments=_threads(list(comments)),
        since_previous=_since_previous(assessment, [answer]).get(answer.question_id, ""),
        suggestions=_answer_suggestions(suggestions, answer),
    )


# --- Suggestions ------------------------------------------------------------------------

NOTE_PARTS = (SuggestionPart.COVER_NOTE, SuggestionPart.LETTER)


def tracked_change(old: str, new: str) -> SafeString:
    """`new` as a tracked change from `old` (diff.tracked_html: paragraphs, lists and emphasis
    kept). Kept in the cache under the texts' hash, like diff.side_by_side."""
    key = "tracked:2:" + hashlib.sha256(f"{old}\0{new}".encode()).hexdigest()
    cached = cache.get(key)
    if cached is None:
        cached = str(diff.tracked_html(old, new))
        cache.set(key, cached, diff.DIFF_CACHE_SECONDS)
    return mark_safe(cached)


def _suggestion_groups(
    suggestions: QuerySet[Suggestion], assessment: Assessment, answers: dict[int, Answer]
) -> dict[tuple, tuple[list, list]]:
    """(open, decided) suggestions by (part, answer id or None), in one query. Each has
    `tracked` (its change as a tracked change) and `stale` (the text under it changed)."""
    groups: dict[tuple, tuple[list, list]] = {}
    rows = suggestions.select_related("author", "decided_by").order_by("created_at", "pk")
    for suggestion in rows:
        if suggestion.part == SuggestionPart.ANSWER:
            answer = answers.get(suggestion.answer_id)
            current = answer.finding if answer else suggestion.base_text
        else:
            current = getattr(assessment, suggestion.part)
        is_open = suggestion.status == SuggestionStatus.OPEN
        suggestion.stale = is_open and suggestion.base_text != current
        suggestion.tracked = tracked_change(suggestion.base_text, suggestion.proposed_text)
        key = (suggestion.part, suggestion.answer_id)
        groups.setdefault(key, ([], []))[0 if is_open else 1].append(suggestion)
    return groups


def _answer_suggestions(groups: dict, answer: Answer) -> list:
    """The answer's open suggestions; its decided ones go on `answer.decided_suggestions`."""
    open_, decided = groups.get((SuggestionPart.ANSWER, answer.pk), ([], []))
    answer.decided_suggestions = decided
    return open_


def note_suggestions(*, assessment: Assessment, field: str) -> tuple[list, list]:
    """(open, decided) suggestions on the cover note or the letter, as the editor has them."""
    groups = _suggestion_groups(
        assessment.suggestions.filter(part=field, answer=None), assessment, {}
    )
    return groups.get((field, None), ([], []))


def suggestion_list(*, user, assessment: Assessment) -> QuerySet[Suggestion]:
    """Every suggestion of a file the user sees, oldest first, each with `stale` (open, and
    its part no longer holds the text it was made on); none for focal points."""
    current = Case(
        When(part=SuggestionPart.ANSWER, then=F("answer__finding")),
        When(part=SuggestionPart.COVER_NOTE, then=F("assessment__cover_note")),
        default=F("assessment__letter"),
        output_field=TextField(),
    )
    stale = Case(
        When(Q(status=SuggestionStatus.OPEN) & ~Q(base_text=current), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )
    return (
        permissions.suggestion_scope(assessment.suggestions.all(), user)
        .select_related("author", "decided_by", "answer__question", "version")
        .annotate(stale=stale)
        .order_by("created_at", "pk")
    )


def suggestion_get(*, user, assessment: Assessment, pk) -> Suggestion:
    """One suggestion of a file the caller fetched through a scoped selector, else 404."""
    try:
        return suggestion_list(user=user, assessment=assessment).get(pk=pk)
    except (Suggestion.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def assessment_progress(*, assessment: Assessment) -> dict:
    """Questions answered, out of how many, and whether the human-rights section is done."""
    figures = assessment.answers.aggregate(
        total=Count("pk"),
        answered=Count("pk", filter=ANSWERED),
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


def _since_previous(assessment: Assessment, answers: list[Answer]) -> dict[int, str]:
    """For each answer's question (by id): "new", "changed" or "unchanged" against the
    previous assessment, as compare_with_previous says, but from the answers' fingerprints
    instead of a word diff. Texts are read only for questions that merge several previous
    answers. Empty without a previous assessment."""
    previous = assessment.previous
    if previous is None:
        return {}
    if previous.format_id == assessment.format_id:
        origins = {a.question.code: [a.question.code] for a in answers}
    else:
        mapping = sources_map(assessment.format)
        origins = {a.question.code: mapping.get(a.question.code, []) for a in answers}
    wanted = {code for codes in origins.values() for code in codes}
    merged = {code for codes in origins.values() if len(codes) > 1 for code in codes}
    text = {"finding": Value(""), "sources": Value("")}
    if merged:
        is_merged = Q(question__code__in=merged)
        text = {
            field: Case(When(is_merged, then=F(field)), default=Value(""), output_field=TextField())
            for field in text
        }
    rows = (
        previous.answers.filter(question__code__in=wanted)
        .annotate(code=F("question__code"), **{f"merged_{f}": e for f, e in text.items()})
        .values_list("code", "fingerprint", "merged_finding", "status", "merged_sources")
    )
    # Keyed by code like a version's content: with a code twice, the later question wins.
    before = {code: (fingerprint, rest) for code, fingerprint, *rest in rows}
    nothing = ("", "", "")
    since = {}
    for answer in answers:
        codes = origins[answer.question.code]
        if not codes:
            since[answer.question_id] = "new"
            continue
        if len(codes) == 1:
            old = before[codes[0]][0] if codes[0] in before else diff.answer_fingerprint([nothing])
        else:
            old = diff.answer_fingerprint(
                [tuple(before[c][1]) if c in before else nothing for c in codes]
            )
        since[answer.question_id] = "unchanged" if old == answer.fingerprint else "changed"
    return since


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


def transition_result(*, assessment: Assessment) -> dict:
    """The file's status now and its latest step, as the API answers a transition."""
    status = Assessment.objects.values_list("status", flat=True).get(pk=assessment.pk)
    return {
        "status": status,
        "status_display": AssessmentStatus(status).label,
        "transition": transition_list(assessment=assessment).last(),
    }


def transition_list(*, assessment: Assessment) -> QuerySet[Transition]:
    return assessment.transitions.select_related("by").order_by("at", "pk")


def version_list(*, assessment: Assessment) -> QuerySet[AssessmentVersion]:
    return (
        assessment.versions.select_related("created_by", "co_author")
        .defer("manifest")
        .order_by("-number")
    )


# Saves by one person less than this apart are one sitting on the versions page.
SESSION_GAP = datetime.timedelta(minutes=30)


def milestone_name(transition: Transition) -> str:
    """What a workflow step made of the file, in the reader's language."""
    names = {
        TransitionAction.SUBMIT: _("Submitted for CTED review"),
        TransitionAction.RECOMMEND: _("Recommended to the Committee"),
        TransitionAction.APPROVE: _("Approved"),
        TransitionAction.SEND_TO_STATE: _("Sent to the State"),
        TransitionAction.RECORD_REPLY: _("State replied"),
        TransitionAction.CLOSE: _("Closed"),
        TransitionAction.RETURN: _("Returned for revision"),
    }
    if transition.action == TransitionAction.SEND_TO_SUBCOMMITTEE:
        if transition.subcommittee_id is None:
            return _("Sent to the subcommittee")
        return _("Sent to subcommittee {code}").format(code=transition.subcommittee.code)
    return names.get(transition.action, transition.get_action_display())


@dataclass
class Milestone:
    """A workflow step, at the version that was current when it was taken."""

    transition: Transition
    name: str
    number: int
    kind: str = "milestone"


@dataclass
class VersionGroup:
    """Consecutive versions saved by one person in one sitting, between two milestones."""

    versions: list  # oldest first
    kind: str = "group"

    @property
    def author(self):
        return self.versions[0].created_by

    @property
    def start(self):
        return self.versions[0].created_at

    @property
    def end(self):
        return self.versions[-1].created_at

    @property
    def first(self) -> int:
        return self.versions[0].number

    @property
    def last(self) -> int:
        return self.versions[-1].number

    @property
    def before(self) -> int | None:
        """The version just before the group, to compare the group with."""
        return self.first - 1 if self.first > 1 else None

    @property
    def newest_first(self) -> list:
        return self.versions[::-1]

    @property
    def summaries(self) -> list[str]:
        return list(dict.fromkeys(v.summary for v in self.versions if v.summary))


@dataclass
class VersionHistory:
    items: list  # groups and milestones, newest first
    latest: int | None
    count: int


def _milestone_list(assessment: Assessment) -> QuerySet[Transition]:
    return (
        assessment.transitions.exclude(version=None)
        .select_related("by", "subcommittee")
        .annotate(version_number=F("version__number"))
        .order_by("at", "pk")
    )


def version_history(*, assessment: Assessment) -> VersionHistory:
    """The versions grouped by sitting (one person, SESSION_GAP), with the workflow's steps
    between the groups as milestones; newest first. Two queries whatever the history."""
    versions = list(version_list(assessment=assessment))[::-1]
    at_version: dict[int, list[Milestone]] = {}
    for transition in _milestone_list(assessment):
        number = transition.version_number
        milestone = Milestone(transition, milestone_name(transition), number)
        at_version.setdefault(number, []).append(milestone)
    items: list = []
    group = None
    for version in versions:
        if (
            group is None
            or version.created_by_id != group.versions[-1].created_by_id
            or version.created_at - group.end >= SESSION_GAP
        ):
            group = VersionGroup([version])
            items.append(group)
        else:
            group.versions.append(version)
        if version.number in at_version:
            items.extend(at_version[version.number])
            group = None
    return VersionHistory(
        items=items[::-1], latest=versions[-1].number if versions else None, count=len(versions)
    )


def milestones_at(*, assessment: Assessment, numbers: list[int]) -> dict[int, list[str]]:
    """Version number → the names of the milestones taken at it, for the numbers asked."""
    named: dict[int, list[str]] = {}
    for transition in _milestone_list(assessment).filter(version__number__in=numbers):
        named.setdefault(transition.version_number, []).append(milestone_name(transition))
    return named


def recommendation_list(*, assessment: Assessment) -> list[Recommendation]:
    """The priority recommendations in order, each with its thematic area."""
    return list(assessment.recommendations.select_related("thematic_area"))


def recommendation_get(*, assessment: Assessment, pk) -> Recommendation:
    """One priority recommendation of the assessment, else 404."""
    try:
        return assessment.recommendations.select_related("assessment__state").get(pk=pk)
    except (Recommendation.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def comparison_summary(rows: list, notes=()) -> dict:
    """The questions of a comparison in runs of changed and unchanged ones, the counts of
    each, and whether anything at all changed (the notes too)."""
    changed = sum(1 for row in rows if row.differs)
    return {
        "rows": rows,
        "runs": diff.runs(rows),
        "changed_count": changed,
        "unchanged_count": len(rows) - changed,
        "no_changes": not changed and not any(note.changed for note in notes),
    }


def version_get(*, assessment: Assessment, number) -> AssessmentVersion:
    try:
        return assessment.versions.select_related("created_by").get(number=int(number))
    except (AssessmentVersion.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def version_compare(*, assessment: Assessment, old: AssessmentVersion, new: AssessmentVersion):
    """Rows per question and the notes, old against new.

    Parts stored under the same hash in both versions are read once and never diffed: their
    rows, unchanged, show the text as it is (folded away on the page).
    """
    manifests = version_manifests(assessment.versions, [old.number, new.number])
    before, after = manifests[old.number], manifests[new.number]
    keys = list({**before, **after})
    values = parts_load([before.get(key) for key in keys] + [after.get(key) for key in keys])

    def content(manifest):
        parts = {key: values[manifest[key]] for key in keys if key in manifest}
        return {
            "answers": {
                key.removeprefix(ANSWER_PART): value
                for key, value in parts.items()
                if key.startswith(ANSWER_PART)
            },
            **{key: value for key, value in parts.items() if not key.startswith(ANSWER_PART)},
        }

    old_content, new_content = content(before), content(after)
    questions = FormatQuestion.objects.filter(section__format=assessment.format)
    rows = diff.compare_contents(old_content, new_content, questions)
    notes = {
        field: diff.compare_html(old_content.get(field, ""), new_content.get(field, ""))
        for field in ("cover_note", "letter")
    }
    notes["recommendations"] = diff.compare_html(
        _recommendations_html(old_content), _recommendations_html(new_content)
    )
    return rows, notes


def _recommendations_html(content: dict) -> str:
    """The priority recommendations as the numbered list they are, for a structured diff."""
    items = "".join(f"<li>{escape(r['text'])}</li>" for r in content.get("recommendations", []))
    return f"<ol>{items}</ol>" if items else ""


def format_list(*, user, with_questions: bool = False) -> QuerySet[AssessmentFormat]:
    """The formats the user may see, with their number of questions (and, if asked, their
    sections and questions)."""
    formats = permissions.format_scope(
        AssessmentFormat.objects.select_related("derived_from"), user
    ).annotate(question_count=Count("sections__questions", distinct=True))
    if with_questions:
        questions = FormatQuestion.objects.select_related("thematic_area")
        sections = FormatSection.objects.prefetch_related(Prefetch("questions", questions))
        formats = formats.prefetch_related(Prefetch("sections", sections))
    return formats


def current_format() -> AssessmentFormat | None:
    return AssessmentFormat.objects.filter(status="published").order_by("-published_at").first()


# --- The letter to the State ---------------------------------------------------------


@functools.cache
def _letter_templates() -> dict:
    return reference.read(DATA_DIR / "letter_templates.json")


def letter_from_template(state) -> str:
    """The Chair's standard letter to `state` in its language of correspondence, with its
    name in that language, as the rich text the editor keeps: addressee, subject,
    salutation, body, closing, and the Chair's title."""
    language = state.official_language
    template = _letter_templates()[language]
    name = getattr(state, f"name_{reference.LANGUAGE_SUFFIXES[language]}") or state.name_en

    def fill(*lines: str) -> str:
        return "<br>".join(escape(line.format(state=name)) for line in lines)

    blocks = [
        fill(*template["addressee"]),
        fill(template["subject"]),
        fill(template["salutation"]),
        *(fill(paragraph) for paragraph in template["body"]),
        fill(template["closing"]),
        fill(*template["signature"]),
    ]
    return richtext.clean("".join(f"<p>{block}</p>" for block in blocks))


# --- Content of versions ---------------------------------------------------------------

# A version stores the assessment in parts (ctc.revisions.versions): the format, one part per
# answer ("answers/<question code>"), the recommendations, the cover note and the letter.
ANSWER_PART = "answers/"


def answer_content(answer: Answer) -> dict:
    return {"finding": answer.finding, "status": answer.status, "sources": answer.sources}


def recommendation_content(text: str, area: ThematicArea) -> dict:
    return {"text": text, "thematic_area": area.code}


def assessment_content(assessment: Assessment) -> dict:
    """The whole assessment as one JSON-able dict: what a version holds."""
    answers = assessment.answers.select_related("question").order_by(
        "question__section__position", "question__position"
    )
    return {
        "format": assessment.format.code,
        "answers": {a.question.code: answer_content(a) for a in answers},
        "recommendations": [
            recommendation_content(r.text, r.thematic_area)
            for r in assessment.recommendations.select_related("thematic_area")
        ],
        "cover_note": assessment.cover_note,
        "letter": assessment.letter,
    }


def content_parts(content: dict) -> dict:
    """The parts of an assessment's content, in order: what its first version stores."""
    return {
        "format": content["format"],
        **{ANSWER_PART + code: answer for code, answer in content["answers"].items()},
        "recommendations": content["recommendations"],
        "cover_note": content["cover_note"],
        "letter": content["letter"],
    }


def content_join(parts: dict) -> dict:
    """The content whose parts these are: `assessment_content` as it was, key for key."""
    return {
        "format": parts["format"],
        "answers": {
            key.removeprefix(ANSWER_PART): value
            for key, value in parts.items()
            if key.startswith(ANSWER_PART)
        },
        "recommendations": parts["recommendations"],
        "cover_note": parts["cover_note"],
        "letter": parts["letter"],
    }


def version_content(version: AssessmentVersion) -> dict:
    """The whole assessment as it stood at this version (two queries)."""
    versions = AssessmentVersion.objects.filter(assessment_id=version.assessment_id)
    return content_join(version_parts(versions, version.number))


def latest_content(assessment: Assessment) -> dict:
    """What was sent if the assessment was sent, else its latest version."""
    snapshot = SentSnapshot.objects.filter(assessment=assessment).first()
    if snapshot:
        return snapshot.content
    parts = version_parts(assessment.versions)
    return content_join(parts) if parts else assessment_content(assessment)


def sources_map(fmt: AssessmentFormat) -> dict[str, list[str]]:
    """For each question code of `fmt`, the codes of its previous format that feed it."""
    if not fmt.derived_from_id:
        return {}
    mapping: dict[str, list[str]] = {}
    rows = QuestionMapping.objects.filter(to_question__section__format=fmt).values_list(
        "to_question__code", "from_question__code"
    )
    for to_code, from_code in rows:
        mapping.setdefault(to_code, []).append(from_code)
    return mapping


def carried_content(previous: Assessment, fmt: AssessmentFormat) -> dict[str, dict]:
    """The previous assessment's answers, keyed by the question codes of `fmt`."""
    old = latest_content(previous)["answers"]
    if previous.format_id == fmt.pk:
        return old
    if fmt.derived_from_id != previous.format_id:
        return {}
    carried = {}
    for code, origins in sources_map(fmt).items():
        parts = [old[c] for c in origins if c in old]
        if not parts:
            continue
        statuses = {p["status"] for p in parts if p["status"]}
        carried[code] = {
            "finding": "".join(p["finding"] for p in parts if p["finding"]),
            "status": statuses.pop() if len(statuses) == 1 else "",
            "sources": "\n".join(p["sources"] for p in parts if p["sources"]),
        }
    return carried


# --- Stocktaking (C-6) -----------------------------------------------------------------


@dataclass
class StageFigure:
    status: str
    label: str
    count: int
    median_days: float | None


def _stage_steps(visible: QuerySet[Assessment]) -> QuerySet:
    """(stage left, when, stage entered before, since when) for each workflow step of the
    visible files, assignments aside: every file starts in draft on the day it was created."""
    window = {"partition_by": F("assessment_id"), "order_by": [F("at").asc(), F("pk").asc()]}
    draft = Value(AssessmentStatus.DRAFT)
    return (
        Transition.objects.filter(assessment__in=visible)
        .exclude(action=TransitionAction.ASSIGN)
        .annotate(
            entered_status=Window(Lag("to_status", default=draft), **window),
            entered_at=Window(Lag("at", default=F("assessment__created_at")), **window),
        )
        .order_by()
        .values_list("from_status", "at", "entered_status", "entered_at")
    )


# The median of each stage's durations in days, in SQL: the middle pair (the same value
# twice for an odd count) is averaged in Python, exactly as statistics.median does.
MEDIANS_SQL = """
WITH steps (status, left_at, entered_status, entered_at) AS ({steps}),
current_stage (status, entered_at) AS ({current}),
durations (status, days) AS (
    SELECT status,
           (EXTRACT(EPOCH FROM left_at) - EXTRACT(EPOCH FROM entered_at))::float8 / 86400
    FROM steps WHERE entered_status = status
    UNION ALL
    SELECT status,
           (EXTRACT(EPOCH FROM %s::timestamptz) - EXTRACT(EPOCH FROM entered_at))::float8 / 86400
    FROM current_stage
)
SELECT status,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY days),
       percentile_disc(0.5) WITHIN GROUP (ORDER BY days DESC)
FROM durations GROUP BY status
"""


def _stage_figures(visible: QuerySet[Assessment], *, now) -> tuple[dict, dict]:
    """Files in each stage, and the median days files spent in each stage (a step's time
    from entering to leaving the stage; for open files, the time in their stage so far).

    Two queries on either database: on PostgreSQL, the counts and the medians; elsewhere,
    the files and their steps, reduced here to the same numbers.
    """
    if settings.USING_POSTGRES:
        counts = dict(visible.order_by().values_list("status").annotate(n=Count("pk")))
        current = visible.exclude(status=AssessmentStatus.CLOSED).order_by()
        steps_sql, steps_params = _stage_steps(visible).query.sql_with_params()
        current_sql, current_params = current.values_list(
            "status", "status_changed_at"
        ).query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(
                MEDIANS_SQL.format(steps=steps_sql, current=current_sql),
                [*steps_params, *current_params, now],
            )
            return counts, {status: (low + high) / 2 for status, low, high in cursor.fetchall()}
    counts: dict[str, int] = {}
    durations: dict[str, list[float]] = {}
    for status, since in visible.order_by().values_list("status", "status_changed_at"):
        counts[status] = counts.get(status, 0) + 1
        if status != AssessmentStatus.CLOSED:
            durations.setdefault(status, []).append((now - since).total_seconds() / 86400)
    for status, left_at, entered_status, entered_at in _stage_steps(visible):
        if entered_status == status:
            durations.setdefault(status, []).append((left_at - entered_at).total_seconds() / 86400)
    return counts, {status: statistics.median(days) for status, days in durations.items()}


def stocktaking(*, user) -> dict:
    """Figures about the process over the assessments the user may see."""
    visible = permissions.scope(Assessment.objects.all(), user)
    counts, medians = _stage_figures(visible, now=timezone.now())
    stages = [
        StageFigure(
            status=s.value,
            label=s.label,
            count=counts.get(s.value, 0),
            median_days=round(medians[s.value], 1) if s.value in medians else None,
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


# --- Landing page (registered in apps.py) -----------------------------------------------


def landing_stages(user) -> dict | None:
    """Files per stage, for whoever can see assessments in the workspace."""
    if not permissions.scope_is_possible(user):
        return None
    return {"by_status": assessment_counts(user=user)}


# Not "waiting" groups of their own: drafts go by assignee instead, the reply is the State's,
# and returning a file is a reviewer's alternative to moving it on.
NOT_WAITING = {TransitionAction.SUBMIT, TransitionAction.RECORD_REPLY, TransitionAction.RETURN}
# Files listed in each "waiting for you" group; the group links to all of them.
WAITING_FILES = 10


@dataclass(frozen=True)
class WaitingGroup:
    """A group of "waiting for you": its label, its files (`files`: the files within the
    user's scope that meet the group's condition), where all of them are listed, which come
    first, and whether they are read in the document area's inbox (a State's focal point)."""

    label: str
    files: QuerySet[Assessment]
    url: str
    order: str = "status_changed_at"
    secure: bool = False


def _last_step() -> Coalesce:
    """The action of the file's latest workflow step, "" before the first (assigning an
    expert is recorded in the history but is not a step)."""
    steps = Transition.objects.filter(assessment=OuterRef("pk")).exclude(
        action=TransitionAction.ASSIGN
    )
    return Coalesce(Subquery(steps.order_by("-at", "-pk").values("action")[:1]), Value(""))


def waiting_groups(user) -> list[WaitingGroup]:
    """The groups of "waiting for you" the user's roles have, each over the user's scope."""
    groups = []
    if permissions.scope_is_possible(user):
        visible = permissions.scope(Assessment.objects.all(), user)
        list_url = reverse("assessments:list")
        draft = AssessmentStatus.DRAFT
        if permissions.can_create(user):
            mine = visible.filter(status=draft, assignee=user).annotate(last_step=_last_step())
            returned = Q(last_step=TransitionAction.RETURN)
            drafts_url = f"{list_url}?status={draft}&assignee={user.get_username()}"
            groups += [
                WaitingGroup(_("Returned to you for revision"), mine.filter(returned), drafts_url),
                WaitingGroup(_("Drafts assigned to you"), mine.exclude(returned), drafts_url),
            ]
        if permissions.can_assign(user):
            groups.append(
                WaitingGroup(
                    _("Drafts not assigned to an expert"),
                    visible.filter(status=draft, assignee__isnull=True),
                    f"{list_url}?status={draft}",
                )
            )
        workflow = permissions.WORKFLOW
        for action in workflow.actions():
            if action in NOT_WAITING or not workflow.may_act(user, action):
                continue
            sources = [s.value for s in AssessmentStatus if workflow.step(action, s)]
            label = _("To do: {action}").format(action=TransitionAction(action).label)
            groups.append(
                WaitingGroup(
                    label,
                    visible.filter(status__in=sources),
                    f"{list_url}?status={sources[0]}",
                )
            )
    if Role.FOCAL_POINT in user.roles and user.member_state_id:
        # What was sent is read in the document area's inbox (docs_tracker lists it there).
        sent = permissions.sent_scope(Assessment.objects.all(), user)
        groups.append(
            WaitingGroup(
                _("Assessments awaiting your State's reply"),
                sent.filter(status=AssessmentStatus.SENT),
                reverse("docs_secure:inbox"),
                secure=True,
            )
        )
    return groups


def assessment_waiting(user) -> list[WaitingItem]:
    """Files whose next step is this user's, by group: one query a group, for its first
    WAITING_FILES files and (a window over the whole group) how many there are in all."""
    items = []
    for group in waiting_groups(user):
        rows = (
            with_overdue(group.files)
            .annotate(group_count=Window(Count("pk")))
            .annotate(pia_document=KeyTextTransform(AssessmentDocument.PIA, "snapshot__documents"))
            .select_related("state")
            .order_by(group.order, "pk")[:WAITING_FILES]
        )
        files = [(_waiting_file(a, secure=group.secure), a.group_count) for a in rows]
        count = files[0][1] if files else 0
        items.append(WaitingItem(group.label, count, group.url, tuple(f for f, _n in files)))
    return items


@dataclass
class Conflict:
    """A save refused because someone else saved first: the saved text (theirs) against the
    refused one (mine) as a word diff, and what was refused, for "Keep mine" to post again."""

    text: diff.SideBySide
    mine: dict
    status: tuple[str, str] = ("", "")
    sources: diff.SideBySide | None = None


def _status_label(value: str) -> str:
    return str(AnswerStatus(value).label) if value in AnswerStatus.values else _("Not assessed yet")


def answer_conflict(*, answer: Answer, submitted: dict) -> Conflict:
    """The saved finding (`answer`, as now) against the refused `submitted` one."""
    return Conflict(
        text=diff.side_by_side(
            richtext.to_text(answer.finding), richtext.to_text(submitted["finding"])
        ),
        mine=submitted,
        status=(_status_label(answer.status), _status_label(submitted["status"])),
        sources=diff.side_by_side(answer.sources, submitted["sources"]),
    )


def note_conflict(*, saved: str, submitted: str) -> Conflict:
    """The saved cover note or letter against the refused text."""
    return Conflict(
        text=diff.side_by_side(richtext.to_text(saved), richtext.to_text(submitted)),
        mine={"text": submitted},
    )


def _recommendation_lines(items) -> str:
    return "\n".join(f"{i}. {text} ({area.name})" for i, (text, area) in enumerate(items, start=1))


def recommendations_conflict(*, saved: list, submitted: list) -> Conflict:
    """The saved recommendations (Recommendation rows) against the refused (text, area) list,
    one numbered line each."""
    theirs = [(r.text, r.thematic_area) for r in saved]
    return Conflict(
        text=diff.side_by_side(_recommendation_lines(theirs), _recommendation_lines(submitted)),
        mine={"rows": [{"text": text, "area": area.pk} for text, area in submitted]},
    )


def _waiting_file(assessment: Assessment, *, secure: bool) -> WaitingFile:
    """A focal point reads the file as a document of the inbox; the due date is CTED's own."""
    if secure:
        document = assessment.pia_document
        url = (
            reverse("docs_secure:detail", kwargs={"pk": int(document)})
            if document
            else reverse("docs_secure:inbox")
        )
    else:
        url = reverse("assessments:detail", kwargs={"pk": assessment.pk})
    return WaitingFile(
        title=_("{state} {cycle}").format(state=assessment.state.name, cycle=assessment.cycle),
        url=url,
        status=assessment.get_status_display(),
        since=assessment.status_changed_at,
        due=None if secure else assessment.due_on,
        overdue=assessment.is_overdue and not secure,
    )


# --- Confirming a step --------------------------------------------------------------------

# Taken without a confirmation page: returning needs a written reason (itself deliberate)
# and is undone by submitting again; recording the reply is the State's upload.
UNCONFIRMED = {TransitionAction.RETURN, TransitionAction.RECORD_REPLY}
QUESTIONS = {
    TransitionAction.SUBMIT: gettext_lazy(
        "Submit the {cycle} assessment of {state} for CTED review?"
    ),
    TransitionAction.SEND_TO_SUBCOMMITTEE: gettext_lazy(
        "Send the {cycle} assessment of {state} to subcommittee {subcommittee}?"
    ),
    TransitionAction.RECOMMEND: gettext_lazy(
        "Recommend the {cycle} assessment of {state} to the Committee?"
    ),
    TransitionAction.APPROVE: gettext_lazy("Approve the {cycle} assessment of {state}?"),
    TransitionAction.SEND_TO_STATE: gettext_lazy(
        "Send the {cycle} assessment of {state} to the State?"
    ),
    TransitionAction.CLOSE: gettext_lazy("Close the {cycle} assessment of {state}?"),
}
# What reaching a status means: who has the file next, and what can no longer change.
CONSEQUENCES = {
    AssessmentStatus.CTED_REVIEW: (
        gettext_lazy("It goes to the CTED coordinators for review."),
        gettext_lazy("It can no longer be edited unless a coordinator returns it."),
    ),
    AssessmentStatus.WITH_SUBCOMMITTEE: (
        gettext_lazy(
            "It goes to the members of subcommittee {subcommittee}, who recommend it to the "
            "Committee or return it."
        ),
        gettext_lazy("CTED can no longer edit it unless it is returned."),
    ),
    AssessmentStatus.WITH_COMMITTEE: (
        gettext_lazy(
            "It goes to the Chair and the Committee members, who approve it or return it."
        ),
        gettext_lazy("The subcommittee can no longer return it."),
    ),
    AssessmentStatus.APPROVED: (
        gettext_lazy("It goes to the secretariat to be sent to the State."),
        gettext_lazy("The Committee can no longer return it."),
    ),
    AssessmentStatus.SENT: (
        gettext_lazy(
            "The text as it stands now is frozen as the sent version: it can no longer change."
        ),
        gettext_lazy(
            "The focal points of {state} are told by e-mail and can read it in their secure area."
        ),
    ),
    AssessmentStatus.CLOSED: (gettext_lazy("The file is closed: no further step can be taken."),),
}


@dataclass(frozen=True)
class TransitionPreview:
    """What the confirmation page of a step says: the question and what will happen."""

    action: str
    label: str
    question: str
    consequences: list[str]


def human_rights_missing(assessment: Assessment) -> list[str]:
    """The codes of the human-rights questions still without an implementation status."""
    missing = assessment.answers.filter(question__section__is_human_rights=True)
    return list(missing.exclude(status__gt="").values_list("question__code", flat=True))


def transition_preview(*, user, assessment: Assessment, action: str) -> TransitionPreview | None:
    """The confirmation of a step the user may take now, derived from the step (its target
    status: who has the file next, what is frozen); None if the step needs no confirmation
    or would be refused (the service then says why)."""
    step = permissions.WORKFLOW.step(action, assessment.status)
    if action in UNCONFIRMED or step is None:
        return None
    if not permissions.can_take(user, assessment, action):
        return None
    if action == TransitionAction.SUBMIT and human_rights_missing(assessment):
        return None
    names = {
        "cycle": assessment.cycle,
        "state": assessment.state.name,
        "subcommittee": assessment.state.subcommittee.code
        if assessment.state.subcommittee_id
        else "",
    }
    target = AssessmentStatus(step.target)
    becomes = _("Its status becomes “{status}”.").format(status=target.label)
    return TransitionPreview(
        action=action,
        label=TransitionAction(action).label,
        question=QUESTIONS[action].format(**names),
        consequences=[becomes] + [str(line).format(**names) for line in CONSEQUENCES[target]],
    )
