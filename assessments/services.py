"""Every write to assessments: one function per change, each checking its actor."""

import datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ctc import reference, richtext
from ctc.accounts.enums import Role
from ctc.files.uploads import upload_attach, upload_take
from ctc.notifications.services import notify
from ctc.pdf import pdf_from_html
from ctc.registry import DocumentFiling, FiledFile, site
from ctc.revisions import check_revision, guarded_update, version_record
from ctc.revisions.suggestions import (
    suggestion_base_check,
    suggestion_decide,
    suggestion_fresh_check,
    suggestion_note_clean,
    suggestion_open_check,
    suggestion_reason_clean,
    suggestion_text_clean,
)
from ctc.tasks import enqueue
from ctc.themes.models import ThematicArea

from . import diff, notifications, permissions, selectors, tasks
from .constants import (
    DATA_DIR,
    DOCUMENT_CLASSIFICATION,
    MAX_COMMENT,
    MAX_FINDING,
    MAX_NOTE,
    MAX_RECOMMENDATION,
    MAX_RECOMMENDATIONS,
    MAX_SOURCES,
    REPLY_POLICY,
)
from .enums import (
    AnswerStatus,
    AssessmentDocument,
    AssessmentStatus,
    CommentVisibility,
    FormatStatus,
    MappingKind,
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
    SearchDocument,
    SentSnapshot,
    StateReply,
    Suggestion,
    Transition,
)

# --- Formats ---------------------------------------------------------------------------


def format_check(fmt: AssessmentFormat) -> None:
    """Raises ValidationError unless the format can be used: human rights, questions, mapping."""
    sections = list(fmt.sections.prefetch_related("questions"))
    if not any(s.is_human_rights and s.questions.all() for s in sections):
        raise ValidationError(
            _("A format needs a human-rights section with at least one question.")
        )
    if not any(s.questions.all() for s in sections):
        raise ValidationError(_("A format needs at least one question."))
    if fmt.derived_from_id:
        unmapped = FormatQuestion.objects.filter(
            section__format_id=fmt.derived_from_id, mapped_to__isnull=True
        ).values_list("code", flat=True)
        if unmapped:
            raise ValidationError(
                _("These questions of the previous format have no mapping: {codes}.").format(
                    codes=", ".join(unmapped)
                )
            )


@transaction.atomic
def format_publish(*, fmt: AssessmentFormat, by) -> AssessmentFormat:
    """Publishes a draft format; it can then be used and no longer edited."""
    if not (by.is_superuser or Role.ADMINISTRATOR in by.roles):
        raise PermissionDenied
    if fmt.status != FormatStatus.DRAFT:
        raise ValidationError(_("Only a draft format can be published."))
    return _publish(fmt)


def _publish(fmt: AssessmentFormat) -> AssessmentFormat:
    format_check(fmt)
    fmt.status = FormatStatus.PUBLISHED
    fmt.published_at = timezone.now()
    fmt.save(update_fields=["status", "published_at"])
    return fmt


@transaction.atomic
def format_derive(*, source: AssessmentFormat, code: str, by) -> AssessmentFormat:
    """A new draft format copying the source, with every question mapped as "kept".

    The administrator then edits questions and mappings (split, merged, dropped).
    """
    if not (by.is_superuser or Role.ADMINISTRATOR in by.roles):
        raise PermissionDenied
    translated = {f: getattr(source, f) for f in _translated_fields("name", "description")}
    new = AssessmentFormat.objects.create(code=code, derived_from=source, **translated)
    for section in source.sections.prefetch_related("questions"):
        new_section = FormatSection.objects.create(
            format=new,
            code=section.code,
            position=section.position,
            is_human_rights=section.is_human_rights,
            **{f: getattr(section, f) for f in _translated_fields("title")},
        )
        for question in section.questions.all():
            new_question = FormatQuestion.objects.create(
                section=new_section,
                code=question.code,
                position=question.position,
                thematic_area_id=question.thematic_area_id,
                technical_guide_ref=question.technical_guide_ref,
                **{f: getattr(question, f) for f in _translated_fields("text", "guidance")},
            )
            QuestionMapping.objects.create(
                from_question=question, to_question=new_question, kind=MappingKind.KEPT
            )
    return new


def _translated_fields(*names):
    return [f"{name}_{suffix}" for name in names for suffix in reference.LANGUAGE_SUFFIXES.values()]


