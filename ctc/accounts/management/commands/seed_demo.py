import json

from django.core.management.base import BaseCommand

from assessments.demo import demo_assessments_seed
from ctc.accounts.demo import demo_users_seed
from ctc.states.demo import demo_reports_seed


class Command(BaseCommand):
    help = "Creates demo data and one or more demo accounts per role, then prints their logins."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print the logins as JSON.")

    def handle(self, *args, **options):
        reports = demo_reports_seed()
        logins = demo_users_seed()
        assessments = demo_assessments_seed()
        if options["json"]:
            self.stdout.write(json.dumps({"users": logins}, indent=2))
            return
        self.stdout.write(f"State reports: {reports}")
        self.stdout.write(f"Demo assessments: {assessments}")
        self.stdout.write("Demo logins (user name / password):")
        for login in logins:
            scope = login["state"] or login["organisation"] or ""
            self.stdout.write(
                f"  {login['role']:<20} {login['username']:<28} {login['password']}  {scope}"
            )
