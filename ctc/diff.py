"""Word diffs shown side by side or as tracked changes: of plain text, and of rich text
(ctc.richtext) with its paragraphs, lists and emphasis kept. Used by every versioned text
(assessments' findings and notes, visit reports' sections)."""

import functools
import hashlib
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from html.parser import HTMLParser

from django.core.cache import cache
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext

from . import richtext

TOKEN = re.compile(r"\s+|[^\s\w]|\w+", re.UNICODE)


@dataclass
class SideBySide:
    left: SafeString
    right: SafeString
    changed: bool
    # Rich text only: the words are the same, only their formatting or layout changed.
    formatting: bool = False


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


# --- Rich text: blocks (paragraphs, list items), then words within them ------------------

# The inline formatting a word can carry, in the order its tags are nested when rendered.
INLINE = {"a": "a", "strong": "strong", "b": "strong", "em": "em", "i": "em", "u": "u"}
FORMAT_ORDER = ("a", "strong", "em", "u")
CONTAINERS = {"ul", "ol", "li", "blockquote"}
LINK_SCHEMES = ("http://", "https://", "mailto:")
BREAK = "\n"
# An unchanged paragraph of at least this many words, in a text that changed elsewhere, is
# folded away behind its first words.
FOLD_WORDS = 40
FOLD_CONTEXT = 12


@dataclass
class Block:
    """A paragraph ("p"), or text straight inside a list item, a quotation or the text ("").

    `containers` are the lists, items and quotations around it, each with an id of its own
    so that two items of one list stay two items; `tokens` are (text, formatting) pairs.
    """

    containers: tuple
    tag: str
    tokens: list

    @functools.cached_property
    def key(self) -> tuple:
        return (tuple(tag for tag, _id in self.containers), self.tag, tuple(self.tokens))

    @property
    def words(self) -> int:
        return sum(1 for text, _formats in self.tokens if text[0].isalnum() or text[0] == "_")


