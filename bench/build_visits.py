"""The bench's visits, built through the visits services the way people build them.

On top of the assessments (bench/build.py): VISITS_PER_ASSESSMENT visits of the 2012–2013
programme across the States, many joint with partner bodies, each walked through the plan's
and the consent's steps to where it stands (cancelled ones with their reason); the visits
carried out get a report (sections saved, recommendations written, then reviewed up to
where it stands) and follow-up actions owned by CTED, the State or a partner, moved on by
their owners. One State (BUSY) has many visits, many recommendations and many actions still
open; one of its visits has MANY_RECOMMENDATIONS. Only the dates are moved back afterwards
with .update(), into the days of each visit. States are built in parallel processes (each
State's visits in one, so no two processes wait on the same State's row). Seeded: the same
numbers give the same data.

Imported after django.setup().
"""

import datetime
import multiprocessing
import random
import time

from django.db import connections, transaction

from ctc.accounts.models import User
from ctc.organisations.enums import OrganisationKind
from ctc.states.models import MemberState
from ctc.themes.models import ThematicArea
from visits import follow_up_services, report_services, selectors, services
from visits.enums import (
    FollowUpStatus,
    OwnerKind,
    Priority,
    ReportSectionKey,
    ReportStatus,
    VisitStatus,
)
from visits.models import (
    FollowUpAction,
    FollowUpTransition,
    Recommendation,
    Visit,
    VisitTransition,
)

from . import text

VISITS_PER_ASSESSMENT = 0.2  # 400 visits for 2,000 assessments
YEARS = (2012, 2013)
BUSY = "KEN"  # has a focal point (focal_ken), who answers for the State's actions
BUSY_SHARE = 0.04  # of the visits
MANY_RECOMMENDATIONS = 60
V, R, F_ = VisitStatus, ReportStatus, FollowUpStatus
# Where a visit of 2012–2013 stands now.
STAGES = [
    (V.DONE, 0.62),
    (V.CONFIRMED, 0.05),
    (V.APPROVED, 0.07),
    (V.AWAITING_APPROVAL, 0.07),
    (V.PROPOSED, 0.07),
    (V.CANCELLED, 0.12),
]
# Where the report of a visit carried out stands.
REPORT_STAGES = [
    (R.TRANSMITTED, 0.40),
    (R.APPROVED, 0.15),
    (R.WITH_COMMITTEE, 0.10),
    (R.CTED_REVIEW, 0.10),
    (R.DRAFT, 0.20),
    (R.NOT_STARTED, 0.05),
]
# Where a follow-up action stands, by the stage of its report; the busy State's actions are
# mostly still open.
ACTION_STAGES = {
    R.TRANSMITTED: [(F_.DONE, 0.40), (F_.DROPPED, 0.08), (F_.IN_PROGRESS, 0.20), (F_.OPEN, 0.32)],
    R.APPROVED: [(F_.DONE, 0.10), (F_.IN_PROGRESS, 0.30), (F_.OPEN, 0.60)],
    "busy": [(F_.DONE, 0.12), (F_.DROPPED, 0.03), (F_.IN_PROGRESS, 0.35), (F_.OPEN, 0.50)],
}
REPORT_STEPS = {
    R.CTED_REVIEW: "submit",
    R.WITH_COMMITTEE: "to_committee",
    R.APPROVED: "approve",
    R.TRANSMITTED: "transmit",
}
PARTNER_KINDS = (OrganisationKind.PARTNER_BODY, OrganisationKind.REGIONAL)


def visit_count(size: int) -> int:
    """The visits that go with `size` assessments."""
    return max(1, round(size * VISITS_PER_ASSESSMENT))


