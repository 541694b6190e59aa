"""Illustrative reporting history for the demo; not the Committee's real records."""

import datetime
import hashlib

from django.db import transaction

from .enums import Resolution
from .models import MemberState, StateReport


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
