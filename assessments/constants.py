"""Limits shared by forms (input shape) and services (the rule itself)."""

from pathlib import Path

from ctc.files.uploads import TEXT, UploadPolicy

# CTED drafts assessments in English, its working language; only the letter is written in
# the State's language of correspondence.
WORKING_LANGUAGE = "en"
# What was sent to a State is between the Committee and that State (docs_tracker's value).
DOCUMENT_CLASSIFICATION = "restricted"
MAX_FINDING = 20_000
MAX_SOURCES = 4_000
MAX_NOTE = 20_000
MAX_COMMENT = 4_000
MAX_RECOMMENDATIONS = 30
MAX_RECOMMENDATION = 2_000
MAX_REPLY_BYTES = 20 * 1024 * 1024
DOC = "application/msword"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
RTF = "application/rtf"
# A State's reply: each accepted extension with what its content must be.
REPLY_POLICY = UploadPolicy(
    types={
        ".pdf": frozenset({"application/pdf"}),
        ".doc": frozenset({DOC}),
        ".docx": frozenset({DOCX}),
        ".odt": frozenset({ODT}),
        ".rtf": frozenset({RTF, TEXT}),
        ".txt": frozenset({TEXT}),
    },
    max_bytes=MAX_REPLY_BYTES,
)
DATA_DIR = Path(__file__).resolve().parent / "data"