def plan(count: int) -> list[tuple[str, list[int]]]:
    """(state, visit numbers) for `count` visits: BUSY_SHARE of them to the busy State, the
    others to States drawn at random (a few twice or more)."""
    busy = max(1, round(count * BUSY_SHARE))
    states = list(
        MemberState.objects.exclude(iso3=BUSY).order_by("iso3").values_list("iso3", flat=True)
    )
    rng = random.Random(f"bench-visits:{count}")
    chains = {BUSY: list(range(busy))}
    for number in range(busy, count):
        chains.setdefault(rng.choice(states), []).append(number)
    return sorted(chains.items(), key=lambda c: -len(c[1]))


def build(count: int, jobs: int, log=print) -> int:
    """Builds `count` visits in `jobs` processes, the busy State first. Returns how many."""
    chains = plan(count)
    total = sum(len(numbers) for _iso3, numbers in chains)
    connections.close_all()  # each forked process opens its own connection
    started = time.monotonic()
    done, shown = 0, 0
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs, initializer=connections.close_all) as pool:
        for count in pool.imap_unordered(_build_state, chains):
            done += count
            if done * 10 // total > shown or done == total:
                shown = done * 10 // total
                log(f"  {done}/{total} visits after {time.monotonic() - started:.0f}s")
    return total


class People:
    """The demo accounts who plan, write, decide and answer (ctc.accounts.demo)."""

    def __init__(self):
        users = {u.username: u for u in User.objects.filter(email__endswith="@demo.ctc.invalid")}
        self.experts = [users["expert"], users["expert2"]]
        self.coordinator = users["coordinator"]
        self.committee = [users["chair"], users["committee"]]
        self.users = users

    def focal_point(self, state):
        return self.users.get(f"focal_{state.iso3.lower()}")

    def analyst(self, organisation):
        return self.users.get("partner_" + organisation.code.replace("-", "_"))


def _pick(rng, weighted):
    point, total = rng.random(), 0.0
    for value, weight in weighted:
        total += weight
        if point < total:
            return value
    return weighted[-1][0]


def _build_state(chain: tuple[str, list[int]]) -> int:
    iso3, numbers = chain
    rng = random.Random(f"bench-visits:{iso3}")
    people = People()
    state = MemberState.objects.get(iso3=iso3)
    areas = list(ThematicArea.objects.order_by("code"))
    partners = list(
        selectors.partner_candidate_list().filter(kind__in=PARTNER_KINDS).order_by("code")
    )
    busy = iso3 == BUSY
    for index, number in enumerate(numbers):
        starts_on = datetime.date(YEARS[0], 1, 9) + datetime.timedelta(
            days=rng.randrange(365 * len(YEARS) - 20)
        )
        # The busy State's visits were carried out, and its first one has the longest list.
        stage = V.DONE if busy else _pick(rng, STAGES)
        joint = rng.sample(partners, k=rng.randint(1, 2)) if rng.random() < 0.4 else []
        visit = services.visit_create(
            state=state,
            purpose=f"Assess the implementation of resolutions 1373 (2001) and 1624 (2005) by "
            f"{state.name_en} ({number + 1}).",
            objectives=text.comment(rng),
            human_rights=text.comment(rng),
            starts_on=starts_on,
            ends_on=starts_on + datetime.timedelta(days=rng.randint(2, 4)),
            experts=rng.sample(people.experts, k=rng.randint(1, 2)),
            partners=joint,
            by=people.coordinator,
        )
        visit = _plan(visit, stage, rng, people)
        if visit.status == V.DONE:
            report_stage = R.TRANSMITTED if busy else _pick(rng, REPORT_STAGES)
            many = MANY_RECOMMENDATIONS if busy and index == 0 else None
            _report(visit, report_stage, rng, people, areas, many=many, busy=busy)
        _backdate(visit.pk)
    return len(numbers)


