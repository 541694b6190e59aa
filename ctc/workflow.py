"""Workflows as data: one table of steps, read by services, page buttons and the API alike.

An app declares its steps (action, from which statuses, to which status, which roles) and a
`Workflow`; its services call `workflow.transition()`, which locks the row, checks the
actor, writes the app's `TransitionRecord` and moves the status, all or nothing.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Step:
    """`action` takes a subject from any of `sources` to `target`, for holders of `roles`."""

    action: str
    sources: tuple[str, ...]
    target: str
    roles: frozenset
    # guard(subject) → whether the step is open now, beyond its status (e.g. a gate passed).
    guard: Callable[[Any], bool] | None = None


@dataclass(frozen=True)
class TransitionResult:
    """What a transition changed."""

    subject: Any
    record: Any
    action: str
    from_status: str
    to_status: str


# within_scope(user, subject, roles the user holds among the step's) → may this user act here?
ScopeCheck = Callable[[Any, Any, frozenset], bool]


class Workflow:
    def __init__(
        self,
        steps: Iterable[Step],
        *,
        record_model: type[models.Model],
        subject_field: str,
        refused: Callable[[Any], str],
        within_scope: ScopeCheck | None = None,
        status_field: str = "status",
        changed_at_field: str | None = "status_changed_at",
        lock_related: tuple[str, ...] = (),
        touch_fields: tuple[str, ...] = (),
    ):
        self.steps = tuple(replace(s, roles=frozenset(s.roles)) for s in steps)
        self.record_model = record_model
        self.subject_field = subject_field
        self.refused = refused
        self.within_scope = within_scope
        self.status_field = status_field
        self.changed_at_field = changed_at_field
        self.lock_related = lock_related
        self.touch_fields = touch_fields
        seen = set()
        for step in self.steps:
            for source in step.sources:
                if (step.action, source) in seen:
                    raise ValueError(f"two steps {step.action!r} leave {source!r}")
                seen.add((step.action, source))

    def actions(self) -> list[str]:
        """Every action of the table, in table order, once."""
        return list(dict.fromkeys(step.action for step in self.steps))

    def step(self, action: str, status: str) -> Step | None:
        """The step `action` takes from `status`, if there is one."""
        for step in self.steps:
            if step.action == action and status in step.sources:
                return step
        return None

    def roles_for(self, action: str) -> frozenset:
        return frozenset().union(*(s.roles for s in self.steps if s.action == action))

    def may_act(self, user, action: str) -> bool:
        """Whether any of the user's roles ever takes this action (whatever the status)."""
        return _active(user) and bool(user.roles & self.roles_for(action))

    def can_take(self, user, subject, action: str) -> bool:
        """Whether the user may take this action on this subject now."""
        step = self.step(action, getattr(subject, self.status_field))
        if step is None or not _active(user):
            return False
        if step.guard is not None and not step.guard(subject):
            return False
        held = frozenset(user.roles & step.roles)
        if not held:
            return False
        return self.within_scope is None or self.within_scope(user, subject, held)

    def available_actions(self, user, subject) -> list[str]:
        return [a for a in self.actions() if self.can_take(user, subject, a)]

    @transaction.atomic
    def transition(
        self, subject, action: str, *, by, comment: str = "", record: dict | None = None
    ) -> TransitionResult:
        """Takes `action` on `subject` for `by`, or raises and changes nothing.

        `record` holds further fields of the transition record (a date, a reference).

        PermissionDenied when the user's roles never take this action; ValidationError when
        the subject's status (or the user's scope) does not allow it now.
        Side effects: the subject row is locked, one transition record is written, the
        status (and the time it changed) saved.
        """
        model = type(subject)
        locked = (
            model.objects.select_for_update().select_related(*self.lock_related).get(pk=subject.pk)
        )
        if not self.may_act(by, action):
            raise PermissionDenied
        if not self.can_take(by, locked, action):
            raise ValidationError(self.refused(locked))
        source = getattr(locked, self.status_field)
        step = self.step(action, source)
        record = self.record_model.objects.create(
            **{self.subject_field: locked},
            action=action,
            from_status=source,
            to_status=step.target,
            comment=comment.strip(),
            by=by,
            **(record or {}),
        )
        setattr(locked, self.status_field, step.target)
        fields = [self.status_field, *self.touch_fields]
        if self.changed_at_field:
            setattr(locked, self.changed_at_field, timezone.now())
            fields.append(self.changed_at_field)
        locked.save(update_fields=fields)
        return TransitionResult(locked, record, action, source, step.target)


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


class TransitionRecord(models.Model):
    """One step of a workflow: who moved the subject, from where to where, and why.

    Concrete subclasses add the foreign key to their subject (and may add `choices`).
    """

    action = models.CharField(_("action"), max_length=24)
    from_status = models.CharField(_("from"), max_length=20)
    to_status = models.CharField(_("to"), max_length=20)
    comment = models.TextField(_("comment"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        abstract = True
