"""The task pattern every app's ``tasks.py`` follows (pretix's TransactionAwareTask idea).

A task is thin: it takes primitive ids, fetches its object, and calls ONE service under
the requester's language::

    # docs_tracker/tasks.py
    from ctc.tasks import object_task

    from . import services

    @object_task(name="docs_tracker.rotation_notify_task", model="docs_tracker.CredentialRotation")
    def rotation_notify_task(rotation):
        services.rotation_notify(rotation=rotation)

and a service enqueues it after its transaction commits::

    from ctc.tasks import enqueue

    enqueue(tasks.rotation_notify_task, rotation.pk, language=by.preferred_language)

Contract of every task (the worker acknowledges late, so a message can be delivered twice):

- it is **idempotent**: running it again for the same arguments does no second harm
  (check state first, write with conditions, send a mail once per recorded row);
- its object may have been deleted since it was enqueued: the task logs that and returns;
- it takes ids and other JSON values only, never model instances.
"""

import logging
import re
from collections.abc import Callable
from typing import Any

from celery import shared_task
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

logger = logging.getLogger(__name__)

TASK_NAME = re.compile(r"[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*_task")


def enqueue(task, *args: Any, **kwargs: Any) -> None:
    """Sends ``task`` once the current transaction commits; never for a rolled-back one.

    Outside a transaction it is sent at once. Without a broker (eager mode) the task runs
    in-process at that moment, still after the commit.
    """
    task.delay_on_commit(*args, **kwargs)


def object_task(*, name: str, model: str, **options: Any) -> Callable:
    """Decorator making ``func(obj, *args, **kwargs)`` a Celery task taking the object's id.

    The task is ``task(object_id, *args, language=None, **kwargs)``: it fetches the
    ``model`` ("app_label.ModelName") row by primary key, returns None (logged) when the
    row no longer exists, and calls ``func`` under ``translation.override(language or
    settings.LANGUAGE_CODE)``. ``name`` is explicit, "<app>.<noun>_<verb>_task", so
    renaming a module never orphans queued messages. ``options`` go to ``shared_task``.
    """
    if not TASK_NAME.fullmatch(name):
        raise ImproperlyConfigured(f"Task name {name!r} is not '<app>.<noun>_<verb>_task'")

    def decorator(func: Callable) -> Callable:
        def run(object_id, *args: Any, language: str | None = None, **kwargs: Any):
            model_class = apps.get_model(model)
            obj = model_class._default_manager.filter(pk=object_id).first()
            if obj is None:
                logger.info("%s: %s %s no longer exists; nothing to do", name, model, object_id)
                return None
            with translation.override(language or settings.LANGUAGE_CODE):
                return func(obj, *args, **kwargs)

        # Not functools.wraps: Celery checks call arguments against the signature, and
        # __wrapped__ would make it check func's (obj, ...) instead of run's.
        run.__module__ = func.__module__
        run.__name__ = run.__qualname__ = func.__name__
        run.__doc__ = func.__doc__
        return shared_task(name=name, **options)(run)

    return decorator