def _plan(visit, stage, rng, people):
    """Walks the plan and the consent to `stage`; a cancelled visit stops at a random gate."""
    coordinator = people.coordinator
    asked = visit.starts_on - datetime.timedelta(days=rng.randint(70, 110))
    cancel_at = _pick(rng, [(V.PROPOSED, 0.3), (V.AWAITING_APPROVAL, 0.3), (V.APPROVED, 0.4)])
    target = cancel_at if stage == V.CANCELLED else stage
    if target == V.PROPOSED:
        if rng.random() < 0.5:
            _request(visit, asked, coordinator)
        return _cancel(visit, coordinator) if stage == V.CANCELLED else visit
    visit = services.visit_submit(visit=visit, by=coordinator)
    visit = _request(visit, asked, coordinator)
    if target == V.AWAITING_APPROVAL:
        return _cancel(visit, coordinator) if stage == V.CANCELLED else visit
    approved = asked + datetime.timedelta(days=rng.randint(7, 20))
    visit = services.visit_approve(
        visit=visit,
        dated=approved,
        reference=f"CTC/{approved.year}/{visit.pk}",
        by=rng.choice(people.committee),
    )
    answered = asked + datetime.timedelta(days=rng.randint(15, 30))
    nv = f"NV/{visit.state.iso3}/{answered:%y}/{visit.pk}"
    if stage == V.CANCELLED:
        visit = services.visit_consent_decline(
            visit=visit, dated=answered, reference=nv, by=rng.choice(people.experts)
        )
        return _cancel(visit, coordinator)
    if target == V.APPROVED and rng.random() < 0.5:
        return visit  # the State has not answered yet
    visit = services.visit_consent_record(
        visit=visit,
        dated=answered,
        reference=nv,
        by=people.focal_point(visit.state) or rng.choice(people.experts),
    )
    if target == V.APPROVED:
        return visit
    visit = services.visit_confirm(visit=visit, by=coordinator)
    if target == V.CONFIRMED:
        return visit
    return services.visit_mark_done(visit=visit, by=rng.choice(people.experts))


def _request(visit, asked, coordinator):
    return services.visit_consent_request(
        visit=visit,
        dated=asked,
        reference=f"NV/CTED/{asked:%y}/{visit.pk}",
        by=coordinator,
    )


def _cancel(visit, coordinator):
    return services.visit_cancel(
        visit=visit, by=coordinator, comment="The State asked to postpone the visit."
    )


def _report(visit, stage, rng, people, areas, *, many, busy):
    """The report written and reviewed up to `stage`, its recommendations written while it
    was a draft, and follow-up actions once it went to the Committee."""
    if stage == R.NOT_STARTED:
        return
    writer = visit.experts.order_by("pk").first() or visit.coordinator
    visit = report_services.report_start(visit=visit, by=writer)
    for section in visit.report_sections.order_by("pk"):
        paragraphs = rng.randint(2, 5) if section.key != ReportSectionKey.SUMMARY else 1
        report_services.report_section_save(
            section=section,
            text="".join(text.paragraph(rng) for _ in range(paragraphs)),
            revision=section.revision,
            by=writer,
        )
    count = many or (rng.randint(12, 30) if busy else rng.randint(4, 10))
    recommendations = [
        follow_up_services.recommendation_add(
            visit=visit,
            text=text.recommendation(rng),
            thematic_area=rng.choice(areas),
            priority=rng.choice(Priority.values),
            by=writer,
        )
        for _ in range(count)
    ]
    actions = []
    if stage in (R.WITH_COMMITTEE, R.APPROVED, R.TRANSMITTED):
        partners = list(visit.partners.order_by("pk"))
        for recommendation in recommendations:
            for _ in range(rng.randint(1, 3 if busy else 2)):
                actions.append(_action(visit, recommendation, rng, people, partners))
    for reached in (R.CTED_REVIEW, R.WITH_COMMITTEE, R.APPROVED, R.TRANSMITTED):
        visit.refresh_from_db()
        step = REPORT_STEPS[reached]
        by = {
            "submit": writer,
            "to_committee": people.coordinator,
            "approve": rng.choice(people.committee),
            "transmit": people.coordinator,
        }[step]
        getattr(report_services, f"report_{step}")(visit=visit, by=by)
        if reached == stage:
            break
    if stage in ACTION_STAGES or busy:
        weights = ACTION_STAGES["busy" if busy else stage]
        for action in actions:
            _follow_up(action, _pick(rng, weights), rng, people)


