"""Demo recommendations and follow-up: the demo visits carried out get their recommendations
(thematic area, priority); three of them get follow-up actions owned by a CTED expert, the
State and a partner, due around today so that some are overdue, moved through the follow-up
workflow by their owners; Kenya's visit gets its outcome evaluation. Everything goes through
follow_up_services. Idempotent: a visit that has recommendations is left as it is."""

import datetime
from dataclasses import dataclass

from django.db import transaction

from ctc.accounts.enums import Role
from ctc.accounts.models import User
from ctc.organisations.models import Organisation
from ctc.themes.models import ThematicArea

from . import follow_up_selectors as selectors
from . import follow_up_services as services
from .enums import FollowUpStep, OwnerKind, Priority, VisitStatus
from .models import OutcomeEvaluation, Visit

OWNER = OwnerKind
P = Priority
F = FollowUpStep


@dataclass(frozen=True)
class Action:
    """A follow-up action: its owner, when it is due (days from today at headquarters,
    negative in the past) and the steps taken on it, each (step, who, comment); who is a
    demo username, "focal" (the State's focal point) or "partner" (the owner's analyst)."""

    description: str
    owner: str
    due_in: int
    steps: tuple[tuple[str, str, str], ...] = ()
    expert: str = "expert"
    partner: str = ""


@dataclass(frozen=True)
class Advice:
    """A recommendation of the visit's report and its follow-up actions."""

    text: str
    area: str
    priority: str
    actions: tuple[Action, ...] = ()


# (State, year of the visit) → its recommendations, in the report's order.
FOLLOW_UP = {
    ("KEN", 2012): (
        Advice(
            "Give the financial intelligence unit the staff and powers to receive and analyse "
            "suspicious-transaction reports.",
            "cft",
            P.HIGH,
            (
                Action(
                    "Recruit and train analysts for the financial intelligence unit.",
                    OWNER.STATE,
                    -45,
                ),
                Action(
                    "Hold a workshop on suspicious-transaction reporting with the Central Bank.",
                    OWNER.CTED,
                    -400,
                    (
                        (
                            F.COMPLETE,
                            "expert",
                            "Workshop held in Nairobi with 40 reporting entities.",
                        ),
                    ),
                ),
            ),
        ),
        Advice(
            "Screen travellers at the main border posts against a shared watch list.",
            "border-control",
            P.HIGH,
            (
                Action(
                    "Connect the main border posts to a shared watch list.",
                    OWNER.STATE,
                    -20,
                    ((F.START, "focal", "The system is being procured."),),
                ),
                Action(
                    "Brief border officials on the Al-Qaida sanctions list and its updates.",
                    OWNER.PARTNER,
                    30,
                    ((F.START, "partner", "First briefing planned at Jomo Kenyatta airport."),),
                    partner="1267-monitoring-team",
                ),
            ),
        ),
        Advice(
            "Train prosecutors and judges to try terrorism cases with full respect for "
            "fair-trial guarantees.",
            "human-rights",
            P.MEDIUM,
            (
                Action(
                    "Hold a training course for prosecutors and judges on terrorism cases.",
                    OWNER.STATE,
                    90,
                ),
                Action(
                    "Organise a regional workshop for judges on fair-trial guarantees.",
                    OWNER.CTED,
                    -300,
                    (
                        (
                            F.DROP,
                            "expert",
                            "UNODC's judicial training programme in the State covers it.",
                        ),
                    ),
                ),
            ),
        ),
        Advice(
            "Bring the Prevention of Terrorism Act into line with resolution 1373 (2001).",
            "legislation",
            P.MEDIUM,
            (
                Action(
                    "Adopt the amendments to the Prevention of Terrorism Act.",
                    OWNER.STATE,
                    -10,
                    (
                        (F.COMPLETE, "focal", "Parliament adopted the amendments."),
                        (F.REOPEN, "expert", "The amendments are not yet in force."),
                    ),
                ),
            ),
        ),
    ),
    ("MAR", 2012): (
        Advice(
            "Criminalise the financing of travel for terrorist purposes.", "legislation", P.HIGH
        ),
        Advice(
            "Counter incitement to commit terrorist acts through community outreach that "
            "respects freedom of expression.",
            "incitement-1624",
            P.MEDIUM,
        ),
    ),
    ("IDN", 2012): (
        Advice(
            "Freeze terrorists' funds and other assets without delay, under a procedure set "
            "by law.",
            "cft",
            P.HIGH,
            (
                Action(
                    "Adopt a regulation on freezing terrorists' assets without delay.",
                    OWNER.STATE,
                    -90,
                    ((F.START, "focal", "A draft is before the Ministry of Finance."),),
                ),
                Action(
                    "Send the State the Committee's survey of good practices on asset freezing.",
                    OWNER.CTED,
                    -500,
                    ((F.COMPLETE, "expert2", "Sent with the report."),),
                    expert="expert2",
                ),
            ),
        ),
        Advice(
            "Exchange information on the movements of terrorists with neighbouring States.",
            "subregional-cooperation",
            P.MEDIUM,
            (
                Action(
                    "Invite the State's border agencies to ASEAN's meetings of border officials.",
                    OWNER.PARTNER,
                    60,
                    partner="asean",
                ),
            ),
        ),
        Advice(
            "Assess the risk that non-profit organisations are abused to finance terrorism.",
            "npo-financing",
            P.LOW,
            (
                Action(
                    "Review the registration of foundations and associations.",
                    OWNER.STATE,
                    -150,
                    ((F.DROP, "expert", "The national risk assessment begun in 2013 covers it."),),
                ),
            ),
        ),
    ),
    ("COL", 2012): (
        Advice(
            "Answer requests for mutual legal assistance in terrorism cases within set time "
            "limits.",
            "international-cooperation",
            P.MEDIUM,
        ),
        Advice(
            "Give the police's counter-terrorism unit access to the financial intelligence "
            "unit's analyses.",
            "law-enforcement",
            P.MEDIUM,
        ),
    ),
    ("KAZ", 2012): (
        Advice(
            "Check travellers' documents against INTERPOL's database of stolen and lost "
            "travel documents at every border crossing.",
            "border-control",
            P.HIGH,
        ),
        Advice(
            "Adopt an integrated national counter-terrorism strategy.",
            "integrated-strategies",
            P.MEDIUM,
        ),
    ),
    ("TZA", 2013): (
        Advice(
            "Set up a specialised unit of prosecutors for terrorism cases.",
            "police-prosecutors",
            P.HIGH,
            (
                Action(
                    "Train prosecutors on terrorism cases under the universal instruments.",
                    OWNER.PARTNER,
                    -60,
                    (
                        (F.START, "partner", ""),
                        (F.COMPLETE, "partner", "Twenty prosecutors trained in Dar es Salaam."),
                    ),
                    partner="unodc-tpb",
                ),
            ),
        ),
        Advice(
            "Control the movement of people and goods across the maritime border.",
            "border-control",
            P.MEDIUM,
            (
                Action("Open coast-guard posts at the main landing sites.", OWNER.STATE, -5),
                Action(
                    "Put the State's request for patrol boats to donors.",
                    OWNER.CTED,
                    30,
                    ((F.START, "expert", "Two donors approached."),),
                ),
            ),
        ),
        Advice(
            "Adopt a national counter-terrorism strategy drawn up with civil society.",
            "integrated-strategies",
            P.MEDIUM,
            (Action("Draft the national strategy with civil society.", OWNER.STATE, 180),),
        ),
    ),
    ("JOR", 2013): (
        Advice(
            "Require cash and bearer instruments carried across the borders to be declared.",
            "cash-couriers",
            P.HIGH,
        ),
        Advice(
            "Bring the detention of terrorism suspects under prompt judicial review.",
            "human-rights",
            P.HIGH,
        ),
    ),
}
EVALUATIONS = {
    ("KEN", 2012): "The financial intelligence unit opened in 2013 and now analyses "
    "suspicious-transaction reports; the amendments to the Prevention of Terrorism Act were "
    "adopted. Border posts do not yet share a watch list.",
}


