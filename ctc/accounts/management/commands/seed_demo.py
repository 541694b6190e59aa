import json

from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from ctc.accounts.demo import demo_users_seed
from ctc.registry import site


class Command(BaseCommand):
    help = "Creates demo data and one or more demo accounts per role, then prints their logins."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print the logins as JSON.")

    def handle(self, *args, **options):
        # Demo events mail nobody (their addresses are .invalid), nor print mail over --json.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            logins = demo_users_seed()
            # Each app's demo data (registered in its AppConfig.ready()), after the accounts.
            figures = [(step.label, step.run()) for step in site.ordered(site.demo_seeders)]
        if options["json"]:
            self.stdout.write(json.dumps({"users": logins}, indent=2))
            return
        for label, figure in figures:
            self.stdout.write(f"{str(label).capitalize()}: {figure}")
        self.stdout.write("Demo logins (user name / password):")
        for login in logins:
            scope = login["state"] or login["organisation"] or ""
            self.stdout.write(
                f"  {login['role']:<20} {login['username']:<28} {login['password']}  {scope}"
            )
        self.stdout.write(
            "CTED staff and administrators also give a code from an authenticator app at sign-in."
            " Add these demo keys to one (as a TOTP key, 6 digits, 30 s):"
        )
        for login in logins:
            if login["totp_key"]:
                self.stdout.write(f"  {login['username']:<28} {login['totp_key']}")
