"""What the document area adds to a State's timeline: the documents made available to the
State and when it acknowledged them (tracking is CTED's: receipt_scope), and the documents
the State submitted (its reports and replies, as far as permissions.scope shows them).
Reads only, two queries."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ctc.registry import TimelineEntry

from . import permissions
from .models import Document, Receipt


def timeline_entries(state, user) -> list[TimelineEntry]:
    visible = permissions.scope(Document.objects.all(), user)
    receipts = (
        permissions.receipt_scope(Receipt.objects.filter(state=state), user)
        .filter(document__in=visible)
        .select_related("document")
        .order_by("-made_available_at", "-pk")
    )
    entries = []
    for receipt in receipts:
        document = receipt.document
        url = reverse("docs:detail", kwargs={"pk": document.pk})
        if receipt.acknowledged_at is not None:
            entries.append(
                TimelineEntry(
                    date=timezone.localdate(receipt.acknowledged_at),
                    at=receipt.acknowledged_at,
                    kind="documents",
                    title=_("Document acknowledged: {document}").format(document=document),
                    url=url,
                )
            )
        entries.append(
            TimelineEntry(
                date=timezone.localdate(receipt.made_available_at),
                at=receipt.made_available_at,
                kind="documents",
                title=_("Document sent: {document}").format(document=document),
                url=url,
                detail=_("Not yet acknowledged") if receipt.acknowledged_at is None else "",
            )
        )
    submitted = visible.filter(submitted_by_state=state).order_by("-created_at", "-pk")
    for document in submitted:
        entries.append(
            TimelineEntry(
                date=timezone.localdate(document.created_at),
                at=document.created_at,
                kind="documents",
                title=_("Document received from the State: {document}").format(document=document),
                url=reverse("docs:detail", kwargs={"pk": document.pk}),
            )
        )
    return entries
