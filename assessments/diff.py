"""Word-level, side-by-side comparison of assessment versions, also across format versions."""

import hashlib
import json
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.core.cache import cache
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import richtext
from .enums import AnswerStatus

TOKEN = re.compile(r"\s+|[^\s\w]|\w+", re.UNICODE)


@dataclass
class SideBySide:
    left: SafeString
    right: SafeString
    changed: bool


def words(text: str) -> list[str]:
    return TOKEN.findall(text)


# A diff depends only on its two texts, so it is kept under their hash and never goes stale.
DIFF_CACHE_SECONDS = 30 * 24 * 3600


def side_by_side(old: str, new: str) -> SideBySide:
    """Old text with deletions marked <del>, new text with insertions marked <ins>."""
    if old == new:
        # What the matcher would give, without its cost (quadratic in repeated words).
        return SideBySide(escape(old), escape(new), False)
    key = "diff:1:" + hashlib.sha256(f"{old}\0{new}".encode()).hexdigest()
    cached = cache.get(key)
    if cached is not None:
        left, right, changed = cached
        return SideBySide(mark_safe(left), mark_safe(right), changed)
    result = _side_by_side(old, new)
    cache.set(key, (str(result.left), str(result.right), result.changed), DIFF_CACHE_SECONDS)
    return result


def _side_by_side(old: str, new: str) -> SideBySide:
    a, b = words(old), words(new)
    left, right = [], []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        old_part, new_part = escape("".join(a[i1:i2])), escape("".join(b[j1:j2]))
        if op == "equal":
            left.append(old_part)
            right.append(new_part)
            continue
        if old_part:
            left.append(f"<del>{old_part}</del>")
        if new_part:
            right.append(f"<ins>{new_part}</ins>")
    return SideBySide(mark_safe("".join(left)), mark_safe("".join(right)), a != b)


@dataclass
class Row:
    code: str
    label: str
    finding: SideBySide
    status: tuple[str, str]
    sources: SideBySide
    changed: bool
    origin: str = ""


def _normalised(field: str, value: str) -> str:
    return richtext.to_text(value) if field == "finding" else " ".join((value or "").split())


def _answer_text(content: dict, code: str, field: str) -> str:
    answer = content.get("answers", {}).get(code) or {}
    return _normalised(field, answer.get(field, ""))


def _combined(texts: list[str]) -> str:
    return " ".join(texts).strip()


def _unique(statuses: list[str]) -> list[str]:
    return list(dict.fromkeys(v for v in statuses if v))


def _status_label(values: list[str]) -> str:
    return " / ".join(
        str(AnswerStatus(v).label) if v in AnswerStatus.values else v for v in _unique(values)
    )


def answer_fingerprint(answers: list[tuple[str, str, str]]) -> str:
    """SHA-256 of what compare_contents compares: the (finding, status, sources) of one
    answer, or of the answers of the previous format that feed one question, combined the
    same way. Two fingerprints differ exactly when compare_contents says "changed".

    Answer.fingerprint stores it for one answer: a change to the normalisation here needs a
    data migration recomputing them (see migration 0010).
    """
    finding = _combined([_normalised("finding", f) for f, _s, _src in answers])
    sources = _combined([_normalised("sources", src) for _f, _s, src in answers])
    statuses = " / ".join(_unique([_normalised("status", s) for _f, s, _src in answers]))
    text = json.dumps([finding, statuses, sources], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def compare_contents(old: dict, new: dict, questions, sources_of=None) -> list[Row]:
    """One row per question of the newer content.

    `sources_of(code)` gives the codes of the older content that map onto a question; by
    default the same code (same format).
    """
    rows = []
    for question in questions:
        origin_codes = sources_of(question.code) if sources_of else [question.code]
        old_finding = _combined([_answer_text(old, c, "finding") for c in origin_codes])
        old_sources = _combined([_answer_text(old, c, "sources") for c in origin_codes])
        old_status = _status_label([_answer_text(old, c, "status") for c in origin_codes])
        new_status = _status_label([_answer_text(new, question.code, "status")])
        finding = side_by_side(old_finding, _answer_text(new, question.code, "finding"))
        sources = side_by_side(old_sources, _answer_text(new, question.code, "sources"))
        rows.append(
            Row(
                code=question.code,
                label=question.text,
                finding=finding,
                status=(old_status, new_status),
                sources=sources,
                changed=finding.changed or sources.changed or old_status != new_status,
                origin=", ".join(origin_codes),
            )
        )
    return rows


def compare_texts(old: str, new: str) -> SideBySide:
    return side_by_side(richtext.to_text(old), richtext.to_text(new))
