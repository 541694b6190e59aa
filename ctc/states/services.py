import datetime
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.db import models, transaction

from ctc import reference

from . import permissions
from .models import DialogueEntry, MemberState, Region, Subcommittee, Subregion

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
def regions_load(path: Path = DATA_DIR / "m49_regions.json") -> int:
    """Creates or updates the UN M49 regions and their subregions from the data file, in the
    file's order; returns how many subregions."""
    position = 0
    for region_position, row in enumerate(reference.read(path)["regions"], start=1):
        region, _created = Region.objects.update_or_create(
            code=row["code"],
            defaults={"position": region_position, **reference.translated("name", row["name"])},
        )
        for sub in row["subregions"]:
            position += 1
            Subregion.objects.update_or_create(
                code=sub["code"],
                defaults={
                    "region": region,
                    "position": position,
                    **reference.translated("name", sub["name"]),
                },
            )
    return position


def _subregion_codes(path: Path) -> dict[str, str]:
    """{iso3: M49 code of the state's subregion} from the regions data file."""
    return {
        iso3: sub["code"]
        for region in reference.read(path)["regions"]
        for sub in region["subregions"]
        for iso3 in sub["states"]
    }


def _differs(state: MemberState, key: str, value) -> bool:
    # Related rows compare by key, so an unchanged state costs no query per relation.
    if isinstance(value, models.Model):
        return getattr(state, f"{key}_id") != value.pk
    return getattr(state, key) != value


@transaction.atomic
def states_load(
    path: Path = DATA_DIR / "member_states.json",
    regions_path: Path = DATA_DIR / "m49_regions.json",
) -> int:
    """Creates or updates the 193 member states from the data file, each in its M49
    subregion from the regions file; returns how many.

    Side effects: one history record per state whose data changed; the search text of each
    state (names in six languages and former names) and its region (that of its subregion)
    brought up to date by MemberState.save.
    """
    rows = reference.read(path)["states"]
    subcommittees = {s.code: s for s in Subcommittee.objects.all()}
    subregions = {s.code: s for s in Subregion.objects.all()}
    subregion_codes = _subregion_codes(regions_path)
    unplaced = sorted({row["iso3"] for row in rows} - subregion_codes.keys())
    if unplaced:
        raise ValueError(f"{regions_path.name}: no subregion for {unplaced}")
    for row in rows:
        values = {
            "iso2": row["iso2"],
            "m49": row["m49"],
            "regional_group": row["regional_group"],
            "admitted_on": datetime.date.fromisoformat(row["admitted"]),
            "subcommittee": subcommittees[row["subcommittee"]],
            "subregion": subregions[subregion_codes[row["iso3"]]],
            "official_language": row["official_language"],
            "former_names": row.get("former_names", {}),
            **reference.translated("name", row["names"]),
        }
        state = MemberState.objects.filter(iso3=row["iso3"]).first()
        if state is None:
            MemberState.objects.create(iso3=row["iso3"], **values)
        elif (
            any(_differs(state, key, value) for key, value in values.items())
            or state.search_text != state.expected_search_text()
            or state.region_id != values["subregion"].region_id
        ):
            for key, value in values.items():
                setattr(state, key, value)
            state.save()
    return len(rows)


@transaction.atomic
def dialogue_record(
    *,
    state: MemberState,
    held_on: datetime.date,
    kind: str,
    summary: str,
    participants: str = "",
    link: str = "",
    by,
) -> DialogueEntry:
    """Logs one exchange with a State (E-3); it joins the State's timeline.

    Side effects: one DialogueEntry and its first history record. Raises PermissionDenied
    unless `by` may log the dialogue (CTED experts and coordinators); ValidationError on a
    kind that does not exist or a missing date or summary (nothing saved).
    """
    if not permissions.can_record_dialogue(by):
        raise PermissionDenied
    entry = DialogueEntry(
        state=state,
        held_on=held_on,
        kind=kind,
        summary=summary.strip(),
        participants=participants.strip(),
        link=link.strip(),
        recorded_by=by,
    )
    entry.full_clean()
    entry._history_user = by
    entry.save()
    return entry


DIALOGUE_FIELDS = ("held_on", "kind", "summary", "participants", "link")


@transaction.atomic
def dialogue_correct(*, entry: DialogueEntry, by, **values) -> DialogueEntry:
    """Corrects a logged exchange: its date, kind, summary, participants or link.

    Side effects: the entry saved with a new history record naming `by`, only when something
    changed. Raises PermissionDenied unless `by` recorded it (a CTED expert) or is a CTED
    coordinator; ValidationError on a kind that does not exist or a missing date or summary
    (nothing saved).
    """
    if not permissions.can_correct_dialogue(by, entry):
        raise PermissionDenied
    entry = DialogueEntry.objects.select_for_update().get(pk=entry.pk)
    changed = False
    for name in DIALOGUE_FIELDS:
        if name not in values:
            continue
        value = values[name]
        if isinstance(value, str):
            value = value.strip()
        if getattr(entry, name) != value:
            setattr(entry, name, value)
            changed = True
    if not changed:
        return entry
    entry.full_clean()
    entry._history_user = by
    entry.save()
    return entry
