import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from ctc.files.models import StoredFile
from ctc.revisions import SuggestionRecord, VersionRecord
from ctc.workflow import TransitionRecord

from .constants import WORKING_LANGUAGE
from .enums import (
    AnswerStatus,
    AssessmentStatus,
    CommentVisibility,
    FormatStatus,
    MappingKind,
    SuggestionPart,
    SuggestionStatus,
    TransitionAction,
)


class AssessmentFormat(models.Model):
    """A versioned questionnaire (e.g. "PIA 2012"); a published format never changes."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=FormatStatus.choices, default=FormatStatus.DRAFT
    )
    derived_from = models.ForeignKey(
        "self",
        verbose_name=_("derived from"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="derivatives",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = [models.F("published_at").desc(nulls_last=True), "code"]
        verbose_name = _("assessment format")
        verbose_name_plural = _("assessment formats")

    def __str__(self):
        return self.name


class FormatSection(models.Model):
    format = models.ForeignKey(
        AssessmentFormat,
        verbose_name=_("format"),
        on_delete=models.CASCADE,
        related_name="sections",
    )
    code = models.SlugField(_("code"), max_length=40)
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=200)
    is_human_rights = models.BooleanField(
        _("human-rights section"),
        default=False,
        help_text=_("Every format must have one human-rights section."),
    )

    class Meta:
        ordering = ["format", "position"]
        verbose_name = _("format section")
        verbose_name_plural = _("format sections")
        constraints = [
            models.UniqueConstraint(fields=["format", "code"], name="section_code_unique"),
            models.UniqueConstraint(
                fields=["format"],
                condition=models.Q(is_human_rights=True),
                name="one_human_rights_section_per_format",
            ),
        ]

    def __str__(self):
        return self.title


class FormatQuestion(models.Model):
    section = models.ForeignKey(
        FormatSection, verbose_name=_("section"), on_delete=models.CASCADE, related_name="questions"
    )
    code = models.CharField(_("code"), max_length=10)
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.TextField(_("question"))
    guidance = models.TextField(_("guidance"), blank=True)
    thematic_area = models.ForeignKey(
        "themes.ThematicArea",
        verbose_name=_("thematic area"),
        on_delete=models.PROTECT,
        related_name="questions",
    )
    technical_guide_ref = models.CharField(_("Technical Guide reference"), max_length=60)

    class Meta:
        ordering = ["section__position", "position"]
        verbose_name = _("format question")
        verbose_name_plural = _("format questions")
        constraints = [
            models.UniqueConstraint(fields=["section", "code"], name="question_code_unique"),
        ]

    def __str__(self):
        return f"{self.code} {self.text[:60]}"


class QuestionMapping(models.Model):
    """What became of a question of the previous format: kept, split, merged or dropped."""

    from_question = models.ForeignKey(
        FormatQuestion,
        verbose_name=_("question of the previous format"),
        on_delete=models.CASCADE,
        related_name="mapped_to",
    )
    to_question = models.ForeignKey(
        FormatQuestion,
        verbose_name=_("question of the new format"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="mapped_from",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=MappingKind.choices)

    class Meta:
        verbose_name = _("question mapping")
        verbose_name_plural = _("question mappings")
        constraints = [
            models.UniqueConstraint(
                fields=["from_question", "to_question"], name="question_mapping_unique"
            ),
        ]

    def __str__(self):
        return f"{self.from_question.code} → {self.to_question.code if self.to_question else '∅'}"


class Assessment(models.Model):
    """One Preliminary Implementation Assessment of one state in one cycle."""

    state = models.ForeignKey(
        "states.MemberState",
        verbose_name=_("state"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    format = models.ForeignKey(
        AssessmentFormat,
        verbose_name=_("format"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    cycle = models.PositiveSmallIntegerField(_("cycle (year)"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.DRAFT,
        db_index=True,
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned expert"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_assessments",
    )
    previous = models.ForeignKey(
        "self",
        verbose_name=_("previous assessment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_assessments",
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    cover_note = models.TextField(_("cover note"), blank=True)
    cover_note_revision = models.PositiveIntegerField(default=0)
    letter = models.TextField(_("letter to the State"), blank=True)
    letter_revision = models.PositiveIntegerField(default=0)
    recommendations_revision = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    status_changed_at = models.DateTimeField(_("in this status since"), auto_now_add=True)
    # Kept by the services that write answers, so the list needs no join over the answers.
    question_count = models.PositiveIntegerField(_("questions"), default=0, editable=False)
    answered_count = models.PositiveIntegerField(_("questions answered"), default=0, editable=False)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(fields=["state", "cycle"], name="one_assessment_per_cycle"),
        ]
        indexes = [models.Index(fields=["status", "status_changed_at"])]

    def __str__(self):
        return f"{self.state} ({self.cycle})"

    @property
    def letter_language(self) -> str:
        return self.state.official_language

    @property
    def working_language(self) -> str:
        """The language findings, notes and comments are written in (lang= on the page)."""
        return WORKING_LANGUAGE


# An answer counts as answered with both a status and a finding (findings are saved stripped).
ANSWERED = ~models.Q(status="") & ~models.Q(finding="")


class Answer(models.Model):
    """The expert's finding on one question; `revision` guards against lost updates."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        FormatQuestion, verbose_name=_("question"), on_delete=models.PROTECT, related_name="answers"
    )
    finding = models.TextField(_("finding"), blank=True)
    status = models.CharField(
        _("implementation status"), max_length=20, choices=AnswerStatus.choices, blank=True
    )
    sources = models.TextField(_("sources"), blank=True)
    revision = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last edited by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("last edited at"), null=True, blank=True)
    # diff.answer_fingerprint of finding, status and sources: "changed since the last
    # assessment" compares these, the comparison page alone runs the word diff.
    fingerprint = models.CharField(_("fingerprint"), max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["question__section__position", "question__position"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "question"], name="one_answer_per_question"
            ),
        ]

    def __str__(self):
        return f"{self.assessment} · {self.question.code}"

    @property
    def is_answered(self) -> bool:
        return bool(self.status and self.finding.strip())


