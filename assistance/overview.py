"""What technical assistance adds to a State's timeline (its needs, the matches proposed for
them and their steps) and to the Committee dashboard (open needs without a match, by region
and priority). Reads only, through permissions' scopes."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ctc.charts import bar_chart
from ctc.registry import TimelineEntry
from ctc.states.models import Region

from . import permissions
from .enums import MatchAction, MatchStatus, NeedStatus, Priority
from .models import Match, MatchTransition, Need


def timeline_entries(state, user) -> list[TimelineEntry]:
    """The State's visible needs when recorded, the matches proposed for them and each
    match's steps: three queries."""
    needs = (
        permissions.need_scope(Need.objects.filter(state=state), user)
        .select_related("thematic_area")
        .order_by("-created_at", "-pk")
    )
    statuses = dict(NeedStatus.choices)
    entries = [
        TimelineEntry(
            date=timezone.localdate(need.created_at),
            at=need.created_at,
            kind="assistance",
            title=_("Assistance need recorded: {area}").format(area=need.thematic_area.name),
            url=reverse("assistance:need_detail", kwargs={"pk": need.pk}),
            detail=statuses.get(need.status, ""),
        )
        for need in needs
    ]
    matches = (
        permissions.match_scope(Match.objects.filter(need__state=state), user)
        .filter(need__in=permissions.need_scope(Need.objects.all(), user))
        .select_related("offer", "need__thematic_area")
        .order_by("-proposed_at", "-pk")
    )
    by_pk = {}
    for match in matches:
        by_pk[match.pk] = match
        entries.append(
            TimelineEntry(
                date=timezone.localdate(match.proposed_at),
                at=match.proposed_at,
                kind="assistance",
                title=_("Match proposed: {programme}").format(programme=match.offer.title),
                url=reverse("assistance_matches:detail", kwargs={"pk": match.pk}),
                detail=match.need.thematic_area.name,
            )
        )
    if not by_pk:
        return entries
    actions, match_statuses = dict(MatchAction.choices), dict(MatchStatus.choices)
    for step in MatchTransition.objects.filter(match_id__in=by_pk).order_by("-at", "-pk"):
        match = by_pk[step.match_id]
        entries.append(
            TimelineEntry(
                date=timezone.localdate(step.at),
                at=step.at,
                kind="assistance",
                title=_("Match with {programme}: {action}").format(
                    programme=match.offer.title, action=actions.get(step.action, step.action)
                ),
                url=reverse("assistance_matches:detail", kwargs={"pk": match.pk}),
                detail=match_statuses.get(step.to_status, ""),
            )
        )
    return entries


def unmatched_panel(user) -> dict | None:
    """Open needs the user may see that no match (other than a declined one) answers, by the
    State's region and the need's priority: two queries."""
    if not permissions.workspace_is_possible(user):
        return None
    answered = Match.objects.filter(need=OuterRef("pk")).exclude(status=MatchStatus.DECLINED)
    needs = (
        permissions.need_scope(Need.objects.filter(status=NeedStatus.OPEN), user)
        .filter(~Exists(answered))
        .order_by()
        .values_list("state__region_id", "priority")
    )
    figures: dict[tuple, int] = {}
    for region_id, priority in needs:
        figures[region_id, priority] = figures.get((region_id, priority), 0) + 1
    priorities = list(Priority)
    rows = [
        (region.name, [figures.get((region.pk, p), 0) for p in priorities])
        for region in Region.objects.order_by("position", "code")
    ]
    return {
        "priorities": [p.label for p in priorities],
        "rows": [(name, values, sum(values)) for name, values in rows],
        "total": sum(figures.values()),
        "chart": bar_chart(
            title=_("Open needs without a match"),
            series=[str(p.label) for p in priorities],
            rows=rows,
        ),
    }
