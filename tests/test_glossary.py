"""The catalogue and the reference data use the UN terms of docs/glossary.json.

For every glossary entry: each English message or data value that uses the term (`source`)
must be translated with the glossary's term in each language (`required`) and without its
known wrong variants (`forbidden`); some variants are wrong anywhere (`forbidden_anywhere`,
e.g. Chinese 执行局 alone, which means “Executive Board”). docs/glossary.md mirrors the JSON.
"""

import ast
import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = json.loads((ROOT / "docs" / "glossary.json").read_text(encoding="utf-8"))
ENTRIES = GLOSSARY["entries"]
LOCALES = ["fr", "es", "ru", "zh_Hans", "ar"]
LANGUAGES = ["en", *LOCALES]
DATA_FILES = sorted(
    [*ROOT.glob("ctc/*/data/*.json"), *ROOT.glob("assessments/data/*.json")],
)
# Data files spell the Chinese key as the language code; the catalogue as the locale.
DATA_KEYS = {
    **{code: code for code in ("en", "fr", "es", "ru", "ar")},
    **{code: "zh_Hans" for code in ("zh-hans", "zh_hans", "zh_Hans", "zh")},
}


def _pattern(regex: str) -> re.Pattern:
    """Case-insensitive unless the pattern opts out with a leading (?-i)."""
    if regex.startswith("(?-i)"):
        return re.compile(regex[len("(?-i)") :])
    return re.compile(regex, re.IGNORECASE)


def _unquote(line: str) -> str:
    return ast.literal_eval(line.strip())


def parse_po(path: Path) -> list[dict]:
    """The entries of a .po file: msgid, msgid_plural and every msgstr (obsolete ones skipped)."""
    entries, current, field = [], None, None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            if current is not None and not line:
                entries.append(current)
                current = None
            continue
        if current is None:
            current = {"msgctxt": None, "msgid": "", "msgid_plural": None, "msgstr": {}}
        match = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")$", line)
        if match:
            keyword, index, text = match.groups()
            if keyword.startswith("msgstr"):
                field = ("msgstr", int(index or 0))
                current["msgstr"][field[1]] = _unquote(text)
            else:
                field = (keyword, None)
                current[keyword] = _unquote(text)
        elif line.startswith('"'):
            if field[0] == "msgstr":
                current["msgstr"][field[1]] += _unquote(line)
            else:
                current[field[0]] += _unquote(line)
    if current is not None:
        entries.append(current)
    return [e for e in entries if e["msgid"]]


def catalogue_units() -> list[tuple[str, dict[str, list[str]]]]:
    """(where, {language: [texts]}) for every message: its English and its five translations."""
    units: dict[tuple, dict[str, list[str]]] = {}
    for locale in LOCALES:
        po = ROOT / "locale" / locale / "LC_MESSAGES" / "django.po"
        for entry in parse_po(po):
            key = (entry["msgctxt"], entry["msgid"], entry["msgid_plural"])
            unit = units.setdefault(key, {"en": [entry["msgid"]] + [entry["msgid_plural"] or ""]})
            unit[locale] = [entry["msgstr"][i] for i in sorted(entry["msgstr"])]
    return [(f"catalogue {key[1]!r}", unit) for key, unit in units.items()]


def _leaves(node, path: str = ""):
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _leaves(value, f"{path}[{index}]")


def _translated_values(node, path: str):
    """{"en": "…", "fr": "…", …} values, and {"en": {…}, "fr": {…}} trees part by part."""
    if isinstance(node, dict):
        if "en" in node and "fr" in node:
            languages = [key for key in node if key in DATA_KEYS]
            if isinstance(node["en"], str):
                yield path, {key: node[key] for key in languages}
                return
            # One tree per language (e.g. a letter): compare part by part, the lines of a part
            # joined, since languages may split a part into different lines.
            parts = node["en"] if isinstance(node["en"], dict) else {"": node["en"]}
            for part in parts:
                texts = {}
                for key in languages:
                    tree = node[key] if part == "" else (node[key] or {}).get(part)
                    if tree is not None:
                        texts[key] = "\n".join(text for _leaf, text in _leaves(tree))
                yield f"{path}/{part}" if part else path, texts
            return
        for key, value in node.items():
            yield from _translated_values(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _translated_values(value, f"{path}[{index}]")


def data_units() -> list[tuple[str, dict[str, list[str]]]]:
    units = []
    for path in DATA_FILES:
        data = json.loads(path.read_text(encoding="utf-8"))
        for where, values in _translated_values(data, ""):
            unit = {DATA_KEYS[key]: [value] for key, value in values.items() if key in DATA_KEYS}
            units.append((f"{path.relative_to(ROOT)}{where}", unit))
    return units


UNITS = catalogue_units() + data_units()


# Arabic short vowels and shadda are optional marks: patterns match the bare letters.
TASHKEEL = re.compile("[\u064b-\u0652\u0670]")


def _bare(lang: str, text: str) -> str:
    return TASHKEEL.sub("", text) if lang == "ar" else text


def violations(entry: dict, units=UNITS) -> list[str]:
    found = []
    source = _pattern(entry["source"]) if entry.get("source") else None
    required = {
        lang: _pattern(entry.get("required", {}).get(lang) or re.escape(entry["term"][lang]))
        for lang in LOCALES
    }
    forbidden = {
        lang: [_pattern(p) for p in entry.get("forbidden", {}).get(lang, [])] for lang in LANGUAGES
    }
    anywhere = {
        lang: [_pattern(p) for p in entry.get("forbidden_anywhere", {}).get(lang, [])]
        for lang in LANGUAGES
    }
    for where, unit in units:
        if entry.get("scope") == "catalogue" and not where.startswith("catalogue"):
            continue
        uses_term = source is not None and any(source.search(t) for t in unit["en"])
        for lang in LANGUAGES:
            for text in unit.get(lang, []):
                if not text:
                    continue
                text = _bare(lang, text)
                if uses_term and lang != "en" and not required[lang].search(text):
                    found.append(f"{where} [{lang}] lacks “{entry['term'][lang]}”: {text}")
                bad = anywhere[lang] + (forbidden[lang] if uses_term else [])
                for pattern in bad:
                    if pattern.search(text):
                        found.append(f"{where} [{lang}] uses “{pattern.pattern}”: {text}")
    return found


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["id"] for e in ENTRIES])
def test_catalogue_and_data_use_the_glossary_term(entry):
    assert violations(entry) == []


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["id"] for e in ENTRIES])
def test_glossary_term_satisfies_its_own_rules(entry):
    assert set(entry["term"]) == set(LANGUAGES)
    example = ("glossary", {lang: [entry["term"][lang]] for lang in LANGUAGES})
    if entry.get("source"):
        example[1]["en"] = [entry["term"]["en"]]
    assert violations(entry, [example]) == []