@transaction.atomic
def format_load(path: Path) -> AssessmentFormat:
    """Creates or updates a format (and its mapping) from a data file; publishes it."""
    data = reference.read(path)
    themes = {t.code: t for t in ThematicArea.objects.all()}
    derived_from = (
        AssessmentFormat.objects.get(code=data["derived_from"])
        if data.get("derived_from")
        else None
    )
    fmt, _created = AssessmentFormat.objects.update_or_create(
        code=data["code"],
        defaults={
            "derived_from": derived_from,
            **reference.translated("name", data["name"]),
            **reference.translated("description", data["description"]),
        },
    )
    for s in data["sections"]:
        section, _c = FormatSection.objects.update_or_create(
            format=fmt,
            code=s["code"],
            defaults={
                "position": s["position"],
                "is_human_rights": s["is_human_rights"],
                **reference.translated("title", s["title"]),
            },
        )
        for q in s["questions"]:
            FormatQuestion.objects.update_or_create(
                section=section,
                code=q["code"],
                defaults={
                    "position": q["position"],
                    "thematic_area": themes[q["thematic_area"]],
                    "technical_guide_ref": q["technical_guide_ref"],
                    **reference.translated("text", q["text"]),
                    **reference.translated("guidance", q["guidance"]),
                },
            )
    if derived_from:
        old = {q.code: q for q in FormatQuestion.objects.filter(section__format=derived_from)}
        new = {q.code: q for q in FormatQuestion.objects.filter(section__format=fmt)}
        for entry in data["mapping"]:
            targets = entry["to"] or [None]
            for target in targets:
                QuestionMapping.objects.get_or_create(
                    from_question=old[entry["from"]],
                    to_question=new[target] if target else None,
                    defaults={"kind": entry["kind"]},
                )
    if fmt.status == FormatStatus.DRAFT:
        _publish(fmt)
    return fmt


def formats_load() -> int:
    """Loads the formats kept in assessments/data (pia-2012, then pia-2013 derived from it)."""
    paths = [DATA_DIR / "pia-2012.json", DATA_DIR / "pia-2013.json"]
    return len([format_load(p) for p in paths if p.exists()])


# --- Assessments -----------------------------------------------------------------------


def _require_cted_writer(by) -> None:
    if not permissions.can_create(by):
        raise PermissionDenied


def _figures_refresh(assessment: Assessment, *, text_changed: bool = True) -> None:
    """Recounts the questions and answered questions the assessment's list row shows and, on
    PostgreSQL, when findings or sources changed, rebuilds its search document."""
    answers = Answer.objects.filter(assessment=OuterRef("pk")).order_by().values("assessment")

    def count(queryset):
        return Coalesce(Subquery(queryset.annotate(n=Count("pk")).values("n")), 0)

    Assessment.objects.filter(pk=assessment.pk).update(
        question_count=count(answers), answered_count=count(answers.filter(ANSWERED))
    )
    if settings.USING_POSTGRES and text_changed:
        from django.contrib.postgres.aggregates import StringAgg
        from django.contrib.postgres.search import SearchVector

        text = Concat("finding", Value(" "), "sources", output_field=TextField())
        words = SearchVector(StringAgg(text, " ", order_by="pk"), config="simple")
        document = assessment.answers.order_by().values("assessment").annotate(words=words)
        # One statement: INSERT … ON CONFLICT DO UPDATE, the document computed in the database.
        SearchDocument.objects.bulk_create(
            [SearchDocument(assessment=assessment, document=Subquery(document.values("words")))],
            update_conflicts=True,
            unique_fields=["assessment"],
            update_fields=["document"],
        )


@transaction.atomic
def assessment_create(
    *,
    state,
    fmt: AssessmentFormat,
    cycle: int,
    by,
    assignee=None,
    due_on: datetime.date | None = None,
) -> Assessment:
    """Opens a state's assessment for a cycle, starting from its previous one.

    Side effects: one answer per question (carried over through the format mapping, each
    with its fingerprint), the previous priority recommendations copied, the letter to the
    State started from the standard letter in its language of correspondence, the assessment's
    counts and search document set, version 1 recorded; the assignee, if any, is notified.
    """
    _require_cted_writer(by)
    if fmt.status != FormatStatus.PUBLISHED:
        raise ValidationError(_("Assessments can only use a published format."))
    if Assessment.objects.filter(state=state, cycle=cycle).exists():
        raise ValidationError(
            _("{state} already has an assessment for {cycle}.").format(state=state, cycle=cycle)
        )
    previous = Assessment.objects.filter(state=state, cycle__lt=cycle).order_by("-cycle").first()
    assessment = Assessment.objects.create(
        state=state,
        format=fmt,
        cycle=cycle,
        assignee=assignee,
        due_on=due_on,
        previous=previous,
        letter=selectors.letter_from_template(state),
    )
    carried = selectors.carried_content(previous, fmt) if previous else {}
    questions = FormatQuestion.objects.filter(section__format=fmt)
    answers = []
    for q in questions:
        old = carried.get(q.code, {})
        finding, status, sources = (old.get(f, "") for f in ("finding", "status", "sources"))
        answers.append(
            Answer(
                assessment=assessment,
                question=q,
                finding=finding,
                status=status,
                sources=sources,
                fingerprint=diff.answer_fingerprint([(finding, status, sources)]),
            )
        )
    Answer.objects.bulk_create(answers)
    _figures_refresh(assessment)
    assessment.refresh_from_db(fields=["question_count", "answered_count"])
    if previous:
        Recommendation.objects.bulk_create(
            Recommendation(
                assessment=assessment,
                position=r.position,
                text=r.text,
                thematic_area=r.thematic_area,
            )
            for r in previous.recommendations.all()
        )
    summary = (
        _("Started from the {cycle} assessment").format(cycle=previous.cycle)
        if previous
        else _("Created")
    )
    content = selectors.assessment_content(assessment)
    _record_version(assessment, selectors.content_parts(content), by=by, summary=summary)
    _assignment_notify(assessment, event=f"assessments.assessment:{assessment.pk}", by=by)
    return assessment


