"""Versions that store what changed: content-addressed parts and small manifests.

A document's content is an ordered mapping of part keys to JSON values (the app decides
the parts: one per finding, one for a list of recommendations, one per note). A save
stores each new value once in `Part` (compressed, keyed by its SHA-256) and records a
version whose manifest lists only the parts it changed; every `checkpoint_every` versions
the manifest lists every part. Reading version n folds the manifests from the checkpoint
at or before n up to n (one query), then loads the parts it needs (one query).

`versions` below is always the versions of one document, e.g. `assessment.versions`.
"""

import hashlib
import json
import zlib
from collections.abc import Iterable, Mapping
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q, QuerySet, Subquery

from .models import Part


def part_encode(value) -> tuple[str, bytes, int]:
    """(SHA-256 of the JSON, the JSON compressed, its size): the same value, the same key.

    Key order is kept, so a value reads back exactly as it was given.
    """
    raw = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(raw).hexdigest(), zlib.compress(raw), len(raw)


def part_decode(data) -> Any:
    return json.loads(zlib.decompress(data).decode("utf-8"))


def parts_load(hashes: Iterable[str | None]) -> dict[str, Any]:
    """SHA-256 → value, in one query."""
    wanted = {h for h in hashes if h}
    if not wanted:
        return {}
    rows = Part.objects.filter(sha256__in=wanted).values_list("sha256", "data")
    return {sha256: part_decode(data) for sha256, data in rows}


def manifests_fold(rows, wanted: Iterable[int] | None = None) -> dict[int, dict[str, str]]:
    """Full manifests (part key → SHA-256, in part order) of the `wanted` numbers (default:
    every row), from rows (number, checkpoint, manifest) in number order in which each run
    of consecutive versions starts at a checkpoint.

    A changed part keeps its place; a new one goes last; a null entry removes the part.
    """
    wanted = None if wanted is None else set(wanted)
    full: dict[int, dict[str, str]] = {}
    current: dict[str, str] = {}
    for number, checkpoint, entries in rows:
        if checkpoint:
            current = {}
        for key, sha256 in entries:
            if sha256 is None:
                current.pop(key, None)
            else:
                current[key] = sha256
        if wanted is None or number in wanted:
            full[number] = dict(current)
    return full


def manifest_changes(previous: dict[str, str], given: Mapping[str, str | None]):
    """Of the parts a save gives (key → SHA-256, None: gone), those that differ from the
    previous version's."""
    return {key: sha256 for key, sha256 in given.items() if sha256 != previous.get(key)}


def manifest_entries(previous: dict[str, str], changes: Mapping[str, str | None], *, checkpoint):
    """What a version stores as its manifest: the changes, or at a checkpoint every part."""
    if checkpoint:
        steps = [(0, True, previous.items()), (1, False, changes.items())]
        changes = manifests_fold(steps, [1])[1]
    return [[key, sha256] for key, sha256 in changes.items()]


def _chain(versions: QuerySet, number: int | None) -> Q:
    """The rows needed to read version `number` (None: the latest): from the last
    checkpoint at or before it."""
    checkpoints = versions.filter(checkpoint=True)
    if number is None:
        last = checkpoints.order_by("-number").values("number")[:1]
        return Q(number__gte=Subquery(last))
    last = checkpoints.filter(number__lte=number).order_by("-number").values("number")[:1]
    return Q(number__gte=Subquery(last), number__lte=number)


def version_chain(versions: QuerySet, numbers: Iterable[int | None]):
    """(number, checkpoint, manifest) of the rows needed to read `numbers`, in order."""
    chains = reduce(or_, (_chain(versions, n) for n in numbers))
    return (
        versions.filter(chains).order_by("number").values_list("number", "checkpoint", "manifest")
    )


def version_manifests(versions, numbers: Iterable[int]) -> dict[int, dict[str, str]]:
    """The full manifest of each of `numbers`, in one query reading at most
    `checkpoint_every` rows per number."""
    numbers = list(numbers)
    if not numbers:
        return {}
    versions = versions.all()
    return manifests_fold(version_chain(versions, numbers), numbers)


def version_parts(versions, number: int | None = None) -> dict[str, Any]:
    """Part key → value of version `number` (default: the latest), in part order; two
    queries. Empty when the document has no version."""
    versions = versions.all()
    rows = list(version_chain(versions, [number]))
    if not rows:
        return {}
    manifest = manifests_fold(rows, [rows[-1][0]])[rows[-1][0]]
    values = parts_load(manifest.values())
    return {key: values[sha256] for key, sha256 in manifest.items()}


def version_record(versions, *, parts: Mapping[str, Any], by, summary: str, co_author=None):
    """Records the next numbered version of a document from the parts this save changed
    (by `by`, on a proposal of `co_author` if any).

    `parts` maps part keys to their new JSON values (None: the part is gone); the first
    version needs every part. Values the previous version already had are left out of the
    manifest; new values are stored once, compressed. Three queries whatever the size of
    the document or its history: the rows since the last checkpoint, the new parts, the
    version. Call inside the transaction that holds the document's row lock, so numbers
    never clash.
    """
    rows = list(version_chain(versions.all(), [None]))
    last = rows[-1][0] if rows else 0
    previous = manifests_fold(rows, [last]).get(last, {})
    encoded = {key: part_encode(value) for key, value in parts.items() if value is not None}
    given = {key: encoded[key][0] if key in encoded else None for key in parts}
    changes = manifest_changes(previous, given)
    new_parts = {sha256: encoded[key] for key, sha256 in changes.items() if sha256}
    if new_parts:
        Part.objects.bulk_create(
            [
                Part(sha256=sha256, data=data, size=size)
                for sha256, data, size in new_parts.values()
            ],
            ignore_conflicts=True,
        )
    number = last + 1
    checkpoint = not rows or number - rows[0][0] >= versions.model.checkpoint_every
    return versions.create(
        number=number,
        manifest=manifest_entries(previous, changes, checkpoint=checkpoint),
        checkpoint=checkpoint,
        summary=summary[:200],
        created_by=by,
        co_author=co_author,
    )
