"""Demo work programme: some items started or done (walked through the service by the demo
CTED coordinator), three events, four activities needing extrabudgetary funding with their
contributions. Idempotent: an item already moved, an event (its title and date), an activity
(its title) or a contribution (donor, date and amount) already there is left as it is."""

import datetime
from decimal import Decimal

from django.db import transaction

from ctc.accounts.models import User

from . import services
from .enums import Audience, EventKind, ItemAction, ItemStatus
from .models import Contribution, Event, FundedActivity, ProgrammeItem

D = datetime.date
# ref → the actions walked from "planned", in order.
PROGRESS = {
    "C-5": [ItemAction.START],
    "C-6": [ItemAction.START],
    "C-10": [ItemAction.START],
    "C-11": [ItemAction.COMPLETE],
    "C-12": [ItemAction.COMPLETE],
    "E-2": [ItemAction.START],
    "E-5": [ItemAction.START],
    "E-7": [ItemAction.COMPLETE],
    "E-18": [ItemAction.START],
    "E-21": [ItemAction.START],
}
EVENTS = [
    {
        "ref": "C-11",
        "kind": EventKind.SPECIAL_MEETING,
        "date": D(2012, 9, 28),
        "audience": Audience.ALL_MEMBERS,
        "place": "Trusteeship Council Chamber, New York",
        "is_public": True,
        "title": {
            "en": "Special meeting of the Committee open to all Member States",
            "fr": "Réunion spéciale du Comité ouverte à tous les États Membres",
            "es": "Reunión especial del Comité abierta a todos los Estados Miembros",
            "ru": "Специальное заседание Комитета, открытое для всех государств-членов",
            "ar": "اجتماع خاص للجنة مفتوح لجميع الدول الأعضاء",
            "zh_hans": "委员会向所有会员国开放的特别会议",
        },
    },
    {
        "ref": "E-8",
        "kind": EventKind.THEMATIC_BRIEFING,
        "date": D(2012, 5, 10),
        "audience": Audience.ALL_MEMBERS,
        "place": "Conference Room 1, New York",
        "is_public": True,
        "title": {
            "en": "Briefing on countering incitement (resolution 1624)",
            "fr": "Exposé sur la lutte contre l'incitation (résolution 1624)",
            "es": "Sesión informativa sobre la lucha contra la incitación (resolución 1624)",
            "ru": "Брифинг по противодействию подстрекательству (резолюция 1624)",
            "ar": "إحاطة بشأن مكافحة التحريض (القرار 1624)",
            "zh_hans": "关于打击煽动行为的简报会(第1624号决议)",
        },
    },
    {
        "ref": "C-16",
        "kind": EventKind.CHAIR_BRIEFING,
        "date": D(2012, 3, 22),
        "audience": Audience.MEMBERS,
        "place": "Conference Room 7, New York",
        "is_public": False,
        "title": {"en": "Chair's briefing on the 2012 work programme"},
    },
]
ACTIVITIES = [
    ("Regional workshop on border control (Sahel)", "E-10", None, Decimal("180000.00")),
    (
        "Special meeting: travel of delegates from least developed countries",
        None,
        "C-11",
        Decimal("95000.00"),
    ),
    ("Translation of the Technical Guide into six languages", "E-18", None, Decimal("60000.00")),
    ("Workshop on resolution 1624 for South Asian prosecutors", "E-16", None, Decimal("120000.00")),
]
# (donor, amount, date, activity title or None for an unearmarked contribution)
CONTRIBUTIONS = [
    ("Canada", Decimal("180000.00"), D(2012, 2, 15), ACTIVITIES[0][0]),
    ("Japan", Decimal("50000.00"), D(2012, 4, 2), ACTIVITIES[1][0]),
    ("Norway", Decimal("20000.00"), D(2012, 5, 20), ACTIVITIES[1][0]),
    ("Australia", Decimal("60000.00"), D(2012, 3, 1), ACTIVITIES[2][0]),
    ("Denmark", Decimal("25000.00"), D(2012, 6, 5), None),
]


@transaction.atomic
def programme_demo_seed() -> int:
    """Returns how many records it made (0 the second time)."""
    by = User.objects.filter(username="coordinator", is_active=True).first()
    if by is None:
        return 0
    if not ProgrammeItem.objects.exists():
        services.programme_load()
    items = {i.ref: i for i in ProgrammeItem.objects.all()}
    made = 0
    for ref, actions in PROGRESS.items():
        item = items.get(ref)
        if item is None or item.status != ItemStatus.PLANNED:
            continue
        for action in actions:
            item = services.item_status_change(item=item, action=action, by=by).subject
            made += 1
    events = {}
    for spec in EVENTS:
        title_en = spec["title"]["en"]
        event = Event.objects.filter(title_en=title_en, date=spec["date"]).first()
        if event is None:
            titles = {f"title_{code}": text for code, text in spec["title"].items()}
            event = services.event_save(
                by=by,
                kind=spec["kind"],
                date=spec["date"],
                audience=spec["audience"],
                place=spec["place"],
                is_public=spec["is_public"],
                item=items.get(spec["ref"]),
                **titles,
            )
            services.link_add(
                event=event,
                by=by,
                label="Programme of work (S/2012/162)",
                url="https://undocs.org/S/2012/162",
            )
            made += 1
        events[spec["ref"]] = event
    activities = {}
    for title, ref, event_ref, cost in ACTIVITIES:
        activity = FundedActivity.objects.filter(title=title).first()
        if activity is None:
            activity = services.activity_create(
                by=by,
                title=title,
                estimated_cost=cost,
                item=items.get(ref) if ref else None,
                event=events.get(event_ref) if event_ref else None,
            )
            made += 1
        activities[title] = activity
    for donor, amount, on, title in CONTRIBUTIONS:
        activity = activities[title] if title else None
        if Contribution.objects.filter(donor=donor, amount=amount, received_on=on).exists():
            continue
        services.contribution_record(
            by=by, donor=donor, amount=amount, received_on=on, activity=activity
        )
        made += 1
    return made
