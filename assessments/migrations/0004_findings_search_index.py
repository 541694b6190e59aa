from django.db import migrations

INDEX = "assessments_answer_search"
# The same expression as selectors._findings_match, so PostgreSQL can use the index.
CREATE = (
    f"CREATE INDEX IF NOT EXISTS {INDEX} ON assessments_answer USING gin ("
    "to_tsvector('simple'::regconfig, COALESCE(finding, '') || ' ' || COALESCE(sources, '')))"
)
DROP = f"DROP INDEX IF EXISTS {INDEX}"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("assessments", "0003_assign_in_history")]

    operations = [migrations.RunPython(create, drop)]
