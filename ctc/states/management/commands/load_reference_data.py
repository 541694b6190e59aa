from django.core.management.base import BaseCommand

from assessments.services import formats_load
from ctc.accounts.services import roles_sync
from ctc.organisations.services import organisations_load
from ctc.states.services import states_load, subcommittees_load
from ctc.themes.services import thematic_areas_load


class Command(BaseCommand):
    help = (
        "Loads subcommittees, the 193 member states, organisations, thematic areas, roles"
        " and the assessment formats."
    )

    def handle(self, *args, **options):
        figures = {
            "subcommittees": subcommittees_load(),
            "member states": states_load(),
            "organisations": organisations_load(),
            "thematic areas": thematic_areas_load(),
            "role groups": len(roles_sync()),
            "assessment formats": formats_load(),
        }
        for name, count in figures.items():
            self.stdout.write(f"{name}: {count}")
