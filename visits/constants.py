"""Limits of visits' inputs, shared by forms and services."""

# --- report ---
# A section of a visit report, as sanitised rich text.
MAX_REPORT_SECTION = 100_000
# A suggestion's note, a rejection's reason, a transition's comment.
MAX_REPORT_COMMENT = 4000
# The document area's classification of a transmitted report.
REPORT_CLASSIFICATION = "restricted"
REPORT_DOCUMENT_KIND = "visit_report"