class SearchDocument(models.Model):
    """Every finding and source of one assessment as one text-search document, GIN-indexed
    (migration 0009); PostgreSQL only: elsewhere the search reads the answers themselves.

    A table of its own: an assessment's row changes at every step of the workflow, and each
    new row version would put all of the document's words into the index again.
    """

    assessment = models.OneToOneField(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    document = SearchVectorField(_("document"), null=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self):
        return str(self.assessment_id)


class Recommendation(models.Model):
    """A priority recommendation; later usable as a technical-assistance need."""

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="recommendations",
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.TextField(_("recommendation"))
    thematic_area = models.ForeignKey(
        "themes.ThematicArea", verbose_name=_("thematic area"), on_delete=models.PROTECT
    )

    class Meta:
        ordering = ["assessment", "position"]
        verbose_name = _("priority recommendation")
        verbose_name_plural = _("priority recommendations")

    def __str__(self):
        return self.text[:80]


class AssessmentVersion(VersionRecord):
    """The assessment as it stood after one save; never changed afterwards.

    It stores only the parts the save changed (selectors.version_content reads it whole).
    """

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="versions"
    )

    class Meta:
        ordering = ["assessment", "-number"]
        verbose_name = _("assessment version")
        verbose_name_plural = _("assessment versions")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "number"], name="version_number_unique"),
        ]

    def __str__(self):
        return f"{self.assessment} v{self.number}"


class Transition(TransitionRecord):
    """One step of the workflow: who moved the file, from where to where, and why."""

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="transitions",
    )
    action = models.CharField(_("action"), max_length=24, choices=TransitionAction.choices)
    from_status = models.CharField(_("from"), max_length=20, choices=AssessmentStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=AssessmentStatus.choices)
    # A workflow step is a milestone of the versions: the one current when it was taken.
    version = models.ForeignKey(
        AssessmentVersion,
        verbose_name=_("version"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="milestones",
    )
    subcommittee = models.ForeignKey(
        "states.Subcommittee",
        verbose_name=_("subcommittee"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The subcommittee the assessment was sent to, for that step."),
    )

    class Meta:
        ordering = ["assessment", "at", "pk"]
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")

    def __str__(self):
        return f"{self.assessment}: {self.from_status} → {self.to_status}"


class Comment(models.Model):
    """A threaded comment on a question or a section; never shown to focal points."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="comments"
    )
    question = models.ForeignKey(
        FormatQuestion,
        verbose_name=_("question"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    section = models.ForeignKey(
        FormatSection,
        verbose_name=_("section"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    visibility = models.CharField(_("visible to"), max_length=12, choices=CommentVisibility.choices)
    body = models.TextField(_("comment"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return self.body[:60]


class Suggestion(SuggestionRecord):
    """A reviewer's proposed wording for a finding, the cover note or the letter (the
    generic fields and their meaning: ctc.revisions.models.SuggestionRecord)."""

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="suggestions",
    )
    part = models.CharField(_("part"), max_length=12, choices=SuggestionPart.choices)
    answer = models.ForeignKey(
        Answer,
        verbose_name=_("finding"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="suggestions",
    )
    # The version that accepting the suggestion saved.
    version = models.ForeignKey(
        AssessmentVersion,
        verbose_name=_("version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(part=SuggestionPart.ANSWER, answer__isnull=False)
                | (~models.Q(part=SuggestionPart.ANSWER) & models.Q(answer__isnull=True)),
                name="suggestion_answer_with_its_part",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=SuggestionStatus.REJECTED) | ~models.Q(reason=""),
                name="suggestion_rejected_with_a_reason",
            ),
        ]
        indexes = [models.Index(fields=["assessment", "status"])]

    def __str__(self):
        return f"{self.assessment} · {self.get_part_display()} · {self.get_status_display()}"


class SentSnapshot(models.Model):
    """What was sent to the State: frozen content of the cover note, assessment and letter."""

    assessment = models.OneToOneField(
        Assessment, verbose_name=_("assessment"), on_delete=models.PROTECT, related_name="snapshot"
    )
    version = models.ForeignKey(
        AssessmentVersion, verbose_name=_("version"), on_delete=models.PROTECT, related_name="+"
    )
    content = models.JSONField(_("content"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    # Set once the State's focal points were told; a second run of the task sends nothing.
    notified_at = models.DateTimeField(_("focal points notified at"), null=True, blank=True)
    # The documents it was filed as in the document area, by kind ({"pia": id, "letter": id}):
    # a second run of the filing task files nothing twice.
    documents = models.JSONField(_("filed documents"), default=dict, blank=True)

    class Meta:
        verbose_name = _("sent snapshot")
        verbose_name_plural = _("sent snapshots")

    def __str__(self):
        return f"{self.assessment} ({self.sent_at:%Y-%m-%d})"


def reply_upload_to(instance, filename):
    # The name is generated by the server (ctc.files.uploads); only its extension is kept.
    extension = PurePath(filename).suffix.lower()
    state = instance.assessment.state.iso3
    return f"assessments/replies/{state}/{instance.assessment_id}/{uuid.uuid4().hex}{extension}"


class StateReply(StoredFile):
    """The State's reply to a sent assessment; stored with its checksum."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), on_delete=models.PROTECT, related_name="replies"
    )
    file = models.FileField(_("file"), upload_to=reply_upload_to, max_length=255)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("State reply")
        verbose_name_plural = _("State replies")

    def __str__(self):
        return self.filename
