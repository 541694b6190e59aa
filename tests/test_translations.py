"""Every string a person reads is translated in the five other languages."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ["ar", "es", "fr", "ru", "zh_Hans"]


def _untranslated(po: Path) -> list[str]:
    """msgids with an empty or fuzzy translation, via gettext's msgattrib."""
    out = subprocess.run(
        ["msgattrib", "--untranslated", "--no-wrap", str(po)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    fuzzy = subprocess.run(
        ["msgattrib", "--only-fuzzy", "--no-wrap", str(po)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [
        line
        for line in (out + fuzzy).splitlines()
        if line.startswith("msgid ") and line != 'msgid ""'
    ]


@pytest.mark.parametrize("locale", LOCALES)
def test_catalogue_has_no_empty_or_fuzzy_entries(locale):
    po = ROOT / "locale" / locale / "LC_MESSAGES" / "django.po"

    assert po.exists()
    assert _untranslated(po) == []


def test_makemessages_would_add_no_untranslated_string(tmp_path):
    copy = tmp_path / "repo"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "staticfiles", "media", "*.sqlite3", "__pycache__", "node_modules"
        ),
    )

    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--all",
            "--no-obsolete",
            "--ignore=.venv",
            "--ignore=tests",
            "--ignore=bench",
            "-v0",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
    )

    missing = {
        locale: _untranslated(copy / "locale" / locale / "LC_MESSAGES" / "django.po")
        for locale in LOCALES
    }
    assert missing == {locale: [] for locale in LOCALES}
