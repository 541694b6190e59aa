"""python manage.py generate_report: the PDF written synchronously, bad input refused."""

import subprocess

import pytest
from django.core.management import CommandError, call_command

from docs_tracker.models import Document

pytestmark = pytest.mark.django_db


def test_command_writes_the_report_in_the_language_asked(tmp_path):
    out = tmp_path / "survey.pdf"

    call_command(
        "generate_report",
        "semi_annual",
        "--lang",
        "zh-hans",
        "--period",
        "2012H2",
        "--out",
        str(out),
    )

    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "S/AC.40/CTED/2012H2" in text
    assert "肯尼亚" in text
    assert Document.objects.count() == 0


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["yearly"], "kind: Choose one of the kinds of report"),
        (["visit_report", "--state", "ZZZ"], "state: Give the three-letter code of a member State"),
        (["semi_annual", "--lang", "de"], "language: Choose one of the languages"),
        (["semi_annual", "--period", "2012"], "period: Give a half-year as year and H1 or H2"),
        (["state_assessment", "--state", "KEN"], "No assessment of Kenya has been sent to it yet."),
    ],
)
def test_command_refuses_bad_input_and_writes_nothing(tmp_path, arguments, message):
    out = tmp_path / "report.pdf"

    with pytest.raises(CommandError) as raised:
        call_command("generate_report", *arguments, "--out", str(out))

    assert str(raised.value).startswith(message)
    assert not out.exists()