def _user(username: str) -> User | None:
    return User.objects.filter(username=username, is_active=True).first()


def _actor(who: str, action, default: User) -> User:
    """The person who takes a step: a demo account, the State's focal point or the owning
    organisation's analyst (CTED's expert where the demo has no such account)."""
    if who == "focal":
        found = User.objects.filter(
            groups__name=Role.FOCAL_POINT, member_state_id=action.visit.state_id, is_active=True
        )
    elif who == "partner":
        found = User.objects.filter(
            groups__name=Role.PARTNER_ANALYST,
            organisation_id=action.owner_organisation_id,
            is_active=True,
        )
    else:
        found = User.objects.filter(username=who, is_active=True)
    return found.order_by("pk").first() or default


def _take(action, step: str, by: User, comment: str):
    if step == F.DROP:
        return services.follow_up_drop(action=action, reason=comment, by=by)
    return services.follow_up_transition(action=action, step=step, by=by, comment=comment)


def _follow(visit: Visit, advice: tuple[Advice, ...], *, writer: User, today) -> int:
    areas = {a.code: a for a in ThematicArea.objects.all()}
    partners = {o.code: o for o in Organisation.objects.filter(visits_joined=visit)}
    made = 0
    for item in advice:
        recommendation = services.recommendation_add(
            visit=visit,
            text=item.text,
            thematic_area=areas[item.area],
            priority=item.priority,
            by=writer,
        )
        made += 1
        for planned in item.actions:
            action = services.follow_up_create(
                recommendation=recommendation,
                description=planned.description,
                owner_kind=planned.owner,
                owner_user=_user(planned.expert) if planned.owner == OWNER.CTED else None,
                owner_organisation=partners.get(planned.partner),
                due_on=today + datetime.timedelta(days=planned.due_in),
                by=writer,
            )
            for step, who, comment in planned.steps:
                action = _take(action, step, _actor(who, action, writer), comment)
    return made


@transaction.atomic
def demo_follow_up_seed() -> int:
    """Recommendations, follow-up and outcome of the demo visits carried out; returns how many
    recommendations were made now."""
    writer = _user("expert")
    if writer is None or not ThematicArea.objects.exists():
        return 0
    today = selectors.hq_today()
    made = 0
    for (iso3, year), advice in FOLLOW_UP.items():
        visit = (
            Visit.objects.filter(state__iso3=iso3, starts_on__year=year, status=VisitStatus.DONE)
            .order_by("starts_on", "pk")
            .first()
        )
        if visit is None or visit.recommendations.exists():
            continue
        made += _follow(visit, advice, writer=writer, today=today)
    for (iso3, year), text in EVALUATIONS.items():
        visit = Visit.objects.filter(
            state__iso3=iso3, starts_on__year=year, status=VisitStatus.DONE
        ).first()
        if visit is not None and not OutcomeEvaluation.objects.filter(visit=visit).exists():
            services.evaluation_save(visit=visit, what_changed=text, by=writer)
    return made