def _record_version(
    assessment: Assessment, parts: dict, *, by, summary: str, co_author=None
) -> AssessmentVersion:
    """Records the next version from the parts this save changed; the rest is carried over."""
    return version_record(
        assessment.versions, parts=parts, by=by, summary=summary, co_author=co_author
    )


def _lock_for_edit(assessment: Assessment, by) -> Assessment:
    if not permissions.can_create(by):
        raise PermissionDenied
    locked = Assessment.objects.select_for_update().select_related("state").get(pk=assessment.pk)
    if not permissions.can_edit(by, locked):
        raise ValidationError(_("This assessment is no longer a draft; it cannot be edited."))
    return locked


@transaction.atomic
def answer_save(
    *, answer: Answer, finding: str, status: str, sources: str, revision: int, by
) -> Answer:
    """Saves one finding if nobody saved it since `revision`; else raises EditConflict.

    Side effects: the finding is sanitised, the answer's revision goes up and its
    fingerprint is recomputed, the assessment's answered count and search document follow,
    a version of the assessment is recorded (storing this answer only). An unchanged answer
    writes nothing.
    """
    assessment = _lock_for_edit(answer.assessment, by)
    saved, _version = _answer_write(
        assessment,
        answer,
        finding=finding,
        status=status,
        sources=sources,
        revision=revision,
        by=by,
    )
    return saved


def _answer_write(
    assessment: Assessment,
    answer: Answer,
    *,
    finding: str,
    status: str,
    sources: str,
    revision: int,
    by,
    co_author=None,
    summary: str = "",
) -> tuple[Answer, AssessmentVersion | None]:
    """answer_save's guarded write, on the assessment locked for editing by `by`; the
    version (None when nothing changed) credits `co_author` and says `summary` if given."""
    current = Answer.objects.select_for_update().select_related("question").get(pk=answer.pk)
    finding = richtext.clean(finding)
    if status and status not in AnswerStatus.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    if len(finding) > MAX_FINDING:
        raise ValidationError(
            {"finding": _("A finding can have at most {n} characters.").format(n=MAX_FINDING)}
        )
    if len(sources) > MAX_SOURCES:
        raise ValidationError(
            {"sources": _("Sources can have at most {n} characters.").format(n=MAX_SOURCES)}
        )
    sources = sources.strip()
    submitted = {"finding": finding, "status": status, "sources": sources}
    old_text = (current.finding, current.sources)
    fingerprint = diff.answer_fingerprint([(finding, status, sources)])
    changed = guarded_update(
        current,
        submitted,
        revision=revision,
        extra={"updated_by": by, "updated_at": timezone.now(), "fingerprint": fingerprint},
    )
    if not changed:
        return current, None
    assessment.save(update_fields=["updated_at"])
    _figures_refresh(assessment, text_changed=(finding, sources) != old_text)
    code = current.question.code
    version = _record_version(
        assessment,
        {selectors.ANSWER_PART + code: selectors.answer_content(current)},
        by=by,
        summary=summary or _("Finding {code}").format(code=code),
        co_author=co_author,
    )
    return current, version


@transaction.atomic
def note_save(*, assessment: Assessment, field: str, text: str, revision: int, by) -> Assessment:
    """Saves the cover note or the letter (field "cover_note" or "letter"), guarded like answers."""
    if field not in ("cover_note", "letter"):
        raise ValidationError(_("Unknown part of the assessment."))
    locked = _lock_for_edit(assessment, by)
    saved, _version = _note_write(locked, field, text=text, revision=revision, by=by)
    return saved


def _note_label(field: str) -> str:
    return _("Cover note") if field == "cover_note" else _("Letter to the State")


def _note_write(
    locked: Assessment,
    field: str,
    *,
    text: str,
    revision: int,
    by,
    co_author=None,
    summary: str = "",
) -> tuple[Assessment, AssessmentVersion | None]:
    """note_save's guarded write on the assessment locked for editing; like _answer_write."""
    text = richtext.clean(text)
    if len(text) > MAX_NOTE:
        raise ValidationError({field: _("At most {n} characters.").format(n=MAX_NOTE)})
    if not guarded_update(
        locked, {field: text}, revision=revision, revision_field=f"{field}_revision"
    ):
        return locked, None
    version = _record_version(
        locked, {field: text}, by=by, summary=summary or _note_label(field), co_author=co_author
    )
    return locked, version


