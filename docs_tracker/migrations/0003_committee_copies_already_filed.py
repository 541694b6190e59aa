from django.db import migrations

# reports/kinds.py names the Committee's copy of a State's assessment ".../PRINT/COMMITTEE",
# and reports/services.py adds the language: such copies filed before committee_only existed
# get it too, so none of them can be distributed to the State.
COMMITTEE_COPY = "/PRINT/COMMITTEE/"


def mark(apps, schema_editor):
    Document = apps.get_model("docs_tracker", "Document")
    Document.objects.filter(reference__contains=COMMITTEE_COPY, committee_only=False).update(
        committee_only=True
    )


class Migration(migrations.Migration):
    dependencies = [
        ("docs_tracker", "0002_document_committee_only"),
    ]

    operations = [migrations.RunPython(mark, migrations.RunPython.noop)]
