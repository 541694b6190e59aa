"""Side-by-side comparison of assessment versions, also across format versions: the rows of
questions and their answers. The word diffs themselves are ctc.diff's (re-exported here)."""

import hashlib
import json
from dataclasses import dataclass

from ctc import richtext
from ctc.diff import (  # noqa: F401 (re-exported: assessments' pages and tests use them)
    DIFF_CACHE_SECONDS,
    SideBySide,
    compare_html,
    side_by_side,
    tracked_html,
)

from .enums import AnswerStatus


@dataclass
class Row:
    code: str
    label: str
    finding: SideBySide
    status: tuple[str, str]
    sources: SideBySide
    # The words of the finding, the status or the sources: what answer_fingerprint tells apart.
    changed: bool
    origin: str = ""

    @property
    def status_changed(self) -> bool:
        return self.status[0] != self.status[1]

    @property
    def differs(self) -> bool:
        """Changed, or only the finding's formatting (emphasis, lists, paragraphs) changed."""
        return self.changed or self.finding.changed


@dataclass
class Run:
    """Consecutive questions that all differ, or all do not."""

    differs: bool
    rows: list[Row]

    @property
    def codes(self) -> str:
        return ", ".join(row.code for row in self.rows)


def runs(rows: list[Row]) -> list[Run]:
    grouped: list[Run] = []
    for row in rows:
        if grouped and grouped[-1].differs == row.differs:
            grouped[-1].rows.append(row)
        else:
            grouped.append(Run(row.differs, [row]))
    return grouped


def _normalised(field: str, value: str) -> str:
    return richtext.to_text(value) if field == "finding" else " ".join((value or "").split())


def _answer_text(content: dict, code: str, field: str) -> str:
    answer = content.get("answers", {}).get(code) or {}
    return _normalised(field, answer.get(field, ""))


def _answer_html(content: dict, code: str) -> str:
    answer = content.get("answers", {}).get(code) or {}
    return answer.get("finding") or ""


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
        old_text = _combined([_answer_text(old, c, "finding") for c in origin_codes])
        old_sources = _combined([_answer_text(old, c, "sources") for c in origin_codes])
        old_status = _status_label([_answer_text(old, c, "status") for c in origin_codes])
        new_status = _status_label([_answer_text(new, question.code, "status")])
        finding = compare_html(
            "".join(_answer_html(old, c) for c in origin_codes), _answer_html(new, question.code)
        )
        text_changed = old_text != _answer_text(new, question.code, "finding")
        sources = side_by_side(old_sources, _answer_text(new, question.code, "sources"))
        rows.append(
            Row(
                code=question.code,
                label=question.text,
                finding=finding,
                status=(old_status, new_status),
                sources=sources,
                changed=text_changed or sources.changed or old_status != new_status,
                origin=", ".join(origin_codes),
            )
        )
    return rows


def compare_texts(old: str, new: str) -> SideBySide:
    return side_by_side(richtext.to_text(old), richtext.to_text(new))
