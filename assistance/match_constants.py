"""Limits of the match lifecycle's texts, shared by its services and forms."""

MAX_COMMENT = 2000
MAX_OUTCOME = 5000
