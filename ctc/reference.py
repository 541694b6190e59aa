"""Reading the reference-data files kept in the repository (ctc/*/data/*.json)."""

import json
from pathlib import Path

from django.conf import settings

# JSON language keys → modeltranslation field suffixes.
LANGUAGE_SUFFIXES = {code: code.replace("-", "_") for code, _name in settings.LANGUAGES}


def read(path: Path) -> dict:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def translated(field: str, values: dict[str, str]) -> dict[str, str]:
    """{"en": "x", "zh-hans": "y"} → {"name_en": "x", "name_zh_hans": "y"}."""
    missing = [code for code in LANGUAGE_SUFFIXES if not values.get(code)]
    if missing:
        raise ValueError(f"{field}: missing languages {missing} in {values!r}")
    return {f"{field}_{suffix}": values[code] for code, suffix in LANGUAGE_SUFFIXES.items()}
