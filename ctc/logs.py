"""Logging filters named in settings.LOGGING."""

import logging


class RefusalsInOneLine(logging.Filter):
    """django.request logs a refused request (403 for a permission denial, 400, 404) with
    the exception that refused it, so each one wrote a whole traceback: a refusal is the
    site working as meant, and one line ("Forbidden (Permission denied): /path/") says all
    of it. Server errors (5xx) keep their traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
