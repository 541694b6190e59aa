"""Fill empty or fuzzy entries of locale/*/LC_MESSAGES/django.po from /work/tr/*.json.

usage: tr_fill.py REPO_ROOT   (prints what is still missing per language)
JSON: {"msgid": {"fr": "...", ...}} ; plurals: {"msgid|msgid_plural": {"fr": ["..", ".."]}}
"""

import glob
import json
import sys

import polib

root = sys.argv[1]
LANGS = ["fr", "es", "ru", "ar", "zh_Hans"]
table = {}
for path in sorted(glob.glob("/work/tr/*.json")):
    with open(path, encoding="utf-8") as f:
        try:
            data = json.load(f)
        except json.JSONDecodeError as e:
            print("BAD JSON", path, e)
            continue
    for key, value in data.items():
        if isinstance(value, dict):
            table.setdefault(key, {}).update(value)

for lang in LANGS:
    path = f"{root}/locale/{lang}/LC_MESSAGES/django.po"
    po = polib.pofile(path, wrapwidth=0)
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        fuzzy = "fuzzy" in entry.flags
        if entry.msgid_plural:
            empty = not all(entry.msgstr_plural.values()) if entry.msgstr_plural else True
            key = f"{entry.msgid}|{entry.msgid_plural}"
            if not (empty or fuzzy):
                continue
            value = table.get(key, {}).get(lang)
            if value:
                n = len(entry.msgstr_plural) or len(value)
                entry.msgstr_plural = {i: value[min(i, len(value) - 1)] for i in range(max(n, 1))}
            else:
                missing.append(key)
                continue
        else:
            if entry.msgstr and not fuzzy:
                continue
            value = table.get(entry.msgid, {}).get(lang)
            if value:
                entry.msgstr = value
            else:
                missing.append(entry.msgid)
                continue
        if fuzzy:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = None
        entry.previous_msgid_plural = None
        entry.previous_msgctxt = None
    po.save(path)
    print(lang, "missing", len(missing))
    for m in missing[:80]:
        print("   ", repr(m[:120]))