def recommendation_to_need(*, recommendation: Recommendation, by):
    """Records a priority recommendation as a technical-assistance need through the hook the
    assistance app registers (ctc.registry); CTED experts and coordinators only. A second
    call finds the need already recorded.

    Side effects: those of the assistance app's maker."""
    if not permissions.can_create(by):
        raise PermissionDenied
    if site.need_from_pia_recommendation is None:
        raise ValidationError(_("Technical assistance is not available yet."))
    return site.need_from_pia_recommendation(recommendation, by)


@transaction.atomic
def recommendations_save(
    *, assessment: Assessment, items: list[tuple[str, ThematicArea]], revision: int, by
) -> Assessment:
    """Replaces the ordered priority recommendations, guarded like answers."""
    locked = _lock_for_edit(assessment, by)
    items = [(text.strip(), area) for text, area in items if text.strip()]
    if len(items) > MAX_RECOMMENDATIONS:
        raise ValidationError(
            _("At most {n} priority recommendations.").format(n=MAX_RECOMMENDATIONS)
        )
    if any(len(text) > MAX_RECOMMENDATION for text, _area in items):
        raise ValidationError(
            _("A recommendation can have at most {n} characters.").format(n=MAX_RECOMMENDATION)
        )
    check_revision(
        current=locked,
        revision_field="recommendations_revision",
        revision=revision,
        submitted={"recommendations": items},
    )
    existing = [(r.text, r.thematic_area_id) for r in locked.recommendations.all()]
    if existing == [(text, area.pk) for text, area in items]:
        return locked
    locked.recommendations.all().delete()
    Recommendation.objects.bulk_create(
        Recommendation(assessment=locked, position=i, text=text, thematic_area=area)
        for i, (text, area) in enumerate(items, start=1)
    )
    locked.recommendations_revision = revision + 1
    locked.save()
    recommendations = [selectors.recommendation_content(text, area) for text, area in items]
    _record_version(
        locked, {"recommendations": recommendations}, by=by, summary=_("Priority recommendations")
    )
    return locked


@transaction.atomic
def assessment_assign(*, assessment: Assessment, assignee, due_on, by) -> Assessment:
    """Coordinators assign the expert and the due date.

    Side effects: the change is recorded in the assessment's history (an "assign" entry);
    the new assignee is notified.
    """
    if not permissions.can_assign(by):
        raise PermissionDenied
    if assignee is not None and Role.CTED_EXPERT not in assignee.roles:
        raise ValidationError({"assignee": _("Only a CTED expert can be assigned.")})
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if (locked.assignee_id, locked.due_on) == (getattr(assignee, "pk", None), due_on):
        return locked
    locked.assignee = assignee
    locked.due_on = due_on
    locked.save(update_fields=["assignee", "due_on", "updated_at"])
    name = (assignee.get_full_name() or assignee.username) if assignee else _("nobody")
    due = due_on.isoformat() if due_on else _("no due date")
    record = Transition.objects.create(
        assessment=locked,
        action=TransitionAction.ASSIGN,
        from_status=locked.status,
        to_status=locked.status,
        comment=_("Assigned to {name}; {due}.").format(name=name, due=due),
        by=by,
    )
    _assignment_notify(locked, event=f"assessments.transition:{record.pk}", by=by)
    return locked


def _assignment_notify(assessment: Assessment, *, event: str, by) -> None:
    """Tells the assessment's assignee (if any, and not `by`) that the file is theirs."""
    if assessment.assignee is None:
        return
    due = assessment.due_on.isoformat() if assessment.due_on else ""
    notify(
        event=event,
        kind=notifications.ASSIGNED,
        recipients=selectors.notification_recipients(
            assessment=assessment, people=[assessment.assignee]
        ),
        params=notifications.assessment_params(assessment, by=by, due=due),
        url=reverse("assessments:detail", args=[assessment.pk]),
        actor=by,
    )


# --- Workflow --------------------------------------------------------------------------


def _transition(assessment: Assessment, action: str, *, by, comment: str) -> Assessment:
    """Side effects: the step is recorded as a milestone of the versions (_milestone_mark),
    and the people it brings the file to are notified (_transition_notify)."""
    if len(comment) > MAX_COMMENT:
        raise ValidationError({"comment": _("At most {n} characters.").format(n=MAX_COMMENT)})
    result = permissions.WORKFLOW.transition(assessment, action, by=by, comment=comment)
    _milestone_mark(result)
    _transition_notify(result, by=by)
    return result.subject


def _milestone_mark(result) -> None:
    """Points the step's record at the version current now (the assessment row is locked, so
    no save comes in between) and, for a sending to the subcommittee, at which one: the
    versions page names it ("Sent to subcommittee B") and compares with it."""
    latest = AssessmentVersion.objects.filter(assessment_id=result.subject.pk).order_by("-number")
    subcommittee = None
    if result.action == TransitionAction.SEND_TO_SUBCOMMITTEE:
        subcommittee = result.subject.state.subcommittee_id
    Transition.objects.filter(pk=result.record.pk).update(
        version=Subquery(latest.values("pk")[:1]), subcommittee=subcommittee
    )


