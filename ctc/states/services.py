import datetime
from pathlib import Path

from django.db import transaction

from ctc import reference

from .models import MemberState, Subcommittee

DATA_DIR = Path(__file__).resolve().parent / "data"


@transaction.atomic
def subcommittees_load(path: Path = DATA_DIR / "subcommittees.json") -> int:
    """Creates or updates the subcommittees from the data file; returns how many."""
    rows = reference.read(path)["subcommittees"]
    for row in rows:
        Subcommittee.objects.update_or_create(
            code=row["code"], defaults=reference.translated("name", row["name"])
        )
    return len(rows)


@transaction.atomic
def states_load(path: Path = DATA_DIR / "member_states.json") -> int:
    """Creates or updates the 193 member states from the data file; returns how many.

    Side effects: one history record per state whose data changed; the search text of each
    state (names in six languages and former names, see MemberState.save) brought up to date.
    """
    rows = reference.read(path)["states"]
    subcommittees = {s.code: s for s in Subcommittee.objects.all()}
    for row in rows:
        values = {
            "iso2": row["iso2"],
            "m49": row["m49"],
            "regional_group": row["regional_group"],
            "admitted_on": datetime.date.fromisoformat(row["admitted"]),
            "subcommittee": subcommittees[row["subcommittee"]],
            "official_language": row["official_language"],
            "former_names": row.get("former_names", {}),
            **reference.translated("name", row["names"]),
        }
        state = MemberState.objects.filter(iso3=row["iso3"]).first()
        if state is None:
            MemberState.objects.create(iso3=row["iso3"], **values)
        elif (
            any(getattr(state, key) != value for key, value in values.items())
            or state.search_text != state.expected_search_text()
        ):
            for key, value in values.items():
                setattr(state, key, value)
            state.save()
    return len(rows)
