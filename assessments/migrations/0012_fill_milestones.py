"""Fills what 0011 added for the workflow steps already taken: the latest version saved at or
before each step (else the first), and for a sending to the subcommittee, the State's
subcommittee. An assignment is no step: it keeps no version."""

from django.db import migrations
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce


def fill(apps, schema_editor):
    Transition = apps.get_model("assessments", "Transition")
    AssessmentVersion = apps.get_model("assessments", "AssessmentVersion")
    Assessment = apps.get_model("assessments", "Assessment")
    versions = AssessmentVersion.objects.filter(assessment_id=OuterRef("assessment_id"))
    latest = versions.filter(created_at__lte=OuterRef("at")).order_by("-number").values("pk")
    first = versions.order_by("number").values("pk")
    Transition.objects.exclude(action="assign").update(
        version=Coalesce(Subquery(latest[:1]), Subquery(first[:1]))
    )
    subcommittee = Assessment.objects.filter(pk=OuterRef("assessment_id")).values(
        "state__subcommittee_id"
    )
    Transition.objects.filter(action="send_to_subcommittee").update(
        subcommittee=Subquery(subcommittee[:1])
    )


class Migration(migrations.Migration):
    dependencies = [("assessments", "0011_transition_milestones")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
