"""Demo visits of the 2012–2013 programme, one at each stage of the plan and its consent,
walked through the services so every step has its record. Idempotent."""

import datetime

from django.db import transaction

from ctc.accounts.models import User
from ctc.organisations.models import Organisation
from ctc.states.models import MemberState

from . import services
from .models import CalendarFeed, Visit

D = datetime.date
# ISO3, first day, last day, the stage it is brought to, joined by the Monitoring Team.
PLAN = [
    ("KEN", D(2012, 5, 14), D(2012, 5, 18), "done", True),
    ("MAR", D(2012, 9, 10), D(2012, 9, 14), "confirmed", False),
    ("PAK", D(2013, 2, 4), D(2013, 2, 8), "approved", True),
    ("PER", D(2013, 4, 8), D(2013, 4, 11), "awaiting_approval", False),
    ("GHA", D(2013, 6, 3), D(2013, 6, 7), "proposed", False),
]


def _user(username):
    return User.objects.filter(username=username).first()


@transaction.atomic
def demo_visits_seed() -> int:
    """Returns how many visits were made now (0 when the demo already has them)."""
    coordinator, expert, chair = _user("coordinator"), _user("expert"), _user("chair")
    if coordinator is None or expert is None or chair is None or Visit.objects.exists():
        return 0
    monitoring = Organisation.objects.filter(code="1267-monitoring-team").first()
    made = 0
    for iso3, starts_on, ends_on, stage, joint in PLAN:
        visit = services.visit_create(
            state=MemberState.objects.get(iso3=iso3),
            purpose="Assess the implementation of resolution 1373 (2001).",
            objectives="Meet the authorities responsible for border control and financial "
            "intelligence.",
            human_rights="Meetings with the national human-rights institution and civil society.",
            starts_on=starts_on,
            ends_on=ends_on,
            experts=[expert],
            partners=[monitoring] if joint and monitoring else [],
            by=coordinator,
        )
        made += 1
        if stage == "proposed":
            continue
        asked = starts_on - datetime.timedelta(days=60)
        services.visit_submit(visit=visit, by=coordinator)
        services.visit_consent_request(
            visit=visit, dated=asked, reference=f"NV/{iso3}/1", by=coordinator, today=asked
        )
        if stage == "awaiting_approval":
            continue
        services.visit_approve(
            visit=visit, dated=asked, reference=f"CTC/{asked.year}/{made}", by=chair, today=asked
        )
        if stage == "approved":
            continue
        answered = asked + datetime.timedelta(days=20)
        services.visit_consent_record(
            visit=visit, dated=answered, reference=f"NV/{iso3}/2", by=expert, today=answered
        )
        services.visit_confirm(visit=visit, by=coordinator)
        if stage == "done":
            services.visit_mark_done(visit=visit, by=expert, today=starts_on)
    if not CalendarFeed.objects.filter(user=expert).exists():
        services.feed_renew(by=expert)
    return made