def _transition_notify(result, *, by) -> None:
    """Tells the people a step brings the file to (notifications.TRANSITION_NOTICES), each
    only if the file is in their scope; never the person who took the step."""
    notice = notifications.TRANSITION_NOTICES.get(result.action)
    if notice is None:
        return
    assessment = result.subject
    extra = {}
    if result.action == TransitionAction.RETURN:
        extra["reason"] = result.record.comment
    if result.action == TransitionAction.SEND_TO_SUBCOMMITTEE:
        extra["subcommittee"] = assessment.state.subcommittee.code
    people = [assessment.assignee] if notice.assignee else []
    notify(
        event=f"assessments.transition:{result.record.pk}",
        kind=notice.kind,
        recipients=selectors.notification_recipients(
            assessment=assessment, roles=notice.roles, people=people
        ),
        params=notifications.assessment_params(assessment, by=by, **extra),
        url=reverse(notice.url_name, args=[assessment.pk] if notice.url_of_file else []),
        actor=by,
    )


@transaction.atomic
def assessment_submit(*, assessment: Assessment, by, comment: str = "") -> Assessment:
    """Draft → CTED review (experts). Refused until the human-rights section is complete.

    Side effects: the CTED coordinators are notified.
    """
    if not permissions.may_act(by, TransitionAction.SUBMIT):
        raise PermissionDenied
    missing = selectors.human_rights_missing(assessment)
    if assessment.status == AssessmentStatus.DRAFT and missing:
        raise ValidationError(
            _("Complete the human-rights section before submitting: {codes}.").format(
                codes=", ".join(missing)
            )
        )
    return _transition(assessment, TransitionAction.SUBMIT, by=by, comment=comment)


@transaction.atomic
def assessment_send_to_subcommittee(*, assessment: Assessment, by, comment: str = "") -> Assessment:
    """CTED review → with the subcommittee of the state (coordinators); its members are
    notified."""
    return _transition(assessment, TransitionAction.SEND_TO_SUBCOMMITTEE, by=by, comment=comment)


@transaction.atomic
def assessment_recommend(*, assessment: Assessment, by, comment: str = "") -> Assessment:
    """With the subcommittee → with the Committee (members of that subcommittee); Committee
    members and the Chair are notified."""
    return _transition(assessment, TransitionAction.RECOMMEND, by=by, comment=comment)


@transaction.atomic
def assessment_approve(*, assessment: Assessment, by, comment: str = "") -> Assessment:
    """With the Committee → approved (Committee members, the Chair); the assignee and the
    coordinators are notified."""
    return _transition(assessment, TransitionAction.APPROVE, by=by, comment=comment)


@transaction.atomic
def assessment_send_to_state(*, assessment: Assessment, by, comment: str = "") -> Assessment:
    """Approved → sent (the secretariat).

    Side effects: freezes an immutable snapshot of the latest version, with its checksum;
    after commit, a task files it in the document area as two PDFs distributed to the State
    (sent_snapshot_file), then e-mails the State's focal points (sent_snapshot_notify); the
    focal points are notified in the workspace at once (no second e-mail).
    """
    sent = _transition(assessment, TransitionAction.SEND_TO_STATE, by=by, comment=comment)
    version = sent.versions.order_by("-number").first()
    content = selectors.version_content(version)
    digest = selectors.content_digest(content)
    snapshot = SentSnapshot.objects.create(
        assessment=sent, version=version, content=content, sha256=digest, sent_by=by
    )
    enqueue(tasks.sent_snapshot_file_task, snapshot.pk)
    return sent


@transaction.atomic
def sent_snapshot_file(*, snapshot: SentSnapshot) -> int:
    """Files what was sent in the document area (ctc.registry.site.file_document): the
    assessment and the letter, each a document of its kind with its PDF, distributed to the
    State, whose source is the assessment (so the State's reply reaches
    assessment_reply_receive). The documents' ids are kept on the snapshot: a second run
    files nothing twice.

    Side effects: the document area's (receipts for the State); after commit, the State's
    focal points are e-mailed (sent_snapshot_notify_task). Returns how many were filed now.
    """
    locked = (
        SentSnapshot.objects.select_for_update()
        .select_related("assessment__state", "assessment__format", "sent_by")
        .get(pk=snapshot.pk)
    )
    assessment = locked.assessment
    filed = dict(locked.documents)
    for kind in (AssessmentDocument.PIA, AssessmentDocument.LETTER):
        if kind in filed:
            continue
        symbol = selectors.sent_document_symbol(assessment, kind)
        language, html = selectors.sent_document_html(snapshot=locked, kind=kind)
        filename = "{symbol}-{language}.pdf".format(
            symbol=symbol.replace("/", "-"), language=language
        )
        filing = DocumentFiling(
            kind=kind,
            symbol=symbol,
            titles=selectors.sent_document_titles(assessment, kind),
            files=(FiledFile(language, filename, pdf_from_html(html)),),
            classification=DOCUMENT_CLASSIFICATION,
            states=(assessment.state,),
            by=locked.sent_by,
            source=assessment,
            notify=False,  # the focal points get one message about the sent assessment
        )
        filed[kind] = site.file_document(filing)
    newly = len(filed) - len(locked.documents)
    if newly:
        locked.documents = filed
        locked.save(update_fields=["documents"])
    if locked.notified_at is None:
        enqueue(tasks.sent_snapshot_notify_task, locked.pk)
    return newly


