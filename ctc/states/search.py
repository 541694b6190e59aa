"""The normalised text a state is searched by: the same folding for the stored names and
for what a person types, so that the comparison is a plain substring match on SQLite and
PostgreSQL alike (no unaccent extension, no collation)."""

import unicodedata

# Joins the names in MemberState.search_text; normalise() never outputs it, so a query
# cannot match across two names.
SEPARATOR = "|"
# Arabic letter variants folded together (alef maksura, teh marbuta); hamza and harakat
# go with the other combining marks.
_ARABIC = str.maketrans({"ى": "ي", "ة": "ه", "ـ": ""})


def normalise(text: str) -> str:
    """Case-folded, without accents, diacritics, spaces or punctuation:
    "Côte d’Ivoire" → "cotedivoire", "إسواتيني" → "اسواتيني", "Ёлка" → "елка"."""
    # NFKD splits accented letters into letter + combining mark; marks are not alnum.
    folded = unicodedata.normalize("NFKD", text.casefold()).translate(_ARABIC)
    return "".join(char for char in folded if char.isalnum())


def search_text(names) -> str:
    """The stored search field: every name given (six languages, former names), normalised,
    sorted (the same text whatever order a JSON column returns the former names in)."""
    return SEPARATOR.join(sorted({normalise(name) for name in names if name} - {""}))
