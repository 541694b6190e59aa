from django.db import models
from django.utils.translation import pgettext_lazy


class JobStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("job status", "Queued")
    RUNNING = "running", pgettext_lazy("job status", "Running")
    DONE = "done", pgettext_lazy("job status", "Done")
    FAILED = "failed", pgettext_lazy("job status", "Failed")


ACTIVE_STATUSES = frozenset({JobStatus.QUEUED, JobStatus.RUNNING})
FINISHED_STATUSES = frozenset({JobStatus.DONE, JobStatus.FAILED})
