"""Demo visits of the 2012–2013 programme: every stage of the plan and every answer of the
State's consent, several joint with partner organisations, walked through the services so
every step has its record. Idempotent: a planned visit already there (its State and first
day) is left as it is."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from ctc.accounts.enums import Role
from ctc.accounts.models import User
from ctc.organisations.models import Organisation
from ctc.states.models import MemberState

from . import services
from .enums import ConsentStatus, VisitStatus
from .models import CalendarFeed, Visit

D = datetime.date
S = VisitStatus
C = ConsentStatus
# A plan the Committee sent back: proposed again, with the return on its record.
RETURNED = "returned"


@dataclass(frozen=True)
class Planned:
    """One demo visit: the stage its plan reaches, where its consent stands, who joins it,
    and why it was cancelled (after reaching `stage`) if it was."""

    iso3: str
    starts_on: datetime.date
    stage: str
    consent: str
    partners: tuple[str, ...] = ()
    team: tuple[str, ...] = ("expert",)
    cancelled: str = ""
    days: int = 5


PLAN = [
    # 2012: six visits carried out (their reports follow: visits/report_demo.py), two cancelled.
    Planned("KEN", D(2012, 3, 12), S.DONE, C.GIVEN, ("1267-monitoring-team",)),
    Planned("MAR", D(2012, 4, 16), S.DONE, C.GIVEN, ("unodc-tpb",), ("expert2",)),
    Planned("IDN", D(2012, 6, 11), S.DONE, C.GIVEN, ("asean",), ("expert", "expert2")),
    Planned(
        "PAK",
        D(2012, 7, 9),
        S.AWAITING_APPROVAL,
        C.DECLINED,
        cancelled="The State declined the visit; CTED will propose new dates.",
    ),
    Planned("COL", D(2012, 9, 10), S.DONE, C.GIVEN, ("oas-cicte",), ("expert2",)),
    Planned("KAZ", D(2012, 10, 15), S.DONE, C.GIVEN, ("1540-experts", "osce")),
    Planned(
        "NGA",
        D(2012, 11, 19),
        S.APPROVED,
        C.EXPIRED,
        ("1267-monitoring-team",),
        cancelled="No answer from the State before the planned dates.",
    ),
    # 2013: two more carried out, then every stage still ahead of the programme.
    Planned("TZA", D(2013, 2, 4), S.DONE, C.GIVEN, ("au", "unodc-tpb"), ("expert", "expert2")),
    Planned("JOR", D(2013, 3, 11), S.DONE, C.GIVEN, ("las", "1267-monitoring-team"), days=4),
    Planned("PHL", D(2013, 4, 15), S.CONFIRMED, C.GIVEN, ("1540-experts",), ("expert2",)),
    Planned("BGD", D(2013, 5, 13), S.CONFIRMED, C.GIVEN),
    Planned("KEN", D(2013, 6, 10), S.APPROVED, C.REQUESTED, ("unodc-tpb",)),
    Planned("PER", D(2013, 7, 8), S.APPROVED, C.DECLINED, team=("expert2",), days=4),
    Planned("GHA", D(2013, 9, 9), S.AWAITING_APPROVAL, C.EXPIRED),
    Planned("TUN", D(2013, 10, 7), S.AWAITING_APPROVAL, C.REQUESTED, ("las",)),
    Planned("PAK", D(2013, 10, 21), S.AWAITING_APPROVAL, C.NOT_REQUESTED, team=("expert2",)),
    Planned("SEN", D(2013, 11, 11), RETURNED, C.NOT_REQUESTED),
    Planned("NPL", D(2013, 12, 2), S.PROPOSED, C.NOT_REQUESTED, ("unodc-tpb",), days=4),
]
PURPOSE = "Assess the implementation of resolutions 1373 (2001) and 1624 (2005)."
OBJECTIVES = (
    "Meet the authorities responsible for border control, financial intelligence and "
    "prosecution; identify technical-assistance needs."
)
HUMAN_RIGHTS = "Meetings with the national human-rights institution and civil society."
# The stages at or past the Committee's approval, and those at or past confirmation.
APPROVED = (S.APPROVED, S.CONFIRMED, S.DONE)
CONFIRMED = (S.CONFIRMED, S.DONE)


def _user(username):
    return User.objects.filter(username=username, is_active=True).first()


def _focal_point(state) -> User | None:
    return (
        User.objects.filter(groups__name=Role.FOCAL_POINT, member_state=state, is_active=True)
        .order_by("pk")
        .first()
    )


def _answer(visit, planned: Planned, *, asked, by, expert) -> None:
    """Records the State's answer to the consent requested on `asked` (or its silence)."""
    answered = asked + datetime.timedelta(days=20)
    reference = f"NV/{planned.iso3}/{answered.year}/2"
    # The State's focal point answers in the secure area where the demo has one.
    answerer = _focal_point(visit.state) or expert
    if planned.consent == C.GIVEN:
        services.visit_consent_record(
            visit=visit, dated=answered, reference=reference, by=answerer, today=answered
        )
    elif planned.consent == C.DECLINED:
        services.visit_consent_decline(
            visit=visit,
            dated=answered,
            reference=reference,
            comment="The proposed dates coincide with national elections.",
            by=answerer,
            today=answered,
        )
    elif planned.consent == C.EXPIRED:
        lapsed = asked + datetime.timedelta(days=settings.VISITS_CONSENT_ANSWER_DAYS + 1)
        services.visit_consent_expire(visit=visit, by=by, today=lapsed)


