from django.core.management.base import BaseCommand, CommandError

from ctc.accounts import rotation as services


class Command(BaseCommand):
    help = (
        "Rotates the secure-area credentials: the quarter's rotation (started, or resumed if "
        "it was interrupted), or one account at once with --account. See ctc/accounts/rotation.py."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--quarter", help="The quarter, e.g. 2026Q4 (default: the current one)."
        )
        parser.add_argument(
            "--account", help="Rotate only this account (its login name or account id) now."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would change; change nothing."
        )

    def handle(self, *args, quarter=None, account=None, dry_run=False, **options):
        if quarter:
            try:
                services.quarter_parse(quarter)
            except ValueError:
                raise CommandError(f"--quarter must look like 2026Q4, not {quarter!r}") from None
        if quarter and account:
            raise CommandError(
                "--account rotates one account at once, outside any quarter: leave out --quarter."
            )
        secure = None
        if account:
            secure = services.secure_account_find(account)
            if secure is None:
                raise CommandError(f"No secure-area account has the login name or id {account!r}.")
        if dry_run:
            for line in services.rotation_preview(quarter=quarter, account=secure):
                self.stdout.write(line)
            self.stdout.write("Dry run: nothing was changed.")
            return
        if secure is not None:
            rotation = services.account_rotate(
                account=secure, by=None, reason="rotate_credentials --account"
            )
            rotation = services.rotation_run(rotation=rotation)
        else:
            rotation, created = services.rotation_start(quarter=quarter)
            if not created:
                self.stdout.write(f"Rotation {rotation.quarter} exists: resuming what is left.")
            rotation = services.rotation_run(rotation=rotation)
        self.stdout.write(
            f"Rotation {rotation}: {rotation.account_count} account(s), "
            f"{rotation.done_count} changed, {rotation.notice_count} notice(s) sent, "
            f"{rotation.failure_count} failure(s); status {rotation.status}."
        )