@transaction.atomic
def sent_snapshot_notify(*, snapshot: SentSnapshot) -> int:
    """Tells the State's active focal points, each in their language, that an assessment
    was sent to their State, with the address of the assessment in their secure inbox.
    Idempotent: once done (notified_at), a second call sends nothing.

    Returns the number of e-mails sent.
    """
    locked = (
        SentSnapshot.objects.select_for_update()
        .select_related("assessment__state")
        .get(pk=snapshot.pk)
    )
    if locked.notified_at:
        return 0
    assessment = locked.assessment
    recipients = selectors.focal_point_list(state=assessment.state)
    document = locked.documents.get(AssessmentDocument.PIA)
    messages = []
    for person in recipients:
        with translation.override(person.preferred_language):
            if document:
                path = reverse("docs_secure:detail", kwargs={"pk": document})
            else:
                path = reverse("docs_secure:inbox")
            context = {"person": person, "assessment": assessment, "url": settings.SITE_URL + path}
            messages.append(
                EmailMessage(
                    subject=_("Preliminary Implementation Assessment {cycle}: {state}").format(
                        cycle=assessment.cycle, state=assessment.state.name
                    ),
                    body=render_to_string("assessments/email/sent.txt", context),
                    to=[person.email],
                )
            )
    if messages:
        get_connection().send_messages(messages)
    locked.notified_at = timezone.now()
    locked.save(update_fields=["notified_at"])
    return len(messages)


@transaction.atomic
def assessment_reply_receive(*, assessment: Assessment, by) -> Assessment:
    """Sent → state replied, when a focal point of the State files its reply to the sent
    assessment or letter in the document area (the reply handler registered in apps.py,
    called in that filing's transaction). Refused with a ValidationError, and so the reply
    with it, unless the assessment is awaiting the State's reply.

    Side effects: the step's notices (the coordinators and the assignee).
    """
    locked = Assessment.objects.select_for_update().select_related("state").get(pk=assessment.pk)
    if Role.FOCAL_POINT not in by.roles or by.member_state_id != locked.state_id:
        raise PermissionDenied
    if locked.status != AssessmentStatus.SENT:
        raise ValidationError(
            _(
                "The assessment {cycle} of {state} is not awaiting a reply: it is “{status}”."
            ).format(
                cycle=locked.cycle, state=locked.state.name, status=locked.get_status_display()
            )
        )
    return _transition(locked, TransitionAction.RECORD_REPLY, by=by, comment="")


@transaction.atomic
def assessment_record_reply(
    *, assessment: Assessment, by, upload, note: str = "", comment: str = ""
) -> StateReply:
    """Sent → state replied: stores the State's reply file with its checksum.

    Focal points of the state and CTED staff may record it. The assignee and the
    coordinators are notified.
    """
    if not permissions.may_act(by, TransitionAction.RECORD_REPLY):
        raise PermissionDenied
    if upload is None:
        raise ValidationError({"file": _("Attach the State's reply.")})
    taken = upload_take(upload, policy=REPLY_POLICY)
    replied = _transition(assessment, TransitionAction.RECORD_REPLY, by=by, comment=comment)
    reply = StateReply(assessment=replied, note=note.strip()[:MAX_COMMENT], uploaded_by=by)
    upload_attach(reply, taken)
    reply.save()
    return reply


@transaction.atomic
def assessment_close(*, assessment: Assessment, by, comment: str = "") -> Assessment:
    """State replied → closed (coordinators)."""
    return _transition(assessment, TransitionAction.CLOSE, by=by, comment=comment)


@transaction.atomic
def assessment_return(*, assessment: Assessment, by, comment: str) -> Assessment:
    """Any review step → draft, for revision; the reviewer must say why, and the assignee is
    notified with the reason."""
    if not comment or not comment.strip():
        raise ValidationError({"comment": _("Say why the assessment is returned for revision.")})
    return _transition(assessment, TransitionAction.RETURN, by=by, comment=comment)


TRANSITION_SERVICES = {
    TransitionAction.SUBMIT: assessment_submit,
    TransitionAction.SEND_TO_SUBCOMMITTEE: assessment_send_to_subcommittee,
    TransitionAction.RECOMMEND: assessment_recommend,
    TransitionAction.APPROVE: assessment_approve,
    TransitionAction.SEND_TO_STATE: assessment_send_to_state,
    TransitionAction.CLOSE: assessment_close,
    TransitionAction.RETURN: assessment_return,
}


def assessment_transition(
    *, assessment: Assessment, action: str, by, comment: str = "", upload=None, note: str = ""
):
    """Dispatches to the one service of the action (for views and the API)."""
    if action == TransitionAction.RECORD_REPLY:
        return assessment_record_reply(
            assessment=assessment, by=by, upload=upload, note=note, comment=comment
        )
    service = TRANSITION_SERVICES.get(action)
    if service is None:
        raise ValidationError({"action": _("Unknown action.")})
    return service(assessment=assessment, by=by, comment=comment)


