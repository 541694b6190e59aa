"""Limits shared by forms (input shape) and services (the rule itself)."""

# A document's language version: the site's document policy (types checked by content,
# office packages by structure; ctc/files/inspection.py).
from ctc.files.uploads import DOCUMENT_POLICY

__all__ = ["DOCUMENT_POLICY", "MAX_REASON", "MAX_REPORT_SYMBOL", "MAX_TITLE"]

MAX_TITLE = 300
MAX_REASON = 2_000
MAX_REPORT_SYMBOL = 40  # ctc.states.StateReport.document_symbol
