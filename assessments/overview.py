"""What assessments add to a State's timeline (each file and its transitions) and to the
Committee dashboard (files by stage and subcommittee). Reads only, through permissions.scope:
a reader sees on the timeline exactly the files the assessment list shows them."""

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ctc.charts import bar_chart
from ctc.registry import TimelineEntry
from ctc.states.models import Subcommittee

from . import permissions
from .enums import AssessmentStatus, TransitionAction
from .models import Assessment, Transition


def timeline_entries(state, user) -> list[TimelineEntry]:
    """Each visible assessment of the State when it was started, and each of its workflow
    steps: two queries."""
    files = list(
        permissions.scope(Assessment.objects.filter(state=state), user).order_by("-created_at")
    )
    if not files:
        return []
    by_pk = {assessment.pk: assessment for assessment in files}
    steps = (
        Transition.objects.filter(assessment_id__in=by_pk)
        .exclude(action=TransitionAction.ASSIGN)
        .order_by("-at", "-pk")
    )
    actions, statuses = dict(TransitionAction.choices), dict(AssessmentStatus.choices)
    entries = []
    for step in steps:
        assessment = by_pk[step.assessment_id]
        entries.append(
            TimelineEntry(
                date=timezone.localdate(step.at),
                at=step.at,
                kind="assessments",
                title=_("Assessment {cycle}: {action}").format(
                    cycle=assessment.cycle, action=actions.get(step.action, step.action)
                ),
                url=reverse("assessments:detail", kwargs={"pk": assessment.pk}),
                detail=_("Now: {status}").format(status=statuses.get(step.to_status, "")),
            )
        )
    for assessment in files:
        entries.append(
            TimelineEntry(
                date=timezone.localdate(assessment.created_at),
                at=assessment.created_at,
                kind="assessments",
                title=_("Assessment {cycle} started").format(cycle=assessment.cycle),
                url=reverse("assessments:detail", kwargs={"pk": assessment.pk}),
            )
        )
    return entries


def dashboard_panel(user) -> dict | None:
    """The visible files by stage (rows) and subcommittee (series): two queries."""
    if not permissions.scope_is_possible(user):
        return None
    counts = (
        permissions.scope(Assessment.objects.all(), user)
        .order_by()
        .values_list("status", "state__subcommittee_id")
        .annotate(n=Count("pk"))
    )
    figures = {(status, sub): n for status, sub, n in counts}
    subcommittees = list(Subcommittee.objects.order_by("code"))
    rows = [
        (label, [figures.get((status, sub.pk), 0) for sub in subcommittees])
        for status, label in AssessmentStatus.choices
    ]
    return {
        "subcommittees": subcommittees,
        "rows": [(label, values, sum(values)) for label, values in rows],
        "total": sum(figures.values()),
        "chart": bar_chart(
            title=_("Assessments by stage and subcommittee"),
            series=[sub.name for sub in subcommittees],
            rows=[(str(label), values) for label, values in rows],
        ),
    }