def _walk(planned: Planned, *, coordinator, chair, committee, partners) -> Visit:
    """Proposes the visit and takes it, step by step, to where `planned` says."""
    experts = [u for u in (_user(name) for name in planned.team) if u is not None]
    visit = services.visit_create(
        state=MemberState.objects.get(iso3=planned.iso3),
        purpose=PURPOSE,
        objectives=OBJECTIVES,
        human_rights=HUMAN_RIGHTS,
        starts_on=planned.starts_on,
        ends_on=planned.starts_on + datetime.timedelta(days=planned.days - 1),
        experts=experts,
        partners=[partners[code] for code in planned.partners if code in partners],
        by=coordinator,
    )
    if planned.stage != S.PROPOSED:
        services.visit_submit(visit=visit, by=coordinator)
    if planned.stage == RETURNED:
        services.visit_return(
            visit=visit,
            comment="Say which human-rights bodies the team will meet.",
            by=committee,
        )
    asked = planned.starts_on - datetime.timedelta(days=75)
    if planned.consent != C.NOT_REQUESTED:
        services.visit_consent_request(
            visit=visit,
            dated=asked,
            reference=f"NV/{planned.iso3}/{asked.year}/1",
            by=coordinator,
            today=asked,
        )
    if planned.stage in APPROVED:
        decided = asked + datetime.timedelta(days=10)
        services.visit_approve(
            visit=visit,
            dated=decided,
            reference=f"CTC/{decided.year}/{planned.iso3}",
            by=chair if planned.starts_on.month % 2 else committee,
            today=decided,
        )
    if planned.consent not in (C.NOT_REQUESTED, C.REQUESTED):
        _answer(visit, planned, asked=asked, by=coordinator, expert=experts[0])
    if planned.stage in CONFIRMED:
        services.visit_confirm(visit=visit, by=coordinator)
    if planned.stage == S.DONE:
        services.visit_mark_done(visit=visit, by=experts[0], today=planned.starts_on)
    if planned.cancelled:
        services.visit_cancel(visit=visit, comment=planned.cancelled, by=coordinator)
    return visit


@transaction.atomic
def demo_visits_seed() -> int:
    """Returns how many visits were made now (0 when the demo already has them)."""
    coordinator, chair, committee = _user("coordinator"), _user("chair"), _user("committee")
    if coordinator is None or chair is None or committee is None or _user("expert") is None:
        return 0
    codes = {code for planned in PLAN for code in planned.partners}
    partners = {o.code: o for o in Organisation.objects.filter(code__in=codes)}
    made = 0
    for planned in PLAN:
        if Visit.objects.filter(state__iso3=planned.iso3, starts_on=planned.starts_on).exists():
            continue
        _walk(planned, coordinator=coordinator, chair=chair, committee=committee, partners=partners)
        made += 1
    expert = _user("expert")
    if not CalendarFeed.objects.filter(user=expert).exists():
        services.feed_renew(by=expert)
    return made