def _action(visit, recommendation, rng, people, partners):
    kinds = [OwnerKind.CTED, OwnerKind.STATE] + ([OwnerKind.PARTNER] if partners else [])
    kind = rng.choice(kinds)
    return follow_up_services.follow_up_create(
        recommendation=recommendation,
        description=text.comment(rng),
        owner_kind=kind,
        owner_user=rng.choice(people.experts) if kind == OwnerKind.CTED else None,
        owner_organisation=rng.choice(partners) if kind == OwnerKind.PARTNER else None,
        due_on=visit.ends_on + datetime.timedelta(days=rng.randint(90, 540)),
        by=visit.coordinator,
    )


def _owner(action, rng, people):
    """Who moves the action on: its owner's people where the demo has them, else CTED."""
    if action.owner_kind == OwnerKind.STATE:
        return people.focal_point(action.visit.state) or rng.choice(people.experts)
    if action.owner_kind == OwnerKind.PARTNER:
        return people.analyst(action.owner_organisation) or rng.choice(people.experts)
    return action.owner_user


def _follow_up(action, target, rng, people):
    if target == F_.OPEN:
        return
    by = _owner(action, rng, people)
    if target == F_.DROPPED:
        follow_up_services.follow_up_drop(
            action=action,
            reason="Overtaken by the new legislation.",
            by=rng.choice(people.experts),
        )
        return
    if target == F_.IN_PROGRESS or rng.random() < 0.7:
        action = follow_up_services.follow_up_start(action=action, by=by)
    if target == F_.DONE:
        follow_up_services.follow_up_complete(action=action, by=by)


def _backdate(pk: int) -> None:
    """Moves a visit's history into its days: the plan's and consent's steps before the
    visit, the report's and the follow-up's after it. Only dates change."""
    visit = Visit.objects.get(pk=pk)
    start = datetime.datetime.combine(visit.starts_on, datetime.time(9), tzinfo=datetime.UTC)
    end = datetime.datetime.combine(visit.ends_on, datetime.time(17), tzinfo=datetime.UTC)
    day = datetime.timedelta(days=1)
    with transaction.atomic():
        before = start - 120 * day
        after = end + 20 * day
        last = {}
        for t in VisitTransition.objects.filter(visit=visit).order_by("at", "pk"):
            if t.gate == "report":
                after += 15 * day
                moment = after
            else:
                before += 9 * day
                moment = min(before, start + 4 * day)
            VisitTransition.objects.filter(pk=t.pk).update(at=moment)
            last[t.gate] = moment
        Visit.objects.filter(pk=pk).update(
            created_at=start - 125 * day,
            updated_at=max([start - 125 * day, *last.values()]),
            status_changed_at=last.get("plan", start - 125 * day),
            consent_changed_at=last.get("consent"),
            report_status_changed_at=(
                last.get("report", end + 10 * day) if visit.report_status != R.NOT_STARTED else None
            ),
        )
        Recommendation.objects.filter(visit=visit).update(created_at=end + 10 * day)
        actions = FollowUpAction.objects.filter(visit=visit)
        actions.update(created_at=end + 40 * day, status_changed_at=end + 40 * day)
        moments = {}
        steps = FollowUpTransition.objects.filter(follow_up__visit=visit).order_by("at", "pk")
        for t in steps.select_related("follow_up"):
            moment = moments.get(t.follow_up_id, end + 40 * day) + 30 * day
            FollowUpTransition.objects.filter(pk=t.pk).update(at=moment)
            moments[t.follow_up_id] = moment
        for action_pk, moment in moments.items():
            FollowUpAction.objects.filter(pk=action_pk).update(status_changed_at=moment)
