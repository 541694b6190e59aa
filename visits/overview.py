"""What visits add to a State's timeline (visits and their steps; follow-up actions) and to
the Committee dashboard (visits against the yearly target; overdue follow-up). Reads only,
through permissions' scopes: a reader sees here exactly what the visit pages show them."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ctc.charts import bar_chart
from ctc.registry import TimelineEntry

from . import permissions, selectors
from .enums import FollowUpStatus, Gate, VisitAction, VisitStatus
from .follow_up_selectors import hq_today, overdue_q
from .models import FollowUpAction, Visit, VisitTransition

OVERDUE_SHOWN = 10


def visit_entries(state, user) -> list[TimelineEntry]:
    """Each visible visit of the State on its first day, and its plan, consent and report
    steps (the report's only where the reader may read the report): two queries."""
    visits = list(
        permissions.scope(Visit.objects.filter(state=state), user).order_by("-starts_on", "-pk")
    )
    if not visits:
        return []
    by_pk = {visit.pk: visit for visit in visits}
    readable = {pk for pk, visit in by_pk.items() if permissions.report_readable(user, visit)}
    steps = VisitTransition.objects.filter(visit_id__in=by_pk).order_by("-at", "-pk")
    actions, statuses = dict(VisitAction.choices), dict(VisitStatus.choices)
    entries = []
    for step in steps:
        if step.gate == Gate.REPORT and step.visit_id not in readable:
            continue
        visit = by_pk[step.visit_id]
        entries.append(
            TimelineEntry(
                date=step.dated or timezone.localdate(step.at),
                at=None if step.dated else step.at,
                kind="visits",
                title=_("Visit {reference}: {action}").format(
                    reference=visit.reference, action=actions.get(step.action, step.action)
                ),
                url=reverse("visits:detail", kwargs={"pk": visit.pk}),
                detail=step.reference,
            )
        )
    for visit in visits:
        entries.append(
            TimelineEntry(
                date=visit.starts_on,
                kind="visits",
                title=_("Visit {reference} ({first} to {last})").format(
                    reference=visit.reference,
                    first=date_format(visit.starts_on, "DATE_FORMAT"),
                    last=date_format(visit.ends_on, "DATE_FORMAT"),
                ),
                url=reverse("visits:detail", kwargs={"pk": visit.pk}),
                detail=statuses.get(visit.status, ""),
            )
        )
    return entries


def follow_up_entries(state, user) -> list[TimelineEntry]:
    """Each visible follow-up action of the State's visits on its due date, overdue ones
    marked: one query."""
    today = hq_today()
    actions = (
        permissions.follow_up_scope(FollowUpAction.objects.filter(visit__state=state), user)
        .select_related("visit")
        .order_by("-due_on", "-pk")
    )
    statuses = dict(FollowUpStatus.choices)
    entries = []
    for action in actions:
        status = statuses.get(action.status, "")
        if action.status in (FollowUpStatus.OPEN, FollowUpStatus.IN_PROGRESS) and (
            action.due_on < today
        ):
            status = _("{status}, overdue").format(status=status)
        entries.append(
            TimelineEntry(
                date=action.due_on,
                kind="follow-up",
                title=_("Follow-up due: {action}").format(action=action.description[:120]),
                url=reverse("visits:detail", kwargs={"pk": action.visit_id}),
                detail=status,
            )
        )
    return entries


def programme_panel(user) -> dict | None:
    """The visits of the programme's years against the yearly target: one query."""
    if not permissions.workspace_is_possible(user):
        return None
    first, last = settings.VISITS_PROGRAMME_YEARS[0], settings.VISITS_PROGRAMME_YEARS[-1]
    target = settings.VISITS_TARGET_PER_YEAR
    years = selectors.programme_list(user=user, years=range(first, last + 1), target=target)
    chart = bar_chart(
        title=_("Visits against the target of {target} a year").format(target=target),
        series=[_("Carried out"), _("Approved, not yet carried out"), _("Missing to the target")],
        rows=[(str(y.year), [y.done, y.approved - y.done, y.gap]) for y in years],
    )
    return {"years": years, "target": target, "chart": chart}


def overdue_panel(user) -> dict | None:
    """Overdue follow-up actions the user may see: how many, and the first few, most
    overdue first: two queries."""
    if not permissions.workspace_is_possible(user):
        return None
    overdue = permissions.follow_up_scope(FollowUpAction.objects.all(), user).filter(
        overdue_q(hq_today())
    )
    shown = list(overdue.select_related("visit__state").order_by("due_on", "pk")[:OVERDUE_SHOWN])
    return {"count": overdue.count(), "actions": shown, "today": hq_today()}
