"""Moves every version's whole content into parts (ctc.revisions), then drops the column.

Each version keeps exactly the content it had: its parts are the format, one part per
answer, the recommendations, the cover note and the letter, as assessments.selectors
cuts them today (copied here, so later changes there do not change this migration).
Reversible: going back fills the column again from the parts.
"""

import itertools

from django.db import migrations

from ctc.revisions.models import CHECKPOINT_EVERY
from ctc.revisions.versions import (
    manifest_changes,
    manifest_entries,
    manifests_fold,
    part_decode,
    part_encode,
)

ANSWER_PART = "answers/"
# The order assessment_content writes keys in; PostgreSQL's jsonb did not keep it.
ANSWER_FIELDS = ("finding", "status", "sources")
RECOMMENDATION_FIELDS = ("text", "thematic_area")


def _in_order(value: dict, fields) -> dict:
    return {
        **{f: value[f] for f in fields if f in value},
        **{k: v for k, v in value.items() if k not in fields},
    }


def content_parts(content: dict, question_order: dict[str, int]) -> dict:
    """The parts of one version's content, answers in the order of their format's questions."""
    answers = sorted(
        content["answers"].items(), key=lambda item: question_order.get(item[0], len(question_order))
    )
    return {
        "format": content["format"],
        **{ANSWER_PART + code: _in_order(answer, ANSWER_FIELDS) for code, answer in answers},
        "recommendations": [
            _in_order(r, RECOMMENDATION_FIELDS) for r in content["recommendations"]
        ],
        "cover_note": content["cover_note"],
        "letter": content["letter"],
    }


def content_join(parts: dict) -> dict:
    return {
        "format": parts["format"],
        "answers": {
            key.removeprefix(ANSWER_PART): value
            for key, value in parts.items()
            if key.startswith(ANSWER_PART)
        },
        "recommendations": parts["recommendations"],
        "cover_note": parts["cover_note"],
        "letter": parts["letter"],
    }


def _question_orders(FormatQuestion) -> dict[str, dict[str, int]]:
    """format code → {question code: place in the format}."""
    orders: dict[str, dict[str, int]] = {}
    rows = FormatQuestion.objects.order_by(
        "section__format", "section__position", "position"
    ).values_list("section__format__code", "code")
    for fmt, code in rows:
        order = orders.setdefault(fmt, {})
        order.setdefault(code, len(order))
    return orders


def _by_assessment(Version):
    versions = Version.objects.order_by("assessment_id", "number")
    return itertools.groupby(versions.iterator(chunk_size=500), key=lambda v: v.assessment_id)


def versions_to_parts(apps, schema_editor):
    """Every version's content into stored parts and a manifest, as version_record writes
    them: every part at version 1 and every CHECKPOINT_EVERY versions, else what changed."""
    Version = apps.get_model("assessments", "AssessmentVersion")
    Part = apps.get_model("revisions", "Part")
    orders = _question_orders(apps.get_model("assessments", "FormatQuestion"))
    for _assessment, group in _by_assessment(Version):
        previous: dict[str, str] = {}
        checkpoint_number = None
        versions, parts = [], {}
        for version in group:
            content = version.content
            encoded = {
                key: part_encode(value)
                for key, value in content_parts(content, orders.get(content["format"], {})).items()
            }
            manifest = {key: sha256 for key, (sha256, _data, _size) in encoded.items()}
            parts.update({sha256: (data, size) for sha256, data, size in encoded.values()})
            gone = {key: None for key in previous if key not in manifest}
            changes = manifest_changes(previous, {**manifest, **gone})
            version.checkpoint = (
                checkpoint_number is None or version.number - checkpoint_number >= CHECKPOINT_EVERY
            )
            if version.checkpoint:
                checkpoint_number = version.number
            version.manifest = manifest_entries(previous, changes, checkpoint=version.checkpoint)
            # As a reader folds it: a changed part keeps its place, a new one goes last.
            previous = dict(manifest_entries(previous, changes, checkpoint=True))
            versions.append(version)
        Part.objects.bulk_create(
            [Part(sha256=sha256, data=data, size=size) for sha256, (data, size) in parts.items()],
            ignore_conflicts=True,
            batch_size=500,
        )
        Version.objects.bulk_update(versions, ["manifest", "checkpoint"], batch_size=500)


def parts_to_versions(apps, schema_editor):
    """Back: every version's whole content again, from its parts."""
    Version = apps.get_model("assessments", "AssessmentVersion")
    Part = apps.get_model("revisions", "Part")
    for _assessment, group in _by_assessment(Version):
        versions = list(group)
        manifests = manifests_fold([(v.number, v.checkpoint, v.manifest) for v in versions])
        hashes = {sha256 for manifest in manifests.values() for sha256 in manifest.values()}
        values = {
            sha256: part_decode(data)
            for sha256, data in Part.objects.filter(sha256__in=hashes).values_list(
                "sha256", "data"
            )
        }
        for version in versions:
            manifest = manifests[version.number]
            version.content = content_join({key: values[h] for key, h in manifest.items()})
        Version.objects.bulk_update(versions, ["content"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ('assessments', '0007_version_parts'),
    ]

    operations = [
        migrations.RunPython(versions_to_parts, parts_to_versions),
        migrations.RemoveField(model_name='assessmentversion', name='content'),
    ]
