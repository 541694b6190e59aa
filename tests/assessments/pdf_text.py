"""What a PDF made by WeasyPrint shows, read with the standard library only: the fonts it
embeds and the characters its glyphs stand for (each embedded font's ToUnicode map)."""

import re
import zlib

STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
HEX = re.compile(rb"<([0-9A-Fa-f]+)>")
FONT = re.compile(rb"/(?:BaseFont|FontName)\s*/(?:[A-Z]{6}\+)?([A-Za-z0-9-]+)")


def _streams(pdf: bytes):
    yield pdf
    for match in STREAM.finditer(pdf):
        data = match.group(1)
        try:
            yield zlib.decompress(data)
        except zlib.error:
            yield data


def _utf16(hex_digits: bytes) -> str:
    return bytes.fromhex(hex_digits.decode()).decode("utf-16-be")


def pdf_fonts(pdf: bytes) -> set[str]:
    """The names of the fonts the PDF embeds (subset tags dropped)."""
    return {name.decode() for data in _streams(pdf) for name in FONT.findall(data)}


def pdf_characters(pdf: bytes) -> set[str]:
    """Every character the PDF's glyphs stand for."""
    found = set()
    for data in _streams(pdf):
        if b"begincmap" not in data:
            continue
        for block in BFCHAR.findall(data):
            values = HEX.findall(block)
            for target in values[1::2]:
                found |= set(_utf16(target))
        for block in BFRANGE.findall(data):
            values = HEX.findall(block)
            for start, end, first in zip(values[::3], values[1::3], values[2::3], strict=False):
                base = ord(_utf16(first)[0])
                found |= {chr(base + i) for i in range(int(end, 16) - int(start, 16) + 1)}
    return found
