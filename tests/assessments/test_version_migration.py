"""Migration 0008 moves the demo data's versions to parts, byte for byte, and back."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from assessments import selectors, services
from assessments.models import AssessmentVersion
from ctc.revisions.models import Part

BEFORE = [("assessments", "0007_version_parts")]


def _migrate(targets=None):
    """To `targets`, or forward to the latest migration of assessments (so later tests find
    the schema they expect)."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes("assessments"))


def _read_back() -> dict:
    return {
        (v.assessment_id, v.number): json.dumps(selectors.version_content(v), sort_keys=True)
        for v in AssessmentVersion.objects.order_by("assessment_id", "number")
    }


def _content_column() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT assessment_id, number, content FROM assessments_assessmentversion")
        return {
            (assessment, number): json.dumps(
                json.loads(content) if isinstance(content, str) else content, sort_keys=True
            )
            for assessment, number, content in cursor.fetchall()
        }


@pytest.mark.django_db(transaction=True)
def test_demo_versions_read_back_byte_for_byte_before_and_after_the_migration(
    reference_data, monkeypatch
):
    """The demo data as the old code stored it (the whole content at every save) becomes
    parts; every version reads back identical, and going back restores the column."""
    stored_before: dict = {}
    record_version = services._record_version

    def record_and_keep_the_whole(assessment, parts, *, by, summary, **credits):
        # What every save stored before parts: assessment_content() after the save.
        version = record_version(assessment, parts, by=by, summary=summary, **credits)
        content = selectors.assessment_content(assessment)
        stored_before[(assessment.pk, version.number)] = json.dumps(content, sort_keys=True)
        return version

    monkeypatch.setattr(services, "_record_version", record_and_keep_the_whole)
    call_command("seed_demo", stdout=StringIO())
    monkeypatch.undo()
    assert len(stored_before) == AssessmentVersion.objects.count() > 400

    saved = _read_back()
    try:
        _migrate(BEFORE)
        restored = _content_column()
        # The database as the old code left it: the whole content only, no parts.
        with connection.cursor() as cursor:
            for (assessment, number), content in stored_before.items():
                cursor.execute(
                    "UPDATE assessments_assessmentversion SET content = %s, manifest = %s,"
                    " checkpoint = %s WHERE assessment_id = %s AND number = %s",
                    [content, "[]", False, assessment, number],
                )
        Part.objects.all().delete()
    finally:
        _migrate()
    migrated = _read_back()

    assert saved == stored_before
    assert restored == stored_before
    assert migrated == stored_before
    assert AssessmentVersion.objects.filter(checkpoint=True).count() == 26
