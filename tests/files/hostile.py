"""A corpus of hostile uploads, each built here as bytes (no binary fixtures), with what the
site must answer: the exact refusal, or SAFE (stored, then served only as an attachment)."""

import io
import zipfile
from dataclasses import dataclass

from ctc.files.inspection import EICAR

SAFE = None
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << >>\n%%EOF\n"
GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 44 + b"PE\x00\x00"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00>\x00"
MACHO = b"\xcf\xfa\xed\xfe\x07\x00\x00\x01\x03\x00\x00\x00"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
XML = b'<?xml version="1.0"?><note><to>CTED</to></note>'
CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="xml" ContentType="application/xml"/></Types>'
)
RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'
)
WORD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>Report of the State</w:t></w:r></w:p></w:body></w:document>"
)
WORKBOOK = b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/x"/>'
ODT_TYPE = b"application/vnd.oasis.opendocument.text"
ODT_CONTENT = b'<?xml version="1.0" encoding="UTF-8"?><office:document-content/>'
MANIFEST = b'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest/>'
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b"]><lolz>&lol9;</lolz>"
)
XXE = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>'


def zip_of(members, *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def docx(*extra, document=WORD, content_types=CONTENT_TYPES) -> bytes:
    base = [
        ("[Content_Types].xml", content_types),
        ("_rels/.rels", RELS),
        ("word/document.xml", document),
    ]
    return zip_of(base + list(extra))


def xlsx(*extra, workbook=WORKBOOK) -> bytes:
    base = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("xl/workbook.xml", workbook),
    ]
    return zip_of(base + list(extra))


def odt(*extra, content=ODT_CONTENT) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", ODT_TYPE, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", MANIFEST)
        for name, data in extra:
            archive.writestr(name, data)
    return buffer.getvalue()


def encrypted(package: bytes) -> bytes:
    """The package with every member flagged as encrypted (general purpose bit 0)."""
    data = bytearray(package)
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        while at != -1:
            data[at + flag_offset] |= 0x1
            at = data.find(signature, at + 4)
    return bytes(data)


@dataclass(frozen=True)
class Hostile:
    id: str
    name: str
    content: bytes
    refusal: str | None  # the exact message, or SAFE
    stored_as: str = ""  # for SAFE: the name the file is kept and offered under


MARKUP = "The file is a web page, an SVG image, XML or a script, which cannot be uploaded."
PROGRAM = "The file is a program, which cannot be uploaded."
EICAR_FOUND = "The file contains the EICAR anti-virus test signature and was refused."
POLYGLOT = "The file hides a second file type inside the first, which cannot be uploaded."
BOMB = "The archive unpacks to far more than its size (a possible zip bomb)."
NESTED = "The archive holds another archive, which cannot be uploaded."
XML_DECL = "The document holds XML declarations (DOCTYPE or ENTITY), which are not accepted."
MACROS = "The document contains macros, which cannot be uploaded."
DAMAGED = "The archive is damaged or encrypted."
EMPTY = "The file is empty."
TYPES = "Accepted file types: .docx, .odt, .pdf, .txt, .xlsx."
NO_NAME = "The file name has no usable characters; rename the file and try again."
ENTRIES = "The archive holds more than 2000 files."
UNPACKED = "The archive unpacks to more than 5.0\xa0MB."
TOO_LARGE = "The file is larger than 1.0\xa0MB."


def mismatch(extension: str) -> str:
    return f"The file's content does not match its extension {extension}."


def unsafe_path(name: str) -> str:
    return f"The archive holds a file with an unsafe path: {name}."


