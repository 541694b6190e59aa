"""Test override: fast hashing, mail to memory, plain static storage, throwaway media."""

import tempfile

from .base import *  # noqa: F403
from .base import STORAGES, env

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# A real worker is another process: tests that need its mail have it written to files.
if env.str("CTC_TEST_EMAIL_FILE_PATH", default=""):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = env.str("CTC_TEST_EMAIL_FILE_PATH")
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests run tasks in-process; the worker test switches this off to use a real worker.
CELERY_TASK_ALWAYS_EAGER = True
# Static files straight from the source folders: no collectstatic before tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Uploaded files of a test run never land in the project's media folder.
MEDIA_ROOT = tempfile.mkdtemp(prefix="ctc-test-media-")
