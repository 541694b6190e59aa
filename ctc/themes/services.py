from pathlib import Path

from django.db import transaction

from ctc import reference

from .models import ThematicArea

DATA_DIR = Path(__file__).resolve().parent / "data"


@transaction.atomic
def thematic_areas_load(path: Path = DATA_DIR / "thematic_areas.json") -> int:
    """Creates or updates the thematic areas from the data file; returns how many."""
    rows = reference.read(path)["thematic_areas"]
    for row in rows:
        ThematicArea.objects.update_or_create(
            code=row["code"],
            defaults={
                "position": row["position"],
                **reference.translated("name", row["name"]),
                **reference.translated("description", row["description"]),
            },
        )
    return len(rows)
