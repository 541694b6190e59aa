"""python manage.py generate_report KIND [--state ISO3] [--lang CODE] [--period 2012H1]
[--copy committee|state] --out FILE: the report printed synchronously into FILE (not filed)."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext

from reports import services
from reports.kinds import ReportUnavailable


class Command(BaseCommand):
    help = "Generates a report as a PDF file, synchronously (the reports page files it instead)."

    def add_arguments(self, parser):
        parser.add_argument("kind")
        parser.add_argument("--state", default="", help="The State's ISO 3166 alpha-3 code.")
        parser.add_argument("--lang", default="", help="en, fr, es, ru, zh-hans or ar.")
        parser.add_argument("--period", default="", help="A half-year, e.g. 2012H1.")
        parser.add_argument("--copy", default="committee", help="committee or state.")
        parser.add_argument("--out", required=True, help="The PDF file to write.")

    def handle(self, *args, **options):
        out = Path(options["out"])
        if not out.parent.is_dir():
            raise CommandError(f"The folder {out.parent} does not exist.")
        try:
            request = services.report_request_make(
                kind=options["kind"],
                language=options["lang"],
                state=options["state"],
                period=options["period"],
                copy=options["copy"],
            )
            pdf = services.report_render(request)
        except ValidationError as exc:
            lines = [f"{name}: {' '.join(messages)}" for name, messages in exc.message_dict.items()]
            raise CommandError("\n".join(lines)) from exc
        except ReportUnavailable as exc:
            raise CommandError(gettext(exc.message).format(**exc.params)) from exc
        out.write_bytes(pdf)
        self.stdout.write(f"{out} ({len(pdf)} bytes, {request.language})")