# --- Comments --------------------------------------------------------------------------


@transaction.atomic
def comment_add(
    *,
    assessment: Assessment,
    body: str,
    visibility: str,
    by,
    question: FormatQuestion | None = None,
    section: FormatSection | None = None,
    parent: Comment | None = None,
) -> Comment:
    """Adds a comment on a question or a section, or a reply that inherits its thread's place.

    Side effects: the people it names as @username who may read it are notified.
    """
    allowed = permissions.comment_visibilities(by)
    if not allowed:
        raise PermissionDenied
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write a comment.")})
    if len(body) > MAX_COMMENT:
        raise ValidationError({"body": _("At most {n} characters.").format(n=MAX_COMMENT)})
    if parent is not None:
        # Threads are one level deep: a reply to a reply joins the thread of its parent.
        if parent.parent_id:
            parent = parent.parent
        if parent.assessment_id != assessment.pk or parent.visibility not in allowed:
            raise ValidationError(_("You cannot reply to this comment."))
        visibility, question, section = parent.visibility, parent.question, parent.section
    if visibility not in CommentVisibility.values or visibility not in allowed:
        raise ValidationError({"visibility": _("Choose who can read the comment.")})
    if question is None and section is None:
        raise ValidationError(_("Say which question or section the comment is about."))
    if question is not None and question.section.format_id != assessment.format_id:
        raise ValidationError(_("This question is not part of the assessment's format."))
    if section is not None and section.format_id != assessment.format_id:
        raise ValidationError(_("This section is not part of the assessment's format."))
    comment = Comment.objects.create(
        assessment=assessment,
        body=body,
        visibility=visibility,
        author=by,
        question=question,
        section=section,
        parent=parent,
    )
    _mentions_notify(comment, by=by)
    return comment


def _mentions_notify(comment: Comment, *, by) -> None:
    recipients = selectors.mention_recipients(comment=comment)
    if not recipients:
        return
    excerpt = comment.body
    if len(excerpt) > notifications.EXCERPT:
        excerpt = excerpt[: notifications.EXCERPT].rstrip() + "…"
    where = notifications.part_params(
        question_code=comment.question.code if comment.question else "",
        section_code=comment.section.code if comment.section else "",
    )
    notify(
        event=f"assessments.comment:{comment.pk}",
        kind=notifications.MENTIONED,
        recipients=recipients,
        params=notifications.assessment_params(comment.assessment, by=by, excerpt=excerpt, **where),
        url=reverse("assessments:detail", args=[comment.assessment_id]) + f"#c-{comment.pk}",
        actor=by,
    )


# --- Suggestions -----------------------------------------------------------------------


def _suggestion_base(locked: Assessment, part: str, answer: Answer | None) -> tuple[str, int]:
    """The text and revision of the part a suggestion is about, as saved now."""
    if part not in SuggestionPart.values:
        raise ValidationError({"part": _("Unknown part of the assessment.")})
    if part != SuggestionPart.ANSWER:
        if answer is not None:
            raise ValidationError({"part": _("Unknown part of the assessment.")})
        return getattr(locked, part), getattr(locked, f"{part}_revision")
    if answer is None or answer.assessment_id != locked.pk:
        raise ValidationError({"part": _("Say which finding the suggestion is about.")})
    current = Answer.objects.only("finding", "revision").get(pk=answer.pk)
    return current.finding, current.revision


@transaction.atomic
def suggestion_make(
    *,
    assessment: Assessment,
    part: str,
    answer: Answer | None = None,
    proposed_text: str,
    note: str = "",
    by,
    revision: int | None = None,
) -> Suggestion:
    """A reviewer proposes new wording for a finding, the cover note or the letter.

    The text is sanitised like an edit; the suggestion keeps the text and revision it was
    made on. With `revision` (what the reviewer's page showed), a text saved since then
    refuses the suggestion, so it never undoes a change its author did not see.

    Side effects: one open suggestion; the text itself does not change; the assigned expert
    (or, for an unassigned file, the CTED coordinators) is notified.
    """
    if not permissions.may_suggest(by):
        raise PermissionDenied
    locked = (
        permissions.scope(Assessment.objects.filter(pk=assessment.pk), by)
        .select_for_update(of=("self",))
        .first()
    )
    if locked is None:
        raise PermissionDenied
    if not permissions.can_suggest(by, locked):
        raise ValidationError(
            _("Wording can be suggested while the assessment is a draft or in review.")
        )
    base_text, base_revision = _suggestion_base(locked, part, answer)
    suggestion_base_check(revision=revision, base_revision=base_revision)
    limit = MAX_FINDING if part == SuggestionPart.ANSWER else MAX_NOTE
    proposed = suggestion_text_clean(proposed_text, base_text=base_text, limit=limit)
    note = suggestion_note_clean(note, limit=MAX_COMMENT)
    suggestion = Suggestion.objects.create(
        assessment=locked,
        part=part,
        answer=answer if part == SuggestionPart.ANSWER else None,
        base_text=base_text,
        base_revision=base_revision,
        proposed_text=proposed,
        note=note,
        author=by,
    )
    _suggestion_notify(suggestion, by=by)
    return suggestion