# Built when the tests are collected: a few megabytes in all, in well under a second.
ZEROS = b"\x00" * (4 * 1024 * 1024)
CORPUS = [
    # Disguised types: markup and scripts under a document's name.
    Hostile("html-as-pdf", "report.pdf", HTML, MARKUP),
    Hostile("html-bom-space-as-txt", "notes.txt", b"\xef\xbb\xbf \n\t" + HTML, MARKUP),
    Hostile("html-as-docx", "report.docx", b"<!doctype HTML>\n<p>hi</p>", MARKUP),
    Hostile("svg-as-pdf", "chart.pdf", SVG, MARKUP),
    Hostile("svg-with-prolog-as-txt", "chart.txt", b"<?xml version='1.0'?>" + SVG, MARKUP),
    Hostile("xml-as-txt", "data.txt", XML, MARKUP),
    Hostile("script-tag-as-txt", "notes.txt", b"  <SCRIPT>alert(1)</SCRIPT>", MARKUP),
    Hostile(
        "utf16-html-as-txt",
        "notes.txt",
        "\ufeff<html><script>x</script>".encode("utf-16-le"),
        MARKUP,
    ),
    Hostile("html-comment-as-odt", "letter.odt", b"<!-- x --><html></html>", MARKUP),
    Hostile("js-as-pdf", "report.pdf", b"alert(document.domain);", mismatch(".pdf")),
    Hostile(
        "js-as-txt",
        "script.txt",
        b"fetch('/api/v1/me/tokens/').then(r => r.json())",
        SAFE,
        "script.txt",
    ),
    # Programs renamed.
    Hostile("exe-as-pdf", "report.pdf", EXE, PROGRAM),
    Hostile("elf-as-txt", "notes.txt", ELF, PROGRAM),
    Hostile("shebang-as-txt", "run.txt", b"#!/bin/sh\nrm -rf /\n", PROGRAM),
    Hostile("macho-as-docx", "report.docx", MACHO, PROGRAM),
    Hostile("double-extension-exe", "report.pdf.exe", EXE, TYPES),
    Hostile("double-extension-pdf", "report.exe.pdf", PDF, SAFE, "report_exe.pdf"),
    Hostile("exe-in-docx", "report.docx", docx(("word/embeddings/oleObject1.bin", EXE)), PROGRAM),
    # EICAR anywhere.
    Hostile("eicar-txt", "eicar.txt", EICAR, EICAR_FOUND),
    Hostile("eicar-in-pdf", "report.pdf", PDF + EICAR + b"\n", EICAR_FOUND),
    Hostile("eicar-in-docx-part", "report.docx", docx(("word/media/x.txt", EICAR)), EICAR_FOUND),
    # Polyglots.
    Hostile(
        "gifar-as-pdf", "report.pdf", GIF + zip_of([("a.class", b"\xca\xfe\xba\xbe")]), POLYGLOT
    ),
    Hostile("pdf-plus-zip", "report.pdf", PDF + zip_of([("payload.html", HTML)]), POLYGLOT),
    Hostile(
        "pdf-plus-html",
        "report.pdf",
        b"%PDF-1.4\n<html><script>alert(1)</script>\n" + PDF,
        POLYGLOT,
    ),
    Hostile("html-prologue-then-pdf", "report.pdf", b"<html><!--\n" + PDF, MARKUP),
    Hostile("gif-as-pdf", "report.pdf", GIF, mismatch(".pdf")),
    # Empty and oversized.
    Hostile("empty-pdf", "report.pdf", b"", EMPTY),
    Hostile("empty-txt", "notes.txt", b"", EMPTY),
    Hostile("oversized-txt", "notes.txt", b"a" * (1024 * 1024 + 1), TOO_LARGE),
    # Zip bombs.
    Hostile("zip-bomb-ratio", "report.docx", docx(("word/media/image1.png", ZEROS)), BOMB),
    Hostile(
        "zip-bomb-entries",
        "book.xlsx",
        xlsx(*((f"xl/m/{i}.xml", b"") for i in range(2001))),
        ENTRIES,
    ),
    Hostile(
        "zip-bomb-unpacked",
        "book.xlsx",
        xlsx(*((f"xl/media/{i}.bin", ZEROS) for i in range(2))),
        UNPACKED,
    ),
    Hostile(
        "nested-zip", "report.docx", docx(("word/inner.zip", zip_of([("a.txt", b"a")]))), NESTED
    ),
    Hostile(
        "nested-zip-disguised",
        "report.docx",
        docx(("word/media/image1.png", zip_of([("a", ZEROS)]))),
        NESTED,
    ),
    Hostile(
        "nested-in-embedded-package",
        "report.docx",
        docx(("word/embeddings/Sheet.xlsx", xlsx(("xl/deep.zip", zip_of([("a", b"a")]))))),
        NESTED,
    ),
    # Paths inside archives.
    Hostile(
        "zip-slip",
        "report.docx",
        docx(("../../etc/cron.d/evil", b"x")),
        unsafe_path("../../etc/cron.d/evil"),
    ),
    Hostile("zip-absolute", "letter.odt", odt(("/etc/passwd", b"x")), unsafe_path("/etc/passwd")),
    Hostile(
        "zip-windows-path",
        "book.xlsx",
        xlsx(("..\\..\\evil.bat", b"x")),
        unsafe_path("..\\..\\evil.bat"),
    ),
    # XML bombs and external entities in office parts.
    Hostile("billion-laughs-docx", "report.docx", docx(document=LAUGHS), XML_DECL),
    Hostile("xxe-docx-content-types", "report.docx", docx(content_types=XXE), XML_DECL),
    Hostile(
        "xxe-docx-utf16", "report.docx", docx(document=XXE.decode().encode("utf-16-le")), XML_DECL
    ),
    Hostile("billion-laughs-xlsx", "book.xlsx", xlsx(workbook=LAUGHS), XML_DECL),
    Hostile("xxe-odt", "letter.odt", odt(content=XXE), XML_DECL),
    # Macros and wrong packages.
    Hostile(
        "docm-as-docx", "report.docx", docx(("word/vbaProject.bin", b"\xd0\xcf\x11\xe0")), MACROS
    ),
    Hostile("odt-basic-macro", "letter.odt", odt(("Basic/Standard/Module1.xml", b"<x/>")), MACROS),
    Hostile("plain-zip-as-docx", "report.docx", zip_of([("a.txt", b"hello")]), mismatch(".docx")),
    Hostile("docx-as-xlsx", "book.xlsx", docx(), mismatch(".xlsx")),
    Hostile("encrypted-member", "report.docx", encrypted(docx()), DAMAGED),
    Hostile("truncated-docx", "report.docx", docx()[:200], DAMAGED),
    # Text that is not UTF-8 text.
    Hostile("latin1-txt", "notes.txt", "Résumé des réponses".encode("latin-1"), mismatch(".txt")),
    Hostile("nul-in-txt", "notes.txt", b"plain\x00text", mismatch(".txt")),
    # Hostile names.
    Hostile("only-dots", "....", PDF, NO_NAME),
    Hostile("dots-and-spaces", ". . .", PDF, NO_NAME),
    Hostile("bidi-controls-only", "\u202e\u200b\u2066", PDF, NO_NAME),
    Hostile("traversal-name", "../../etc/passwd.pdf", PDF, SAFE, "passwd.pdf"),
    Hostile("absolute-name", "/etc/report.pdf", PDF, SAFE, "report.pdf"),
    Hostile("windows-path-name", "C:\\Users\\cted\\report.pdf", PDF, SAFE, "report.pdf"),
    Hostile("nul-in-name", "report\x00.exe.pdf", PDF, SAFE, "report_exe.pdf"),
    Hostile("rtl-override-exe", "invoice\u202efdp.exe", EXE, TYPES),
    Hostile("rtl-override-pdf", "invoice\u202etxt.pdf", PDF, SAFE, "invoicetxt.pdf"),
    Hostile("bidi-isolates", "\u2067تقرير\u2069\u200f.pdf", PDF, SAFE, "تقرير.pdf"),
    Hostile("control-chars", "re\x1bport\r\n.txt", b"plain", SAFE, "report.txt"),
    Hostile("windows-reserved", "CON.pdf", PDF, SAFE, "CON_.pdf"),
    Hostile("windows-reserved-lpt", "lpt1.txt", b"plain", SAFE, "lpt1_.txt"),
    Hostile("hidden-dotfile", ".htaccess.txt", b"plain", SAFE, "htaccess.txt"),
    Hostile("long-arabic-name", "تقرير" * 60 + ".pdf", PDF, SAFE, ("تقرير" * 60)[:196] + ".pdf"),
    Hostile(
        "long-chinese-name",
        "年度报告" * 70 + ".docx",
        docx(),
        SAFE,
        ("年度报告" * 70)[:195] + ".docx",
    ),
    # Controls: well-formed documents of each type are kept.
    Hostile("good-odt", "الرد.odt", odt(), SAFE, "الرد.odt"),
    Hostile("good-xlsx", "数据.xlsx", xlsx(), SAFE, "数据.xlsx"),
    Hostile(
        "docx-with-chart-workbook",
        "report.docx",
        docx(("word/embeddings/Sheet1.xlsx", xlsx())),
        SAFE,
        "report.docx",
    ),
]
