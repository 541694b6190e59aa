"""Text parts edited by several people at once: a revision guard, conflicts, and versions.

Each part (a finding, a cover note, a visit report's section) carries an integer revision.
The editor sends back the revision it loaded; a save whose revision is stale raises
`EditConflict` and writes nothing, so nobody silently overwrites anybody. Every accepted
save can record a numbered, immutable version of the whole document; a version stores only
the parts that changed (`ctc.revisions.versions`), the parts themselves once each
(`ctc.revisions.models.Part`).

The version names are imported lazily: this package is an app, and its models can only be
imported once Django's app registry is ready.
"""

from importlib import import_module

_LAZY = {
    "Part": "models",
    "VersionRecord": "models",
    "SuggestionRecord": "models",
    "CHECKPOINT_EVERY": "models",
    "version_record": "versions",
    "version_manifests": "versions",
    "version_parts": "versions",
    "parts_load": "versions",
}


def __getattr__(name):
    if name in _LAZY:
        return getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class EditConflict(Exception):
    """Someone else saved this part since the editor loaded it; nothing was written."""

    def __init__(self, current, submitted: dict):
        super().__init__("edit conflict")
        self.current = current
        self.submitted = submitted


def check_revision(*, current, revision_field: str, revision: int, submitted: dict) -> None:
    """Raises EditConflict unless `current` (row-locked by the caller) is still at `revision`."""
    if getattr(current, revision_field) != revision:
        raise EditConflict(current, submitted)


def guarded_update(
    current, values: dict, *, revision: int, revision_field: str = "revision", extra=None
) -> bool:
    """Writes `values` on the row-locked `current` if nobody saved it since `revision`.

    Returns False and writes nothing when the values are already there; otherwise sets
    them (and `extra`, e.g. who edited), moves the revision on and saves. Raises
    EditConflict, writing nothing, when the revision is stale.
    """
    check_revision(
        current=current, revision_field=revision_field, revision=revision, submitted=values
    )
    if all(getattr(current, name) == value for name, value in values.items()):
        return False
    for name, value in {**values, **(extra or {})}.items():
        setattr(current, name, value)
    setattr(current, revision_field, revision + 1)
    current.save()
    return True
