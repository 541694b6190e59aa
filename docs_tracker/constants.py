"""Limits shared by forms (input shape) and services (the rule itself)."""

from ctc.files.uploads import TEXT, UploadPolicy

MAX_TITLE = 300
MAX_REASON = 2_000
MAX_REPORT_SYMBOL = 40  # ctc.states.StateReport.document_symbol
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
DOC = "application/msword"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
RTF = "application/rtf"
# A document's language version: each accepted extension with what its content must be.
DOCUMENT_POLICY = UploadPolicy(
    types={
        ".pdf": frozenset({"application/pdf"}),
        ".doc": frozenset({DOC}),
        ".docx": frozenset({DOCX}),
        ".odt": frozenset({ODT}),
        ".rtf": frozenset({RTF, TEXT}),
        ".txt": frozenset({TEXT}),
    },
    max_bytes=MAX_DOCUMENT_BYTES,
)
