"""Reads of assessments, always through permissions.scope()."""

import functools
import hashlib
import json
import statistics
from dataclasses import dataclass, field
from difflib import SequenceMatcher

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
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.functions import Lag
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ctc import reference
from ctc.accounts.enums import Role
from ctc.accounts.models import User
from ctc.registry import WaitingItem
from ctc.revisions import parts_load, version_manifests, version_parts
from ctc.themes.models import ThematicArea

from . import diff, permissions, richtext
from .constants import DATA_DIR
from .enums import (
    DONE_STATUSES,
    AnswerStatus,
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
    if overdue is not None:
        late = Q(due_on__lt=timezone.localdate()) & ~Q(status__in=DONE_STATUSES)
        assessments = assessments.filter(late if overdue else ~late)
    return assessments.select_related(
        "state", "state__subcommittee", "format", "assignee"
    ).order_by("-updated_at", "pk")


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


def sent_assessment_list(*, user) -> QuerySet[Assessment]:
    return (
        permissions.sent_scope(Assessment.objects.all(), user)
        .select_related("state", "format", "snapshot")
        .order_by("-cycle")
    )


def focal_point_list(*, state) -> list:
    """The active focal points of a State, with an e-mail address."""
    return list(
        User.objects.filter(groups__name=Role.FOCAL_POINT, member_state=state, is_active=True)
        .exclude(email="")
        .order_by("pk")
    )


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
        recommendations=list(assessment.recommendations.select_related("thematic_area")),
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
    """One text, line by line, with the words `new` drops in <del> and those it adds in
    <ins> (diff.words' tokens); rich text is compared as its plain text. Kept in the cache
    under the texts' hash, like diff.side_by_side."""
    key = "tracked:1:" + hashlib.sha256(f"{old}\0{new}".encode()).hexdigest()
    cached = cache.get(key)
    if cached is None:
        cached = _tracked_change(old, new)
        cache.set(key, cached, diff.DIFF_CACHE_SECONDS)
    return mark_safe(cached)


def _tracked_change(old: str, new: str) -> str:
    a, b = diff.words(richtext.to_lines(old)), diff.words(richtext.to_lines(new))
    out = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        removed, added = escape("".join(a[i1:i2])), escape("".join(b[j1:j2]))
        if op == "equal":
            out.append(removed)
            continue
        if removed:
            out.append(f"<del>{removed}</del>")
        if added:
            out.append(f"<ins>{added}</ins>")
    return "".join(out)


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


def version_get(*, assessment: Assessment, number) -> AssessmentVersion:
    try:
        return assessment.versions.select_related("created_by").get(number=int(number))
    except (AssessmentVersion.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def version_compare(
    *, assessment: Assessment, old: AssessmentVersion, new: AssessmentVersion, show_all=False
):
    """Rows per question and the notes, old against new, computing only what is shown.

    Parts stored under the same hash in both versions are not compared; unless `show_all`,
    the answers they hold are not even read (their rows, unchanged, are not shown).
    """
    manifests = version_manifests(assessment.versions, [old.number, new.number])
    before, after = manifests[old.number], manifests[new.number]
    shown = [
        key
        for key in {**before, **after}
        if show_all or not key.startswith(ANSWER_PART) or before.get(key) != after.get(key)
    ]
    values = parts_load([before.get(key) for key in shown] + [after.get(key) for key in shown])

    def content(manifest):
        parts = {key: values[manifest[key]] for key in shown if key in manifest}
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
        "cover_note": diff.compare_texts(
            old_content.get("cover_note", ""), new_content.get("cover_note", "")
        ),
        "letter": diff.compare_texts(old_content.get("letter", ""), new_content.get("letter", "")),
        "recommendations": diff.side_by_side(
            "\n".join(r["text"] for r in old_content.get("recommendations", [])),
            "\n".join(r["text"] for r in new_content.get("recommendations", [])),
        ),
    }
    return rows, notes


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


def landing_sent(user) -> dict | None:
    """Assessments sent to the focal point's State."""
    if Role.FOCAL_POINT not in user.roles or not user.member_state_id:
        return None
    return {"sent": list(sent_assessment_list(user=user))}


# Not "waiting" lines: drafts are counted by assignee instead, the reply is the State's,
# and returning a file is a reviewer's alternative to moving it on.
NOT_WAITING = {TransitionAction.SUBMIT, TransitionAction.RECORD_REPLY, TransitionAction.RETURN}


def assessment_waiting(user) -> list[WaitingItem]:
    """Files whose next step is this user's, counted in one query."""
    items = []
    list_url = reverse("assessments:list")
    if permissions.scope_is_possible(user):
        workflow = permissions.WORKFLOW
        todo = {
            action: [s.value for s in AssessmentStatus if workflow.step(action, s)]
            for action in workflow.actions()
            if action not in NOT_WAITING and workflow.may_act(user, action)
        }
        counts = permissions.scope(Assessment.objects.all(), user).aggregate(
            draft=Count("pk", filter=Q(status=AssessmentStatus.DRAFT, assignee=user)),
            **{
                action: Count("pk", filter=Q(status__in=sources))
                for action, sources in todo.items()
            },
        )
        drafts = f"{list_url}?status={AssessmentStatus.DRAFT}&assignee={user.get_username()}"
        items.append(WaitingItem(_("Drafts assigned to you"), counts["draft"], drafts))
        for action, sources in todo.items():
            label = _("To do: {action}").format(action=TransitionAction(action).label)
            items.append(WaitingItem(label, counts[action], f"{list_url}?status={sources[0]}"))
    if Role.FOCAL_POINT in user.roles and user.member_state_id:
        awaiting = sent_assessment_list(user=user).filter(status=AssessmentStatus.SENT).count()
        items.append(
            WaitingItem(
                _("Assessments awaiting your State's reply"),
                awaiting,
                reverse("assessments_secure:list"),
            )
        )
    return items