def test_the_checks_catch_the_variants_the_review_found():
    """The rules fail on the wording the terminology review reported (guards the regexes)."""
    by_id = {e["id"]: e for e in ENTRIES}
    old = [  # (entry, language, English, translation)
        ("cted", "zh_Hans", "CTED review", "执行局审查中"),
        ("cted", "zh_Hans", "Only a CTED expert can be assigned.", "只能指派执行局专家。"),
        ("workspace", "fr", "CTC Workspace", "CTC Workspace"),
        ("workspace", "es", "Sign in to CTC Workspace", "Iniciar sesión en CTC Workspace"),
        ("pia", "ar", "Preliminary Implementation Assessment", "تقييم التنفيذ الأولي"),
        ("pia", "zh_Hans", "Preliminary Implementation Assessments", "执行情况初步评估"),
        ("format", "ar", "a simplified format", "الشكل المبسط"),
        ("section", "ar", "human-rights section", "قسم حقوق الإنسان"),
        ("section", "ar", "one human-rights section", "يتضمن كل نموذج قسما واحدا لحقوق الإنسان"),
        (
            "sc-ctc",
            "es",
            "Security Council Counter-Terrorism Committee",
            "Comité del Consejo de Seguridad contra el Terrorismo",
        ),
        (
            "monitoring-team",
            "en",
            "Analytical Support and Sanctions Monitoring Team established pursuant to"
            " resolutions 1267 (1999) and 1989 (2011)",
            None,
        ),
        ("language-names", "ru", "English", "Английский"),
        ("dangling-year", "fr", "x", "Évaluation préliminaire de la mise en œuvre (2012)"),
        ("dangling-year", "es", "x", "Evaluación preliminar de la aplicación {cycle}: {state}"),
    ]
    for entry_id, lang, english, text in old:
        unit = {"en": [english]} if text is None else {"en": [english], lang: [text]}
        assert violations(by_id[entry_id], [("old", unit)]), (entry_id, unit)
    fine = [
        ("dangling-year", "fr", "x", "la résolution 1373 (2001) du Conseil de sécurité"),
        ("cted", "zh_Hans", "CTED", "反恐怖主义委员会执行局（反恐执行局）"),
        ("section", "ar", "the section; questions split", "الفرع؛ وقُسّمت الأسئلة المركّبة"),
    ]
    for entry_id, lang, english, text in fine:
        unit = {"en": [english], lang: [text]}
        assert not violations(by_id[entry_id], [("fine", unit)]), (entry_id, unit)


def _markdown_rows() -> dict[str, list[str]]:
    text = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    rows = {}
    for line in text.splitlines():
        match = re.match(r"^\|\s*`([a-z0-9-]+)`\s*\|(.*)\|\s*$", line)
        if match:
            rows[match.group(1)] = [cell.strip() for cell in match.group(2).split("|")]
    return rows


def test_glossary_markdown_mirrors_the_json():
    rows = _markdown_rows()
    assert list(rows) == [e["id"] for e in ENTRIES]
    for entry in ENTRIES:
        assert rows[entry["id"]][: len(LANGUAGES)] == [entry["term"][lang] for lang in LANGUAGES]


@pytest.mark.django_db
def test_reference_data_in_the_database_is_brought_to_the_glossary_terms():
    """Rows loaded before the terminology fix are corrected by re-running load_reference_data."""
    from assessments.models import AssessmentFormat
    from ctc.organisations.models import Organisation

    team = Organisation.objects.get(code="1267-monitoring-team")
    team.name_fr = "Équipe d'appui analytique et de surveillance des sanctions créée en application"
    team.name_fr += " des résolutions 1267 (1999) et 1989 (2011)"
    team.save()
    fmt = AssessmentFormat.objects.get(code="pia-2012")
    fmt.name_fr = "Évaluation préliminaire de la mise en œuvre (2012)"
    fmt.save()

    call_command("load_reference_data", verbosity=0, stdout=StringIO())

    team.refresh_from_db()
    fmt.refresh_from_db()
    by_id = {e["id"]: e for e in ENTRIES}
    assert team.name_fr == by_id["monitoring-team"]["term"]["fr"]
    assert "第1526(2004)号决议" in team.name_zh_hans
    assert "(2012)" not in fmt.name_fr
    assert "初步执行情况评估" in fmt.name_zh_hans
    assert "التقييم الأولي للتنفيذ" in fmt.name_ar
