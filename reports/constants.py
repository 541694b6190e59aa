"""Limits and names of the reports, shared by forms, kinds and services."""

import re

# A half-year of CTED's reporting to the Committee: "2012H1" (January–June) or "2012H2".
PERIOD_PATTERN = re.compile(r"^(?P<year>(19|20)\d\d)H(?P<half>[12])$")
# The one job kind (ctc.jobs) that generates every report.
GENERATE_JOB = "reports.generate"
# The interim review of CTED (C-12, E-7) is due on this day.
INTERIM_REVIEW_DUE = (2012, 6, 30)
# How many past runs the reports page lists.
RUNS_LISTED = 20
# The kinds addressed to the Committee, whose runs its members see (read-only).
COMMITTEE_KINDS = ("semi_annual", "interim_review", "global_survey")
# Which copy of a State's document: the Committee's adds the internal cover note.
COPY_COMMITTEE = "committee"
COPY_STATE = "state"
