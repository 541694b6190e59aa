"""The registry of job kinds: what each kind is called and the callable that does the work.

An app registers its kinds in its ``AppConfig.ready()`` (importing the module that holds
them is enough)::

    from django.utils.translation import gettext_lazy as _, gettext_noop
    from ctc.jobs.kinds import JobError, register_job_kind

    @register_job_kind("reports.state_pdf", label=_("PDF report of a member state"))
    def state_pdf(job, report_progress):
        state = MemberState.objects.filter(pk=job.params["state_id"]).first()
        if state is None:
            raise JobError(gettext_noop("The member state no longer exists."))
        report_progress(50, gettext_noop("Rendering page {page}"), page=3)
        ...
        return reverse("reports:detail", args=[report.pk])  # the job's result_url

The callable runs in the worker under ``translation.override(job.language)``. It must be
idempotent: with late acknowledgement a job whose worker died is delivered again and runs
from the start. Stage texts and ``JobError`` messages are message ids (mark them with
``gettext_noop``) plus named parameters; they are translated when shown, in the reader's
language, so a job started in French and watched in Arabic reads in Arabic.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.core.exceptions import ImproperlyConfigured


class ReportProgress(Protocol):
    def __call__(self, percent: int, stage: str | None = None, **params: Any) -> None: ...


# (job, report_progress) -> the URL of the result, or "" when the job has nothing to link to.
JobCallable = Callable[[Any, ReportProgress], str | None]


class JobError(Exception):
    """A failure the user can act on; its message (a msgid) is shown on the job's page."""

    def __init__(self, message: str, **params: Any):
        super().__init__(message)
        self.message = message
        self.params = params


@dataclass(frozen=True)
class JobKind:
    kind: str
    label: str
    run: JobCallable = field(repr=False)


job_kinds: dict[str, JobKind] = {}


def register_job_kind(kind: str, *, label: str) -> Callable[[JobCallable], JobCallable]:
    """Decorator: registers ``run`` as the work of jobs of ``kind`` ("<app>.<noun>")."""

    def decorator(run: JobCallable) -> JobCallable:
        known = job_kinds.get(kind)
        if known is not None and _origin(known.run) != _origin(run):
            raise ImproperlyConfigured(f"Job kind {kind!r} is already registered by {known.run}")
        job_kinds[kind] = JobKind(kind=kind, label=label, run=run)
        return run

    return decorator


def _origin(run: JobCallable) -> tuple[str, str]:
    # Re-importing a module re-registers the same function under a new identity.
    return (getattr(run, "__module__", ""), getattr(run, "__qualname__", repr(run)))
