"""Illustrative reporting history for the demo; not the Committee's real records."""

import datetime
import hashlib

from django.db import transaction

from .enums import DialogueKind, Resolution
from .models import DialogueEntry, MemberState, StateReport


def _number(seed: str, modulo: int) -> int:
    return int(hashlib.sha256(seed.encode()).hexdigest()[:8], 16) % modulo


@transaction.atomic
def demo_reports_seed() -> int:
    """Gives each state a plausible, deterministic set of reports; returns how many exist."""
    reports = []
    for state in MemberState.objects.order_by("iso3"):
        # Most states reported on 1373 one to four times between 2001 and 2008.
        count_1373 = _number(state.iso3 + "1373", 5)
        for i in range(count_1373):
            year = 2001 + i * 2 + _number(f"{state.iso3}{i}y", 2)
            day = datetime.date(year, 1, 1) + datetime.timedelta(
                days=_number(state.iso3 + str(i), 360)
            )
            symbol = f"S/{year}/{100 + _number(state.iso3 + str(i) + 's', 1200)}"
            reports.append(
                StateReport(
                    state=state,
                    resolution=Resolution.R1373,
                    received_on=day,
                    document_symbol=symbol,
                )
            )
        # About half reported on 1624 between 2006 and 2011.
        if _number(state.iso3 + "1624", 2):
            year = 2006 + _number(state.iso3 + "1624y", 6)
            day = datetime.date(year, 1, 1) + datetime.timedelta(
                days=_number(state.iso3 + "1624d", 360)
            )
            symbol = f"S/{year}/{100 + _number(state.iso3 + '1624s', 900)}"
            reports.append(
                StateReport(
                    state=state,
                    resolution=Resolution.R1624,
                    received_on=day,
                    document_symbol=symbol,
                )
            )
    StateReport.objects.bulk_create(reports, ignore_conflicts=True)
    return StateReport.objects.count()


# (State, date, kind, participants, summary): illustrative, in the plan period 2012–2013.
DEMO_DIALOGUE = [
    (
        "KEN",
        datetime.date(2012, 2, 14),
        DialogueKind.MEETING,
        "Permanent Mission of Kenya; CTED",
        "Briefing on the preliminary implementation assessment and the next report.",
    ),
    (
        "KEN",
        datetime.date(2012, 9, 5),
        DialogueKind.VIDEO_CONFERENCE,
        "Ministry of Interior",
        "Follow-up of the visit's recommendations on border control.",
    ),
    (
        "MAR",
        datetime.date(2012, 4, 20),
        DialogueKind.WORKSHOP,
        "National experts; UNODC",
        "Subregional workshop on countering the financing of terrorism.",
    ),
    (
        "MAR",
        datetime.date(2012, 11, 2),
        DialogueKind.LETTER,
        "",
        "Letter inviting an update on legislation adopted since the last report.",
    ),
    (
        "IDN",
        datetime.date(2012, 6, 11),
        DialogueKind.MEETING,
        "Permanent Mission of Indonesia",
        "Consultation on the dates of a possible visit.",
    ),
    (
        "COL",
        datetime.date(2013, 1, 22),
        DialogueKind.VIDEO_CONFERENCE,
        "Office of the Prosecutor",
        "Exchange on prosecutors' capacity and assistance needs.",
    ),
]


@transaction.atomic
def demo_dialogue_seed() -> int:
    """A few exchanges with the demo focal points' States, recorded by the demo expert;
    seeding again adds nothing. Returns how many dialogue entries exist."""
    from django.contrib.auth import get_user_model

    expert = get_user_model().objects.filter(username="expert").first()
    if expert is None:
        return DialogueEntry.objects.count()
    states = MemberState.objects.in_bulk([row[0] for row in DEMO_DIALOGUE], field_name="iso3")
    for iso3, held_on, kind, participants, summary in DEMO_DIALOGUE:
        if iso3 in states:
            DialogueEntry.objects.get_or_create(
                state=states[iso3],
                held_on=held_on,
                kind=kind,
                defaults={"participants": participants, "summary": summary, "recorded_by": expert},
            )
    return DialogueEntry.objects.count()
