"""Password validators of settings.AUTH_PASSWORD_VALIDATORS beyond Django's own."""

import gzip
import hashlib
import os
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# SHA-1 of every password of Django's common-passwords list, upper-case hex, sorted; the site
# runs without internet, so breached passwords are checked against files on disk.
BUNDLED_LIST = Path(__file__).resolve().parent / "data" / "breached-passwords.sha1.gz"


@cache
def _bundled_hashes() -> frozenset[str]:
    with gzip.open(BUNDLED_LIST, "rt", encoding="ascii") as lines:
        return frozenset(line.strip() for line in lines if line.strip())


def _sorted_file_has(path: str, digest: str) -> bool:
    """Binary search of a sorted, uncompressed file of "HASH" or "HASH:COUNT" lines (the
    format of Have I Been Pwned's downloadable SHA-1 corpus, ordered by hash), without
    reading it whole: the full corpus is tens of gigabytes."""
    with open(path, "rb") as corpus:
        low, high = 0, os.fstat(corpus.fileno()).st_size
        while low < high:
            middle = (low + high) // 2
            corpus.seek(middle)
            if middle:
                corpus.readline()  # to the start of the next whole line
            line = corpus.readline()
            key = line.split(b":")[0].strip().decode("ascii").upper()
            if not line or key > digest:
                high = middle
            elif key == digest:
                return True
            else:
                low = middle + 1
        corpus.seek(low)
        if low:
            corpus.readline()
        return corpus.readline().split(b":")[0].strip().decode("ascii").upper() == digest


def password_breached(password: str) -> bool:
    """True when the password appears in the bundled list or in the corpus named by the
    setting BREACHED_PASSWORDS_FILE (env CTC_BREACHED_PASSWORDS_FILE)."""
    digest = hashlib.sha1(password.encode("utf-8"), usedforsecurity=False).hexdigest().upper()
    if digest in _bundled_hashes():
        return True
    corpus = getattr(settings, "BREACHED_PASSWORDS_FILE", "")
    return bool(corpus) and _sorted_file_has(corpus, digest)


class BreachedPasswordValidator:
    """Refuses a password known from breaches (the same check in any letter case of
    the bundled list, whose entries are lower-case, like Django's CommonPasswordValidator)."""

    def validate(self, password, user=None):
        if password_breached(password) or password_breached(password.lower().strip()):
            raise ValidationError(
                _(
                    "This password appears in a list of passwords exposed in data breaches. "
                    "Choose another one."
                ),
                code="password_breached",
            )

    def get_help_text(self):
        return _("Your password cannot be one exposed in a known data breach.")