class _BlockParser(HTMLParser):
    """Reads sanitised rich text into blocks; tags outside richtext.ALLOWED_TAGS are dropped
    and their text kept (escaped when rendered)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.containers: list[tuple[str, int]] = []
        self.formats: list[tuple[str, tuple | None]] = []
        self.block: Block | None = None
        self.ids = 0

    def _flush(self):
        if self.block is not None:
            tokens = self.block.tokens
            while tokens and tokens[-1][0] in (" ", BREAK):
                tokens.pop()
            # A space between two words formatted alike is formatted like them, so that
            # "<b>a</b> <b>b</b>" and "<b>a b</b>" read (and render) the same.
            for index in range(1, len(tokens) - 1):
                if tokens[index][0] == " " and tokens[index - 1][1] == tokens[index + 1][1]:
                    tokens[index] = (" ", tokens[index - 1][1])
            if tokens:
                self.blocks.append(self.block)
        self.block = None

    def _add(self, text: str, formats: tuple):
        if self.block is None:
            if text in (" ", BREAK):
                return
            self.block = Block(tuple(self.containers), "", [])
        tokens = self.block.tokens
        if text == " " and (not tokens or tokens[-1][0] in (" ", BREAK)):
            return
        tokens.append((text, formats))

    def _current_formats(self) -> tuple:
        entries = {entry for _tag, entry in self.formats if entry}
        return tuple(sorted(entries, key=lambda e: (FORMAT_ORDER.index(e[0]), e)))

    def handle_starttag(self, tag, attrs):
        if tag == "p":
            self._flush()
            self.block = Block(tuple(self.containers), "p", [])
        elif tag in CONTAINERS:
            self._flush()
            self.ids += 1
            self.containers.append((tag, self.ids))
        elif tag == "br":
            self._add(BREAK, ())
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self.formats.append((tag, ("a", href) if href.startswith(LINK_SCHEMES) else None))
        elif tag in INLINE:
            self.formats.append((tag, (INLINE[tag],)))

    def handle_endtag(self, tag):
        if tag == "p":
            self._flush()
        elif tag in CONTAINERS:
            self._flush()
            if any(open_tag == tag for open_tag, _id in self.containers):
                while self.containers.pop()[0] != tag:
                    pass
        elif tag in INLINE:
            for index in range(len(self.formats) - 1, -1, -1):
                if self.formats[index][0] == tag:
                    del self.formats[index]
                    break

    def handle_data(self, data):
        formats = self._current_formats()
        for token in TOKEN.findall(data):
            # Formatting of spaces is settled when the block ends (_flush).
            self._add(" ", ()) if token.isspace() else self._add(token, formats)

    def close(self):
        super().close()
        self._flush()


def blocks(value: str) -> list[Block]:
    """The blocks of a rich text, cleaned first as every save cleans it."""
    parser = _BlockParser()
    parser.feed(richtext.clean(value))
    parser.close()
    return parser.blocks


def _open_tag(entry: tuple) -> str:
    if entry[0] == "a":
        return f'<a href="{escape(entry[1])}" rel="noopener noreferrer nofollow">'
    return f"<{entry[0]}>"


def _formatted(tokens: list) -> str:
    """Escaped text with its formatting, one element per run of equally formatted words."""
    out = []
    current: tuple = ()
    for text, formats in tokens:
        if formats != current:
            out.extend(f"</{entry[0]}>" for entry in reversed(current))
            out.extend(_open_tag(entry) for entry in formats)
            current = formats
        out.append("<br>" if text == BREAK else escape(text))
    out.extend(f"</{entry[0]}>" for entry in reversed(current))
    return "".join(out)


def _marked(mark: str, tokens: list, *, formatting: bool = False) -> str:
    html = _formatted(tokens)
    if not mark:
        return html
    kind = ' class="diff-format"' if formatting else ""
    return f"<{mark}{kind}>{html}</{mark}>"


def _word_diff(old: Block, new: Block) -> tuple[str, str]:
    """The two blocks' inner HTML, changed words marked; a word only formatted differently
    is marked too (class diff-format), and so is a whole block whose kind changed
    (a paragraph become a list item)."""
    a, b = old.tokens, new.tokens
    if old.key[:2] != new.key[:2] and a == b:
        return _marked("del", a, formatting=True), _marked("ins", b, formatting=True)
    left, right = [], []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        old_part, new_part = a[i1:i2], b[j1:j2]
        if op == "equal":
            _extend(left, "", False, old_part)
            _extend(right, "", False, new_part)
            continue
        same_words = [t for t, _f in old_part] == [t for t, _f in new_part]
        _extend(left, "del", same_words, old_part)
        _extend(right, "ins", same_words, new_part)
    return (
        "".join(_marked(mark, tokens, formatting=f) for mark, f, tokens in left),
        "".join(_marked(mark, tokens, formatting=f) for mark, f, tokens in right),
    )


def _extend(pieces: list, mark: str, formatting: bool, tokens: list) -> None:
    """Adds tokens to one side's pieces, joining them to the last piece if marked alike."""
    if not tokens:
        return
    if pieces and pieces[-1][:2] == (mark, formatting):
        pieces[-1][2].extend(tokens)
    else:
        pieces.append((mark, formatting, list(tokens)))


def _similar(old: Block, new: Block) -> bool:
    a = [t for t, _f in old.tokens]
    b = [t for t, _f in new.tokens]
    return SequenceMatcher(None, a, b, autojunk=False).quick_ratio() >= 0.5


def _pairs(old: list[Block], new: list[Block]) -> list[tuple[Block | None, Block | None]]:
    """Blocks of a changed stretch paired in order: one edited block for another when they
    look alike (or when both sides have as many), the rest deleted or inserted."""
    if len(old) == len(new):
        return list(zip(old, new, strict=True))
    pairs = []
    i = j = 0
    while i < len(old) and j < len(new):
        if _similar(old[i], new[j]):
            pairs.append((old[i], new[j]))
            i, j = i + 1, j + 1
        elif j + 1 < len(new) and _similar(old[i], new[j + 1]):
            pairs.append((None, new[j]))
            j += 1
        elif i + 1 < len(old) and _similar(old[i + 1], new[j]):
            pairs.append((old[i], None))
            i += 1
        else:
            pairs.extend([(old[i], None), (None, new[j])])
            i, j = i + 1, j + 1
    pairs.extend((block, None) for block in old[i:])
    pairs.extend((None, block) for block in new[j:])
    return pairs


def _folded(block: Block, body: str) -> str:
    """An unchanged long paragraph behind a summary of its first words."""
    text = "".join(" " if token == BREAK else token for token, _formats in block.tokens)
    start = " ".join(text.split()[:FOLD_CONTEXT])
    count = ngettext("{count} unchanged word", "{count} unchanged words", block.words).format(
        count=block.words
    )
    return (
        f'<details class="diff-context"><summary>{escape(start)}…'
        f' <span class="meta">({escape(count)})</span></summary>{body}</details>'
    )


