"""Writes of the work programme, events and budget: one service per change, each atomic,
validating in the user's language and changing nothing when it refuses."""

import datetime
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ctc import reference

from .models import Contribution, Event, FundedActivity, ProgrammeItem, ProgrammeLink
from .permissions import ITEM_WORKFLOW, can_edit

DATA_DIR = Path(__file__).resolve().parent / "data"
ITEM_TEXT = ("title", "summary")


def _editor(by) -> None:
    if not can_edit(by):
        raise PermissionDenied


def programme_load(path: Path = DATA_DIR / "work_programme_2012.json") -> int:
    """Creates the programme items of the data file, one per paragraph, and brings their
    six-language titles and summaries up to date; returns how many items the file holds.

    Status, owner, deadline and the public flag of an existing item are the staff's (set
    through the pages): a second load leaves them as they are.
    Side effects: one history record per item created or whose text changed.
    """
    rows = reference.read(path)["items"]
    for position, row in enumerate(rows, start=1):
        text = {
            **reference.translated("title", row["title"]),
            **reference.translated("summary", row["summary"]),
        }
        item = ProgrammeItem.objects.filter(ref=row["ref"]).first()
        if item is None:
            deadline = row.get("deadline")
            ProgrammeItem.objects.create(
                ref=row["ref"],
                position=position,
                body=row["body"],
                owner=row["owner"],
                deadline=datetime.date.fromisoformat(deadline) if deadline else None,
                **text,
            )
        elif any(getattr(item, k) != v for k, v in text.items()) or item.position != position:
            for key, value in text.items():
                setattr(item, key, value)
            item.position = position
            item.save()
    return len(rows)


def item_status_change(*, item: ProgrammeItem, action: str, by, comment: str = ""):
    """Moves an item's status by one step of permissions.ITEM_WORKFLOW.

    Side effects: the item row locked, one ItemTransition written (who, when, from, to,
    comment), the status and its time saved, one history record.
    Raises PermissionDenied for a person who may not change items, ValidationError when the
    step is not open from the item's status.
    """
    if action not in ITEM_WORKFLOW.actions():
        raise ValidationError(_("Unknown change."))
    return ITEM_WORKFLOW.transition(item, action, by=by, comment=comment)


@transaction.atomic
def item_update(*, item: ProgrammeItem, by, owner: str, deadline, is_public: bool) -> ProgrammeItem:
    """Changes who owns an item, its deadline and whether the public site shows it.

    Side effects: one history record when anything changed.
    """
    _editor(by)
    item = ProgrammeItem.objects.select_for_update().get(pk=item.pk)
    values = {"owner": owner, "deadline": deadline, "is_public": is_public}
    if any(getattr(item, k) != v for k, v in values.items()):
        for key, value in values.items():
            setattr(item, key, value)
        item.save()
    return item


def _clean_url(url: str) -> str:
    url = (url or "").strip()
    if not (url.startswith("/") and not url.startswith("//")) and not url.startswith(
        ("https://", "http://")
    ):
        raise ValidationError(
            {"url": _("Give a page of this site (starting with /) or an http(s) address.")}
        )
    return url


@transaction.atomic
def link_add(*, by, label: str, url: str, item=None, event=None) -> ProgrammeLink:
    """Adds a link to the work that delivers an item, or to a document of an event.

    Side effects: one ProgrammeLink.
    """
    _editor(by)
    if (item is None) == (event is None):
        raise ValueError("a link belongs to one item or one event")
    label = (label or "").strip()
    if not label:
        raise ValidationError({"label": _("Give the link a label.")})
    return ProgrammeLink.objects.create(
        item=item, event=event, label=label, url=_clean_url(url), added_by=by
    )


@transaction.atomic
def link_remove(*, link: ProgrammeLink, by) -> None:
    """Removes a link. Side effects: the link deleted."""
    _editor(by)
    link.delete()


@transaction.atomic
def event_save(*, by, event: Event | None = None, **values) -> Event:
    """Creates an event, or changes one (`event`); `values` are the form's fields, the
    title and description in every language.

    Side effects: one history record.
    """
    _editor(by)
    event = event or Event()
    for key, value in values.items():
        setattr(event, key, value)
    event.full_clean()
    event.save()
    return event


def _money(value, field: str, *, positive: bool) -> Decimal:
    if value is None or value < 0 or (positive and value == 0):
        message = (
            _("Give an amount above zero.") if positive else _("Give an amount of zero or more.")
        )
        raise ValidationError({field: message})
    return value


@transaction.atomic
def activity_create(
    *, by, title: str, estimated_cost: Decimal, item=None, event=None
) -> FundedActivity:
    """Marks an activity as needing extrabudgetary funding, with its estimated cost.

    Side effects: one FundedActivity, one history record.
    """
    _editor(by)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the activity a title.")})
    return FundedActivity.objects.create(
        title=title,
        estimated_cost=_money(estimated_cost, "estimated_cost", positive=False),
        item=item,
        event=event,
        created_by=by,
    )


@transaction.atomic
def contribution_record(
    *, by, donor: str, amount: Decimal, received_on, activity: FundedActivity | None = None
) -> Contribution:
    """Records a contribution to the CTED trust fund, earmarked for an activity or not.

    Side effects: one Contribution, one history record; the activity's funded amount and
    status follow from it (computed, never stored).
    """
    _editor(by)
    donor = (donor or "").strip()
    if not donor:
        raise ValidationError({"donor": _("Name the donor.")})
    if activity is not None and not FundedActivity.objects.filter(pk=activity.pk).exists():
        raise ValidationError({"activity": _("No such activity.")})
    return Contribution.objects.create(
        donor=donor,
        amount=_money(amount, "amount", positive=True),
        received_on=received_on,
        activity=activity,
        created_by=by,
    )
