"""What an uploaded file really is, judged by its bytes only (never by its name or the
browser's content type), and the hostile shapes refused whatever it claims to be.

Nothing here parses XML or unpacks to disk: office packages are read member by member through
`zipfile`, bounded by the sizes their central directory declares, and scanned as bytes.
"""

import codecs
import io
import re
import zipfile

import filetype
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

PDF = "application/pdf"
TEXT = "text/plain"
ZIP = "application/zip"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ODP = "application/vnd.oasis.opendocument.presentation"
UNKNOWN = "application/octet-stream"

CHUNK = 1024 * 1024
HEADER_BYTES = 8192
# Split in two so that this source file is not itself taken for the test signature.
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$" + b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# What a browser would take for a page, an image with script, or a document to parse.
MARKUP_STARTS = (
    b"<!doctype",
    b"<html",
    b"<head",
    b"<body",
    b"<script",
    b"<iframe",
    b"<svg",
    b"<?xml",
    b"<!--",
    b"<xml",
)
# Markup anywhere in a PDF's first kilobyte: what a sniffing browser reads it as.
MARKUP_INSIDE = (b"<html", b"<script", b"<!doctype", b"<body", b"<iframe", b"<svg")
PROGRAM_MAGIC = (
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
    b"#!",
)
ARCHIVE_MAGIC = (
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"Rar!",
    b"7z\xbc\xaf\x27\x1c",
    b"\x1f\x8b",
    b"BZh",
    b"\xfd7zXZ\x00",
    b"MSCF",
)
ARCHIVE_SUFFIXES = (".zip", ".jar", ".rar", ".7z", ".gz", ".tgz", ".bz2", ".xz", ".tar", ".cab")
# A chart in a Word document carries its spreadsheet as a package: checked like the outer one.
EMBEDDED_PACKAGE = re.compile(r"^(word|xl|ppt)/embeddings/[^/]+\.(docx|xlsx|pptx)$")
XML_DECLARATIONS = tuple(
    marker.encode(encoding)
    for marker in ("<!doctype", "<!entity")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)
ODF_TYPES = {ODT.encode(), ODS.encode(), ODP.encode()}
OOXML_MAIN_PARTS = {
    "word/document.xml": DOCX,
    "xl/workbook.xml": XLSX,
    "ppt/presentation.xml": PPTX,
}


