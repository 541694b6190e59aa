from pathlib import Path

from django.db import transaction

from ctc import reference

from .models import Organisation

DATA_DIR = Path(__file__).resolve().parent / "data"


@transaction.atomic
def organisations_load(path: Path = DATA_DIR / "organisations.json") -> int:
    """Creates or updates the organisations from the data file; returns how many."""
    rows = reference.read(path)["organisations"]
    for row in rows:
        values = {
            "kind": row["kind"],
            "website": row.get("website", ""),
            **reference.translated("name", row["name"]),
            **reference.translated("acronym", row["acronym"]),
        }
        organisation = Organisation.objects.filter(code=row["code"]).first()
        if organisation is None:
            Organisation.objects.create(code=row["code"], **values)
        elif any(getattr(organisation, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(organisation, key, value)
            organisation.save()
    return len(rows)