def _lock_open_suggestion(suggestion: Suggestion, by) -> tuple[Assessment, Suggestion]:
    """The file locked for editing by `by` (who decides), and the suggestion, still open."""
    assessment = _lock_for_edit(suggestion.assessment, by)
    current = (
        Suggestion.objects.select_for_update(of=("self",))
        .select_related("author", "answer__question")
        .get(pk=suggestion.pk, assessment=assessment)
    )
    suggestion_open_check(current)
    return assessment, current


def _person(user) -> str:
    return user.get_full_name() or user.get_username()


@transaction.atomic
def suggestion_accept(*, suggestion: Suggestion, by) -> Suggestion:
    """The expert takes a suggestion: its text is saved as an edit of the part would be.

    Refused, writing nothing, unless `by` may edit the file now and the part still holds
    the text the suggestion was made on (a stale suggestion: the expert copies what they
    want into the editor instead).

    Side effects: the finding or note is saved through the same revision guard as an edit
    (answer's fingerprint, counts and search document follow), a version is recorded by
    `by` with the suggestion's author as co-author and a summary naming both; the
    suggestion is marked accepted, by whom, when, with that version; its author is notified.
    """
    assessment, current = _lock_open_suggestion(suggestion, by)
    author, who = _person(current.author), _person(by)
    if current.part == SuggestionPart.ANSWER:
        answer = Answer.objects.select_related("question").get(pk=current.answer_id)
        text, revision = answer.finding, answer.revision
        part = _("Finding {code}").format(code=answer.question.code)
    else:
        text = getattr(assessment, current.part)
        revision = getattr(assessment, f"{current.part}_revision")
        part = _note_label(current.part)
    suggestion_fresh_check(current, text)
    summary = _("{part}: suggestion by {author} accepted by {name}").format(
        part=part, author=author, name=who
    )
    write = {"revision": revision, "by": by, "co_author": current.author, "summary": summary}
    if current.part == SuggestionPart.ANSWER:
        _saved, version = _answer_write(
            assessment,
            answer,
            finding=current.proposed_text,
            status=answer.status,
            sources=answer.sources,
            **write,
        )
    else:
        _saved, version = _note_write(assessment, current.part, text=current.proposed_text, **write)
    decided = suggestion_decide(current, SuggestionStatus.ACCEPTED, by, version=version)
    _suggestion_notify(decided, by=by)
    return decided


@transaction.atomic
def suggestion_reject(*, suggestion: Suggestion, reason: str, by) -> Suggestion:
    """The expert declines a suggestion and says why; the text does not change.

    Side effects: the suggestion is marked rejected, by whom, when, with the reason.
    """
    _assessment, current = _lock_open_suggestion(suggestion, by)
    reason = suggestion_reason_clean(reason, limit=MAX_COMMENT)
    decided = suggestion_decide(current, SuggestionStatus.REJECTED, by, reason=reason)
    _suggestion_notify(decided, by=by)
    return decided


def _suggestion_notify(suggestion: Suggestion, *, by) -> None:
    """An open suggestion is told to the expert who decides (the coordinators while nobody is
    assigned), within their scope; a decided one to its author, with the reason of a
    rejection."""
    assessment = suggestion.assessment
    if suggestion.part == SuggestionPart.ANSWER:
        where = notifications.part_params(question_code=suggestion.answer.question.code)
    else:
        where = notifications.part_params(part=suggestion.part)
    url = reverse("assessments:detail", args=[assessment.pk])
    if suggestion.status == SuggestionStatus.OPEN:
        event = f"assessments.suggestion:{suggestion.pk}"
        kind, extra = notifications.SUGGESTION_MADE, {}
        people, roles = [assessment.assignee], []
        if not assessment.assignee_id:
            people, roles = [], [Role.CTED_COORDINATOR]
        recipients = selectors.notification_recipients(
            assessment=assessment, people=people, roles=roles
        )
    else:
        event = f"assessments.suggestion:{suggestion.pk}:answered"
        kind = notifications.SUGGESTION_ANSWERED
        accepted = suggestion.status == SuggestionStatus.ACCEPTED
        extra = {"accepted": accepted, "reason": suggestion.reason}
        # The author hears the outcome of their own suggestion even while the file is out of
        # their scope (a subcommittee member's suggestion is decided on the returned draft);
        # the link then leads to their notifications, not to a page they may not open.
        recipients = [suggestion.author]
        if not selectors.assessment_visible(user=suggestion.author, pk=assessment.pk):
            url = reverse("notifications:list")
    notify(
        event=event,
        kind=kind,
        recipients=recipients,
        params=notifications.assessment_params(assessment, by=by, **where, **extra),
        url=url,
        actor=by,
    )
