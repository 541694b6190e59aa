from django.core.management.base import BaseCommand

from ctc.registry import site


class Command(BaseCommand):
    help = (
        "Loads the reference data every app registers (subcommittees, the 193 member states,"
        " organisations, thematic areas, formats, role groups, schedules); idempotent."
    )

    def handle(self, *args, **options):
        for step in site.ordered(site.reference_loaders):
            self.stdout.write(f"{step.label}: {step.run()}")
