"""Fills what 0009 added for the assessments already there: each answer's fingerprint, each
assessment's question and answered counts and, on PostgreSQL, its search document, then
indexes the documents (built once over them: far quicker than entry by entry). The services
keep them from then on (services._figures_refresh, answer_save)."""

from django.db import migrations
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from assessments.diff import answer_fingerprint

BATCH = 1000
INDEX = "assessments_searchdocument_document"
# Without a pending list, a save pays for indexing its document and every search finds the
# index as it is; with one, searches would scan it and the planner shun the index until vacuum.
CREATE = (
    f"CREATE INDEX IF NOT EXISTS {INDEX} ON assessments_searchdocument "
    "USING gin (document) WITH (fastupdate = off)"
)
DROP = f"DROP INDEX IF EXISTS {INDEX}"
# The document services._figures_refresh writes.
DOCUMENTS = """
INSERT INTO assessments_searchdocument (assessment_id, document)
SELECT assessment.id, (
    SELECT to_tsvector('simple'::regconfig, COALESCE(STRING_AGG(
        CONCAT(answer.finding, ' ', answer.sources), ' ' ORDER BY answer.id), ''))
    FROM assessments_answer answer WHERE answer.assessment_id = assessment.id
    GROUP BY answer.assessment_id
)
FROM assessments_assessment assessment
ON CONFLICT (assessment_id) DO UPDATE SET document = EXCLUDED.document
"""


def fill(apps, schema_editor):
    Answer = apps.get_model("assessments", "Answer")
    Assessment = apps.get_model("assessments", "Assessment")
    changed = []
    rows = Answer.objects.only("finding", "status", "sources").order_by("pk")
    for answer in rows.iterator(chunk_size=BATCH):
        answer.fingerprint = answer_fingerprint([(answer.finding, answer.status, answer.sources)])
        changed.append(answer)
        if len(changed) == BATCH:
            Answer.objects.bulk_update(changed, ["fingerprint"])
            changed = []
    Answer.objects.bulk_update(changed, ["fingerprint"])
    answers = Answer.objects.filter(assessment=OuterRef("pk")).order_by().values("assessment")
    answered = answers.filter(~Q(status="") & ~Q(finding=""))
    Assessment.objects.update(
        question_count=Coalesce(Subquery(answers.annotate(n=Count("pk")).values("n")), 0),
        answered_count=Coalesce(Subquery(answered.annotate(n=Count("pk")).values("n")), 0),
    )
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DOCUMENTS)
        # The new rows' deferred foreign-key checks must run before the table can be indexed.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute(CREATE)
        schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")


def unindex(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("assessments", "0009_search_and_counters")]

    operations = [migrations.RunPython(fill, unindex)]