class Refused(Exception):
    """The file is refused; `message` says why in the user's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def zip_limits() -> tuple[int, int, int]:
    return (
        settings.CTC_ZIP_MAX_ENTRIES,
        settings.CTC_ZIP_MAX_UNCOMPRESSED_BYTES,
        settings.CTC_ZIP_MAX_RATIO,
    )


def content_type(spool, size: int) -> str:
    """The content type of the whole file in `spool` (positioned anywhere), or Refused."""
    spool.seek(0)
    header = spool.read(HEADER_BYTES)
    _scan(_chunks(spool), needles=(EICAR,), refusal=_eicar)
    stripped = _without_bom_and_space(header)
    if stripped.lower().startswith(MARKUP_STARTS):
        raise Refused(_markup())
    if header.startswith(PROGRAM_MAGIC) or (header.startswith(b"MZ") and b"\x00" in header):
        raise Refused(_program())
    if header.startswith(b"PK\x03\x04"):
        return _package(spool, size)
    if _holds_a_zip(spool):
        raise Refused(_polyglot())
    if header.startswith(b"%PDF-"):
        if any(marker in header[:1024].lower() for marker in MARKUP_INSIDE):
            raise Refused(_polyglot())
        return PDF
    if header.startswith(b"{\\rtf"):
        return "application/rtf"
    kind = filetype.guess(header)
    if kind is not None:
        return kind.mime
    return TEXT if _is_text(spool) else UNKNOWN


def _chunks(handle):
    handle.seek(0)
    yield from iter(lambda: handle.read(CHUNK), b"")


def _scan(chunks, *, needles, refusal):
    """Raises refusal() if any needle (lower-case bytes) occurs, across chunk boundaries too."""
    overlap = max(len(needle) for needle in needles) - 1
    tail = b""
    for chunk in chunks:
        window = (tail + chunk).lower()
        if any(needle.lower() in window for needle in needles):
            raise Refused(refusal())
        tail = window[-overlap:]


def _without_bom_and_space(header: bytes) -> bytes:
    for bom in BOMS:
        if header.startswith(bom):
            if bom != codecs.BOM_UTF8:
                encoding = "utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be"
                text = header[len(bom) : len(bom) + 1024].decode(encoding, "ignore")
                return text.lstrip().encode("utf-8", "ignore")
            header = header[len(bom) :]
            break
    return header.lstrip(b" \t\r\n\x0b\x0c")


def _is_text(spool) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for chunk in _chunks(spool):
            if b"\x00" in chunk:
                return False
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _holds_a_zip(spool) -> bool:
    """A ZIP's central directory at the end of a file of another type (GIFAR, PDF+ZIP)."""
    spool.seek(0)
    try:
        with zipfile.ZipFile(spool) as archive:
            return bool(archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


def _package(spool, size: int) -> str:
    """A ZIP-based file: checked member by member, then named by its structure."""
    spool.seek(0)
    try:
        with zipfile.ZipFile(spool) as archive:
            budget = {"entries": 0, "bytes": 0}
            _check_archive(archive, size, depth=0, budget=budget)
            return _package_type(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError):
        raise Refused(_damaged()) from None


def _check_archive(archive: zipfile.ZipFile, size: int, *, depth: int, budget: dict) -> None:
    max_entries, max_bytes, max_ratio = zip_limits()
    members = archive.infolist()
    budget["entries"] += len(members)
    budget["bytes"] += sum(member.file_size for member in members)
    if budget["entries"] > max_entries:
        raise Refused(_("The archive holds more than {count} files.").format(count=max_entries))
    if budget["bytes"] > max_bytes:
        raise Refused(
            _("The archive unpacks to more than {size}.").format(size=filesizeformat(max_bytes))
        )
    total = sum(member.file_size for member in members)
    if total > CHUNK and total > max_ratio * max(size, 1):
        raise Refused(_bomb())
    for member in members:
        _check_member_name(member.filename)
        if member.flag_bits & 0x1:
            raise Refused(_damaged())
        if member.file_size > CHUNK and member.file_size > max_ratio * max(member.compress_size, 1):
            raise Refused(_bomb())
    for member in members:
        if member.is_dir():
            continue
        with archive.open(member) as handle:
            first = handle.read(HEADER_BYTES)
            nested = member.filename.lower().endswith(ARCHIVE_SUFFIXES) or first.startswith(
                ARCHIVE_MAGIC
            )
            if nested:
                if depth == 0 and EMBEDDED_PACKAGE.match(member.filename):
                    handle.seek(0)
                    _check_embedded(handle.read(), depth=depth, budget=budget)
                    continue
                raise Refused(_("The archive holds another archive, which cannot be uploaded."))
            if first.startswith(PROGRAM_MAGIC) or first.startswith(b"MZ"):
                raise Refused(_program())
            rest = iter(lambda: handle.read(CHUNK), b"")
            _scan(_prepend(first, rest), needles=(EICAR,), refusal=_eicar)
            handle.seek(0)
            _scan(iter(lambda: handle.read(CHUNK), b""), needles=XML_DECLARATIONS, refusal=_xml)


def _prepend(first, rest):
    yield first
    yield from rest


def _check_embedded(data: bytes, *, depth: int, budget: dict) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as inner:
            _check_archive(inner, len(data), depth=depth + 1, budget=budget)
    except zipfile.BadZipFile:
        raise Refused(_damaged()) from None


def _check_member_name(name: str) -> None:
    parts = name.replace("\\", "/").split("/")
    unsafe = (
        name.startswith(("/", "\\"))
        or re.match(r"^[A-Za-z]:", name)
        or ".." in parts
        or "\\" in name
        or any(ord(char) < 32 for char in name)
    )
    if unsafe:
        shown = "".join(char for char in name if ord(char) >= 32)[:80]
        raise Refused(_("The archive holds a file with an unsafe path: {name}.").format(name=shown))


def _package_type(archive: zipfile.ZipFile) -> str:
    names = set(archive.namelist())
    if "mimetype" in names:
        declared = archive.read("mimetype").strip()
        if any(name.startswith(("Basic/", "Scripts/")) for name in names):
            raise Refused(_macros())
        if declared in ODF_TYPES and {"content.xml", "META-INF/manifest.xml"} <= names:
            return declared.decode()
        return ZIP
    if {"[Content_Types].xml", "_rels/.rels"} <= names:
        if any(name.lower().endswith("vbaproject.bin") for name in names) or (
            b"macroenabled" in archive.read("[Content_Types].xml").lower()
        ):
            raise Refused(_macros())
        for part, kind in OOXML_MAIN_PARTS.items():
            if part in names:
                return kind
    return ZIP


def _eicar() -> str:
    return _("The file contains the EICAR anti-virus test signature and was refused.")


def _markup() -> str:
    return _("The file is a web page, an SVG image, XML or a script, which cannot be uploaded.")


def _program() -> str:
    return _("The file is a program, which cannot be uploaded.")


def _polyglot() -> str:
    return _("The file hides a second file type inside the first, which cannot be uploaded.")


def _bomb() -> str:
    return _("The archive unpacks to far more than its size (a possible zip bomb).")


def _xml() -> str:
    return _("The document holds XML declarations (DOCTYPE or ENTITY), which are not accepted.")


def _macros() -> str:
    return _("The document contains macros, which cannot be uploaded.")


def _damaged() -> str:
    return _("The archive is damaged or encrypted.")