def _render(entries: list[tuple[Block, str, bool]]) -> str:
    """Blocks with their inner HTML as one side's HTML, their lists and quotations around
    them; `fold` entries behind a summary."""
    out, open_ = [], []
    for block, inner, fold in entries:
        shared = 0
        limit = min(len(open_), len(block.containers))
        while shared < limit and open_[shared] == block.containers[shared]:
            shared += 1
        out.extend(f"</{tag}>" for tag, _id in reversed(open_[shared:]))
        out.extend(f"<{tag}>" for tag, _id in block.containers[shared:])
        open_ = list(block.containers)
        body = f"<p>{inner}</p>" if block.tag == "p" else inner
        out.append(_folded(block, body) if fold else body)
    out.extend(f"</{tag}>" for tag, _id in reversed(open_))
    return "".join(out)


def _rich_same(text: str) -> SideBySide:
    html = mark_safe(_render([(block, _formatted(block.tokens), False) for block in blocks(text)]))
    return SideBySide(html, html, False)


def _rich_side_by_side(old: str, new: str) -> SideBySide:
    a, b = blocks(old), blocks(new)
    changed = [x.key for x in a] != [y.key for y in b]
    left: list[tuple[Block, str, bool]] = []
    right: list[tuple[Block, str, bool]] = []
    matcher = SequenceMatcher(None, [x.key for x in a], [y.key for y in b], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for x, y in zip(a[i1:i2], b[j1:j2], strict=True):
                fold = changed and x.words >= FOLD_WORDS
                left.append((x, _formatted(x.tokens), fold))
                right.append((y, _formatted(y.tokens), fold))
            continue
        for x, y in _pairs(a[i1:i2], b[j1:j2]):
            if x and y:
                old_html, new_html = _word_diff(x, y)
                left.append((x, old_html, False))
                right.append((y, new_html, False))
            elif x:
                left.append((x, _marked("del", x.tokens), False))
            else:
                right.append((y, _marked("ins", y.tokens), False))
    formatting = changed and richtext.to_text(old) == richtext.to_text(new)
    return SideBySide(mark_safe(_render(left)), mark_safe(_render(right)), changed, formatting)


def tracked_html(old: str, new: str) -> SafeString:
    """One rich text as a tracked change from `old` to `new`, as safe HTML: paragraphs,
    lists and emphasis kept, dropped words in <del> followed by added ones in <ins>."""
    a, b = blocks(old), blocks(new)
    entries: list[tuple[Block, str, bool]] = []
    matcher = SequenceMatcher(None, [x.key for x in a], [y.key for y in b], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            entries.extend((y, _formatted(y.tokens), False) for y in b[j1:j2])
            continue
        for x, y in _pairs(a[i1:i2], b[j1:j2]):
            if x and y:
                entries.append((y, _inline_words(x, y), False))
            elif x:
                entries.append((x, _marked("del", x.tokens), False))
            else:
                entries.append((y, _marked("ins", y.tokens), False))
    return mark_safe(_render(entries))


def _inline_words(old: Block, new: Block) -> str:
    """The new block's inner HTML with each change in place: <del> what went, <ins> what
    came (class diff-format where only the formatting differs)."""
    a, b = old.tokens, new.tokens
    if old.key[:2] != new.key[:2] and a == b:
        return _marked("del", a, formatting=True) + _marked("ins", b, formatting=True)
    out = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        old_part, new_part = a[i1:i2], b[j1:j2]
        if op == "equal":
            out.append(_formatted(new_part))
            continue
        same_words = [t for t, _f in old_part] == [t for t, _f in new_part]
        if old_part:
            out.append(_marked("del", old_part, formatting=same_words))
        if new_part:
            out.append(_marked("ins", new_part, formatting=same_words))
    return "".join(out)


def compare_html(old: str, new: str) -> SideBySide:
    """Two rich texts side by side as safe HTML: their paragraphs, lists and emphasis kept,
    changed words marked <del> and <ins> within them; in a changed text, long unchanged
    paragraphs folded (in the reader's language, hence the language in the key)."""
    if not old and not new:
        return SideBySide(mark_safe(""), mark_safe(""), False)
    digest = hashlib.sha256(f"{old}\0{new}".encode()).hexdigest()
    key = f"diff:rich:1:{get_language() or '-'}:{digest}"
    cached = cache.get(key)
    if cached is not None:
        left, right, changed, formatting = cached
        return SideBySide(mark_safe(left), mark_safe(right), changed, formatting)
    result = _rich_same(old) if old == new else _rich_side_by_side(old, new)
    cache.set(
        key,
        (str(result.left), str(result.right), result.changed, result.formatting),
        DIFF_CACHE_SECONDS,
    )
    return result
